"""Reading schemas the way the SDK sees them: resolved refs, types as Python types.

A schema's *type tokens* are the JSON types it admits, with string formats that the SDK
maps to their own Python types kept apart (`string:date-time` is a `datetime`) and
component references kept by name (`ref:Table` is the model class `Table`). Comparing
token sets tells whether a type was narrowed, widened or replaced.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from generator.releasing.changes.located import Position

SCHEMA_PREFIX = "#/components/schemas/"

TYPED_FORMATS = {
    "date-time": "datetime",
    "date": "date",
    "time": "time",
    "duration": "timedelta",
    "uuid": "UUID",
    "binary": "bytes",
}
"""String formats the SDK turns into a Python type other than `str`."""

PYTHON_NAMES = {
    "string": "str",
    "integer": "int",
    "number": "float",
    "boolean": "bool",
    "null": "None",
    "array": "list",
    "object": "dict",
    "any": "Any",
}


def unescape(segment: str) -> str:
    return segment.replace("~1", "/").replace("~0", "~")


def resolve(document: Any, ref: str) -> Position | None:
    """The value a local `$ref` points at, or `None` when it is not in `document`."""
    if not ref.startswith("#"):
        return None
    node = document
    where: list[str | int] = []
    for raw in ref[1:].split("/")[1:]:
        segment = unescape(raw)
        if isinstance(node, dict) and segment in node:
            node = node[segment]
            where.append(segment)
        elif isinstance(node, list) and segment.isdigit() and int(segment) < len(node):
            node = node[int(segment)]
            where.append(int(segment))
        else:
            return None
    return Position(node, tuple(where))


def follow(document: Any, position: Position, limit: int = 16) -> Position:
    """`position` with a chain of `$ref`s followed (non-schema components: parameters,
    request bodies, responses); stops at a missing target or after `limit` hops."""
    for _ in range(limit):
        ref = ref_of(position.value)
        target = resolve(document, ref) if ref else None
        if target is None:
            return position
        position = target
    return position


def ref_of(schema: Any) -> str | None:
    if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
        return str(schema["$ref"])
    return None


def component_name(ref: str | None) -> str | None:
    """`Table` for `#/components/schemas/Table`; `None` for any other reference."""
    if ref is None or not ref.startswith(SCHEMA_PREFIX):
        return None
    rest = ref[len(SCHEMA_PREFIX) :]
    return None if "/" in rest else unescape(rest)


def type_tokens(schema: Any) -> frozenset[str]:
    """The set of types `schema` admits (see the module docstring)."""
    if not isinstance(schema, dict):
        return frozenset({"any"})
    ref = ref_of(schema)
    if ref is not None:
        return frozenset({f"ref:{component_name(ref) or ref}"})
    tokens: set[str] = set()
    for keyword in ("anyOf", "oneOf"):
        for member in _members(schema, keyword):
            tokens |= type_tokens(member)
    all_of = _members(schema, "allOf")
    if len(all_of) == 1 and "properties" not in schema:
        tokens |= type_tokens(all_of[0])
    elif all_of:
        tokens.add("object")
    tokens |= _declared_types(schema)
    if not tokens:
        tokens = _implied_types(schema)
    if schema.get("nullable") is True:
        tokens.add("null")
    return frozenset({"any"}) if "any" in tokens else frozenset(tokens)


def _declared_types(schema: dict[str, Any]) -> set[str]:
    declared = schema.get("type")
    names = [declared] if isinstance(declared, str) else declared
    if not isinstance(names, list):
        return set()
    typed_format = schema.get("format") in TYPED_FORMATS
    return {
        f"string:{schema['format']}" if name == "string" and typed_format else str(name)
        for name in names
    }


def _implied_types(schema: dict[str, Any]) -> set[str]:
    values = enum_values(schema)
    if values:
        return {_json_type(json.loads(value)) for value in values}
    if "properties" in schema or "additionalProperties" in schema:
        return {"object"}
    if "items" in schema or "prefixItems" in schema:
        return {"array"}
    return {"any"}


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def _members(schema: dict[str, Any], keyword: str) -> list[Any]:
    members = schema.get(keyword)
    return members if isinstance(members, list) else []


def covers(wide: str, narrow: str) -> bool:
    """Whether every value of type token `narrow` is also a value of `wide`."""
    if wide == narrow or wide == "any":
        return True
    if narrow == "integer":
        return wide == "number"
    if narrow.startswith("string:"):
        return wide == "string"
    return False


def python_type(tokens: frozenset[str]) -> str:
    """How the SDK spells these tokens, e.g. `int | None`, `datetime`, `Table`."""
    names = []
    for token in sorted(tokens, key=lambda t: (t == "null", t)):
        if token.startswith("ref:"):
            names.append(token[4:])
        elif token.startswith("string:"):
            names.append(TYPED_FORMATS[token[7:]])
        else:
            names.append(PYTHON_NAMES.get(token, token))
    return " | ".join(names)


def enum_values(schema: Any) -> tuple[str, ...] | None:
    """Enum values as canonical JSON text (so `1`, `"1"` and `true` stay apart)."""
    if not isinstance(schema, dict):
        return None
    if isinstance(schema.get("enum"), list):
        values = schema["enum"]
    elif "const" in schema:
        values = [schema["const"]]
    else:
        return None
    return tuple(sorted({json.dumps(v, sort_keys=True) for v in values}))


def unwrap(position: Position) -> Position:
    """The schema inside a nullable wrapper (`anyOf: [X, {type: null}]`) or a single-member
    `allOf`, repeatedly; the wrapper's own type and docs are compared before this."""
    while isinstance(position.value, dict):
        inner = _single_member(position.value)
        if inner is None:
            return position
        keyword, index = inner
        member = position.value[keyword][index]
        position = Position(member, (*position.where, keyword, index))
    return position


