"""compare_documents: one kind of spec change per test, asserting ids, kinds and messages."""

from __future__ import annotations

import copy
from typing import Any

from generator.releasing.changes import ChangeReport, Kind, compare_documents
from generator.releasing.changes.model import Change

Doc = dict[str, Any]


def changes(old: Doc, new: Doc) -> dict[str, Change]:
    return {change.id: change for change in compare_documents(old, new).changes}


def kinds(old: Doc, new: Doc) -> dict[str, Kind]:
    return {change_id: change.kind for change_id, change in changes(old, new).items()}


def operation(doc: Doc, path: str, method: str) -> Doc:
    result: Doc = doc["paths"][path][method]
    return result


def schema(doc: Doc, name: str) -> Doc:
    result: Doc = doc["components"]["schemas"][name]
    return result


def test_identical_documents_have_no_changes(old: Doc, new: Doc) -> None:
    report = compare_documents(old, new)
    assert report == ChangeReport(())
    assert report.highest is None


# --- operations -------------------------------------------------------------------------


def test_removed_operation_is_breaking_and_located_in_the_old_document(old: Doc, new: Doc) -> None:
    del new["paths"]["/tables/{table_id}"]["delete"]
    found = changes(old, new)
    assert list(found) == ["operation.removed:deleteTable"]
    change = found["operation.removed:deleteTable"]
    assert change.kind is Kind.BREAKING
    assert change.document == "old"
    assert change.location == "#/paths/~1tables~1{table_id}/delete"
    assert change.message == "operation `deleteTable` (DELETE /tables/{table_id}) was removed"


def test_added_operation_is_additive(old: Doc, new: Doc) -> None:
    new["paths"]["/tables/{table_id}"]["patch"] = {
        "operationId": "updateTable",
        "responses": {"204": {"description": "Updated"}},
    }
    assert kinds(old, new) == {"operation.added:updateTable": Kind.ADDITIVE}


def test_operation_without_operation_id_is_keyed_by_method_and_path(old: Doc, new: Doc) -> None:
    del new["paths"]["/health"]
    found = changes(old, new)
    assert list(found) == ["operation.removed:GET /health"]
    assert found["operation.removed:GET /health"].message == "operation `GET /health` was removed"


def test_path_change_of_the_same_operation_id_is_a_move(old: Doc, new: Doc) -> None:
    new["paths"]["/v2/tables"] = new["paths"].pop("/tables")
    found = changes(old, new)
    moved = {i for i in found if i.startswith("operation.")}
    assert moved == {"operation.moved:listTables", "operation.moved:createTable"}
    assert found["operation.moved:listTables"].kind is Kind.BREAKING
    assert found["operation.moved:listTables"].message == (
        "operation `listTables` moved from GET /tables to GET /v2/tables"
    )


def test_method_change_of_the_same_operation_id_is_a_move(old: Doc, new: Doc) -> None:
    item = new["paths"]["/tables/{table_id}"]
    item["post"] = item.pop("delete")
    assert kinds(old, new) == {"operation.moved:deleteTable": Kind.BREAKING}


def test_new_operation_id_on_the_same_route_is_a_rename(old: Doc, new: Doc) -> None:
    operation(new, "/tables", "get")["operationId"] = "tablesList"
    found = changes(old, new)
    assert kinds(old, new) == {"operation.renamed:listTables": Kind.BREAKING}
    assert "`listTables` (GET /tables) was renamed to `tablesList` (GET /tables)" in (
        found["operation.renamed:listTables"].message
    )


# --- parameters -------------------------------------------------------------------------


def test_added_optional_parameter_is_additive(old: Doc, new: Doc) -> None:
    operation(new, "/tables", "get")["parameters"].append(
        {"name": "cursor", "in": "query", "schema": {"type": "string"}}
    )
    found = changes(old, new)
    assert kinds(old, new) == {"parameter.added:listTables.cursor": Kind.ADDITIVE}
    assert found["parameter.added:listTables.cursor"].message == (
        "parameter `cursor` of `listTables` (GET /tables) was added (optional)"
    )


def test_added_required_parameter_is_breaking(old: Doc, new: Doc) -> None:
    operation(new, "/tables", "get")["parameters"].append(
        {"name": "workspace", "in": "header", "required": True, "schema": {"type": "string"}}
    )
    assert kinds(old, new) == {"parameter.added:listTables.workspace": Kind.BREAKING}


