"""The `examples-json` loader on the real, damaged Datafold capture and on small captures
damaged here the same way (everything from a `<` to the next `>` deleted)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from openapi_pydantic.v3.v3_1 import OpenAPI

from generator.config import load_config
from generator.diagnostics import Diagnostics, SpecError
from generator.loading.examples_json import load
from generator.loading.overlay import (
    METHOD_KEY,
    PATH_KEY,
    UNPLACED,
    apply_overlay,
    load_overlay,
    place_operations,
)
from generator.normalizing.normalize import normalize

CAPTURE = Path(__file__).resolve().parents[2] / "specs" / "datafold" / "datafold-api-examples.json"
OPERATION_ID = re.compile(r'"operationId"\s*:\s*"([^"]+)"')
SCHEMA_REF = re.compile(r'"#/components/schemas/([^"]+)"')
HTML_TAG = re.compile(r"<[^>]*>")


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
def by_id(document: dict[str, Any]) -> dict[str, tuple[str, str, dict[str, Any]]]:
    return {
        op["operationId"]: (method, path, op)
        for path, item in document["paths"].items()
        for method, op in item.items()
    }


def load_text(tmp_path: Path, text: str) -> tuple[dict[str, Any], Diagnostics]:
    source = tmp_path / "capture.json"
    source.write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    return load(source, {}, diagnostics), diagnostics


def operation(operation_id: str, path: str, **fields: Any) -> dict[str, Any]:
    method = operation_id.rsplit("_", 1)[-1].upper()
    head = {"operationId": operation_id, "method": method, "path": path, "summary": operation_id}
    return {**head, "tags": ["T"], "parameters": [], "description": "", **fields}


def capture_text(operations: list[dict[str, Any]]) -> str:
    auth = {"type": "apiKey", "in": "header", "name": "Authorization"}
    header = {"title": "Synthetic", "baseURL": "https://api.example.test", "authentication": auth}
    return json.dumps({**header, "examples": operations}, indent=1)


def query(name: str, description: str) -> dict[str, Any]:
    schema = {"description": description, "type": "string"}
    return {"description": description, "in": "query", "name": name, "schema": schema}


def damage_warnings(diagnostics: Diagnostics) -> list[str]:
    return [str(w) for w in diagnostics.warnings if "missing from the capture" not in w.message]


def refs(value: Any) -> set[str]:
    if isinstance(value, dict):
        own = {value["$ref"]} if isinstance(value.get("$ref"), str) else set()
        return own.union(*(refs(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(refs(v) for v in value))
    return set()


def test_the_capture_is_not_json(raw: str) -> None:
    with pytest.raises(json.JSONDecodeError):
        json.loads(raw)


def test_every_operation_named_in_the_capture_is_placed(
    raw: str, by_id: dict[str, tuple[str, str, dict[str, Any]]]
) -> None:
    named = OPERATION_ID.findall(raw)
    assert len(named) == raw.count('"operationId"') >= 35
    assert sorted(by_id) == sorted(named)


def test_the_headless_operation_is_kept_for_an_overlay(document: dict[str, Any]) -> None:
    [(key, headless)] = document[UNPLACED].items()
    assert "operationId" not in headless
    assert METHOD_KEY not in headless and PATH_KEY not in headless
    names = [p["name"] for p in headless["parameters"]]
    assert names == ["data_connection_id", "column_path", "max_depth", "include_tabular_nodes"]
    assert headless["parameters"][0]["in"] == "path"
    assert "description" not in headless["parameters"][0]
    assert headless["description"].endswith("which depend on the given column.")
    assert key == "headless-1"  # the name specs/datafold/overlays target


def test_damage_diagnostics_say_what_was_lost(
    raw: str, loaded: tuple[dict[str, Any], Diagnostics]
) -> None:
    cut, head = damage_warnings(loaded[1])
    cut_offset = raw.index("DATETIME1<") + len("DATETIME1<")
    assert cut.startswith(f"{CAPTURE.name}:1:{cut_offset + 1}: warning: ")
    assert "list_datadiffs_api_v1_datadiffs_get" in cut and "description is cut" in cut
    assert "its later fields (requestBody) if it had any" in cut
    tail_offset = raw.index('"in": "path", "name": "data_connection_id"', cut_offset)
    assert head.startswith(f"{CAPTURE.name}:1:{tail_offset + 1}: warning: ")
    assert "operationId, method, path, summary, tags are gone" in head
    assert "data_connection_id, keeps only in, name, required, schema" in head
    assert "column_path, max_depth, include_tabular_nodes" in head


def test_the_cut_description_keeps_only_its_own_text(
    raw: str, by_id: dict[str, tuple[str, str, dict[str, Any]]]
) -> None:
    description = by_id["list_datadiffs_api_v1_datadiffs_get"][2]["description"]
    assert description.startswith("All fields support multiple items")
    assert json.dumps(description)[1:-1] + " Integrations > Data Connections." in raw
    assert "Integrations" not in description


def test_every_referenced_schema_is_an_open_object(
    raw: str, loaded: tuple[dict[str, Any], Diagnostics]
) -> None:
    document, diagnostics = loaded
    schemas = document["components"]["schemas"]
    assert {f"#/components/schemas/{name}" for name in schemas} == refs(document)
    assert sorted(schemas) == sorted(set(SCHEMA_REF.findall(raw)))
    for schema in schemas.values():
        assert schema["type"] == "object" and schema["additionalProperties"] is True
    missing = [w for w in diagnostics.warnings if "missing from the capture" in w.message]
    assert sorted(w.message.split()[1] for w in missing) == sorted(schemas)


def test_the_document_validates_as_openapi_3_1(document: dict[str, Any]) -> None:
    model = OpenAPI.model_validate(document)
    assert model.openapi == "3.1.0"
    assert model.info.title == "Datafold API Examples"
    assert [server.url for server in model.servers] == ["https://app.datafold.com"]


def test_auth_comes_from_the_capture(document: dict[str, Any]) -> None:
    schemes = document["components"]["securitySchemes"]
    assert schemes == {"apiKey": {"type": "apiKey", "in": "header", "name": "Authorization"}}
    assert document["security"] == [{"apiKey": []}]


def test_every_operation_answers_any_json_with_one_note(
    document: dict[str, Any], loaded: tuple[dict[str, Any], Diagnostics]
) -> None:
    operations = [op for item in document["paths"].values() for op in item.values()]
    operations += document[UNPLACED].values()
    for op in operations:
        assert op["responses"]["200"]["content"]["application/json"]["schema"] == {}
    [note] = [n for n in loaded[1].notes if "no responses" in n.message]
    assert note.message.startswith(f"{len(operations)} operations")


def test_method_path_and_parameters_are_kept(
    by_id: dict[str, tuple[str, str, dict[str, Any]]],
) -> None:
    method, path, runs = by_id["get_ci_api_v1_ci__ci_config_id__runs_get"]
    assert (method, path) == ("get", "/api/v1/ci/{ci_config_id}/runs")
    params = {p["name"]: p for p in runs["parameters"]}
    assert list(params) == ["ci_config_id", "pr_sha", "pr_num", "limit", "offset"]
    assert params["limit"]["schema"]["default"] == 100 and params["offset"]["in"] == "query"

    method, path, monitors = by_id["list_monitor_runs_api_v1_monitors__id__runs_get"]
    assert (method, path) == ("get", "/api/v1/monitors/{id}/runs")
    page_params = {p["name"]: p["schema"]["default"] for p in monitors["parameters"][1:3]}
    assert page_params == {"page": 1, "page_size": 10}

    method, path, query_op = by_id["execute_query_api_v1_data_sources__data_source_id__query_post"]
    assert (method, path) == ("post", "/api/v1/data_sources/{data_source_id}/query")
    assert [p["in"] for p in query_op["parameters"]] == ["path", "query", "header"]
    body = query_op["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/ApiQueryRequest"}


def test_a_tag_listed_twice_is_listed_once(
    by_id: dict[str, tuple[str, str, dict[str, Any]]], document: dict[str, Any]
) -> None:
    powerbi = by_id["create_powerbi_integration_api_v1_lineage_bi_powerbi__post"][2]
    assert powerbi["tags"] == ["BI", "bi_added"]
    names = [tag["name"] for tag in document["tags"]]
    assert len(names) == len(set(names)) and {"BI", "Explore", "Monitors"} <= set(names)


def test_a_synthetic_cut_into_another_operations_parameters(tmp_path: Path) -> None:
    clean = capture_text(
        [
            operation("first_get", "/first", description="Values x<y hold"),
            operation(
                "second_post", "/second", parameters=[query("q", "a > b keeps rows above b")]
            ),
            operation("third_get", "/third"),
        ]
    )
    damaged = HTML_TAG.sub("", clean)
    document, diagnostics = load_text(tmp_path, damaged)

    assert set(document["paths"]) == {"/first", "/third"}
    assert document["paths"]["/first"]["get"]["description"] == "Values x"
    [headless] = document[UNPLACED].values()
    assert [p["name"] for p in headless["parameters"]] == ["q"]
    cut, head = damage_warnings(diagnostics)
    cut_line = damaged[: damaged.index("Values x")].count("\n") + 1
    assert cut.startswith(f"capture.json:{cut_line}:")
    assert "operation first_get: its description is cut after 'Values x'" in cut
    assert "operationId, method, path, summary, tags are gone" in head


def test_a_synthetic_cut_that_spares_method_and_path(tmp_path: Path) -> None:
    clean = capture_text(
        [
            operation("first_get", "/first", description="see <"),
            operation("second>_delete", "/second/{id}", description="Removes it."),
        ]
    )
    document, diagnostics = load_text(tmp_path, HTML_TAG.sub("", clean))

    second = document["paths"]["/second/{id}"]["delete"]
    assert "operationId" not in second and second["description"] == "Removes it."
    assert UNPLACED not in document
    cut, head = damage_warnings(diagnostics)
    assert "its description runs into another operation's text" in cut
    assert "operationId is gone" in head and head.endswith("(placed)")


def test_a_clean_capture_loads_without_warnings(tmp_path: Path) -> None:
    clean = capture_text([operation("only_get", "/only"), operation("other_put", "/other")])
    document, diagnostics = load_text(tmp_path, clean)
    assert {path: list(item) for path, item in document["paths"].items()} == {
        "/only": ["get"],
        "/other": ["put"],
    }
    assert diagnostics.warnings == []


@pytest.mark.parametrize(
    "text",
    ['{"title": "x", "examples": []}', '{"examples": [ { "operationId": , "method": "GET" } ] }'],
)
def test_no_recoverable_operation_is_an_error_naming_the_file(tmp_path: Path, text: str) -> None:
    with pytest.raises(SpecError) as raised:
        load_text(tmp_path, text)
    assert raised.value.location == "capture.json"
    assert "no operation" in raised.value.message


def test_the_spec_folders_overlays_restore_what_the_damage_took() -> None:
    folder = CAPTURE.parent
    config = load_config(folder)
    diagnostics = Diagnostics()
    document = load(folder / config.source.path, config.source.options, diagnostics)
    for name in config.source.overlays:
        apply_overlay(document, load_overlay(folder / name), name, diagnostics)
    place_operations(document, CAPTURE.name, diagnostics)

    assert not [w for w in diagnostics.warnings if "matches nothing" in w.message]
    assert UNPLACED not in document
    path = "/api/v1/explore/db/{data_connection_id}/columns/{column_path}/downstreams"
    restored = document["paths"][path]["get"]
    assert restored["operationId"].startswith("db_column_downstreams_")
    assert [p["name"] for p in restored["parameters"][:2]] == ["data_connection_id", "column_path"]
    assert all(p.get("description") for p in restored["parameters"])
    datadiffs = document["paths"]["/api/v1/datadiffs"]["get"]
    assert "``DATE1<<DATE2``" in datadiffs["description"]
    page = datadiffs["responses"]["200"]["content"]["application/json"]["schema"]
    assert page == {"$ref": "#/components/schemas/DataDiffPage"}
    schemas = document["components"]["schemas"]
    assert {schemas[name]["type"] for name in ("ApiSortOrder", "ApiSortFilters")} == {"string"}
    assert "additionalProperties" not in schemas["SortableFields"]
    OpenAPI.model_validate(normalize(document, CAPTURE.name, diagnostics))


def test_loading_twice_gives_the_same_document_and_diagnostics() -> None:
    runs = []
    for _ in range(2):
        diagnostics = Diagnostics()
        document = load(CAPTURE, {}, diagnostics)
        runs.append((json.dumps(document), [str(d) for d in diagnostics.items]))
    assert runs[0] == runs[1]
