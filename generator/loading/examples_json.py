"""`examples-json`: a JSON list of operations extracted from an OpenAPI document.

The capture looks like JSON but need not parse: a filter that deleted everything from a
`<` to a later `>` can cut a string in one operation and resume inside a later one,
merging the two. So the file is never parsed whole. It is cut before every
`{ "operationId":` (text that cannot occur inside a JSON string, whose quotes are
escaped) and each piece is parsed alone. A piece that does not parse is read field by
field up to where its structure breaks: the operation it starts keeps the fields read,
its cut string truncated, and the text after the break (the tail of an operation whose
head was lost) is parsed by re-opening the brackets it closes.

A headless operation without method and path goes to `x-sdkgen-unplaced`, where an
overlay can supply what the capture lost. The capture has no responses and none of the
schemas it references: each operation answers any JSON, each schema is an open object.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostics, SpecError
from generator.loading.overlay import METHOD_KEY, PATH_KEY, UNPLACED
from generator.loading.reader import read_text
from generator.openapi import HTTP_METHODS

# The order the capture writes an operation's fields in: the fields before the first
# survivor of a headless operation are the ones its lost head held.
FIELD_ORDER = (
    "operationId",
    "method",
    "path",
    "summary",
    "tags",
    "parameters",
    "description",
    "requestBody",
)
_OPENAPI_KEYS = ("callbacks", "deprecated", "externalDocs", "responses", "security", "servers")
_OPERATION_KEYS = frozenset((*FIELD_ORDER, *_OPENAPI_KEYS))
_OPERATION_START = re.compile(r'\{\s*"operationId"\s*:')
_DOCUMENT_END = re.compile(r"\]\s*\}\s*\Z")
_BETWEEN_OPERATIONS = re.compile(r"\s*,?\s*")
_KEY = re.compile(r'\s*("(?:[^"\\]|\\.)*")\s*:\s*')
_SEPARATOR = re.compile(r"\s*([,}])")
_SCHEMA_REF = "#/components/schemas/"
# Stands for the key of a container whose key was lost with the text before it.
_LOST_KEY = "\x00lost"
# The shortest text that, ending the cut string and also found in the tail, is taken as
# the lost operation's own text (FastAPI repeats a parameter's description in its schema).
_MIN_OVERLAP = 12
_QUOTE_LENGTH = 60


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    if len(set(keys)) < len(keys):
        raise ValueError("a key appears twice")
    return dict(pairs)


_DECODER = json.JSONDecoder()
# A key repeated in an object is another operation's text merged into it.
_STRICT_DECODER = json.JSONDecoder(object_pairs_hook=_unique_keys)


@dataclass(frozen=True)
class _Capture:
    """The capture's name and text; turns offsets into `file:line:column`."""

    name: str
    text: str

    def at(self, offset: int) -> str:
        line = self.text.count("\n", 0, offset) + 1
        column = offset - (self.text.rfind("\n", 0, offset) + 1) + 1
        return f"{self.name}:{line}:{column}"


@dataclass(frozen=True)
class _Field:
    key: str
    value: Any
    start: int
    """Offset of the value's first character."""


@dataclass(frozen=True)
class _Operation:
    fields: dict[str, Any]
    offset: int
    headless: bool = False


@dataclass(frozen=True)
class _Tail:
    """The text after a cut, parsed: the outermost object it closes, and how deep the cut was."""

    root: Any
    offset: int
    closers: str


def load(source: Path, options: Mapping[str, Any], diagnostics: Diagnostics) -> dict[str, Any]:
    if options:
        raise SpecError(source.name, f"examples-json takes no options (got {sorted(options)})")
    capture = _Capture(source.name, read_text(source))
    starts = [m.start() for m in _OPERATION_START.finditer(capture.text)]
    header = _header(capture, starts[0] if starts else len(capture.text), diagnostics)
    operations = [
        op for piece in _pieces(capture, starts) for op in _read(capture, piece, diagnostics)
    ]
    if not operations:
        raise SpecError(capture.name, 'no operation (`{ "operationId": ...`) could be recovered')
    return _document(capture, header, operations, diagnostics)


