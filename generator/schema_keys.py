"""Where schemas sit inside an OpenAPI document, for the walkers that need to know."""

# Keys whose value is one schema, seen from a schema.
SCHEMA_VALUE_KEYS = frozenset(
    {
        "items",
        "additionalProperties",
        "not",
        "contains",
        "propertyNames",
        "if",
        "then",
        "else",
        "unevaluatedItems",
        "unevaluatedProperties",
    }
)
# Keys whose value is a list of schemas.
SCHEMA_LIST_KEYS = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})
# Keys whose value maps names to schemas.
SCHEMA_MAP_KEYS = frozenset(
    {"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"}
)
# Keys whose value is data (examples, defaults) and never a schema.
DATA_KEYS = frozenset({"example", "examples", "default", "enum", "const"})


def child_is_schema(key: str, parent_in_schema: bool, parent_key: str | int | None) -> bool:
    """Whether the value under `key` is a schema, given what its parent is."""
    if key == "schema":
        return True
    if parent_in_schema:
        return key in SCHEMA_VALUE_KEYS or key in SCHEMA_LIST_KEYS
    # The entries of components/schemas (and of any `schemas` map outside a schema).
    return parent_key == "schemas"
