"""The resource tree and method names a caller sees, from small specs shaped like the
vendors' (see README, "How resources and methods are named")."""

from __future__ import annotations

import json
from typing import Any

import pytest

from generator import ir
from generator.building import build_api, naming
from generator.config import NamesConfig, PackageConfig, SdkConfig, SourceConfig
from generator.diagnostics import Diagnostics
from generator.ir.surface import from_json, surface_of, to_json

CONFIG = SdkConfig(source=SourceConfig(path="spec.json"), package=PackageConfig(name="api"))
LISTED = {"200": {"description": "ok", "content": {"application/json": {"schema": {
    "type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}}},
}}}}}  # fmt: skip
ONE = {"200": {"description": "ok", "content": {"application/json": {"schema": {
    "type": "object", "properties": {"id": {"type": "string"}},
}}}}}  # fmt: skip


def _op(operation_id: str, *tags: str, responses: dict[str, Any] = ONE) -> dict[str, Any]:
    found: dict[str, Any] = {"operationId": operation_id, "responses": responses}
    return {**found, "tags": list(tags)} if tags else found


def _calls(paths: dict[str, Any], config: SdkConfig = CONFIG, **document: Any) -> dict[str, str]:
    """`METHOD /path` -> what a caller types (`client.projects.spaces.create`)."""
    spec = {"openapi": "3.1.0", "info": {"title": "API", "version": "1"}, "paths": paths}
    api = build_api({**spec, **document}, config, "spec.json", Diagnostics())
    return {
        f"{op.http_method.upper()} {op.path}": f"{resource.call}.{op.name}"
        for resource in api.every_resource
        for op in resource.operations
    }


LIGHTDASH_LIKE = {
    "/api/v1/projects/{projectUuid}": {"get": _op("GetProject", "Projects")},
    "/api/v1/projects/{projectUuid}/spaces": {
        "get": _op("ListSpacesInProject", "Projects", responses=LISTED),
        "post": _op("CreateSpaceInProject", "Roles & Permissions", "Spaces"),
    },
    "/api/v1/projects/{projectUuid}/spaces/{spaceUuid}": {
        "get": _op("GetSpace", "Spaces"),
        "patch": _op("UpdateSpace", "Roles & Permissions", "Spaces"),
        "delete": _op("DeleteSpace", "Spaces"),
    },
    "/api/v1/projects/{projectUuid}/charts": {
        "get": _op("ListChartsInProject", "Projects", responses=LISTED)
    },
    "/api/v1/org": {"get": _op("GetMyOrganization", "Organizations")},
    "/api/v1/org/groups": {
        "get": _op("ListGroupsInOrganization", "Organizations", responses=LISTED)
    },
    "/api/v1/groups/{groupUuid}": {"get": _op("getGroup", "User Groups")},
    "/api/v1/groups/{groupUuid}/projects/{projectUuid}": {
        "post": _op("addProjectAccessToGroup", "User Groups")
    },
}


def test_tags_nest_where_their_paths_do_and_verbs_are_plain() -> None:
    assert _calls(LIGHTDASH_LIKE) == {
        "GET /api/v1/projects/{projectUuid}": "client.projects.retrieve",
        "GET /api/v1/projects/{projectUuid}/spaces": "client.projects.spaces.list",
        "POST /api/v1/projects/{projectUuid}/spaces": "client.projects.spaces.create",
        "GET /api/v1/projects/{projectUuid}/spaces/{spaceUuid}": "client.projects.spaces.retrieve",
        "PATCH /api/v1/projects/{projectUuid}/spaces/{spaceUuid}": "client.projects.spaces.update",
        "DELETE /api/v1/projects/{projectUuid}/spaces/{spaceUuid}": (
            "client.projects.spaces.delete"
        ),
        "GET /api/v1/projects/{projectUuid}/charts": "client.projects.charts.list",
        "GET /api/v1/org": "client.organizations.retrieve",
        "GET /api/v1/org/groups": "client.organizations.list_groups",
        "GET /api/v1/groups/{groupUuid}": "client.user_groups.retrieve",
        "POST /api/v1/groups/{groupUuid}/projects/{projectUuid}": (
            "client.user_groups.projects.add_access"
        ),
    }


def test_nested_collections_are_sub_resources_without_tags() -> None:
    paths = {
        "/monitors": {"get": _op("list_monitors", responses=LISTED)},
        "/monitors/{id}": {"get": _op("get_monitor"), "delete": _op("remove_monitor")},
        "/monitors/{id}/runs": {"get": _op("list_monitor_runs", responses=LISTED)},
        "/monitors/{id}/runs/{run_id}": {"get": _op("get_monitor_run")},
        "/monitors/{id}/run": {"post": _op("start_monitor_run")},
        "/monitors/{id}/subscription/items": {"post": _op("add_new_seat_type")},
        "/monitors/{id}/subscription/items/{item}": {"put": _op("update_quantity_of_item")},
    }
    assert _calls(paths) == {
        "GET /monitors": "client.monitors.list",
        "GET /monitors/{id}": "client.monitors.retrieve",
        "DELETE /monitors/{id}": "client.monitors.delete",
        "GET /monitors/{id}/runs": "client.monitors.runs.list",
        "GET /monitors/{id}/runs/{run_id}": "client.monitors.runs.retrieve",
        "POST /monitors/{id}/run": "client.monitors.start_run",
        "POST /monitors/{id}/subscription/items": "client.monitors.subscription_items.create",
        "PUT /monitors/{id}/subscription/items/{item}": (
            "client.monitors.subscription_items.update"
        ),
    }


