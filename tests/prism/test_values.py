"""The argument values the Prism suite sends must satisfy their schemas, or a violation
Prism reports would say nothing about the SDK. No Prism needed here."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.prism.schemas import Document
from tests.prism.values import NOTHING, UnbuildableSchema, ValueBuilder

COMPONENTS: dict[str, Any] = {
    "schemas": {
        "Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string", "format": "uuid"}}},
        "Pet": {
            "allOf": [
                {"$ref": "#/components/schemas/Base"},
                {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "name": {"type": "string", "minLength": 8, "maxLength": 9},
                        "etag": {"type": "string", "readOnly": True},
                        "status": {"type": "string", "enum": ["sold", "available"]},
                        "tags": {"type": "array", "items": {"type": "string"}, "minItems": 2},
                        "labels": {"type": "object", "additionalProperties": {"type": "integer"}},
                        "weight": {"type": ["number", "null"], "exclusiveMinimum": 2, "maximum": 3},
                        "legs": {"type": "integer", "minimum": 4, "multipleOf": 4},
                        "born": {"type": "string", "format": "date-time"},
                    },
                },
            ]
        },
        "Tree": {
            "type": "object",
            "required": ["value"],
            "properties": {
                "value": {"type": "integer", "maximum": -5},
                "children": {"type": "array", "items": {"$ref": "#/components/schemas/Tree"}},
            },
        },
        "Cat": {"type": "object", "required": ["kind", "lives"], "properties": {"kind": {"type": "string"}, "lives": {"type": "integer"}}},
        "Dog": {"type": "object", "required": ["kind", "good"], "properties": {"kind": {"type": "string"}, "good": {"type": "boolean"}}},
    }
}
SCHEMAS: dict[str, dict[str, Any]] = {
    "allOf with formats, bounds and enums": {"$ref": "#/components/schemas/Pet"},
    "recursive": {"$ref": "#/components/schemas/Tree"},
    "discriminated oneOf": {
        "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
        "discriminator": {"propertyName": "kind", "mapping": {"dog": "#/components/schemas/Dog"}},
    },
    "pattern the canonical text misses": {"type": "string", "pattern": "^[A-Z]{3}-[0-9]{4}$"},
    "nullable reference": {"anyOf": [{"type": "null"}, {"$ref": "#/components/schemas/Base"}]},
}


@pytest.fixture(scope="module")
def builder() -> ValueBuilder:
    return ValueBuilder(Document({"components": COMPONENTS}))


@pytest.mark.parametrize("full", [False, True], ids=["required", "full"])
@pytest.mark.parametrize("name", list(SCHEMAS))
def test_values_satisfy_their_schema(builder: ValueBuilder, name: str, full: bool) -> None:
    schema = SCHEMAS[name]
    value = builder.value(schema, full=full, where=name)
    assert builder.document.errors(value, schema) == []
    assert value == builder.value(schema, full=full, where=name), "values must be deterministic"


def test_full_values_carry_optional_properties_but_never_read_only_ones(builder: ValueBuilder) -> None:
    schema = SCHEMAS["allOf with formats, bounds and enums"]
    required = builder.value(schema, full=False, where="pet")
    full = builder.value(schema, full=True, where="pet")
    assert isinstance(required, dict) and isinstance(full, dict)
    assert set(required) == {"id", "name"}
    assert set(full) == {"id", "name", "status", "tags", "labels", "weight", "legs", "born"}


def test_a_discriminated_value_carries_its_tag(builder: ValueBuilder) -> None:
    value = builder.value(SCHEMAS["discriminated oneOf"], full=False, where="animal")
    # Cat comes first and has no mapping entry: its tag is its schema's name.
    assert value == {"kind": "Cat", "lives": 1}


def test_a_pattern_is_met_by_a_drawn_string(builder: ValueBuilder) -> None:
    value = builder.value(SCHEMAS["pattern the canonical text misses"], full=False, where="code")
    assert isinstance(value, str) and re.fullmatch(r"[A-Z]{3}-[0-9]{4}", value)


def test_an_example_is_used_only_when_it_fits(builder: ValueBuilder) -> None:
    schema = {"type": "integer", "minimum": 10}
    assert builder.example([3, 42, 11], schema) == 42
    assert builder.example(["ten"], schema) is NOTHING
    assert builder.value({**schema, "examples": [7, 12]}, full=False, where="n") == 12


def test_an_unsatisfiable_schema_is_reported(builder: ValueBuilder) -> None:
    with pytest.raises(UnbuildableSchema, match="nowhere"):
        builder.value({"type": "integer", "minimum": 5, "maximum": 4}, full=False, where="nowhere")
