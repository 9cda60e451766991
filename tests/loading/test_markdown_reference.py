"""The `markdown-reference` loader on the real Eddytor capture (one line, line breaks lost)
and on small captures flattened the same way."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openapi_pydantic.v3.v3_1 import OpenAPI

from generator.config import load_config
from generator.diagnostics import Diagnostics, Disclosure, SpecError
from generator.loading.markdown_reference import load
from generator.loading.overlay import apply_overlay, load_overlay

REPO = Path(__file__).resolve().parents[2]
SPEC_FOLDER = REPO / "specs" / "eddytor"
CAPTURE = SPEC_FOLDER / "eddytor-api-reference.md"
OPERATION_HEADING = re.compile(r"### (GET|POST|PUT|PATCH|DELETE) (/\S*)")
LISTED_PATH_PARAMETER = re.compile(r"- (\w+) \[path\]")
SCHEMA_REF = "#/components/schemas/"
BINARY = {"type": "string", "format": "binary"}


@pytest.fixture(scope="module")
def raw() -> str:
    return CAPTURE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def loaded() -> tuple[dict[str, Any], Diagnostics]:
    diagnostics = Diagnostics()
    return load(CAPTURE, {}, diagnostics), diagnostics


@pytest.fixture(scope="module")
def document(loaded: tuple[dict[str, Any], Diagnostics]) -> dict[str, Any]:
    return loaded[0]


@pytest.fixture(scope="module")
def schemas(document: dict[str, Any]) -> dict[str, Any]:
    return dict(document["components"]["schemas"])


def operations(document: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {
        (method.upper(), path): operation
        for path, item in document["paths"].items()
        for method, operation in item.items()
    }


def capture_schema_names(raw: str) -> list[str]:
    _, _, schema_part = raw.partition("## Schemas")
    return re.findall(r"### (\w+)", schema_part)


def operation_texts(raw: str) -> dict[tuple[str, str], str]:
    """Each operation's text, cut at the headings, read independently of the loader."""
    starts = list(OPERATION_HEADING.finditer(raw))
    texts = {}
    for here in starts:
        end = raw.find(" ##", here.end())
        texts[(here.group(1), here.group(2))] = raw[here.start() : end if end > 0 else None]
    return texts


def resolve(document: dict[str, Any], ref: str) -> Any:
    node: Any = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def all_refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["$ref"]] if isinstance(node.get("$ref"), str) else []
        return own + [ref for value in node.values() for ref in all_refs(value)]
    if isinstance(node, list):
        return [ref for value in node for ref in all_refs(value)]
    return []


# --- Counts ------------------------------------------------------------------------------


def test_every_operation_heading_becomes_one_operation(raw: str, document: dict[str, Any]) -> None:
    headings = {(m.group(1), m.group(2)) for m in OPERATION_HEADING.finditer(raw)}
    assert len(headings) == len(OPERATION_HEADING.findall(raw)) == 70
    assert set(operations(document)) == headings


def test_every_schema_heading_becomes_one_component(raw: str, schemas: dict[str, Any]) -> None:
    names = capture_schema_names(raw)
    assert len(names) == len(set(names)) == 90
    assert set(names) <= set(schemas)
    # The one schema the loader adds is the error body the prose describes.
    assert set(schemas) - set(names) == {"ErrorResponse"}


def test_operation_ids_are_unique_snake_case_and_taken_from_summaries(
    document: dict[str, Any],
) -> None:
    ops = operations(document)
    ids = [op["operationId"] for op in ops.values()]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)*", i) for i in ids)
    for op in ops.values():
        first_word = re.findall(r"[a-z0-9]+", op["summary"].lower())[0]
        assert op["operationId"].startswith(first_word)


def test_each_operation_is_tagged_with_its_section(raw: str, document: dict[str, Any]) -> None:
    tag_names = [tag["name"] for tag in document["tags"]]
    for tag in tag_names:
        assert f"## {tag} " in raw
    ops = operations(document)
    assert all(op["tags"][0] in tag_names for op in ops.values())
    # "## Azure Browse Azure subscriptions, ...": the heading is the first word only.
    assert ops[("GET", "/v1/azure/storage-accounts")]["tags"] == ["Azure"]
    assert ops[
        ("PUT", "/v1/tables/{catalog}/{schema}/{table_name}/columns/{column_name}/domain/fixed")
    ]["tags"] == ["Column Domain"]