def _header(capture: _Capture, first_operation: int, diagnostics: Diagnostics) -> dict[str, Any]:
    """The fields before the operations: title, description, baseURL, authentication."""
    try:
        header = json.loads(capture.text[:first_operation] + "]}")
    except json.JSONDecodeError:
        header = None
    if not isinstance(header, dict):
        diagnostics.warn(
            capture.at(0),
            "the fields before the first operation do not parse",
            "no title, server or authentication taken",
        )
        return {}
    return header


def _pieces(capture: _Capture, starts: list[int]) -> Iterator[tuple[int, int]]:
    """(start, end) of each operation's text; the last ends before the closing `] }`."""
    if not starts:
        return
    closing = _DOCUMENT_END.search(capture.text, starts[-1])
    ends = [*starts[1:], closing.start() if closing else len(capture.text)]
    yield from zip(starts, ends, strict=True)


def _read(capture: _Capture, piece: tuple[int, int], diagnostics: Diagnostics) -> list[_Operation]:
    start, end = piece
    whole = _whole(capture.text, start, end)
    if whole is not None:
        return [_Operation(whole, start)]
    fields, stop, closed = _scan_fields(capture.text, start, end)
    tail = _reroot(capture.text, stop + 1 if closed else stop, end)
    head = fields if closed else _truncate(capture, fields, tail, diagnostics)
    recovered = [_Operation({f.key: f.value for f in head}, start)] if head else []
    if tail is None:
        diagnostics.warn(
            capture.at(stop),
            f"the text up to {capture.at(end)} is not part of any operation that can be read",
            "skipped",
        )
        return recovered
    headless = _headless(capture, tail, len(recovered) > 0, diagnostics)
    return [*recovered, *([headless] if headless else [])]


def _whole(text: str, start: int, end: int) -> dict[str, Any] | None:
    """The operation at `start` if its text is one clean JSON object of operation fields."""
    try:
        value, stop = _STRICT_DECODER.raw_decode(text, start)
    except ValueError:
        return None
    clean = (
        isinstance(value, dict)
        and stop <= end
        and set(value) <= _OPERATION_KEYS
        and _BETWEEN_OPERATIONS.fullmatch(text, stop, end) is not None
    )
    return value if clean else None


def _scan_fields(text: str, start: int, end: int) -> tuple[list[_Field], int, bool]:
    """Read the `"key": value` pairs of the object at `start` until its structure breaks.

    Returns the fields read, where reading stopped, and whether it stopped at the object's
    own closing brace (the operation is whole and what follows it is not).
    """
    fields: list[_Field] = []
    pos = start + 1
    while (match := _KEY.match(text, pos, end)) is not None:
        key = json.loads(match.group(1))
        if key not in _OPERATION_KEYS or any(f.key == key for f in fields):
            break
        try:
            value, stop = _DECODER.raw_decode(text, match.end())
        except json.JSONDecodeError:
            break
        if stop > end:
            break
        fields.append(_Field(key, value, match.end()))
        separator = _SEPARATOR.match(text, stop, end)
        if separator is None:
            return fields, stop, False
        if separator.group(1) == "}":
            return fields, separator.start(1), True
        pos = separator.end()
    return fields, pos, False


def _reroot(text: str, start: int, end: int) -> _Tail | None:
    """Parse the text after a cut by opening, in front of it, every bracket it closes."""
    raw = text[start:end]
    lead = len(raw) - len(raw.lstrip(" \t\r\n,"))
    body = raw[lead:].rstrip(" \t\r\n,")
    closers = _unmatched_closers(body)
    if not body or closers is None or not closers.endswith("}"):
        return None
    try:
        root = json.loads(_openers(closers) + body)
    except json.JSONDecodeError:
        return None
    return _Tail(root, start + lead, closers)


