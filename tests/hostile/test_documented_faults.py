"""Faults a spec documents are reported where they are, never changed silently: a
response keyed by something that is no status code is a warning from `generate` and
`validate` alike; defaults that do not fit their type or enum, path parameters not
marked required, parameters declared twice or for headers the client sets, and the
like are notes in `validate`'s report, each with its JSON pointer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.hostile.cli import run_in_process

OK = {"description": "ok", "content": {"application/json": {"schema": {"type": "object"}}}}


def _document() -> dict[str, Any]:
    item_id = {"name": "item_id", "in": "path", "schema": {"type": "string"}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "Faults", "version": "1"},
        "paths": {
            "/items/{item_id}": {
                "parameters": [item_id],  # `required` absent
                "get": {
                    "operationId": "getItem",
                    "parameters": [
                        {"name": "Accept", "in": "header", "schema": {"type": "string"}},
                        {"name": "page", "in": "query", "schema": {"type": "integer"}},
                        {"name": "page", "in": "query", "schema": {"type": "integer"}},
                        {
                            "name": "mode",
                            "in": "query",
                            "required": True,
                            "schema": {"type": "string", "default": "fast"},
                        },
                        {
                            "name": "ghost",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                    ],
                    "responses": {"abcdef": OK, "20O": OK, "2xx": OK},
                },
            },
            "/items/{item_id}/parts": {
                "get": {
                    "operationId": "getItem",
                    "parameters": [{**item_id, "required": False}],
                    "responses": {"200": {"$ref": "#/components/responses/Item"}},
                }
            },
        },
        "components": {
            "responses": {
                "Item": {
                    "description": "ok",
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Item"}}
                    },
                }
            },
            "schemas": {
                "Item": {
                    "type": "object",
                    "required": ["id", "weight"],
                    "properties": {
                        "id": {"type": "integer", "default": "one"},
                        "colour": {"type": "string", "enum": ["red", "blue"], "default": "purple"},
                        "size": {"type": "number", "default": "large"},
                    },
                }
            },
        },
    }


@pytest.fixture(scope="module")
def spec(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("faults") / "spec.json"
    path.write_text(json.dumps(_document()), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def report(spec: Path) -> list[str]:
    result = run_in_process("validate", spec)
    assert result.returncode == 0, result.stderr
    return [line.removeprefix(str(spec)) for line in result.stdout.splitlines()]


GET = "#/paths/~1items~1{item_id}/get"
PARTS = "#/paths/~1items~1{item_id}~1parts/get"
ITEM = "#/components/schemas/Item"


@pytest.mark.parametrize(
    "line",
    [
        f"{GET}/responses/abcdef: warning: response key 'abcdef' is not a status code",
        f"{GET}/responses/20O: warning: response key '20O' is not a status code",
        f"{GET}/parameters/item_id: note: path parameter 'item_id' is not marked required",
        f"{PARTS}/parameters/item_id: note: path parameter 'item_id' is not marked required",
        f"{GET}/parameters/ghost: warning: path parameter 'ghost' is not in the path",
        f"{GET}/parameters/page: note: query parameter 'page' is declared twice",
        f"{GET}/parameters/Accept: note: header parameter 'Accept' is one the client sets itself",
        f"{GET}/parameters/mode: note: required parameter 'mode' has a default ('fast')",
        f"{ITEM}/properties/id: note: default 'one' does not fit the type (int)",
        f"{ITEM}/properties/size: note: default 'large' does not fit the type (float)",
        f"{ITEM}/properties/colour: note: default 'purple' does not fit the type (an enum)",
        f"{ITEM}: note: required 'weight' not among the properties",
        f"{PARTS}: note: operationId 'getItem' is also GET /items/{{item_id}}'s",
    ],
)
def test_validate_reports_each_fault_where_it_is(report: list[str], line: str) -> None:
    assert any(reported.startswith(line) for reported in report), "\n".join(report)


def test_a_range_key_is_no_fault(report: list[str]) -> None:
    assert not [line for line in report if "'2xx'" in line]


def test_generate_warns_about_response_keys_too(spec: Path, tmp_path: Path) -> None:
    result = run_in_process("generate", spec, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    for key in ("abcdef", "20O"):
        assert f"{GET}/responses/{key}: warning: response key {key!r}" in result.stdout