# --- Parameters ---------------------------------------------------------------------------


def test_path_parameters_follow_the_template_and_unlisted_ones_are_noted(
    raw: str, loaded: tuple[dict[str, Any], Diagnostics]
) -> None:
    document, diagnostics = loaded
    unlisted = 0
    for (method, path), text in operation_texts(raw).items():
        template = re.findall(r"{(\w+)}", path)
        listed = set(LISTED_PATH_PARAMETER.findall(text))
        unlisted += len([name for name in template if name not in listed])
        parameters = operations(document)[(method, path)].get("parameters", [])
        in_path = [p for p in parameters if p["in"] == "path"]
        assert [p["name"] for p in in_path] == template
        assert all(p["required"] and p["schema"] == {"type": "string"} for p in in_path)
    recovered = [d for d in diagnostics.notes if "path parameter" in d.message]
    assert len(recovered) == unlisted > 50  # table routes list none of their parameters
    provider = operations(document)[("DELETE", "/v1/ai/credentials/{provider}")]["parameters"]
    assert provider == [
        {"name": "provider", "in": "path", "required": True, "schema": {"type": "string"}}
    ]


def test_query_parameters_keep_their_types_and_presence(document: dict[str, Any]) -> None:
    listing = operations(document)[("GET", "/v1/storages/configs/{config_id}/objects")]
    query = {p["name"]: p for p in listing["parameters"] if p["in"] == "query"}
    assert list(query) == ["path", "extensions", "limit", "continuation_token", "delimiter"]
    assert query["limit"]["schema"] == {"type": "integer"}
    assert query["delimiter"]["schema"] == {"type": "boolean"}
    assert not any(p["required"] for p in query.values())
    delete = operations(document)[("DELETE", "/v1/storages/configs/{config_id}/objects")]
    assert [p["required"] for p in delete["parameters"] if p["name"] == "path"] == [True]


# --- Bodies -------------------------------------------------------------------------------


def test_multi_file_upload_is_an_array_of_binaries(document: dict[str, Any]) -> None:
    body = operations(document)[("POST", "/v1/storages/uploads")]["requestBody"]
    schema = body["content"]["multipart/form-data"]["schema"]
    assert schema["properties"]["files"]["type"] == "array"
    assert schema["properties"]["files"]["items"] == BINARY
    assert schema["properties"]["path"]["type"] == "string"
    assert "format" not in schema["properties"]["path"]
    assert schema["required"] == ["path", "files"]


def test_single_file_upload_is_one_binary_beside_plain_fields(document: dict[str, Any]) -> None:
    body = operations(document)[("POST", "/v1/tables/infer")]["requestBody"]
    properties = body["content"]["multipart/form-data"]["schema"]["properties"]
    assert {k: v for k, v in properties["file"].items() if k != "description"} == BINARY
    assert properties["hasHeader"]["type"] == "boolean"
    assert properties["delimiter"]["type"] == "string"


def test_json_bodies_refer_to_the_named_schema(raw: str, document: dict[str, Any]) -> None:
    checked = 0
    for key, text in operation_texts(raw).items():
        named = re.search(r"Content-Type: application/json\S* \S+ Schema: (\w+)", text)
        if named:
            content = operations(document)[key]["requestBody"]["content"]
            assert content == {"application/json": {"schema": {"$ref": SCHEMA_REF + named[1]}}}
            checked += 1
    assert checked == 32


def test_download_is_binary_and_json_responses_refer_to_schemas(
    document: dict[str, Any],
) -> None:
    download = operations(document)[("GET", "/v1/storages/configs/{config_id}/objects/download")]
    assert download["responses"]["200"]["content"] == {
        "application/octet-stream": {"schema": BINARY}
    }
    table = operations(document)[("GET", "/v1/tables/{catalog}/{schema}/{table_name}")]
    assert table["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": SCHEMA_REF + "TableMetadata"
    }


