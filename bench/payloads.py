"""JSON payloads for a schema: one valid example, and mutations of it that break one rule.

The examples fill every property down to a few levels (only required ones below), take
the first member of a union (the one a discriminator names, when there is one) and honour
bounds and formats, so that a faithful model accepts them. Whether a payload really is
valid is decided by a JSON Schema validator (the referee), never assumed.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

FULL_DEPTH = 3
"""Below this many levels of objects only required properties are filled."""
MAX_DEPTH = 8

_FORMATS = {
    "date-time": "2024-05-01T12:30:00Z",
    "date": "2024-05-01",
    "time": "12:30:00",
    "uuid": "3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e",
    "email": "someone@example.com",
    "uri": "https://example.com/resource",
    "url": "https://example.com/resource",
    "byte": "eA==",
    "ipv4": "192.0.2.1",
    "hostname": "example.com",
    "decimal": "12.50",
}


class ExampleMaker:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document

    def resolve(self, ref: str) -> dict[str, Any]:
        node: Any = self.document
        for part in ref.lstrip("#/").split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        return node if isinstance(node, dict) else {}

    def example(self, schema: Any, depth: int = 0, refs: tuple[str, ...] = ()) -> Any:
        if not isinstance(schema, dict):
            return "x"
        if "$ref" in schema:
            ref = schema["$ref"]
            target = self.resolve(ref)
            if ref in refs or depth > MAX_DEPTH:
                return None if _allows_null(target) else self._minimal(target, depth, refs)
            return self.example(target, depth, (*refs, ref))
        if "const" in schema:
            return schema["const"]
        if schema.get("enum"):
            values = [v for v in schema["enum"] if v is not None]
            return values[0] if values else None
        if "allOf" in schema:
            merged: dict[str, Any] = {}
            for part in schema["allOf"]:
                value = self.example(part, depth, refs)
                if isinstance(value, dict):
                    merged.update(value)
            own = {k: v for k, v in schema.items() if k != "allOf"}
            if own.get("properties"):
                merged.update(self.example(own, depth, refs) or {})
            return merged
        for key in ("oneOf", "anyOf"):
            if key in schema:
                return self._choice(schema, schema[key], depth, refs)
        return self._typed(schema, _first_type(schema), depth, refs)

    def _choice(
        self, schema: dict[str, Any], members: list[Any], depth: int, refs: tuple[str, ...]
    ) -> Any:
        discriminator = schema.get("discriminator") or {}
        mapping = discriminator.get("mapping") or {}
        if discriminator.get("propertyName") and mapping:
            tag, ref = min(mapping.items())
            value = self.example({"$ref": ref}, depth, refs)
            if isinstance(value, dict):
                value[discriminator["propertyName"]] = tag
            return value
        real = [m for m in members if not (isinstance(m, dict) and m.get("type") == "null")]
        return self.example(real[0], depth, refs) if real else None

    def _typed(
        self, schema: dict[str, Any], kind: str | None, depth: int, refs: tuple[str, ...]
    ) -> Any:
        if kind == "object" or (kind is None and "properties" in schema):
            properties = schema.get("properties") or {}
            required = set(schema.get("required") or ())
            names = sorted(properties) if depth < FULL_DEPTH else sorted(required & set(properties))
            return {name: self.example(properties[name], depth + 1, refs) for name in names}
        if kind == "array":
            item = self.example(schema.get("items", {}), depth + 1, refs)
            return [item] * max(1, int(schema.get("minItems", 1)))
        if kind == "integer":
            return int(_number(schema, 1))
        if kind == "number":
            return _number(schema, 1.5)
        if kind == "boolean":
            return True
        if kind == "null":
            return None
        return _string(schema)

    def _minimal(self, schema: dict[str, Any], depth: int, refs: tuple[str, ...]) -> Any:
        """The smallest payload for a recursive reference: its required properties only."""
        if _first_type(schema) != "object" and "properties" not in schema:
            return self.example(schema, MAX_DEPTH + 1, refs)
        properties = schema.get("properties") or {}
        required = sorted(set(schema.get("required") or ()) & set(properties))
        return {name: self.example(properties[name], MAX_DEPTH + 1, refs) for name in required}


def _first_type(schema: dict[str, Any]) -> str | None:
    kind = schema.get("type")
    if isinstance(kind, list):
        real = [k for k in kind if k != "null"]
        return real[0] if real else "null"
    return kind if isinstance(kind, str) else None


def _allows_null(schema: dict[str, Any]) -> bool:
    kind = schema.get("type")
    members = schema.get("anyOf") or schema.get("oneOf") or []
    return (
        kind == "null"
        or (isinstance(kind, list) and "null" in kind)
        or any(isinstance(m, dict) and m.get("type") == "null" for m in members)
    )


def _number(schema: dict[str, Any], default: float) -> float:
    low = schema.get("minimum", schema.get("exclusiveMinimum"))
    high = schema.get("maximum", schema.get("exclusiveMaximum"))
    value = default
    if isinstance(low, (int, float)) and value <= low:
        value = low + 1
    if isinstance(high, (int, float)) and value >= high:
        value = (
            high - 1 if not isinstance(low, (int, float)) or high - 1 > low else (low + high) / 2
        )
    multiple = schema.get("multipleOf")
    if isinstance(multiple, (int, float)) and multiple > 0:
        value = multiple * max(1, round(value / multiple))
    return value


def _string(schema: dict[str, Any]) -> str:
    text = _FORMATS.get(str(schema.get("format")), "example")
    minimum = int(schema.get("minLength", 0) or 0)
    maximum = schema.get("maxLength")
    if len(text) < minimum:
        text = text + "x" * (minimum - len(text))
    if isinstance(maximum, int) and len(text) > maximum:
        text = text[:maximum]
    return text


# -- mutations -----------------------------------------------------------------------


def mutations(schema: dict[str, Any], valid: Any, maker: ExampleMaker) -> Iterator[tuple[str, Any]]:
    """(kind, payload) pairs, each breaking (or probing) one rule of an object schema."""
    resolved = _object_schema(schema, maker)
    if not isinstance(valid, dict) or resolved is None:
        return
    properties = resolved.get("properties") or {}
    required = sorted(set(resolved.get("required") or ()) & set(valid))
    if required:
        yield "missing required property", {k: v for k, v in valid.items() if k != required[0]}
        non_nullable = [
            n for n in required if not _allows_null(_deref(properties.get(n, {}), maker))
        ]
        if non_nullable:
            yield "null in a non-nullable required property", {**valid, non_nullable[0]: None}
    for name in sorted(valid):
        target = _deref(properties.get(name, {}), maker)
        wrong = {
            "string": 12345,
            "integer": "not a number",
            "number": "not a number",
            "boolean": "not a boolean",
            "array": "not a list",
            "object": "not an object",
        }
        kind = _first_type(target)
        if (
            kind in wrong
            and not target.get("enum")
            and not _allows_null(target)
            and "anyOf" not in target
        ):
            yield f"wrong type ({kind})", {**valid, name: wrong[kind]}
            break
    for name in sorted(valid):
        target = _deref(properties.get(name, {}), maker)
        if target.get("enum"):
            yield "value outside the enum", {**valid, name: "zz-not-a-member"}
            break
    yield "unknown extra property", {**valid, "zz_unknown_property": 1}
    yield "array instead of object", [copy.deepcopy(valid)]


def _deref(schema: Any, maker: ExampleMaker) -> dict[str, Any]:
    seen = 0
    while isinstance(schema, dict) and "$ref" in schema and seen < 20:
        schema = maker.resolve(schema["$ref"])
        seen += 1
    return schema if isinstance(schema, dict) else {}


def _object_schema(schema: dict[str, Any], maker: ExampleMaker) -> dict[str, Any] | None:
    schema = _deref(schema, maker)
    if "allOf" in schema:
        merged: dict[str, Any] = {"properties": {}, "required": []}
        for part in [schema, *schema["allOf"]]:
            part = _deref(part, maker)
            merged["properties"].update(part.get("properties") or {})
            merged["required"] += list(part.get("required") or ())
        return merged
    if _first_type(schema) == "object" or "properties" in schema:
        return schema
    return None