def test_removed_parameter_is_breaking(old: Doc, new: Doc) -> None:
    operation(new, "/tables", "get")["parameters"].pop(0)
    found = changes(old, new)
    assert kinds(old, new) == {"parameter.removed:listTables.limit": Kind.BREAKING}
    assert found["parameter.removed:listTables.limit"].location == (
        "#/paths/~1tables/get/parameters/0"
    )


def test_parameter_made_required_is_breaking_and_made_optional_is_additive(
    old: Doc, new: Doc
) -> None:
    operation(new, "/tables", "get")["parameters"][0]["required"] = True
    assert kinds(old, new) == {"parameter.required:listTables.limit": Kind.BREAKING}
    assert kinds(new, old) == {"parameter.optional:listTables.limit": Kind.ADDITIVE}


def test_parameter_type_narrowed_is_breaking_and_widened_is_additive(old: Doc, new: Doc) -> None:
    operation(old, "/tables", "get")["parameters"][0]["schema"] = {"type": "number"}
    operation(new, "/tables", "get")["parameters"][0]["schema"] = {"type": "integer"}
    found = changes(old, new)
    assert kinds(old, new) == {"parameter.type:listTables.limit": Kind.BREAKING}
    assert found["parameter.type:listTables.limit"].message == (
        "parameter `limit` of `listTables` (GET /tables) changed type from `float` to `int`"
        " (narrowed)"
    )
    assert kinds(new, old) == {"parameter.type:listTables.limit": Kind.ADDITIVE}


def test_parameter_made_nullable_is_a_widening(old: Doc, new: Doc) -> None:
    operation(new, "/tables", "get")["parameters"][0]["schema"] = {"type": ["integer", "null"]}
    found = changes(old, new)
    assert kinds(old, new) == {"parameter.type:listTables.limit": Kind.ADDITIVE}
    assert (
        "from `int` to `int | None` (widened)" in found["parameter.type:listTables.limit"].message
    )


def test_parameter_type_replaced_is_breaking(old: Doc, new: Doc) -> None:
    operation(new, "/tables", "get")["parameters"][0]["schema"] = {"type": "string"}
    assert kinds(old, new) == {"parameter.type:listTables.limit": Kind.BREAKING}


def test_string_format_with_its_own_python_type_counts_as_a_type(old: Doc, new: Doc) -> None:
    operation(new, "/tables", "get")["parameters"].append(
        {"name": "since", "in": "query", "schema": {"type": "string", "format": "date-time"}}
    )
    operation(old, "/tables", "get")["parameters"].append(
        {"name": "since", "in": "query", "schema": {"type": "string"}}
    )
    found = changes(old, new)
    assert kinds(old, new) == {"parameter.type:listTables.since": Kind.BREAKING}
    assert "from `str` to `datetime` (narrowed)" in found["parameter.type:listTables.since"].message


def test_path_level_parameters_and_parameter_refs_are_resolved(old: Doc, new: Doc) -> None:
    shared = {"name": "table_id", "in": "path", "required": True, "schema": {"type": "integer"}}
    new["components"]["parameters"] = {"TableId": shared}
    new["paths"]["/tables/{table_id}"]["parameters"] = [{"$ref": "#/components/parameters/TableId"}]
    assert kinds(old, new) == {
        "parameter.type:getTable.table_id": Kind.BREAKING,
        "parameter.type:deleteTable.table_id": Kind.BREAKING,
    }


def test_same_name_in_two_places_is_told_apart_by_location(old: Doc, new: Doc) -> None:
    operation(new, "/tables", "get")["parameters"].append(
        {"name": "limit", "in": "header", "schema": {"type": "integer"}}
    )
    assert kinds(old, new) == {"parameter.added:listTables.limit[header]": Kind.ADDITIVE}


# --- request bodies ---------------------------------------------------------------------


def rows_body(doc: Doc) -> Doc:
    body: Doc = operation(doc, "/tables/{table_id}/rows", "post")["requestBody"]
    result: Doc = body["content"]["application/json"]["schema"]
    return result