def _unmatched_closers(body: str) -> str | None:
    """The brackets `body` closes without opening, innermost first; None if it leaves any open."""
    closers: list[str] = []
    open_brackets: list[str] = []
    in_string = escaped = False
    for char in body:
        if in_string:
            in_string = escaped or char != '"'
            escaped = not escaped and char == "\\"
        elif char == '"':
            in_string = True
        elif char in "{[":
            open_brackets.append(char)
        elif char in "}]":
            if open_brackets:
                open_brackets.pop()
            else:
                closers.append(char)
    return None if open_brackets or in_string else "".join(closers)


def _openers(closers: str) -> str:
    """Brackets matching `closers`, outermost first; an object's lost key becomes `_LOST_KEY`."""
    text = ""
    parent = ""
    for closer in reversed(closers):
        if parent == "}":
            text += json.dumps(_LOST_KEY) + ":"
        text += "{" if closer == "}" else "["
        parent = closer
    return text


def _truncate(
    capture: _Capture, fields: list[_Field], tail: _Tail | None, diagnostics: Diagnostics
) -> list[_Field]:
    """The fields of a cut operation, its last (cut) one trimmed to its own text."""
    if not fields:
        return []
    first = fields[0]
    name = first.value if first.key == "operationId" else f"at {capture.at(first.start)}"
    cut = fields[-1]
    kept = _own_text(cut.value, tail) if isinstance(cut.value, str) else cut.value
    if kept != cut.value:
        where = capture.at(cut.start + len(json.dumps(kept, ensure_ascii=False)) - 1)
        damage, action = f"its {cut.key} is cut after {_quote_end(kept)}", "kept up to the cut"
    else:
        where = capture.at(cut.start)
        damage, action = f"its {cut.key} runs into another operation's text", "kept whole"
    diagnostics.warn(
        where, f"operation {name}: {damage}; {_lost_after(cut.key)}", f"{cut.key} {action}"
    )
    return [*fields[:-1], _Field(cut.key, kept, cut.start)]


def _lost_after(cut_key: str) -> str:
    later = FIELD_ORDER[FIELD_ORDER.index(cut_key) + 1 :] if cut_key in FIELD_ORDER else ()
    own = f"its later fields ({', '.join(later)}) if it had any, " if later else ""
    return (
        f"lost with the text that followed, up to the middle of another operation: {own}"
        "and any whole operation in between"
    )


def _own_text(cut: str, tail: _Tail | None) -> str:
    """`cut` without its end when that end is text the tail shows belongs to another operation."""
    elsewhere = list(_strings(tail.root)) if tail else []
    for index in range(len(cut) - _MIN_OVERLAP + 1):
        if any(cut[index:] in other for other in elsewhere):
            return cut[:index]
    return cut


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _headless(
    capture: _Capture, tail: _Tail, after_cut: bool, diagnostics: Diagnostics
) -> _Operation | None:
    """The operation whose end the tail is, or None (with a warning) if nothing usable survives."""
    where = capture.at(tail.offset)
    fields = _tail_fields(tail)
    ordered = [FIELD_ORDER.index(k) for k in fields if k in FIELD_ORDER]
    if not ordered:
        diagnostics.warn(where, "the text after the cut holds no operation field", "skipped")
        return None
    lost = [k for k in FIELD_ORDER[: min(ordered)] if k not in fields]
    parameters = fields.get("parameters", [])
    partial = ""
    if tail.closers.startswith("}]") and parameters:
        kept = ", ".join(k for k in parameters[0] if k != _LOST_KEY)
        partial = f"; its first parameter, {parameters[0].get('name')}, keeps only {kept}"
    survivors = _describe(fields)
    diagnostics.warn(
        where,
        f"an operation lost its head{' to the same cut' if after_cut else ''}: "
        f"{', '.join(lost)} {'is' if len(lost) == 1 else 'are'} gone{partial}; "
        f"what survives is {survivors}",
        "placed" if {"method", "path"} <= set(fields) else "kept unplaced for an overlay",
    )
    return _Operation(fields, tail.offset, headless=True)


