"""JSON Schema inferred from one sample value.

Redoc draws its samples from the schema it documents (`0` for an integer, `0.1` for a
number, `"2019-08-24T14:15:22Z"` for a date-time), so a sample's value types are the
schema's. Nothing in a sample says which properties are required or which values may be
null, so no property is required; a folded `{ }` or `null` says nothing at all and is
left open.
"""

from __future__ import annotations

import re
from typing import Any

_FORMATS = (
    (re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})"), "date-time"),
    (re.compile(r"\d{4}-\d{2}-\d{2}"), "date"),
    (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "uuid"),
)


def infer_schema(value: Any) -> dict[str, Any]:
    if isinstance(value, bool):
        return {"type": "boolean"}
    if isinstance(value, int):
        return {"type": "integer"}
    if isinstance(value, float):
        return {"type": "number"}
    if isinstance(value, str):
        return _string_schema(value)
    if isinstance(value, list):
        if not value:
            return {"type": "array"}
        return {"type": "array", "items": _merge([infer_schema(item) for item in value])}
    if isinstance(value, dict):
        if not value:
            return {"type": "object"}
        return {"type": "object", "properties": {k: infer_schema(v) for k, v in value.items()}}
    return {}


def _string_schema(value: str) -> dict[str, Any]:
    for pattern, fmt in _FORMATS:
        if pattern.fullmatch(value):
            return {"type": "string", "format": fmt}
    return {"type": "string"}


def _merge(schemas: list[dict[str, Any]]) -> dict[str, Any]:
    """One schema every item's schema fits in."""
    first = schemas[0]
    if all(schema == first for schema in schemas):
        return first
    types = {schema.get("type") for schema in schemas}
    if types == {"object"}:
        properties: dict[str, list[dict[str, Any]]] = {}
        for schema in schemas:
            for key, value in schema.get("properties", {}).items():
                properties.setdefault(key, []).append(value)
        return {"type": "object", "properties": {k: _merge(v) for k, v in properties.items()}}
    if types == {"array"}:
        items = [schema["items"] for schema in schemas if "items" in schema]
        return {"type": "array", "items": _merge(items)} if items else {"type": "array"}
    if types <= {"integer", "number"}:
        return {"type": "number"}
    if types == {"string"}:
        return {"type": "string"}
    return {}


def fill_from_sample(declared: dict[str, Any], value: Any) -> dict[str, Any]:
    """`declared` with what a sample shows inside an object or array it leaves untyped."""
    inferred = infer_schema(value)
    kind = declared.get("type")
    if kind == "object" and "properties" not in declared and inferred.get("properties"):
        return {**declared, "properties": inferred["properties"]}
    if kind == "array" and inferred.get("type") == "array" and "items" in inferred:
        items = declared.get("items")
        if items is None:
            return {**declared, "items": inferred["items"]}
        first = value[0] if isinstance(value, list) and value else None
        return {**declared, "items": fill_from_sample(items, first)}
    return declared