def _single_member(schema: dict[str, Any]) -> tuple[str, int] | None:
    for keyword in ("anyOf", "oneOf"):
        members = _members(schema, keyword)
        typed = [i for i, m in enumerate(members) if type_tokens(m) != {"null"}]
        if members and len(typed) == 1:
            return keyword, typed[0]
    all_of = _members(schema, "allOf")
    if len(all_of) == 1 and "properties" not in schema:
        return "allOf", 0
    return None


@dataclass(frozen=True, slots=True)
class Fields:
    """An object schema's properties (own and inherited through `allOf`)."""

    properties: dict[str, Position]
    required: frozenset[str]


def fields(document: Any, position: Position) -> Fields:
    properties: dict[str, Position] = {}
    required: set[str] = set()
    for part in _object_parts(document, position, frozenset()):
        schema = part.value
        own = schema.get("properties")
        if isinstance(own, dict):
            for name, value in own.items():
                properties.setdefault(name, Position(value, (*part.where, "properties", name)))
        if isinstance(schema.get("required"), list):
            required |= {str(name) for name in schema["required"]}
    return Fields(properties, frozenset(required))


def _object_parts(document: Any, position: Position, seen: frozenset[str]) -> Iterator[Position]:
    """`position` and, depth first, every `allOf` member it is built from."""
    schema = position.value
    if not isinstance(schema, dict):
        return
    ref = ref_of(schema)
    if ref is not None:
        target = resolve(document, ref)
        if target is not None and ref not in seen:
            yield from _object_parts(document, target, seen | {ref})
        return
    yield position
    for index, member in enumerate(_members(schema, "allOf")):
        yield from _object_parts(
            document, Position(member, (*position.where, "allOf", index)), seen
        )


def primary_media(content: Position) -> tuple[str, Position] | None:
    """The media type the SDK uses from a `content` map (JSON first) and its schema."""
    if not isinstance(content.value, dict) or not content.value:
        return None
    names = sorted(content.value)
    json_names = [n for n in names if n == "application/json"] + [n for n in names if "json" in n]
    media = (json_names or names)[0]
    entry = content.value[media]
    schema = entry.get("schema", {}) if isinstance(entry, dict) else {}
    return media, Position(schema, (*content.where, media, "schema"))