# --- Errors and rate limits ---------------------------------------------------------------


def test_error_body_is_the_documented_format_on_every_error_response(
    loaded: tuple[dict[str, Any], Diagnostics], schemas: dict[str, Any]
) -> None:
    document, diagnostics = loaded
    error = schemas["ErrorResponse"]
    assert error["required"] == ["statusCode", "error", "message"]
    assert error["properties"]["statusCode"] == {"type": "integer"}
    ref = {"$ref": SCHEMA_REF + "ErrorResponse"}
    for op in operations(document).values():
        for status, response in op["responses"].items():
            if status[0] in "45" or status == "default":
                assert response["content"]["application/json"]["schema"] == ref, status
    assert any("ApiError" in d.location for d in diagnostics.warnings)


def test_rate_limit_is_a_429_with_retry_after(document: dict[str, Any]) -> None:
    assert "429" in document["info"]["description"]
    for op in operations(document).values():
        limited = op["responses"]["429"]
        assert limited["headers"]["Retry-After"]["schema"] == {"type": "integer"}
        assert "Retry-After" in limited["description"]


# --- Schemas ------------------------------------------------------------------------------


def test_enums_required_fields_and_formats(schemas: dict[str, Any]) -> None:
    assert schemas["OrganisationRole"]["enum"] == ["admin", "builder", "editor", "viewer"]
    assert schemas["SubscriptionStep"]["enum"] == ["setup", "finalize", "update-payment-method"]
    api_key = schemas["ApiKeyResponse"]
    assert api_key["required"] == ["id", "name", "key_prefix", "scopes", "created_at", "is_revoked"]
    assert api_key["properties"]["id"]["format"] == "uuid"
    assert schemas["RecoverUserRequest"]["properties"]["email"]["format"] == "email"
    size = schemas["ObjectEntry"]["properties"]["size"]
    assert (size["type"], size["format"], size["minimum"]) == ("integer", "uint64", 0)
    assert schemas["EmptyResponse"] == {"type": "object"}


def test_flattened_references_resolve_or_degrade_with_a_warning(
    raw: str, loaded: tuple[dict[str, Any], Diagnostics], schemas: dict[str, Any]
) -> None:
    _, diagnostics = loaded
    _, _, schema_part = raw.partition("## Schemas")
    flattened = 0
    for block in schema_part.split(" ### ")[1:]:
        owner = block.split(" ")[0]
        for name in re.findall(r"- (\w+): allOf", block):
            flattened += 1
            prop = schemas[owner]["properties"][name]
            target = prop.get("$ref") or next(
                (m.get("$ref") for m in prop.get("anyOf", []) if "$ref" in m), None
            )
            located = [
                d for d in diagnostics.items if d.location.endswith(f"/{owner}/properties/{name}")
            ]
            if target:
                assert target.removeprefix(SCHEMA_REF) in schemas
                assert located and located[0].level == "note"
            else:
                assert located and located[0].level == "warning"
    assert flattened > 20
    props = {name: schema.get("properties", {}) for name, schema in schemas.items()}
    assert props["UpgradeSeatTypeRequest"]["fromSeatType"]["$ref"] == SCHEMA_REF + "SeatType"
    assert props["MagicDustRequest"]["action"]["$ref"] == SCHEMA_REF + "AIAction"
    assert props["UserMembershipResponse"]["role"]["$ref"] == SCHEMA_REF + "OrganisationRole"
    assert props["ColumnDomainPayload"]["reference_source"]["$ref"] == (
        SCHEMA_REF + "ReferenceSourcePayload"
    )


def test_string_with_an_enums_description_becomes_that_enum(schemas: dict[str, Any]) -> None:
    role = schemas["InviteUserRequest"]["properties"]["role"]
    assert role == {"$ref": SCHEMA_REF + "OrganisationRole"}
    # A string whose description is its own stays a string.
    assert schemas["InviteUserRequest"]["properties"]["email"]["type"] == "string"


