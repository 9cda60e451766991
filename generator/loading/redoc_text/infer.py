"""JSON Schema inferred from one sample value.

Redoc draws its samples from the schema it documents (`0` for an integer, `0.1` for a
number, `"string"` for a string), so a sample's value types are the schema's. What a
sample cannot show is left open, so that the type accepts every answer the real API may
send: no property is required (nor may one be left out of an answer), text stays text
whatever it looks like (Redoc shows `"2019-08-24T14:15:22Z"` both for a date-time and for
the first member of `date-time or free text`), and a folded `{ }` or `null` says nothing.

Redoc shows a map (`additionalProperties`) as placeholder keys numbered from 1 with the
same sampled value: `property1`, `property2`, or `<name>1`, `<name>2` where the schema
names its keys (`x-additionalPropertiesName`); Swagger UI's `additionalProp1..3` are read
the same way. Those become `additionalProperties`, never fields.
"""

from __future__ import annotations

import json
import re
from typing import Any

_PLACEHOLDER = re.compile(r"(?P<prefix>[A-Za-z_][\w-]*?)(?P<number>[1-9]\d*)")
_PLACEHOLDER_PREFIXES = frozenset({"property", "additionalProp"})
"""Prefixes only a generated sample uses; with another prefix the numbered keys must be
the object's only keys and share one value to read as a map."""


def infer_schema(value: Any) -> dict[str, Any]:
    if isinstance(value, bool):
        return {"type": "boolean"}
    if isinstance(value, int):
        return {"type": "integer"}
    if isinstance(value, float):
        return {"type": "number"}
    if isinstance(value, str):
        return {"type": "string"}
    if isinstance(value, list):
        if not value:
            return {"type": "array"}
        return {"type": "array", "items": _merge([infer_schema(item) for item in value])}
    if isinstance(value, dict):
        return _object_schema(value)
    return {}


def _object_schema(value: dict[str, Any]) -> dict[str, Any]:
    if not value:
        return {"type": "object"}
    placeholders = map_placeholders(value)
    schema: dict[str, Any] = {"type": "object"}
    properties = {k: infer_schema(v) for k, v in value.items() if k not in placeholders}
    if properties:
        schema["properties"] = properties
    if placeholders:
        schema["additionalProperties"] = _merge([infer_schema(value[k]) for k in placeholders])
    return schema


def map_placeholders(value: dict[str, Any]) -> list[str]:
    """The keys of `value` that are a map's placeholder entries, in order (or none)."""
    runs: dict[str, list[tuple[int, str]]] = {}
    for key in value:
        if match := _PLACEHOLDER.fullmatch(key):
            runs.setdefault(match.group("prefix"), []).append((int(match.group("number")), key))
    for prefix, numbered in runs.items():
        numbers = sorted(number for number, _ in numbered)
        if len(numbers) < 2 or numbers != list(range(1, len(numbers) + 1)):
            continue
        keys = [key for _, key in sorted(numbered)]
        if prefix in _PLACEHOLDER_PREFIXES or _only_and_alike(value, keys):
            return keys
    return []


def _only_and_alike(value: dict[str, Any], keys: list[str]) -> bool:
    samples = {json.dumps(value[key], sort_keys=True) for key in keys}
    return len(keys) == len(value) and len(samples) == 1


def _merge(schemas: list[dict[str, Any]]) -> dict[str, Any]:
    """One schema every item's schema fits in."""
    first = schemas[0]
    if all(schema == first for schema in schemas):
        return first
    types = {schema.get("type") for schema in schemas}
    if types == {"object"}:
        return _merge_objects(schemas)
    if types == {"array"}:
        items = [schema["items"] for schema in schemas if "items" in schema]
        return {"type": "array", "items": _merge(items)} if items else {"type": "array"}
    if types <= {"integer", "number"}:
        return {"type": "number"}
    if types == {"string"}:
        return {"type": "string"}
    return {}


def _merge_objects(schemas: list[dict[str, Any]]) -> dict[str, Any]:
    properties: dict[str, list[dict[str, Any]]] = {}
    values: list[dict[str, Any]] = []
    for schema in schemas:
        for key, value in schema.get("properties", {}).items():
            properties.setdefault(key, []).append(value)
        if "additionalProperties" in schema:
            values.append(schema["additionalProperties"])
    merged: dict[str, Any] = {"type": "object"}
    if properties:
        merged["properties"] = {k: _merge(v) for k, v in properties.items()}
    if values:
        merged["additionalProperties"] = _merge(values)
    return merged


def fill_from_sample(declared: dict[str, Any], value: Any) -> dict[str, Any]:
    """`declared` with what a sample shows inside an object or array it leaves untyped."""
    inferred = infer_schema(value)
    kind = declared.get("type")
    if kind == "object" and "properties" not in declared and "additionalProperties" not in declared:
        shown: dict[str, Any] = {
            key: inferred[key] for key in ("properties", "additionalProperties") if key in inferred
        }
        return {**declared, **shown}
    if kind == "array" and inferred.get("type") == "array" and "items" in inferred:
        items = declared.get("items")
        if items is None:
            return {**declared, "items": inferred["items"]}
        first = value[0] if isinstance(value, list) and value else None
        return {**declared, "items": fill_from_sample(items, first)}
    return declared


def sample_outside_enum(declared: dict[str, Any], value: Any) -> bool:
    """Whether a sample value is a scalar the declared `Enum:` / `Value:` does not list:
    Redoc lists the values of the first alternative it shows, while the sample may come
    from another (`Value: "DBT"` over a sample with `"type": "CUBE"`)."""
    enum = declared.get("enum")
    scalar = isinstance(value, (str, int, float, bool))
    return isinstance(enum, list) and scalar and value not in enum
