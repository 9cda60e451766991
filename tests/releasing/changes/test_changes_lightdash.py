"""The official Lightdash OpenAPI document against itself and a mutated copy."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from generator.releasing.changes import Kind, bump_version, compare_documents, render_json

REFERENCE = (
    Path(__file__).resolve().parents[3]
    / ".."
    / "shared"
    / "specs"
    / "reference"
    / "lightdash-0.1366.1-openapi.json"
)


@pytest.fixture(scope="module")
def lightdash() -> dict[str, Any]:
    if not REFERENCE.is_file():
        pytest.skip(f"{REFERENCE} is absent")
    document: dict[str, Any] = json.loads(REFERENCE.read_text(encoding="utf-8"))
    return document


def test_the_document_against_itself_has_no_changes(lightdash: dict[str, Any]) -> None:
    report = compare_documents(lightdash, copy.deepcopy(lightdash))
    assert report.changes == ()
    assert bump_version("0.1366.1", report) == "0.1366.1"


def test_removed_operation_and_required_query_parameter(lightdash: dict[str, Any]) -> None:
    mutated = copy.deepcopy(lightdash)
    del mutated["paths"]["/api/v1/org/users"]["get"]
    groups = mutated["paths"]["/api/v1/org/groups"]["get"]
    search = next(p for p in groups["parameters"] if p.get("name") == "searchQuery")
    assert search.get("required") is not True
    search["required"] = True
    report = compare_documents(lightdash, mutated)
    assert {c.id: c.kind for c in report.changes} == {
        "operation.removed:ListOrganizationMembers": Kind.BREAKING,
        "parameter.required:ListGroupsInOrganization.searchQuery": Kind.BREAKING,
    }
    removed, required = report.changes
    assert removed.message == (
        "operation `ListOrganizationMembers` (GET /api/v1/org/users) was removed"
    )
    assert removed.location == "#/paths/~1api~1v1~1org~1users/get"
    assert required.message == (
        "parameter `searchQuery` of `ListGroupsInOrganization` (GET /api/v1/org/groups)"
        " is now required"
    )
    assert bump_version("0.1366.1", report) == "0.1367.0"
    assert render_json(report) == render_json(compare_documents(lightdash, mutated))


def test_a_model_change_names_the_operations_that_use_it(lightdash: dict[str, Any]) -> None:
    mutated = copy.deepcopy(lightdash)
    profile = mutated["components"]["schemas"]["OrganizationMemberProfile"]
    del profile["properties"]["email"]
    profile["properties"]["isActive"]["type"] = ["boolean", "null"]
    report = compare_documents(lightdash, mutated)
    assert {c.id: c.kind for c in report.changes} == {
        "model.field.removed:OrganizationMemberProfile.email": Kind.BREAKING,
        "model.field.type:OrganizationMemberProfile.isActive": Kind.BREAKING,
    }
    removed = report.changes[0]
    assert removed.message == (
        "`OrganizationMemberProfile.email` was removed (used by GetOrganizationMemberByUuid,"
        " ListOrganizationMembers, UpdateOrganizationMember)"
    )