def test_request_field_rules_follow_the_parameter_rules(old: Doc, new: Doc) -> None:
    body = rows_body(new)
    body["properties"]["dry_run"] = {"type": "boolean"}
    body["properties"]["table_version"] = {"type": "integer"}
    body["required"] = ["rows", "table_version", "mode"]
    del body["properties"]["rows"]["items"]
    body["properties"]["mode"]["type"] = ["string", "null"]
    assert kinds(old, new) == {
        "request.field.added:insertRows.dry_run": Kind.ADDITIVE,
        "request.field.added:insertRows.table_version": Kind.BREAKING,
        "request.field.required:insertRows.mode": Kind.BREAKING,
        "request.field.type:insertRows.mode": Kind.ADDITIVE,
    }
    del rows_body(new)["properties"]["rows"]
    assert kinds(old, new)["request.field.removed:insertRows.rows"] is Kind.BREAKING


def test_nested_request_fields_use_dotted_paths_with_array_marks(old: Doc, new: Doc) -> None:
    rows_body(new)["properties"]["rows"]["items"] = {
        "type": "object",
        "required": ["id"],
        "properties": {"id": {"type": "string"}},
    }
    found = changes(old, new)
    assert kinds(old, new) == {"request.field.added:insertRows.rows[].id": Kind.BREAKING}
    change = found["request.field.added:insertRows.rows[].id"]
    assert change.message == (
        "request body field `rows[].id` of `insertRows` (POST /tables/{table_id}/rows)"
        " was added (required)"
    )
    assert change.location.endswith("/schema/properties/rows/items/properties/id")


def test_request_body_added_removed_and_required(old: Doc, new: Doc) -> None:
    rows = operation(new, "/tables/{table_id}/rows", "post")
    rows["requestBody"]["required"] = True
    assert kinds(old, new) == {"request.required:insertRows": Kind.BREAKING}
    del rows["requestBody"]
    assert kinds(old, new) == {"request.removed:insertRows": Kind.BREAKING}
    assert kinds(new, old) == {"request.added:insertRows": Kind.ADDITIVE}


def test_request_body_media_type_change_is_breaking(old: Doc, new: Doc) -> None:
    body = operation(new, "/tables/{table_id}/rows", "post")["requestBody"]
    body["content"] = {"multipart/form-data": body["content"]["application/json"]}
    assert kinds(old, new) == {"request.media_type:insertRows": Kind.BREAKING}


def test_request_body_ref_to_another_model_is_a_type_change(old: Doc, new: Doc) -> None:
    body = operation(new, "/tables", "post")["requestBody"]["content"]["application/json"]
    body["schema"] = {"$ref": "#/components/schemas/Table"}
    found = changes(old, new)
    change = found["request.type:createTable"]
    assert change.kind is Kind.BREAKING
    assert "from `TableCreate` to `Table`" in change.message


def test_refs_to_non_component_schemas_are_followed_with_cycle_protection(
    old: Doc, new: Doc
) -> None:
    for doc, value_type in ((old, "string"), (new, "integer")):
        doc["$defs"] = {
            "Node": {
                "type": "object",
                "properties": {
                    "value": {"type": value_type},
                    "next": {"$ref": "#/$defs/Node"},
                },
            }
        }
        rows_body(doc)["properties"]["tree"] = {"$ref": "#/$defs/Node"}
    assert kinds(old, new) == {"request.field.type:insertRows.tree.value": Kind.BREAKING}


def test_inline_schema_replaced_by_a_recursive_model_ends(old: Doc, new: Doc) -> None:
    rows_body(new)["properties"]["rows"]["items"] = {"$ref": "#/components/schemas/Column"}
    found = kinds(old, new)
    assert found["request.field.type:insertRows.rows[]"] is Kind.BREAKING
    assert found["request.field.added:insertRows.rows[].name"] is Kind.BREAKING
    assert found["request.field.added:insertRows.rows[].children"] is Kind.ADDITIVE


# --- responses --------------------------------------------------------------------------


def rows_result(doc: Doc, status: str | int = "200") -> Doc:
    responses: dict[str | int, Any] = operation(doc, "/tables/{table_id}/rows", "post")["responses"]
    result: Doc = responses[status]["content"]["application/json"]["schema"]
    return result


def test_response_field_removed_is_breaking_and_added_is_additive(old: Doc, new: Doc) -> None:
    result = rows_result(new)
    del result["properties"]["inserted"]
    result["properties"]["skipped"] = {"type": "integer"}
    found = changes(old, new)
    assert kinds(old, new) == {
        "response.field.removed:insertRows.inserted": Kind.BREAKING,
        "response.field.added:insertRows.skipped": Kind.ADDITIVE,
    }
    assert found["response.field.removed:insertRows.inserted"].message == (
        "response field `inserted` of `insertRows` (POST /tables/{table_id}/rows) was removed"
    )


