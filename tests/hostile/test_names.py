"""Names that are Python keywords, builtins, typing or pydantic internals, SDK keyword
arguments, or that collide once normalised: every one stays its own field, class,
method or argument, reaches the wire under its own name, and type-checks."""

from __future__ import annotations

import datetime
import json
import uuid
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator import ir
from generator.building import build_api
from generator.diagnostics import Diagnostics
from generator.pipeline import load_normalized, resolve_input
from tests.properties.packages import build, resources, sync_client
from tests.support.http_server import RecordingServer, Reply
from tools.package_checks import run_mypy

# wire name -> (schema, a value of it, its JSON form)
_TODAY = datetime.date(2024, 2, 29)
_PROPERTIES: dict[str, tuple[dict[str, Any], Any]] = {
    **{
        name: ({"type": "string", "default": name}, f"v-{name}")
        for name in (
            "class",
            "self",
            "None",
            "True",
            "model_config",
            "model_dump",
            "model_fields",
            "schema",
            "json",
            "dict",
            "copy",
            "to_dict",
            "fooBar",
            "foo_bar",
            "foo-bar",
            "FooBar",
            "foo bar",
            "type",
            "Any",
            "Literal",
            "Field",
            "BaseModel",
            "",
            "__class__",
            "_private",
            "str",
        )
    },
    "date": ({"type": "string", "format": "date", "default": "2020-01-01"}, _TODAY.isoformat()),
    "datetime": ({"type": "string", "format": "date-time"}, "2024-02-29T12:00:00Z"),
    "bool": ({"type": "boolean", "default": False}, True),
    "int": ({"type": "integer", "default": 0}, 7),
    "list": ({"type": "array", "items": {"type": "string"}, "default": []}, ["a"]),
    "UUID": ({"type": "string", "format": "uuid"}, str(uuid.UUID(int=1))),
    "Pet": ({"$ref": "#/components/schemas/Pet"}, {"name": "p"}),
    "pet": ({"$ref": "#/components/schemas/pet"}, {"age": 1}),
}
_QUERY = [
    "limit",
    "Limit",
    "LIMIT",
    "self",
    "body",
    "options",
    "timeout",
    "extra_headers",
    "extra_query",
    "class",
    "x_trace",
    "from",
]


def _get(operation_id: str, tag: str) -> dict[str, Any]:
    return {
        "operationId": operation_id,
        "tags": [tag],
        "parameters": [{"name": n, "in": "query", "schema": {"type": "string"}} for n in _QUERY]
        + [{"name": "X-Trace", "in": "header", "schema": {"type": "string"}}],
        "responses": {
            "200": {
                "description": "ok",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
            }
        },
    }


def _document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Names", "version": "1"},
        "paths": {
            "/a": {"get": _get("getPet", "Pets")},
            "/b": {"get": _get("get_pet", "Pets")},
            "/c": {"get": _get("get-pet", "pets")},
            "/d": {"get": _get("GetPet", "Tags")},
        },
        "components": {
            "schemas": {
                "Thing": {
                    "type": "object",
                    "properties": {k: s for k, (s, _) in _PROPERTIES.items()},
                },
                "Pet": {"type": "object", "properties": {"name": {"type": "string"}}},
                "pet": {"type": "object", "properties": {"age": {"type": "integer"}}},
                "PET": {"type": "object", "properties": {"id": {"type": "integer"}}},
                "tags_resource": {"type": "object", "properties": {"id": {"type": "integer"}}},
                "BaseModel": {"type": "string", "enum": ["BaseModel", "Field"]},
                "list": {"type": "array", "items": {"$ref": "#/components/schemas/PET"}},
            }
        },
    }


Names = tuple[Path, ModuleType, ir.Api]


@pytest.fixture(scope="module")
def names(tmp_path_factory: pytest.TempPathFactory) -> Names:
    folder = tmp_path_factory.mktemp("names")
    root, package = build(_document(), folder, "names")
    spec = folder / "names.json"
    api = build_api(
        load_normalized(spec, Diagnostics()), resolve_input(spec).config, str(spec), Diagnostics()
    )
    return root, package, api


def test_every_property_is_its_own_field_and_round_trips(names: Names) -> None:
    models = __import__("names.models", fromlist=["__all__"])
    wire = {name: value for name, (_, value) in _PROPERTIES.items()}
    thing = models.Thing.model_validate_json(json.dumps(wire))
    assert thing.model_extra == {}, "a property was taken for an unknown field"
    assert thing.to_dict() == wire
    assert len(models.Thing.model_fields) == len(_PROPERTIES)
    defaults = models.Thing().model_dump(by_alias=True)
    assert (defaults["class"], defaults["bool"], defaults["int"]) == ("class", False, 0)


def test_classes_that_differ_only_in_case_stay_apart(names: Names) -> None:
    models = __import__("names.models", fromlist=["__all__"])
    fields = {
        frozenset(getattr(models, n).model_fields)
        for n in models.__all__
        if hasattr(getattr(models, n), "model_fields")
    }
    assert {frozenset({"name"}), frozenset({"age"}), frozenset({"id"})} <= fields
    assert len(models.__all__) == len(set(models.__all__))


def test_every_operation_and_argument_reaches_the_wire(
    names: Names, http_server: RecordingServer
) -> None:
    _, package, api = names
    client = sync_client(package, base_url=http_server.url)
    offered = resources(client)
    calls = [(r.attribute, op) for r in api.resources for op in r.operations]
    assert sorted(op.path for _, op in calls) == ["/a", "/b", "/c", "/d"]
    for attribute, op in calls:
        http_server.enqueue(Reply.json({}))
        arguments = {p.name: f"{p.location}:{p.wire_name}" for p in op.parameters}
        assert len(arguments) == len(op.parameters), "two parameters share a Python name"
        getattr(offered[attribute], op.name)(**arguments)
        request = http_server.requests[-1]
        assert request.path == op.path
        assert sorted(request.query_params) == sorted(
            (p.wire_name, f"query:{p.wire_name}") for p in op.parameters if p.location == "query"
        )
        assert request.header("X-Trace") == "header:X-Trace"


def test_the_package_type_checks(names: Names) -> None:
    passed, output = run_mypy([names[0] / "names"])
    assert passed, output
