"""Validation warns about what is not valid OpenAPI 3.1, and only about that."""

from __future__ import annotations

from typing import Any

import pytest

from generator.normalizing.validation import validation_warnings


def _document(schema: Any) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {"schemas": {"S": schema}},
    }


@pytest.mark.parametrize(
    "schema",
    [
        True,
        {"type": "object", "properties": {"gone": False}},
        {"type": "array", "items": False, "prefixItems": [{"type": "string"}, True]},
        {"anyOf": [{"type": "string"}], "unevaluatedProperties": False},
        {"not": True},
        {"type": "array", "contains": {"items": {"not": False}}},
    ],
    ids=["component", "property", "items", "unevaluated", "not", "nested"],
)
def test_boolean_schemas_are_valid_wherever_a_schema_goes(schema: Any) -> None:
    assert validation_warnings(_document(schema), "spec.yaml") == []


def test_a_real_problem_beside_boolean_schemas_is_still_reported_where_it_is() -> None:
    schema = {"type": "object", "properties": {"a": True, "b": False}, "readOnly": "maybe"}
    warnings = validation_warnings(_document(schema), "spec.yaml")
    assert [w.location for w in warnings] == ["spec.yaml#/components/schemas/S/readOnly"]


def test_the_document_itself_is_not_changed() -> None:
    document = _document({"properties": {"gone": False}})
    validation_warnings(document, "spec.yaml")
    assert document["components"]["schemas"]["S"] == {"properties": {"gone": False}}
