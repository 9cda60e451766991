"""Facts about the OpenAPI format that every stage shares: the HTTP methods an operation
can sit under, how a `$ref`'s JSON pointer is followed, and where schemas sit in a document."""

from __future__ import annotations

import re
from collections.abc import Container
from typing import Any
from urllib.parse import unquote

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
"""The keys of a path item that hold an operation."""


def pointer_parts(fragment: str) -> list[str]:
    """The keys a `$ref` fragment (`#/components/schemas/a~1b`) names, decoded: a fragment
    is percent-encoded first (it is part of a URI), then ~-escaped."""
    path = fragment.lstrip("#").strip("/")
    return (
        [unquote(raw).replace("~1", "/").replace("~0", "~") for raw in path.split("/")]
        if path
        else []
    )


def follow(document: Any, fragment: str) -> Any:
    """The node at `fragment` (`/components/schemas/Pet`, with or without the leading
    `#`); `LookupError` carrying the first part that is not there."""
    node = document
    for part in pointer_parts(fragment):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise LookupError(part)
    return node


# -- where schemas sit inside a document ----------------------------------------------
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


# -- discriminator mappings -------------------------------------------------------------
_COMPONENT_NAME = re.compile(r"[A-Za-z0-9._-]+")
"""What a key of `components/schemas` may be."""


def names_a_schema(value: str, schemas: Container[str]) -> bool:
    """Whether a discriminator mapping value is a component schema's name (`FooItem`),
    which OpenAPI allows beside a reference (`#/components/schemas/FooItem`). A value that
    could also be a relative file (`foo.yaml`) is a name only where that schema exists."""
    return bool(_COMPONENT_NAME.fullmatch(value)) and (value in schemas or "." not in value)


def schema_ref(name: str) -> str:
    """The reference to the component schema `name`."""
    return "#/components/schemas/" + name.replace("~", "~0").replace("/", "~1")