def test_optional_fields_described_as_null_are_nullable(schemas: dict[str, Any]) -> None:
    token = schemas["ListObjectsResponse"]["properties"]["nextContinuationToken"]
    assert token["type"] == ["string", "null"]
    assert schemas["ListObjectsResponse"]["properties"]["hasMore"]["type"] == "boolean"


# --- Document level -----------------------------------------------------------------------


def test_info_servers_and_bearer_security(document: dict[str, Any]) -> None:
    assert document["info"]["version"] == "1.0"
    assert document["servers"] == [{"url": "https://app.eddytor.com/api"}]
    scheme = document["components"]["securitySchemes"]["bearerAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    for text in ("JWT", "eak_", "edd_live_"):
        assert text in scheme["description"]
    assert document["security"] == [{"bearerAuth": []}]


def test_webhook_events_become_webhooks(raw: str, document: dict[str, Any]) -> None:
    section = raw.partition("## Webhook Events")[2].partition(" ## ")[0]
    events = re.findall(r"### ([a-z_]+\.[a-z_]+) ", section)
    assert len(events) == 5
    assert list(document["webhooks"]) == events
    for name in events:
        post = document["webhooks"][name]["post"]
        assert post["requestBody"]["content"]["application/json"]["schema"]["type"] == "object"
        assert post["description"].startswith("Fired ")


def test_document_validates_and_every_ref_resolves(document: dict[str, Any]) -> None:
    OpenAPI.model_validate(document)
    refs = all_refs(document)
    assert len(refs) > 500
    for ref in refs:
        assert isinstance(resolve(document, ref), dict), ref


def test_overlay_fills_array_items_and_sdk_toml_names_real_fields(
    document: dict[str, Any],
) -> None:
    config = load_config(SPEC_FOLDER)
    patched = json.loads(json.dumps(document))
    diagnostics = Diagnostics()
    for overlay in config.source.overlays:
        apply_overlay(patched, load_overlay(SPEC_FOLDER / overlay), overlay, diagnostics)
    # Every action applies, and each is reported as an assumption about what it changes.
    assert not diagnostics.warnings
    assert diagnostics.items and all(
        d.disclosure is Disclosure.ASSUMED and d.subject is not None for d in diagnostics.items
    )
    OpenAPI.model_validate(patched)
    assert all(isinstance(resolve(patched, ref), dict) for ref in all_refs(patched))
    by_id = {op["operationId"]: op for op in operations(patched).values()}
    for page in config.pagination:
        for operation_id in page.operations:
            op = by_id[operation_id]
            assert page.cursor_param in {p["name"] for p in op["parameters"]}
            response = resolve(
                patched, op["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
            )
            for field in (page.next_cursor, page.has_more, page.items):
                assert field in response["properties"]
            assert response["properties"][page.items]["items"] == {
                "$ref": SCHEMA_REF + "ObjectEntry"
            }


def test_output_does_not_depend_on_hash_seed() -> None:
    script = (
        "import json, sys; from pathlib import Path; from generator.diagnostics import Diagnostics;"
        "from generator.loading.markdown_reference import load;"
        "d = Diagnostics(); doc = load(Path(sys.argv[1]), {}, d);"
        "print(json.dumps([doc, [str(i) for i in d.items]]))"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script, str(CAPTURE)],
            capture_output=True,
            check=True,
            cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": seed},
            text=True,
        ).stdout
        for seed in ("0", "1")
    }
    assert len(outputs) == 1


# --- Small captures -----------------------------------------------------------------------