def test_any_response_type_change_is_breaking(old: Doc, new: Doc) -> None:
    rows_result(new)["properties"]["inserted"] = {"type": ["integer", "null"]}
    assert kinds(old, new) == {"response.field.type:insertRows.inserted": Kind.BREAKING}
    assert kinds(new, old) == {"response.field.type:insertRows.inserted": Kind.BREAKING}


def test_response_field_requirement_flips_the_other_way_round(old: Doc, new: Doc) -> None:
    rows_result(new)["required"] = ["inserted", "state"]
    assert kinds(old, new) == {"response.field.required:insertRows.state": Kind.ADDITIVE}
    assert kinds(new, old) == {"response.field.optional:insertRows.state": Kind.BREAKING}


def test_success_response_appearing_and_disappearing(old: Doc, new: Doc) -> None:
    operation(new, "/tables/{table_id}", "delete")["responses"]["200"] = {
        "description": "The deleted table",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Table"}}},
    }
    assert kinds(old, new)["response.added:deleteTable"] is Kind.ADDITIVE
    assert kinds(new, old)["response.removed:deleteTable"] is Kind.BREAKING


def test_integer_status_codes_from_yaml_are_read(old: Doc, new: Doc) -> None:
    for doc in (old, new):
        responses = operation(doc, "/tables/{table_id}/rows", "post")["responses"]
        responses[200] = responses.pop("200")
    del rows_result(new, 200)["properties"]["state"]
    assert kinds(old, new) == {"response.field.removed:insertRows.state": Kind.BREAKING}


def test_openapi_30_nullable_is_read_as_none(old: Doc, new: Doc) -> None:
    rows_result(new)["properties"]["inserted"] = {"type": "integer", "nullable": True}
    found = changes(old, new)
    assert "from `int` to `int | None`" in found["response.field.type:insertRows.inserted"].message


# --- enums ------------------------------------------------------------------------------


def test_request_enum_value_removed_is_breaking_and_added_is_additive(old: Doc, new: Doc) -> None:
    operation(new, "/tables", "get")["parameters"][1]["schema"]["enum"] = ["asc", "random"]
    rows_body(new)["properties"]["mode"]["enum"] = ["append", "replace", "upsert"]
    found = changes(old, new)
    assert kinds(old, new) == {
        "parameter.enum.removed:listTables.sort.desc": Kind.BREAKING,
        "parameter.enum.added:listTables.sort.random": Kind.ADDITIVE,
        "request.enum.added:insertRows.mode.upsert": Kind.ADDITIVE,
    }
    assert found["parameter.enum.removed:listTables.sort.desc"].message == (
        "parameter `sort` of `listTables` (GET /tables) lost enum value `'desc'`"
    )


def test_response_only_enum_addition_is_additive_and_removal_breaking(old: Doc, new: Doc) -> None:
    rows_result(new)["properties"]["state"]["enum"] = ["ok", "failed"]
    assert kinds(old, new) == {
        "response.enum.added:insertRows.state.failed": Kind.ADDITIVE,
        "response.enum.removed:insertRows.state.partial": Kind.BREAKING,
    }


def test_enum_restriction_depends_on_direction(old: Doc, new: Doc) -> None:
    operation(new, "/tables", "get")["parameters"][0]["schema"]["enum"] = [10, 50]
    rows_result(new)["properties"]["inserted"]["enum"] = [0, 1]
    assert kinds(old, new) == {
        "parameter.enum.restricted:listTables.limit": Kind.BREAKING,
        "response.enum.restricted:insertRows.inserted": Kind.ADDITIVE,
    }
    assert kinds(new, old) == {
        "parameter.enum.unrestricted:listTables.limit": Kind.ADDITIVE,
        "response.enum.unrestricted:insertRows.inserted": Kind.BREAKING,
    }


