"""A small API (items, an owner model, a status enum) that each test copies and changes,
and helpers that build its package surface the way `generate` does."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.ir.surface import Surface
from generator.pipeline import build_surface
from generator.releasing.changes import ChangeReport
from generator.releasing.compare import compare_surfaces

Doc = dict[str, Any]
ITEM = {"$ref": "#/components/schemas/Item"}


def _json(schema: Doc) -> Doc:
    return {"application/json": {"schema": schema}}


BASE: Doc = {
    "openapi": "3.1.0",
    "info": {"title": "Shop", "version": "1.0.0"},
    "servers": [{"url": "https://api.example.com"}],
    "paths": {
        "/items": {
            "get": {
                "operationId": "listItems",
                "tags": ["items"],
                "summary": "List items",
                "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                    {
                        "name": "kind",
                        "in": "query",
                        "schema": {"type": "string", "enum": ["book", "game"]},
                    },
                ],
                "responses": {
                    "200": {
                        "description": "Items",
                        "content": _json({"type": "array", "items": ITEM}),
                    }
                },
            },
            "post": {
                "operationId": "createItem",
                "tags": ["items"],
                "requestBody": {
                    "required": True,
                    "content": _json({"$ref": "#/components/schemas/ItemCreate"}),
                },
                "responses": {"201": {"description": "Created", "content": _json(ITEM)}},
            },
        },
        "/items/{item_id}": {
            "parameters": [
                {"name": "item_id", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "get": {
                "operationId": "getItem",
                "tags": ["items"],
                "responses": {"200": {"description": "The item", "content": _json(ITEM)}},
            },
            "delete": {
                "operationId": "deleteItem",
                "tags": ["items"],
                "responses": {"204": {"description": "Gone"}},
            },
        },
    },
    "components": {
        "schemas": {
            "Item": {
                "type": "object",
                "required": ["id", "name"],
                "properties": {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "price": {"type": ["number", "null"]},
                    "status": {"$ref": "#/components/schemas/Status"},
                    "slot": {"$ref": "#/components/schemas/Slot"},
                },
            },
            "ItemCreate": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string"},
                    "status": {"$ref": "#/components/schemas/Status"},
                },
            },
            "Slot": {
                "type": "object",
                "properties": {"start": {"type": "string", "format": "time"}},
            },
            "Status": {"type": "string", "enum": ["active", "archived"]},
            "Audit": {
                "type": "object",
                "description": "Returned by no method.",
                "properties": {"who": {"type": "string"}, "when": {"type": "string"}},
            },
        },
    },
}


@pytest.fixture
def old() -> Doc:
    """The document before the change (a fresh copy per test)."""
    return copy.deepcopy(BASE)


@pytest.fixture
def new() -> Doc:
    """The document after the change: starts equal to `old`; tests edit it."""
    return copy.deepcopy(BASE)


def write_spec(folder: Path, document: Doc, name: str = "shop") -> Path:
    """A spec folder (sdk.toml + openapi.json) holding `document`."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sdk.toml").write_text(
        f'[source]\npath = "openapi.json"\n\n[package]\nname = "{name}"\n', encoding="utf-8"
    )
    (folder / "openapi.json").write_text(json.dumps(document), encoding="utf-8")
    return folder


Compare = Callable[[Doc, Doc], ChangeReport]


@pytest.fixture
def compare(tmp_path: Path) -> Compare:
    """Both documents built into package surfaces (the new one keeping the names the
    old one gave, as regeneration does) and compared."""

    def run(old: Doc, new: Doc) -> ChangeReport:
        before = surface(write_spec(tmp_path / "old", old))
        after = build_surface(write_spec(tmp_path / "new", new), before.name_record())
        return compare_surfaces(before, after)

    return run


def surface(folder: Path) -> Surface:
    return build_surface(folder, None)