def test_an_operation_with_a_verb_of_its_own_keeps_it() -> None:
    paths = {
        "/v1/api-keys": {
            "get": _op("list_all_api_keys", responses=LISTED),
            "post": _op("create_new_api_key"),
        },
        "/v1/api-keys/{key_id}": {
            "get": _op("get_api_key_details"),
            "delete": _op("revoke_api_key"),
        },
        "/v1/stored-items/{id}/delete": {"post": _op("delete_stored_item")},
    }
    assert set(_calls(paths).values()) == {
        "client.api_keys.list",
        "client.api_keys.create",
        "client.api_keys.retrieve",
        "client.api_keys.revoke",
        "client.stored_items.delete",
    }


@pytest.mark.parametrize(
    ("words", "resource", "name"),
    [
        ("create space in project", "projects|spaces", "create"),
        ("list groups in organization", "organizations", "list_groups"),
        ("add project access to group", "user|groups|user groups|projects", "add_access"),
        ("remove user from", "members", "remove_user"),
        ("get current user organisation", "organisation", "get_current_user_organisation"),
        ("set hierarchical table lookup domain", "table|column domain", "set_hierarchical_table_lookup_domain"),
        ("check if enum value", "table", "check_enum_value"),
        ("get a data source copy for dataset", "datasets|data sources", "get_copy"),
        ("download or preview object", "objects", "download_or_preview"),
        ("permanently delete user", "users", "permanently_delete"),
        ("list my available organizations", "my|account|my account", "list_available_organizations"),
        ("list datadiffs", "data|diffs|data diffs", "list"),
        ("sign in", "sessions", "sign_in"),
        ("typeahead for workspace", "workspaces|typeahead", "typeahead"),
        ("events for project", "projects|events", "events"),
        ("members of team", "teams|members", "members"),
    ],
)  # fmt: skip
def test_a_verb_phrase_drops_what_the_resource_says_and_never_dangles(
    words: str, resource: str, name: str
) -> None:
    phrases = [tuple(phrase.split()) for phrase in resource.split("|")]
    assert "_".join(naming.verb_phrase(words.split(), phrases)) == name


def test_overlays_name_methods_resources_and_classes() -> None:
    paths = {
        "/v1/organisations/me": {
            "get": {**_op("get_current_user_organisation", "Organisation"), "x-sdkgen-name": "retrieve_current"}
        },
    }  # fmt: skip
    tags = [{"name": "Organisation", "x-sdkgen-name": "organisations"}]
    assert _calls(paths, tags=tags) == {
        "GET /v1/organisations/me": "client.organisations.retrieve_current"
    }


def test_sdk_toml_names_win_over_the_overlays() -> None:
    names = NamesConfig(
        methods={"GET /v1/organisations/me": "current"},
        resources={"Organisation": "orgs"},
        models={"Org": "Organisation"},
    )
    config = CONFIG.model_copy(update={"names": names})
    paths = {
        "/v1/organisations/me": {
            "get": {**_op("get_current_user_organisation", "Organisation"), "x-sdkgen-name": "me"}
        }
    }
    components = {"schemas": {"Org": {"type": "object", "x-sdkgen-name": "Company"}}}
    assert _calls(paths, config) == {"GET /v1/organisations/me": "client.orgs.current"}
    spec = {"openapi": "3.1.0", "info": {"title": "API", "version": "1"}, "paths": paths}
    api = build_api({**spec, "components": components}, config, "spec.json", Diagnostics())
    assert "Organisation" in {m.class_name for m in api.models}


def test_names_given_under_older_rules_are_decided_again() -> None:
    """A package written before the naming rules were versioned keeps its argument and
    field names, but not the names of its methods and resources."""
    spec = {"openapi": "3.1.0", "info": {"title": "API", "version": "1"}, "paths": {
        "/items": {"get": _op("list_all_items", responses=LISTED)}}}  # fmt: skip
    api = build_api(spec, CONFIG, "spec.json", Diagnostics())
    recorded = json.loads(to_json(surface_of(api)))
    recorded["methods"][0]["call"] = "client.items.list_all"
    current = from_json(json.dumps(recorded)).name_record()
    assert current["method:GET /items"] == ("list_all", "list_all")
    del recorded["naming"]
    assert "method:GET /items" not in from_json(json.dumps(recorded)).name_record()
    renamed = build_api(
        spec, CONFIG, "spec.json", Diagnostics(), from_json(json.dumps(recorded)).name_record()
    )
    assert _names(renamed) == ["list"]


def _names(api: ir.Api) -> list[str]:
    return [op.name for resource in api.every_resource for op in resource.operations]