def test_non_string_enum_values_keep_their_json_spelling(old: Doc, new: Doc) -> None:
    operation(old, "/tables", "get")["parameters"][0]["schema"]["enum"] = [10, 50]
    operation(new, "/tables", "get")["parameters"][0]["schema"]["enum"] = [10, "50"]
    found = changes(old, new)
    assert set(found) == {
        "parameter.enum.removed:listTables.limit.50",
        'parameter.enum.added:listTables.limit."50"',
    }
    assert "lost enum value `50`" in found["parameter.enum.removed:listTables.limit.50"].message


# --- component models -------------------------------------------------------------------


def test_model_field_changes_are_reported_once_with_the_operations_using_it(
    old: Doc, new: Doc
) -> None:
    del schema(new, "Table")["properties"]["name"]
    found = changes(old, new)
    assert list(found) == ["model.field.removed:Table.name"]
    change = found["model.field.removed:Table.name"]
    assert change.kind is Kind.BREAKING
    assert change.operations == ("createTable", "getTable", "listTables", "table.created")
    assert change.message == (
        "`Table.name` was removed (used by createTable, getTable, listTables and 1 more)"
    )
    assert change.location == "#/components/schemas/Table/properties/name"


def test_model_used_both_ways_takes_the_stricter_classification(old: Doc, new: Doc) -> None:
    schema(new, "TableStatus")["enum"] = ["active", "archived", "deleted"]
    schema(new, "TableCreate")["properties"]["status"]["description"] = "Initial status."
    schema(new, "TableCreate")["required"] = ["name", "status"]
    found = kinds(old, new)
    assert found == {
        "model.enum.added:TableStatus.deleted": Kind.ADDITIVE,
        "model.field.required:TableCreate.status": Kind.BREAKING,
        "model.field.docs:TableCreate.status": Kind.DOCS,
    }
    schema(new, "Table")["properties"]["flags"] = {"type": "integer"}
    schema(new, "Table")["required"] = ["id", "name", "flags"]
    # Table is only returned: a new required field is something more to read.
    assert kinds(old, new)["model.field.added:Table.flags"] is Kind.ADDITIVE


def test_model_added_and_removed(old: Doc, new: Doc) -> None:
    new["components"]["schemas"]["Job"] = {"type": "object"}
    del new["components"]["schemas"]["TableEvent"]
    found = kinds(old, new)
    assert found["model.added:Job"] is Kind.ADDITIVE
    assert found["model.removed:TableEvent"] is Kind.BREAKING


def test_recursive_models_are_compared_to_the_bottom(old: Doc, new: Doc) -> None:
    schema(new, "User")["properties"]["manager"] = {
        "anyOf": [{"$ref": "#/components/schemas/User"}, {"type": "null"}]
    }
    schema(new, "Column")["properties"]["children"]["items"]["description"] = "Nested."
    assert kinds(old, new) == {
        "model.field.type:User.manager": Kind.BREAKING,
        "model.field.docs:Column.children[]": Kind.DOCS,
    }


def test_inherited_fields_through_all_of_are_compared(old: Doc, new: Doc) -> None:
    for doc in (old, new):
        doc["components"]["schemas"]["Named"] = {
            "type": "object",
            "properties": {"label": {"type": "string"}},
        }
        schema(doc, "TableCreate")["allOf"] = [{"$ref": "#/components/schemas/Named"}]
    schema(new, "Named")["required"] = ["label"]
    assert kinds(old, new) == {
        "model.field.required:Named.label": Kind.BREAKING,
        "model.field.required:TableCreate.label": Kind.BREAKING,
    }


# --- webhooks, auth, servers ------------------------------------------------------------


def test_webhook_added_removed_and_payload_changes(old: Doc, new: Doc) -> None:
    hook = new["webhooks"].pop("table.created")
    new["webhooks"]["table.deleted"] = hook
    assert kinds(old, new) == {
        "webhook.removed:table.created": Kind.BREAKING,
        "webhook.added:table.deleted": Kind.ADDITIVE,
    }
    new["webhooks"] = copy.deepcopy(old["webhooks"])
    payload = new["webhooks"]["table.created"]["post"]["requestBody"]["content"]
    payload["application/json"]["schema"] = {
        "type": "object",
        "required": ["table"],
        "properties": {"table": {"$ref": "#/components/schemas/Table"}},
    }
    assert kinds(old, new) == {
        "webhook.type:table.created": Kind.BREAKING,
        "webhook.field.removed:table.created.event": Kind.BREAKING,
        "webhook.field.required:table.created.table": Kind.ADDITIVE,
    }


