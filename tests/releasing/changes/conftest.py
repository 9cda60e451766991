"""A small, complete API document that each test copies and changes one thing in."""

from __future__ import annotations

import copy
from typing import Any

import pytest

TABLE = {"$ref": "#/components/schemas/Table"}


def _json(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


BASE: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Tables", "version": "1.0.0"},
    "servers": [{"url": "https://api.example.com/v1"}],
    "security": [{"api_key": []}],
    "paths": {
        "/tables": {
            "get": {
                "operationId": "listTables",
                "summary": "List tables",
                "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                    {
                        "name": "sort",
                        "in": "query",
                        "schema": {"type": "string", "enum": ["asc", "desc"]},
                    },
                ],
                "responses": {
                    "200": {
                        "description": "The tables",
                        "content": _json({"type": "array", "items": TABLE}),
                    }
                },
            },
            "post": {
                "operationId": "createTable",
                "requestBody": {
                    "required": True,
                    "content": _json({"$ref": "#/components/schemas/TableCreate"}),
                },
                "responses": {"201": {"description": "Created", "content": _json(TABLE)}},
            },
        },
        "/tables/{table_id}": {
            "parameters": [
                {"name": "table_id", "in": "path", "required": True, "schema": {"type": "string"}}
            ],
            "get": {
                "operationId": "getTable",
                "responses": {"200": {"description": "The table", "content": _json(TABLE)}},
            },
            "delete": {"operationId": "deleteTable", "responses": {"204": {"description": "Gone"}}},
        },
        "/tables/{table_id}/rows": {
            "post": {
                "operationId": "insertRows",
                "requestBody": {
                    "content": _json(
                        {
                            "type": "object",
                            "required": ["rows"],
                            "properties": {
                                "rows": {"type": "array", "items": {"type": "object"}},
                                "mode": {"type": "string", "enum": ["append", "replace"]},
                            },
                        }
                    )
                },
                "responses": {
                    "200": {
                        "description": "Inserted",
                        "content": _json(
                            {
                                "type": "object",
                                "required": ["inserted"],
                                "properties": {
                                    "inserted": {"type": "integer"},
                                    "state": {"type": "string", "enum": ["ok", "partial"]},
                                },
                            }
                        ),
                    }
                },
            }
        },
        "/health": {
            "get": {
                "responses": {
                    "200": {
                        "description": "Up",
                        "content": _json(
                            {"type": "object", "properties": {"ok": {"type": "boolean"}}}
                        ),
                    }
                }
            }
        },
    },
    "webhooks": {
        "table.created": {
            "post": {
                "requestBody": {"content": _json({"$ref": "#/components/schemas/TableEvent"})},
                "responses": {"200": {"description": "Received"}},
            }
        }
    },
    "components": {
        "schemas": {
            "Table": {
                "type": "object",
                "description": "A table.",
                "required": ["id", "name"],
                "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "name": {"type": "string"},
                    "owner": {"anyOf": [{"$ref": "#/components/schemas/User"}, {"type": "null"}]},
                    "status": {"$ref": "#/components/schemas/TableStatus"},
                    "columns": {"type": "array", "items": {"$ref": "#/components/schemas/Column"}},
                },
            },
            "TableCreate": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string"},
                    "description": {"type": ["string", "null"]},
                    "status": {"$ref": "#/components/schemas/TableStatus"},
                },
            },
            "TableStatus": {"type": "string", "enum": ["active", "archived"]},
            "User": {
                "type": "object",
                "properties": {
                    "id": {"type": "string"},
                    "manager": {"$ref": "#/components/schemas/User"},
                },
            },
            "Column": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string"},
                    "children": {
                        "type": "array",
                        "items": {"$ref": "#/components/schemas/Column"},
                    },
                },
            },
            "TableEvent": {
                "type": "object",
                "properties": {"table": TABLE, "event": {"type": "string"}},
            },
        },
        "securitySchemes": {
            "api_key": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
        },
    },
}


@pytest.fixture
def old() -> dict[str, Any]:
    """The document before the change (a fresh copy per test)."""
    return copy.deepcopy(BASE)


@pytest.fixture
def new() -> dict[str, Any]:
    """The document after the change: starts equal to `old`; tests edit it."""
    return copy.deepcopy(BASE)
