"""Schemas named like the runtime's own classes and helpers (`SyncOffsetPage`, `Param`,
`Redirect`, `is_object`, ...) never replace them: the package imports, pages through a
real server with its items typed as the model of that name, and type-checks; and the list
of names the naming pass keeps clear follows what the generated modules really import."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from generator.building import naming
from generator.building.names import PACKAGE_NAMES
from tests.conftest import ROOT
from tests.properties.packages import build, resources, sync_client
from tests.support.http_server import RecordingServer, Reply
from tools.package_checks import run_mypy

# Runtime names a schema might well be called, whichever module of the runtime has them.
_TAKEN = (
    "SyncOffsetPage",
    "OffsetPagination",
    "SyncResource",
    "BinaryResponse",
    "Stream",
    "Param",
    "Redirect",
    "NotGiven",
    "APIError",
    "UnknownVariant",
    "is_object",
)


def _document() -> dict[str, Any]:
    schemas = {
        name: {
            "type": "object",
            "required": ["id"],
            "properties": {"id": {"type": "integer"}, "label": {"type": "string"}},
        }
        for name in _TAKEN
    }
    page = {
        "type": "object",
        "properties": {
            "items": {"type": "array", "items": {"$ref": "#/components/schemas/SyncOffsetPage"}},
            "total": {"type": "integer"},
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Taken", "version": "1"},
        "paths": {
            "/things": {
                "get": {
                    "operationId": "listThings",
                    "tags": ["things"],
                    "parameters": [
                        {"name": "offset", "in": "query", "schema": {"type": "integer"}},
                        {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                        {
                            "name": "tags",
                            "in": "query",
                            "style": "form",
                            "explode": False,
                            "schema": {"type": "array", "items": {"type": "string"}},
                        },
                    ],
                    "responses": {
                        "200": {"description": "A page", "content": _json(page)},
                    },
                },
                "post": {
                    "operationId": "createThing",
                    "tags": ["things"],
                    "requestBody": {
                        "required": True,
                        "content": _json({"$ref": "#/components/schemas/Param"}),
                    },
                    "responses": {
                        "201": {
                            "description": "Made",
                            "content": _json({"$ref": "#/components/schemas/Redirect"}),
                        }
                    },
                },
            }
        },
        "components": {"schemas": schemas},
    }


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


def test_schemas_named_like_the_runtime_leave_it_working(
    tmp_path: Path, http_server: RecordingServer
) -> None:
    root, package = build(_document(), tmp_path, "taken")
    http_server.enqueue(
        Reply.json({"items": [{"id": 1}, {"id": 2}], "total": 3}),
        Reply.json({"items": [{"id": 3}], "total": 3}),
        Reply.json({"id": 9, "label": "made"}, status=201),
    )
    things = resources(sync_client(package, base_url=http_server.url))["things"]
    page = things.list(limit=2, tags=["a", "b"])
    items = list(page)
    assert isinstance(page, package._pagination.SyncOffsetPage)
    # The schema `SyncOffsetPage` is a model of another name (`SyncOffsetPage2`).
    assert {type(item).__name__ for item in items} == {"SyncOffsetPage2"}
    assert type(items[0]) is package.models.SyncOffsetPage2
    assert [item.id for item in items] == [1, 2, 3]
    made = things.create(id=5, label="new")
    assert type(made) is package.models.Redirect2
    assert made.label == "made"
    assert http_server.requests[0].query == "limit=2&tags=a,b"
    passed, output = run_mypy([root / "taken"])
    assert passed, output


def _runtime_names_beside_models(package: Path) -> dict[str, str]:
    """Runtime names imported by the modules that also import the API's classes."""
    runtime = {p.stem for p in package.glob("_*.py")} - {"__init__", "_client", "_unions"}
    found: dict[str, str] = {}
    modules = [*package.glob("resources/*.py"), *package.glob("models/*.py")]
    modules += [package / "_unions.py"] if (package / "_unions.py").is_file() else []
    for module in modules:
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.ImportFrom)
                and node.level
                and (node.module or "").split(".")[0] in runtime
            ):
                found.update({alias.name: str(module) for alias in node.names})
    return found


def test_every_runtime_name_beside_the_models_is_kept_clear() -> None:
    packages = [
        *(ROOT / "generated").glob("*/*/_base_client.py"),
        *(ROOT / "tests" / "golden" / "cases").glob("*/expected/*/_base_client.py"),
    ]
    assert packages, "no generated package to read"
    clear = PACKAGE_NAMES | naming.RESERVED_CLASS_NAMES
    unguarded = {
        name: where
        for client in packages
        for name, where in _runtime_names_beside_models(client.parent).items()
        if name not in clear
    }
    assert unguarded == {}