def test_auth_scheme_added_removed_changed_and_documented(old: Doc, new: Doc) -> None:
    schemes = new["components"]["securitySchemes"]
    schemes["api_key"] = {
        "type": "apiKey",
        "in": "header",
        "name": "Authorization",
        "description": "Send `ApiKey <key>`.",
    }
    schemes["bearer"] = {"type": "http", "scheme": "bearer"}
    found = changes(old, new)
    assert {i: c.kind for i, c in found.items()} == {
        "auth.changed:api_key": Kind.BREAKING,
        "auth.docs:api_key": Kind.DOCS,
        "auth.added:bearer": Kind.ADDITIVE,
    }
    assert found["auth.changed:api_key"].message == (
        "auth scheme `api_key` changed from apiKey in header `X-API-Key` to apiKey in header"
        " `Authorization` (name)"
    )
    assert kinds(new, old)["auth.removed:bearer"] is Kind.BREAKING


def test_default_server_change_is_breaking_and_other_servers_are_docs(old: Doc, new: Doc) -> None:
    new["servers"] = [
        {"url": "https://{region}.example.com/v1", "variables": {"region": {"default": "eu"}}},
        {"url": "https://api.example.com/v1"},
    ]
    found = changes(old, new)
    assert {i: c.kind for i, c in found.items()} == {
        "server.default:base_url": Kind.BREAKING,
        "server.added:https://api.example.com/v1": Kind.DOCS,
    }
    assert "`https://api.example.com/v1` to `https://eu.example.com/v1`" in (
        found["server.default:base_url"].message
    )
    del old["servers"]
    del new["servers"]
    assert changes(old, new) == {}


# --- docs-only --------------------------------------------------------------------------


def test_descriptions_summaries_and_examples_are_docs_only(old: Doc, new: Doc) -> None:
    operation(new, "/tables", "get")["summary"] = "List every table"
    operation(new, "/tables", "get")["parameters"][0]["description"] = "Page size."
    operation(new, "/tables", "get")["parameters"][0]["schema"]["example"] = 20
    schema(new, "Table")["description"] = "A Delta table."
    schema(new, "Table")["properties"]["name"]["examples"] = ["sales"]
    rows_result(new)["description"] = "How many rows went in."
    report = compare_documents(old, new)
    assert {c.id: c.kind for c in report.changes} == {
        "operation.docs:listTables": Kind.DOCS,
        "parameter.docs:listTables.limit": Kind.DOCS,
        "model.docs:Table": Kind.DOCS,
        "model.field.docs:Table.name": Kind.DOCS,
        "response.docs:insertRows": Kind.DOCS,
    }
    assert report.highest is Kind.DOCS
    by_id = {c.id: c for c in report.changes}
    assert by_id["parameter.docs:listTables.limit"].message == (
        "parameter `limit` of `listTables` (GET /tables): description changed, example changed"
    )


def test_deprecation_is_a_docs_change_with_its_own_wording(old: Doc, new: Doc) -> None:
    operation(new, "/tables/{table_id}", "delete")["deprecated"] = True
    found = changes(old, new)
    assert found["operation.docs:deleteTable"].message == (
        "operation `deleteTable` (DELETE /tables/{table_id}): now deprecated"
    )


# --- determinism ------------------------------------------------------------------------


def test_report_is_ordered_by_kind_then_id_whatever_the_document_order(old: Doc, new: Doc) -> None:
    del new["paths"]["/health"]
    del schema(new, "Table")["properties"]["name"]
    schema(new, "Table")["description"] = "Changed."
    operation(new, "/tables", "get")["parameters"].append(
        {"name": "cursor", "in": "query", "schema": {"type": "string"}}
    )
    shuffled = copy.deepcopy(new)
    shuffled["paths"] = dict(reversed(list(shuffled["paths"].items())))
    shuffled["components"]["schemas"] = dict(
        reversed(list(shuffled["components"]["schemas"].items()))
    )
    first, second = compare_documents(old, new), compare_documents(old, shuffled)
    assert first == second
    assert [c.kind for c in first.changes] == sorted(
        (c.kind for c in first.changes), key=lambda k: -k.severity
    )
    assert first.ids() == (
        "model.field.removed:Table.name",
        "operation.removed:GET /health",
        "parameter.added:listTables.cursor",
        "model.docs:Table",
    )
