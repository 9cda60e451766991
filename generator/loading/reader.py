"""Reading one JSON or YAML file into plain Python data, with errors a user can act on."""

from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.diagnostics import SpecError

# A document bigger than this once YAML aliases are expanded is refused: anchors let a
# few kilobytes stand for billions of nodes ("billion laughs"), and everything after
# loading walks the expanded tree.
MAX_NODES = 5_000_000
# Deeper nesting than this is refused before it can exhaust the interpreter's stack.
MAX_DEPTH = 200
# No input file is read past this size: the largest real descriptions we know are a few
# megabytes (Stripe's spec3.json, 4.2 MB, the biggest in the shared corpus; OpenAI's 3 MB
# of YAML), so 16 times that leaves room for any honest API while a mistaken or hostile
# input (a disk image, `/proc/kcore`) is refused before it costs memory or minutes.
MAX_FILE_BYTES = 64 << 20

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_BOOL = "tag:yaml.org,2002:bool"


class _YamlLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """YAML 1.1 turns `2024-10-01` into a date; OpenAPI documents are JSON data, so a date
    stays the string it is (and can be written back out as JSON)."""

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]]

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_TIMESTAMP, _BOOL)]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }


# YAML 1.1 also reads `yes`, `no`, `on` and `off` as booleans (an `enum: [yes, no]` would
# lose its strings); JSON, and so OpenAPI, knows only true and false.
_YamlLoader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def read_text(path: Path) -> str:
    """A source file's text: a regular file of at most `MAX_FILE_BYTES`, in UTF-8. Any
    other kind of file, a bigger one or one that cannot be read is one `SpecError` line."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SpecError(str(path), f"not UTF-8 text (byte {exc.start})") from None


def read_bytes(path: Path) -> bytes:
    """At most `MAX_FILE_BYTES` of a regular file, or a `SpecError`. What a path names is
    looked at before it is opened (opening a FIFO waits for a writer, a device may act on
    being opened) and again once it is open, in case it was swapped meanwhile; the read
    itself stops past the limit, since a file can grow or lie about its size (`/proc`)."""
    if problem := file_problem(path):
        raise SpecError(str(path), problem)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as exc:
        raise SpecError(str(path), exc.strerror or "cannot be read") from None
    try:
        if problem := _mode_problem(os.fstat(descriptor).st_mode):
            raise SpecError(str(path), problem)
        chunks: list[bytes] = []
        size = 0
        while chunk := os.read(descriptor, min(1 << 20, MAX_FILE_BYTES + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
            if size > MAX_FILE_BYTES:
                raise SpecError(str(path), _too_big())
        return b"".join(chunks)
    except OSError as exc:
        raise SpecError(str(path), exc.strerror or "cannot be read") from None
    finally:
        os.close(descriptor)


def file_problem(path: Path) -> str | None:
    """Why `path` may not be read (it is not a regular file, it is too big, it is not
    there), or None when it may."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return f"file {path.name} not found"
    except OSError as exc:
        return f"{path.name}: {exc.strerror or 'cannot be read'}"
    return _mode_problem(info.st_mode) or (_too_big() if info.st_size > MAX_FILE_BYTES else None)


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _mode_problem(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return f"{kind}, not a file: only regular files are read"


def _too_big() -> str:
    return (
        f"larger than {MAX_FILE_BYTES >> 20} MiB, the most sdkgen reads from one file; refusing it"
    )


def read_document(path: Path) -> Any:
    """Parse `path` as JSON (by content, whatever its suffix) or YAML."""
    return parse_text(read_text(path), str(path))


def parse_text(text: str, location: str) -> Any:
    # JSON first where it looks like JSON: faster, and it reads surrogate-pair escapes
    # YAML parsers refuse. A `.json` file stops there; anything else may be YAML in flow
    # style (`{openapi: 3.1.0, ...}`), which JSON rejects.
    if text.lstrip().startswith(("{", "[")):
        try:
            return _without_lone_surrogates(_json_document(text), text)
        except json.JSONDecodeError as exc:
            if location.endswith(".json"):
                where = f"{location}:{exc.lineno}:{exc.colno}"
                raise SpecError(where, f"invalid JSON: {exc.msg}") from None
        except RecursionError:
            raise SpecError(location, "nesting deeper than the parser can follow") from None
    _check_flow_depth(text, location)
    _check_block_depth(text, location)
    try:
        data = yaml.load(text, Loader=_YamlLoader)  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, text, location) from None
    except RecursionError:
        raise SpecError(location, "nesting deeper than the parser can follow") from None
    # JSON cannot alias; YAML can, so only YAML needs its expanded size checked.
    check_size(data, location)
    return _without_lone_surrogates(data, text)