def _tail_fields(tail: _Tail) -> dict[str, Any]:
    """The operation fields a tail holds; a lost-key list of parameters is its `parameters`."""
    if not isinstance(tail.root, dict):
        return {}
    fields = {k: v for k, v in tail.root.items() if k in _OPERATION_KEYS}
    container = tail.root.get(_LOST_KEY)
    if isinstance(container, list) and container and all(_is_parameter(p) for p in container):
        fields["parameters"] = [_drop_lost_keys(p) for p in container]
    order = {key: index for index, key in enumerate((*FIELD_ORDER, *_OPENAPI_KEYS))}
    return dict(sorted(fields.items(), key=lambda item: order[item[0]]))


def _is_parameter(value: Any) -> bool:
    return isinstance(value, dict) and "in" in value and "name" in value


def _drop_lost_keys(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_lost_keys(v) for k, v in value.items() if k != _LOST_KEY}
    if isinstance(value, list):
        return [_drop_lost_keys(v) for v in value]
    return value


def _describe(fields: dict[str, Any]) -> str:
    parts = []
    for key, value in fields.items():
        if key == "parameters":
            names = ", ".join(str(p.get("name")) for p in value)
            parts.append(f"parameters {names or '(none)'}")
        elif isinstance(value, str):
            parts.append(f"{key} {_quote(value)}")
        else:
            parts.append(f"{key} {_quote(json.dumps(value))}")
    return "; ".join(parts)


def _quote(text: str) -> str:
    return repr(text if len(text) <= _QUOTE_LENGTH else text[: _QUOTE_LENGTH - 1] + "…")


def _quote_end(text: str) -> str:
    return repr(text if len(text) <= _QUOTE_LENGTH else "…" + text[-_QUOTE_LENGTH + 1 :])


def _document(
    capture: _Capture,
    header: dict[str, Any],
    operations: list[_Operation],
    diagnostics: Diagnostics,
) -> dict[str, Any]:
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": _info(capture, header, diagnostics),
        "paths": {},
    }
    if isinstance(header.get("baseURL"), str):
        document["servers"] = [{"url": header["baseURL"]}]
    else:
        diagnostics.warn(capture.at(0), "no baseURL in the capture", "no server declared")
    security = _security_schemes(capture, header.get("authentication"), diagnostics)
    document["components"] = {"securitySchemes": security} if security else {}
    if security:
        document["security"] = [{name: []} for name in security]
    for operation in operations:
        _place(capture, document, operation, diagnostics)
    document["tags"] = _tags(document)
    unanswered = sum("responses" not in op.fields for op in operations)
    if unanswered:
        diagnostics.note(
            capture.name,
            f"{unanswered} operations have no responses in the "
            "capture: each answers `200` with any JSON",
            "typed as Any",
        )
    document["components"]["schemas"] = _open_schemas(capture, document, diagnostics)
    return document


def _info(capture: _Capture, header: dict[str, Any], diagnostics: Diagnostics) -> dict[str, Any]:
    title = header.get("title") if isinstance(header.get("title"), str) else Path(capture.name).stem
    version = header.get("version")
    if not isinstance(version, str):
        diagnostics.note(capture.at(0), "no API version in the capture", "version set to 'unknown'")
        version = "unknown"
    info: dict[str, Any] = {"title": title, "version": version}
    if isinstance(header.get("description"), str):
        info["description"] = header["description"]
    return info


def _security_schemes(
    capture: _Capture, authentication: Any, diagnostics: Diagnostics
) -> dict[str, Any]:
    """The capture's `authentication`, already in OpenAPI's security-scheme shape."""
    if not isinstance(authentication, dict) or not isinstance(authentication.get("type"), str):
        diagnostics.warn(capture.at(0), "no authentication in the capture", "no security scheme")
        return {}
    return {authentication["type"]: dict(authentication)}


