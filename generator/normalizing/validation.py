"""Validation against the OpenAPI 3.1 schema with openapi-pydantic.

Problems become warnings (real specs are often slightly invalid and still generate).
openapi-pydantic takes a boolean schema (`true`, `false`: valid JSON Schema wherever a
schema goes) only under `additionalProperties`, so it validates a copy in which every
boolean schema is spelled as the object it equals.
Building openapi-pydantic's model classes costs more than validating a large spec, so
`generate` runs validation in the background (`generator.background`) while it builds and
renders the package, and collects the warnings at the end.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from generator.diagnostics import Diagnostic, Level, pointer
from generator.openapi import DATA_KEYS, SCHEMA_MAP_KEYS, child_is_schema

MAX_VALIDATION_WARNINGS = 20


def validation_warnings(document: dict[str, Any], location: str) -> list[Diagnostic]:
    from openapi_pydantic.v3.v3_1 import OpenAPI  # slow to import, and only needed here

    try:
        OpenAPI.model_validate(_booleans_spelled_out(document))
    except ValidationError as exc:
        errors = exc.errors()
    else:
        return []
    warnings = [
        Diagnostic(
            Level.WARNING,
            f"{location}{pointer(*_document_path(document, error['loc']))}",
            f"not valid OpenAPI 3.1: {error['msg']}",
            "generating anyway",
        )
        for error in errors[:MAX_VALIDATION_WARNINGS]
    ]
    if len(errors) > MAX_VALIDATION_WARNINGS:
        more = len(errors) - MAX_VALIDATION_WARNINGS
        warnings.append(Diagnostic(Level.WARNING, location, f"{more} more validation errors"))
    return warnings


def _booleans_spelled_out(node: Any, in_schema: bool = False, key: str | int | None = None) -> Any:
    """A copy of `node` in which each boolean schema is `{}` (true) or `{"not": {}}`
    (false); `key` is where `node` sits in its parent."""
    if isinstance(node, bool) and in_schema:
        return {} if node else {"not": {}}
    if isinstance(node, list):
        return [_booleans_spelled_out(value, in_schema, index) for index, value in enumerate(node)]
    if not isinstance(node, dict):
        return node
    copy: dict[str, Any] = {}
    for name, value in node.items():
        if in_schema and name in SCHEMA_MAP_KEYS and isinstance(value, dict):
            copy[name] = {k: _booleans_spelled_out(v, True, k) for k, v in value.items()}
        elif in_schema and name in DATA_KEYS:
            copy[name] = value
        else:
            copy[name] = _booleans_spelled_out(value, child_is_schema(name, in_schema, key), name)
    return copy


def _document_path(document: Any, loc: tuple[str | int, ...]) -> list[str | int]:
    """The parts of a pydantic error location that are keys or indexes of the document:
    pydantic also names union members and validators there (`Reference`, `str`)."""
    node, path = document, []
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            continue
        path.append(part)
    return path
