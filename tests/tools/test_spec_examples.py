"""`tools.spec_examples` finds every example the spec gives, wherever its operation's
method lands in the package."""

from __future__ import annotations

import json
from pathlib import Path

from generator.diagnostics import Diagnostics
from generator.pipeline import load_normalized
from tools.spec_examples import example_cases

_MEMBER = {"type": "object", "properties": {"name": {"type": "string"}}}


def _listing(example: object) -> dict[str, object]:
    return {
        "responses": {
            "200": {
                "description": "ok",
                "content": {
                    "application/json": {
                        "schema": {"type": "array", "items": _MEMBER},
                        "example": example,
                    }
                },
            }
        }
    }


def test_examples_of_sub_resources_are_found(tmp_path: Path) -> None:
    spec = tmp_path / "api.json"
    document = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/projects": {"get": {"operationId": "listProjects", **_listing([{"name": "p"}])}},
            "/projects/{project_id}/members": {
                "parameters": [
                    {"name": "project_id", "in": "path", "required": True, "schema": {}}
                ],
                "get": {"operationId": "listProjectMembers", **_listing([{"name": "m"}])},
            },
        },
    }
    spec.write_text(json.dumps(document), encoding="utf-8")
    found = example_cases(spec, load_normalized(spec, Diagnostics()))
    assert sorted(case.value[0]["name"] for case in found.cases) == ["m", "p"]


def test_a_null_example_of_a_body_that_may_be_left_out_is_checked_as_none(
    tmp_path: Path,
) -> None:
    # No `type`: null is valid JSON Schema for it (GitHub's security product bodies).
    schema = {"properties": {"name": {"type": "string"}}}
    spec = tmp_path / "api.json"
    body = {
        "content": {"application/json": {"schema": schema, "examples": {"none": {"value": None}}}}
    }
    document = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {
            "/members": {
                "post": {
                    "operationId": "addMember",
                    "requestBody": body,
                    "responses": {"204": {"description": "ok"}},
                }
            }
        },
    }
    spec.write_text(json.dumps(document), encoding="utf-8")
    [case] = example_cases(spec, load_normalized(spec, Diagnostics())).cases
    assert case.value is None
    assert case.annotation.endswith(" | None")