def _place(
    capture: _Capture, document: dict[str, Any], operation: _Operation, diagnostics: Diagnostics
) -> None:
    where = capture.at(operation.offset)
    fields = operation.fields
    method = str(fields.get("method", "")).lower()
    path = fields.get("path")
    body = _operation_object(capture, operation, diagnostics)
    if method not in HTTP_METHODS or not isinstance(path, str) or not path.startswith("/"):
        _unplace(capture, document, operation, body, diagnostics)
        return
    item = document["paths"].setdefault(path, {})
    if method in item:
        diagnostics.warn(where, f"{method.upper()} {path} appears twice", "later one skipped")
        return
    item[method] = body


def _unplace(
    capture: _Capture,
    document: dict[str, Any],
    operation: _Operation,
    body: dict[str, Any],
    diagnostics: Diagnostics,
) -> None:
    """Keep an operation without method or path where an overlay can complete it."""
    unplaced = document.setdefault(UNPLACED, {})
    key = str(body.get("operationId") or f"headless-{len(unplaced) + 1}")
    if "method" in operation.fields:
        body[METHOD_KEY] = operation.fields["method"]
    if "path" in operation.fields:
        body[PATH_KEY] = operation.fields["path"]
    if not operation.headless:
        missing = [k for k in ("method", "path") if k not in operation.fields]
        diagnostics.warn(
            capture.at(operation.offset),
            f"operation {key} has no {' or '.join(missing) or 'valid method and path'}",
            "kept unplaced",
        )
    unplaced[key] = body


def _operation_object(
    capture: _Capture, operation: _Operation, diagnostics: Diagnostics
) -> dict[str, Any]:
    fields = operation.fields
    body = {
        k: fields[k]
        for k in FIELD_ORDER + _OPENAPI_KEYS
        if k in fields and k not in {"method", "path"}
    }
    if body.get("description") == "":
        del body["description"]
    if isinstance(body.get("tags"), list) and len(set(body["tags"])) < len(body["tags"]):
        diagnostics.note(
            capture.at(operation.offset),
            f"operation {fields.get('operationId')} lists a tag twice: {body['tags']}",
            "duplicate dropped",
        )
        body["tags"] = list(dict.fromkeys(body["tags"]))
    body.setdefault("responses", {"200": _any_json_response()})
    return body


def _any_json_response() -> dict[str, Any]:
    return {
        "description": "Any JSON (the capture has no responses)",
        "content": {"application/json": {"schema": {}}},
    }


def _tags(document: dict[str, Any]) -> list[dict[str, str]]:
    """Every tag the operations use, in order of first use."""
    operations = [op for item in document["paths"].values() for op in item.values()]
    operations += list(document.get(UNPLACED, {}).values())
    names = [t for op in operations for t in op.get("tags", []) if isinstance(t, str)]
    return [{"name": name} for name in dict.fromkeys(names)]


def _open_schemas(
    capture: _Capture, document: dict[str, Any], diagnostics: Diagnostics
) -> dict[str, Any]:
    """An open object for every schema the capture references but does not contain."""
    schemas: dict[str, Any] = {}
    for name in sorted(set(_schema_refs(document))):
        reference = json.dumps(_SCHEMA_REF + name)
        offset = capture.text.find(reference)
        where = capture.at(offset) if offset >= 0 else capture.name
        diagnostics.warn(
            where,
            f"schema {name} is referenced but missing from the capture",
            "made an open object model",
        )
        schemas[name] = {
            "type": "object",
            "additionalProperties": True,
            "description": f"{name}: its definition is missing from the capture; any JSON object.",
        }
    return schemas


def _schema_refs(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        ref = value.get("$ref")
        if isinstance(ref, str) and ref.startswith(_SCHEMA_REF):
            yield ref.removeprefix(_SCHEMA_REF)
        for item in value.values():
            yield from _schema_refs(item)
    elif isinstance(value, list):
        for item in value:
            yield from _schema_refs(item)