def _yaml_error(exc: yaml.YAMLError, text: str, location: str) -> SpecError:
    """One line, located: PyYAML's own messages run over several lines."""
    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        character = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "a byte"
        return SpecError(f"{location}:{line}:{column}", f"invalid YAML: {character}: {exc.reason}")
    where = location
    problem = str(exc)
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark
        where = f"{location}:{mark.line + 1}:{mark.column + 1}" if mark else location
        problem = exc.problem or problem
    return SpecError(where, f"invalid YAML: {' '.join(problem.split())}")


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]|\\U0000[dD][89a-fA-F]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_lone_surrogates(data: Any, text: str) -> Any:
    """JSON and YAML escapes can spell half of a UTF-16 pair (`"\\ud800"`), which no
    file can be written with; each such half becomes U+FFFD, the replacement character.
    Only texts that have such an escape are walked."""
    if not _SURROGATE_ESCAPE.search(text):
        return data
    root = [data]
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            items = [(_replace_surrogates(k), v) for k, v in node.items()]
            node.clear()
            node.update(items)
            keys: Any = list(node)
        elif isinstance(node, list):
            keys = range(len(node))
        else:
            continue
        for key in keys:
            value = node[key]
            if isinstance(value, str):
                node[key] = _replace_surrogates(value)
            else:
                stack.append(value)
    return root[0]


def _replace_surrogates(value: Any) -> Any:
    return _SURROGATE.sub("\ufffd", value) if isinstance(value, str) else value


_BRACKETS = re.compile(r"[\[\]{}]")


def _check_flow_depth(text: str, location: str) -> None:
    """PyYAML's C parser recurses into flow collections (`[[[...]]]`) in C, where a few
    tens of thousands of levels crash the process instead of raising. Brackets inside
    quoted strings are counted too, which can only make this stricter."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_DEPTH:
            line = text.count("\n", 0, match.start()) + 1
            raise SpecError(
                f"{location}:{line}", f"nesting deeper than {MAX_DEPTH} levels; refusing it"
            )


# Block collections nest by indentation, or by compact entries on one line (`- - - 1`,
# two columns a level): a line's leading spaces and indicators bound how deep it sits.
# The C composer recurses there too and crashes some 25,000 levels down.
MAX_BLOCK_INDENT = 1_000
_DEEP_BLOCK = re.compile(rf"^[ \t?:-]{{{MAX_BLOCK_INDENT}}}", re.MULTILINE)


def _check_block_depth(text: str, location: str) -> None:
    if match := _DEEP_BLOCK.search(text):
        line = text.count("\n", 0, match.start()) + 1
        raise SpecError(
            f"{location}:{line}",
            f"indented past {MAX_BLOCK_INDENT:,} columns, nesting deeper than the "
            f"{MAX_DEPTH}-level limit; refusing it",
        )


def check_size(data: Any, location: str) -> None:
    """Refuse documents whose expanded size or depth would make later steps unbounded."""
    count = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise SpecError(
                location,
                f"document expands to more than {MAX_NODES:,} nodes "
                "(YAML anchors and aliases?); refusing to process it",
            )
        if depth > MAX_DEPTH:
            raise SpecError(location, f"nesting deeper than {MAX_DEPTH} levels; refusing it")
        if isinstance(node, dict):
            stack.extend((value, depth + 1) for value in node.values())
        elif isinstance(node, list):
            stack.extend((value, depth + 1) for value in node)


# The JSON document a title was peeked from, handed to the load that reads the same text
# next (and to nothing else: taking it empties the slot, so no two callers share one
# document). A large spec is then parsed once, not twice; one slot bounds what it holds.
_peeked: tuple[str, Any] | None = None


def _json_document(text: str) -> Any:
    global _peeked
    peeked, _peeked = _peeked, None
    if peeked is not None and peeked[0] == text:
        return peeked[1]
    return json.loads(text)


def peek_title(text: str) -> str | None:
    """`info.title` of a document, read without building the whole document where it
    is YAML (YAML is slow to build, and a package's name is wanted before it is loaded);
    None when there is none or the text does not parse."""
    if text.lstrip().startswith(("{", "[")):
        try:
            document = json.loads(text)
        except (json.JSONDecodeError, RecursionError):
            pass
        else:
            global _peeked
            _peeked = (text, document)
            info = document.get("info") if isinstance(document, dict) else None
            title = info.get("title") if isinstance(info, dict) else None
            return title if isinstance(title, str) else None
    try:
        return _yaml_title(text)
    except (yaml.YAMLError, RecursionError):
        return None


@dataclass
class _Open:
    """A collection being read: a mapping alternates between key and value."""

    mapping: bool
    at_key: bool = True
    key: object = None


def _yaml_title(text: str) -> str | None:
    open_collections: list[_Open] = []
    for event in yaml.parse(text, Loader=_YamlLoader):
        if isinstance(event, yaml.CollectionEndEvent):
            open_collections.pop()
            _step(open_collections)
            if not open_collections:
                return None
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        parent = open_collections[-1] if open_collections else None
        if parent is not None and parent.mapping and parent.at_key:
            parent.key = event.value if isinstance(event, yaml.ScalarEvent) else None
        elif isinstance(event, yaml.ScalarEvent) and [c.key for c in open_collections] == [
            "info",
            "title",
        ]:
            return str(event.value)
        if isinstance(event, yaml.CollectionStartEvent):
            open_collections.append(_Open(isinstance(event, yaml.MappingStartEvent)))
        else:
            _step(open_collections)
    return None


def _step(open_collections: list[_Open]) -> None:
    """One node of the innermost open collection has been read."""
    if open_collections and open_collections[-1].mapping:
        open_collections[-1].at_key = not open_collections[-1].at_key
