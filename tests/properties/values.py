"""JSON Schemas to draw values from: a component's schema with references inlined, in
the JSON Schema hypothesis-jsonschema reads.

Every value of the drawable schema is a value of the component's schema (it is a subset:
recursion is cut off at a depth, open objects are closed except for one extra property),
so every drawn value is one the generated model must accept and give back unchanged.
"""

from __future__ import annotations

from typing import Any

Schema = dict[str, Any]
EXTRA_PROPERTY = "x-sdkgen-extra"
"""A property no schema declares: open objects get it to prove unknown fields survive."""
_PREFIX = "#/components/schemas/"


def drawable(document: Schema, name: str, depth: int = 3) -> Schema | bool:
    """The schema of component `name` as a self-contained JSON Schema; `False` where
    nothing can be drawn."""
    return _Inliner(
        document["components"]["schemas"], document["openapi"].startswith("3.0")
    ).schema({"$ref": _PREFIX + name}, depth)


class _Inliner:
    def __init__(self, components: dict[str, Schema], nullable_keyword: bool) -> None:
        self.components = components
        self.nullable_keyword = nullable_keyword

    def target(self, ref: str) -> Schema:
        return self.components[ref[len(_PREFIX) :].replace("~1", "/").replace("~0", "~")]

    def schema(self, schema: Any, depth: int, required: bool = False) -> Schema | bool:
        """`required`: the position cannot be left empty, so a reference is followed
        whatever the depth (such chains never cycle in the drawn documents)."""
        if not isinstance(schema, dict):
            return bool(schema)
        if "$ref" in schema:
            if depth <= 0 and not required:
                return False
            return self.schema(self.target(schema["$ref"]), depth - 1, required)
        if self.nullable_keyword and schema.get("nullable") is True:
            return self.or_null(
                {k: v for k, v in schema.items() if k != "nullable"}, depth, required
            )
        kinds = schema.get("type")
        if isinstance(kinds, list) and "null" in kinds:
            rest = [k for k in kinds if k != "null"]
            if not rest:
                return {"type": "null"}
            base = {**schema, "type": rest[0] if len(rest) == 1 else rest}
            if "enum" in base:
                base["enum"] = [v for v in base["enum"] if v is not None]
            return self.or_null(base, depth, required)
        if "allOf" in schema:
            return self.closed(self.merged(schema["allOf"], depth), depth, open_=True)
        for keyword in ("anyOf", "oneOf"):
            if keyword in schema:
                members = [
                    self.schema(m, depth, required=keyword == "oneOf") for m in schema[keyword]
                ]
                kept = [m for m in members if m is not False]
                return {keyword: kept} if kept else False
        if schema.get("type") == "array":
            items = self.schema(schema.get("items", {}), depth)
            return (
                {**schema, "items": items}
                if items is not False
                else {"type": "array", "maxItems": 0}
            )
        if isinstance(schema.get("properties"), dict):
            return self.closed(schema, depth, open_="additionalProperties" not in schema)
        if isinstance(schema.get("additionalProperties"), dict):
            values = self.schema(schema["additionalProperties"], depth, required=True)
            return {**schema, "additionalProperties": values}
        return {k: v for k, v in schema.items() if k not in ("description", "discriminator")}

    def or_null(self, schema: Schema, depth: int, required: bool) -> Schema:
        inner = self.schema(schema, depth, required)
        return {"anyOf": [inner, {"type": "null"}]} if inner is not False else {"type": "null"}

    def merged(self, parts: list[Any], depth: int) -> Schema:
        properties: Schema = {}
        required: list[str] = []
        for part in parts:
            while isinstance(part, dict) and "$ref" in part:
                part = self.target(part["$ref"])
            properties.update(part.get("properties") or {})
            required += [r for r in part.get("required") or [] if r not in required]
        return {"type": "object", "properties": properties, "required": required}

    def closed(self, schema: Schema, depth: int, open_: bool) -> Schema | bool:
        required = set(schema.get("required") or [])
        properties = {}
        for key, sub in schema["properties"].items():
            value = self.schema(sub, depth, required=key in required)
            if value is False and key in required:
                return False
            if value is not False:
                properties[key] = value
        if open_ and EXTRA_PROPERTY not in properties:
            properties[EXTRA_PROPERTY] = {"type": ["string", "integer", "boolean", "null"]}
        out: Schema = {"type": "object", "properties": properties, "additionalProperties": False}
        if required:
            out["required"] = sorted(required)
        return out