SMALL = (
    "# Demo API Reference Version: 2.1 Base URL: https://demo.example/api "
    "## Description Demo things. "
    "## Authentication Send a **Bearer token** in the `Authorization` header. "
    "## Error Handling All errors follow a consistent JSON format with code, reason, and detail fields. "
    '### 404 Not Found Nothing there. Example: {"code":404,"reason":"Not Found","detail":"gone"} '
    '### 429 Too Many Requests Slow down. Example: {"code":429,"reason":"Too Many Requests","detail":"x"} '
    "## Webhook Events Hooks. ### widget.made Fired when a widget is made. --- "
    "## Widgets Make and list widgets. "
    "### GET /v1/shops/{shop_id}/widgets List widgets in a shop Auth: None "
    "Parameters: - limit [query] integer [int32] (optional) - Page size. "
    "Responses: 200: → WidgetList 404: → Problem "
    "### POST /v1/shops/{shop_id}/widgets Make a widget Auth: None "
    "Parameters: - shop_id [path] string (required) "
    "Request Body: Content-Type: multipart/form-data Schema: object "
    "- name: string (required) - Widget name. - pictures: array - Picture files of the widget. "
    "Responses: 200: → Widget --- "
    "## Schemas ### Colour Type: string Enum: red, green "
    "### Widget A widget. Type: object Properties: - id: string [uuid] (required) - Its id. "
    "- colour: allOf - The widget colour. - tags: array - Tags. "
    "### WidgetList Type: object Properties: - widgets: array (required) "
    "### Problem Type: object Properties: - code: integer [int32] (required)"
)


def load_small(tmp_path: Path, text: str) -> tuple[dict[str, Any], Diagnostics]:
    source = tmp_path / "reference.md"
    source.write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    return load(source, {}, diagnostics), diagnostics


def test_small_capture_parses_into_the_expected_document(tmp_path: Path) -> None:
    document, diagnostics = load_small(tmp_path, SMALL)
    OpenAPI.model_validate(document)
    assert document["info"]["title"] == "Demo API"
    assert document["info"]["version"] == "2.1"
    assert document["servers"] == [{"url": "https://demo.example/api"}]
    assert document["tags"] == [{"name": "Widgets", "description": "Make and list widgets."}]
    listing = document["paths"]["/v1/shops/{shop_id}/widgets"]["get"]
    assert listing["operationId"] == "list_widgets"
    assert [(p["name"], p["in"], p["required"]) for p in listing["parameters"]] == [
        ("shop_id", "path", True),
        ("limit", "query", False),
    ]
    assert listing["parameters"][1]["schema"] == {"type": "integer", "format": "int32"}
    assert listing["parameters"][1]["description"] == "Page size."
    making = document["paths"]["/v1/shops/{shop_id}/widgets"]["post"]
    form = making["requestBody"]["content"]["multipart/form-data"]["schema"]
    assert form["properties"]["pictures"]["items"] == BINARY
    assert form["properties"]["name"] == {"type": "string", "description": "Widget name."}
    schemas = document["components"]["schemas"]
    assert schemas["Widget"]["properties"]["colour"] == {
        "$ref": SCHEMA_REF + "Colour",
        "description": "The widget colour.",
    }
    assert schemas["ErrorResponse"]["required"] == ["code", "reason", "detail"]
    assert schemas["ErrorResponse"]["properties"]["reason"] == {"type": "string"}
    assert listing["responses"]["404"]["description"] == "404 Not Found. Nothing there."
    assert "Retry-After" in listing["responses"]["429"]["headers"]
    assert list(document["webhooks"]) == ["widget.made"]
    notes = [d.message for d in diagnostics.notes]
    assert sum("path parameter 'shop_id'" in note for note in notes) == 1  # GET only
    warned = {d.location.rsplit("/", 1)[-1] for d in diagnostics.warnings}
    assert {"tags", "widgets", "Problem"} <= warned


def test_a_capture_without_operations_is_an_error_naming_the_file(tmp_path: Path) -> None:
    text = SMALL.partition("## Widgets")[0] + "## Schemas ### Colour Type: string Enum: red"
    with pytest.raises(SpecError) as raised:
        load_small(tmp_path, text)
    assert "reference.md" in raised.value.location
    assert "no operations" in raised.value.message


def test_unknown_options_and_unreadable_files_are_errors(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="takes no options"):
        load(CAPTURE, {"strict": True}, Diagnostics())
    with pytest.raises(SpecError, match="missing.md"):
        load(tmp_path / "missing.md", {}, Diagnostics())
