"""The `redoc-text` loader on the real Qluster and Lightdash captures (with their overlays)
and on small pages of both renderings written here."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from openapi_pydantic.v3.v3_1 import OpenAPI

from generator.config import load_config
from generator.diagnostics import Diagnostics, Disclosure, SpecError, Subject
from generator.loading import get_loader
from generator.loading.overlay import UNPLACED, apply_overlay, load_overlay, place_operations
from generator.loading.redoc_text import load, read_page
from generator.loading.redoc_text.model import Line
from generator.loading.redoc_text.names import assign_ids
from generator.normalizing.normalize import normalize
from tests.conftest import shared_file
from tools import make_redoc_overlays

ROOT = Path(__file__).resolve().parents[2]
SPECS = ROOT / "specs"
VENDORS = ("qluster", "lightdash")
SENTENCE = re.compile(r".*[.!?]")
IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
PANELS = ("Request samples", "Response samples")
PANEL_LABEL = re.compile(r"Content type|[\w.+-]+/[\w.+-]+|- (\d{3}|default|Payload)")
STATED_ROUTE = re.compile(r"\b(GET|POST|PUT|PATCH|DELETE) \"?(/[\w\-/.]+)")


def capture(vendor: str) -> Path:
    return SPECS / vendor / f"{vendor}-redoc.txt"


@pytest.fixture(scope="module", params=VENDORS)
def vendor(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def loaded() -> dict[str, tuple[dict[str, Any], Diagnostics]]:
    result = {}
    for name in VENDORS:
        diagnostics = Diagnostics()
        result[name] = load(capture(name), {}, diagnostics), diagnostics
    return result


@pytest.fixture(scope="module")
def placed() -> dict[str, tuple[dict[str, Any], Diagnostics]]:
    """Each vendor's document as the pipeline sees it: overlays applied, operations placed,
    normalised and validated."""
    result = {}
    for name in VENDORS:
        folder = SPECS / name
        config = load_config(folder)
        diagnostics = Diagnostics()
        loader = get_loader(config.source.format, name, folder)
        document = loader(folder / config.source.path, config.source.options, diagnostics)
        for overlay in config.source.overlays:
            apply_overlay(document, load_overlay(folder / overlay), overlay, diagnostics)
        place_operations(document, name, diagnostics)
        result[name] = normalize(document, name, diagnostics), diagnostics
    return result


def page_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def headings(lines: list[str]) -> list[str]:
    """The heading above each `Responses` line, found without the loader: the first line
    after the previous operation (its last sample or its `Responses` line) or after the
    Authentication section that is not a sentence (a sentence there describes a tag)."""
    responses = [i for i, t in enumerate(lines) if t.strip() == "Responses"]
    ends = [sample_end(lines, i) for i, t in enumerate(lines) if t.strip() in PANELS]
    scopes = [i for i, t in enumerate(lines) if t.strip() == "Scopes:"]
    boundaries = [*ends, *responses, *scopes, 0]
    found = []
    for index in responses:
        start = max(b for b in boundaries if b < index) + 1
        preamble = [text.strip() for text in lines[start:index] if text.strip()]
        found.append(
            next(t for t in preamble if not (SENTENCE.fullmatch(t) and len(t.split()) >= 5))
        )
    return found


def sample_end(lines: list[str], panel: int) -> int:
    """Index of the last line of the sample under the panel heading at `panel`."""
    start = panel + 1
    while not lines[start].strip() or PANEL_LABEL.fullmatch(lines[start].strip()):
        start += 1
    text = unbullet("\n".join(lines[start:]))
    _, consumed = json.JSONDecoder().raw_decode(text)
    return start + text[:consumed].count("\n")


def unbullet(text: str) -> str:
    text = re.sub(r"^(\s*)• ", r"\1", text, flags=re.MULTILINE)
    return re.sub(r"(^|[\[{]|[}\]],) ?- ", r"\1 ", text, flags=re.MULTILINE).lstrip()


def lost_headings(lines: list[str]) -> int:
    """Response panels with no `Responses` line since the previous response panel."""
    count, since_responses = 0, False
    for line in lines:
        text = line.strip()
        if text == "Responses":
            since_responses = True
        elif text == "Response samples":
            count += not since_responses
            since_responses = False
    return count


def snake(title: str) -> str:
    return (
        title if IDENTIFIER.fullmatch(title) else "_".join(re.findall(r"[a-z0-9]+", title.lower()))
    )


# --- the real captures ------------------------------------------------------------------


def test_every_operation_on_the_page_is_loaded_once(
    vendor: str, loaded: dict[str, tuple[dict[str, Any], Diagnostics]]
) -> None:
    document, _ = loaded[vendor]
    lines = page_lines(capture(vendor))
    named = {snake(title) for title in headings(lines)}
    operations = document[UNPLACED]
    unnamed = [oid for oid in operations if oid.startswith("unnamed_")]
    print(f"{vendor}: {len(operations)} operations ({len(unnamed)} with a lost heading)")
    assert set(operations) - set(unnamed) == named
    assert len(unnamed) == lost_headings(lines)
    assert len(operations) >= {"qluster": 70, "lightdash": 100}[vendor]


def test_an_operation_listed_under_two_tags_is_kept_once(
    loaded: dict[str, tuple[dict[str, Any], Diagnostics]],
) -> None:
    lines = page_lines(capture("lightdash"))
    titles = headings(lines)
    repeated = {t for t in titles if titles.count(t) > 1}
    _, diagnostics = loaded["lightdash"]
    noted = {d.message.split()[0] for d in diagnostics.notes if "listed again" in d.message}
    assert repeated and noted == repeated


def test_qluster_parameters_and_body_read_from_the_indented_rendering(
    loaded: dict[str, tuple[dict[str, Any], Diagnostics]],
) -> None:
    document, _ = loaded["qluster"]
    alerts = document[UNPLACED]["get_alerts"]
    limit = next(p for p in alerts["parameters"] if p["name"] == "limit")
    assert limit == {
        "name": "limit",
        "in": "query",
        "description": "Max number of alerts to be returned.",
        "schema": {"type": "integer", "title": "Limit", "default": 20},
    }
    datasets = document[UNPLACED]["get_datasets"]
    states = next(p for p in datasets["parameters"] if p["name"] == "states")
    assert states["schema"]["default"] == ["active", "disabled"]
    body = body_schema(document, "post_dataset")
    assert body["properties"]["settings_model"]["title"] == "NewSettingsSchema"
    assert "settings_model" not in body["required"] and "name" in body["required"]
    login = document[UNPLACED]["login_for_access_token"]
    assert login["security"] == []
    assert "application/x-www-form-urlencoded" in login["requestBody"]["content"]
    assert document["components"]["securitySchemes"]["OAuth2PasswordBearer"] == {
        "type": "oauth2",
        "flows": {"password": {"scopes": {}, "tokenUrl": "token"}},
    }


def body_schema(document: dict[str, Any], operation_id: str) -> dict[str, Any]:
    content = document[UNPLACED][operation_id]["requestBody"]["content"]
    return dict(next(iter(content.values()))["schema"])


def response_schema(document: dict[str, Any], operation_id: str) -> dict[str, Any]:
    response = next(iter(document[UNPLACED][operation_id]["responses"].values()))
    return dict(next(iter(response["content"].values()))["schema"])


def test_lightdash_rows_and_lost_field_names(
    loaded: dict[str, tuple[dict[str, Any], Diagnostics]],
) -> None:
    document, diagnostics = loaded["lightdash"]
    role = body_schema(document, "UpdateOrganizationMember")["properties"]["role"]
    assert role["enum"] == [
        "member",
        "viewer",
        "interactive_viewer",
        "editor",
        "developer",
        "admin",
    ]
    compile_query = body_schema(document, "CompileQuery")
    assert list(compile_query["properties"])[:4] == [
        "metadata",
        "timezone",
        "customDimensions",
        "additionalMetrics",
    ]
    assert compile_query["properties"]["sorts"]["type"] == "array"
    named_from_sample = {
        int(d.location.rsplit(":", 1)[1])
        for d in diagnostics.notes
        if "field name lost" in d.message
    }
    lost_rows = {
        number
        for number, line in enumerate(page_lines(capture("lightdash")), start=1)
        if re.match(r"(required )?\| |(object|Array of [^|]*) \|", line)
    }
    path = capture("lightdash")
    lines = [Line(n, t) for n, t in enumerate(page_lines(path), start=1)]
    sections = read_page(lines, path.name, Diagnostics()).sections
    in_repeats = {
        entry.line
        for section, listing in zip(sections, assign_ids(sections), strict=True)
        if listing.repeat and section.body
        for entry in section.body.fields
    }
    assert named_from_sample == lost_rows - in_repeats


def test_every_response_sample_validates_against_its_inferred_schema(
    vendor: str, loaded: dict[str, tuple[dict[str, Any], Diagnostics]]
) -> None:
    document, _ = loaded[vendor]
    path = capture(vendor)
    lines = [Line(n, t) for n, t in enumerate(page_lines(path), start=1)]
    sections = read_page(lines, path.name, Diagnostics()).sections
    validated = 0
    for section, listing in zip(sections, assign_ids(sections), strict=True):
        sample = section.sample(request=False)
        if sample is None:
            continue
        assert sample.value == independent_sample(path, sample.line)
        responses = document[UNPLACED][listing.operation_id]["responses"]
        schema = next(iter(responses.values()))["content"]["application/json"]["schema"]
        jsonschema.Draft202012Validator(schema).validate(sample.value)
        validated += 1
    panels = sum(line.text.strip() == "Response samples" for line in lines)
    print(f"{vendor}: {validated} response samples validate against their inferred schemas")
    assert validated == panels


def independent_sample(path: Path, line: int) -> Any:
    """The sample starting at `line`, read with regexes and `raw_decode` (which stops at
    the end of the first value) rather than the loader's scanner."""
    text = unbullet("\n".join(page_lines(path)[line - 1 :]))
    return json.JSONDecoder().raw_decode(text)[0]


def test_loaded_and_placed_documents_are_valid_openapi(
    vendor: str,
    loaded: dict[str, tuple[dict[str, Any], Diagnostics]],
    placed: dict[str, tuple[dict[str, Any], Diagnostics]],
) -> None:
    OpenAPI.model_validate(loaded[vendor][0])
    document, diagnostics = placed[vendor]
    OpenAPI.model_validate(document)
    assert not diagnostics.errors
    assert not [d for d in diagnostics.warnings if "matches nothing" in d.message]


def test_overlays_place_operations_where_their_parameters_fit(
    vendor: str,
    loaded: dict[str, tuple[dict[str, Any], Diagnostics]],
    placed: dict[str, tuple[dict[str, Any], Diagnostics]],
) -> None:
    total = len(loaded[vendor][0][UNPLACED])
    document, _ = placed[vendor]
    operations = [op for item in document["paths"].values() for op in item.values()]
    print(f"{vendor}: {len(operations)} of {total} operations placed")
    assert len(operations) >= {"qluster": 0.85, "lightdash": 0.95}[vendor] * total
    for path, item in document["paths"].items():
        assert not path.startswith("/api/orgs")
        template = set(re.findall(r"{([^}]+)}", path))
        for operation in item.values():
            in_path = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
            assert in_path == template, (path, operation["operationId"])


def test_qluster_placement_agrees_with_the_captures_own_examples(
    placed: dict[str, tuple[dict[str, Any], Diagnostics]],
) -> None:
    document, _ = placed["qluster"]
    checked = 0
    for path, item in document["paths"].items():
        pattern = re.compile(re.sub(r"\\{[^}]+\\}", r"[^/]+", re.escape(path)) + r"\b")
        for method, operation in item.items():
            for stated_method, stated_path in STATED_ROUTE.findall(
                operation.get("description", "")
            ):
                assert stated_method.lower() == method and pattern.fullmatch(stated_path)
                checked += 1
    assert checked >= 4


def test_lightdash_operations_agree_with_the_official_document(
    loaded: dict[str, tuple[dict[str, Any], Diagnostics]],
    placed: dict[str, tuple[dict[str, Any], Diagnostics]],
) -> None:
    reference = shared_file("specs/reference/lightdash-0.1366.1-openapi.json")
    official = json.loads(reference.read_text(encoding="utf-8"))
    expected = {
        op["operationId"]: (method, path, parameter_names(op, path))
        for path, item in official["paths"].items()
        for method, op in item.items()
    }
    document, _ = placed["lightdash"]
    ours = {
        op["operationId"]: (method, path, parameter_names(op, path))
        for path, item in document["paths"].items()
        for method, op in item.items()
    }
    yielded = len(loaded["lightdash"][0][UNPLACED])
    agreeing = sum(expected.get(oid) == facts for oid, facts in ours.items())
    rate = agreeing / yielded
    print(
        f"lightdash fidelity: {agreeing}/{yielded} operations ({rate:.1%}) agree on "
        "method, path and parameter names"
    )
    assert rate >= 0.95


def parameter_names(operation: dict[str, Any], path: str) -> set[tuple[str, str]]:
    """Declared parameters plus the path template's (the official document omits a few
    path parameters its own templates use)."""
    names = {(p["in"], p["name"]) for p in operation.get("parameters", [])}
    return names | {("path", name) for name in re.findall(r"{([^}]+)}", path)}


def test_committed_overlays_are_what_the_tool_makes_from_the_reference_files() -> None:
    reference = shared_file("specs/reference/qluster-routes.tsv").parent
    for overlay in make_redoc_overlays.overlays(reference):
        print("\n".join(overlay.summary))
        assert overlay.path.read_text(encoding="utf-8") == overlay.text, overlay.path


def test_load_is_deterministic(vendor: str) -> None:
    first = json.dumps(load(capture(vendor), {}, Diagnostics()), sort_keys=False)
    assert first == json.dumps(load(capture(vendor), {}, Diagnostics()), sort_keys=False)


# --- small pages ------------------------------------------------------------------------

INDENTED_PAGE = """\
Shop API Documentation

Shop API (2.1.0)

A shop.

Authentication

ApiKeyAuth

Security Scheme Type API Key
Header parameter name: X-Key

    List Items

    List the items.

    Authorizations:
    query Parameters
    kind
    string (Kind)
    Enum: "a" "b"

    What kind of item.

    limit
    integer (Limit)
    Default: 10

    Responses

    Response samples

    Content type
    application/json
    {
    • "items": [
      ],
    • "next": {
      },
    • "count": 0
    }

    Create Item

    Authorizations:
    path Parameters
    shop_id
    required
    integer (Shop Id)
    Request Body schema: application/json
    name
    required
    string (Name)
    object (Item Options)
    tags
    Array of strings (Tags) [ items ]

    Responses

    Request samples

    Content type
    application/json
    {
    • "name": "string",
    • "options": {
      },
    • "tags": [
      ]
    }

    Response samples

    Content type
    application/json
    {
    • "id": 0,
    • "created_at": "2019-08-24T14:15:22Z"
    }

    Health

    Responses

    Response samples

    Content type
    application/json
    "ok"
"""

TABLE_PAGE = """\
Board API (0.3.0)
Boards and their cards.
Response samples
- 200
- default
{- "results": [
- {
- "uuid": "string"
}
], - "status": "ok"
}
ListCards
List cards on a board
path Parameters
boardUuid required | string the board |
query Parameters
page | number <double> |
Responses
Response samples
- 200
- default
{- "results": {
- "data": [
- {
- "title": "string",
- "points": 0.1
}
]
}, - "status": "ok"
}
These routes move cards between boards on behalf of their owners.
MoveCards
path Parameters
boardUuid required | string |
Request Body schema: application/jsonrequired
the cards to move
target required | string |
required | Array of objects (CardRef) |
Responses
Request samples
- Payload
{- "target": "string",
- "cards": [
- {
- "uuid": "string"
}
]
}
Response samples
- 201
- default
{- "results": null,
- "status": "ok"
}
ListCards
List cards on a board
path Parameters
boardUuid required | string the board |
query Parameters
page | number <double> |
Responses
Response samples
- 200
- default
{- "results": {
- "data": [
- {
- "title": "string",
- "points": 0.1
}
]
}, - "status": "ok"
}
"""


def load_page(tmp_path: Path, text: str) -> tuple[dict[str, Any], Diagnostics]:
    source = tmp_path / "page.txt"
    source.write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    return load(source, {}, diagnostics), diagnostics


def test_indented_page(tmp_path: Path) -> None:
    document, diagnostics = load_page(tmp_path, INDENTED_PAGE)
    assert document["info"] == {"title": "Shop API", "version": "2.1.0", "description": "A shop."}
    assert document["components"]["securitySchemes"] == {
        "ApiKeyAuth": {"type": "apiKey", "in": "header", "name": "X-Key"}
    }
    assert document["security"] == [{"ApiKeyAuth": []}]
    operations = document[UNPLACED]
    assert list(operations) == ["list_items", "create_item", "health"]  # one style per page
    assert operations["list_items"]["summary"] == "List Items"
    assert operations["list_items"]["parameters"] == [
        {
            "name": "kind",
            "in": "query",
            "description": "What kind of item.",
            "schema": {"type": "string", "title": "Kind", "enum": ["a", "b"]},
        },
        {
            "name": "limit",
            "in": "query",
            "schema": {"type": "integer", "title": "Limit", "default": 10},
        },
    ]
    assert operations["health"]["security"] == []
    assert "security" not in operations["create_item"]
    assert response_schema(document, "list_items") == {
        "type": "object",
        "properties": {
            "items": {"type": "array"},
            "next": {"type": "object"},
            "count": {"type": "integer"},
        },
    }
    assert body_schema(document, "create_item") == {
        "type": "object",
        "properties": {
            "name": {"type": "string", "title": "Name"},
            "options": {"type": "object", "title": "Item Options"},
            "tags": {"type": "array", "items": {"type": "string"}, "title": "Tags"},
        },
        "required": ["name"],
    }
    # A date-looking sample stays text: the sample cannot show that every answer is a date.
    assert response_schema(document, "create_item")["properties"]["created_at"] == {
        "type": "string"
    }
    assert response_schema(document, "health") == {"type": "string"}
    named = "request body field name lost; named after a key of the request sample"
    assert [str(d) for d in diagnostics.notes if "field name lost" in d.message] == [
        f"page.txt:55: note: {named} (named 'options')"
    ]


def test_table_page(tmp_path: Path) -> None:
    document, diagnostics = load_page(tmp_path, TABLE_PAGE)
    assert document["info"] == {
        "title": "Board API",
        "version": "0.3.0",
        "description": "Boards and their cards.",
    }
    operations = document[UNPLACED]
    assert list(operations) == ["unnamed_first", "ListCards", "MoveCards"]
    assert operations["ListCards"]["parameters"] == [
        {
            "name": "boardUuid",
            "in": "path",
            "required": True,
            "description": "the board",
            "schema": {"type": "string"},
        },
        {"name": "page", "in": "query", "schema": {"type": "number", "format": "double"}},
    ]
    move = operations["MoveCards"]
    assert move["requestBody"]["required"] is True
    assert move["requestBody"]["description"] == "the cards to move"
    assert list(move["responses"]) == ["201"]
    body = body_schema(document, "MoveCards")
    assert body["required"] == ["target", "cards"]
    assert body["properties"]["cards"] == {
        "type": "array",
        "items": {"type": "object", "title": "CardRef", "properties": {"uuid": {"type": "string"}}},
    }
    warnings = [str(d) for d in diagnostics.warnings]
    lost_heading = "operation heading lost (name, description, parameters, request body fields)"
    assert warnings == [f"page.txt:6: warning: {lost_heading} (kept as unnamed_first)"]
    notes = [d.message for d in diagnostics.notes]
    assert "ListCards is listed again (under another tag)" in notes
    assert "text above this operation describes a tag whose name was lost" in notes


def test_a_lost_field_name_the_sample_cannot_settle_is_skipped(tmp_path: Path) -> None:
    page = TABLE_PAGE.replace('- "cards": [\n- {\n- "uuid": "string"\n}\n]\n', "").replace(
        '{- "target": "string",', '{- "target": "string"'
    )
    document, diagnostics = load_page(tmp_path, page)
    assert list(body_schema(document, "MoveCards")["properties"]) == ["target"]
    assert any(
        d.message.startswith("request body field name lost and") and d.action == "field skipped"
        for d in diagnostics.warnings
    )


def test_a_file_that_is_not_a_redoc_page_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "notes.md"
    source.write_text("# Notes\n\nNothing about an API here.\n", encoding="utf-8")
    with pytest.raises(SpecError) as raised:
        load(source, {}, Diagnostics())
    assert raised.value.location == "notes.md"
    assert "not a Redoc page" in raised.value.message


def test_a_page_without_a_readable_operation_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "page.txt"
    source.write_text("Board API (0.3.0)\nResponse samples\n- 200\n{- oops\n", encoding="utf-8")
    with pytest.raises(SpecError, match="no operation could be read"):
        load(source, {}, Diagnostics())


def test_options_are_refused(tmp_path: Path) -> None:
    source = tmp_path / "page.txt"
    source.write_text(TABLE_PAGE, encoding="utf-8")
    with pytest.raises(SpecError, match="takes no options"):
        load(source, {"strict": True}, Diagnostics())


# --- maps, alternatives and what the report discloses -----------------------------------

MAP_TABLE_PAGE = """\
Notes API (1.0.0)
ListNotes
query Parameters
board | string |
Responses
Response samples
- 200
- default
{- "results": {
- "property1": [
- {
- "text": "string",
- "at": "2019-08-24T14:15:22Z"
}
], - "property2": [
- {
- "text": "string",
- "at": "2019-08-24T14:15:22Z"
}
]
}, - "labels": {
- "additionalProp1": "string",
- "additionalProp2": "string",
- "additionalProp3": "string"
}, - "scores": {
- "team1": 0,
- "team2": 0
}, - "address": {
- "line1": "string",
- "line2": "string",
- "city": "string"
}, - "owner": {
- "id": "string",
- "property1": 0.1,
- "property2": 0.1
}, - "status": "ok"
}
SaveNotes
Request Body schema: application/jsonrequired
property name* additional property | string |
Responses
Request samples
- Payload
{- "property1": "string",
- "property2": "string"
}
Response samples
- 200
- default
{- "status": "ok"
}
LabelNotes
Request Body schema: application/jsonrequired
kind required | string Value: "plain" |
customLabels | object |
Responses
Request samples
- Payload
{- "kind": "markdown",
- "customLabels": {
- "property1": "string",
- "property2": "string"
}
}
Response samples
- 200
- default
{- "status": "ok"
}
"""

MAP_INDENTED_PAGE = """\
Notes API (1.0.0)

    Save Notes

    Request Body schema: application/json
    property name*
    additional property
    integer

    Responses

    Response samples

    Content type
    application/json
    {
    • "totals": {
        • "property1": 0,
        • "property2": 0
      }
    }
"""


def test_redoc_map_placeholders_become_maps_not_fields(tmp_path: Path) -> None:
    document, _ = load_page(tmp_path, MAP_TABLE_PAGE)
    properties = response_schema(document, "ListNotes")["properties"]
    note = {"type": "object", "properties": {"text": {"type": "string"}, "at": {"type": "string"}}}
    assert properties["results"] == {
        "type": "object",
        "additionalProperties": {"type": "array", "items": note},
    }
    # Swagger UI's shape, and keys named by the schema (`x-additionalPropertiesName`).
    assert properties["labels"] == {"type": "object", "additionalProperties": {"type": "string"}}
    assert properties["scores"] == {"type": "object", "additionalProperties": {"type": "integer"}}
    # Numbered keys among others, with a name no sample invents, are fields.
    assert list(properties["address"]["properties"]) == ["line1", "line2", "city"]
    # Named fields and a map's placeholders in one object.
    assert properties["owner"] == {
        "type": "object",
        "properties": {"id": {"type": "string"}},
        "additionalProperties": {"type": "number"},
    }
    # Redoc's `property name*` field row: the body is a map of strings.
    assert body_schema(document, "SaveNotes") == {
        "type": "object",
        "properties": {},
        "additionalProperties": {"type": "string"},
    }
    # A declared `object` whose sample shows a map.
    labels = body_schema(document, "LabelNotes")["properties"]["customLabels"]
    assert labels == {"type": "object", "additionalProperties": {"type": "string"}}
    assert "property1" not in json.dumps(document)


def test_redoc_map_placeholders_in_the_indented_rendering(tmp_path: Path) -> None:
    document, _ = load_page(tmp_path, MAP_INDENTED_PAGE)
    assert body_schema(document, "save_notes") == {
        "type": "object",
        "properties": {},
        "additionalProperties": {"type": "integer"},
    }
    assert response_schema(document, "save_notes")["properties"]["totals"] == {
        "type": "object",
        "additionalProperties": {"type": "integer"},
    }


def test_a_sample_value_outside_the_listed_values_is_accepted_and_disclosed(
    tmp_path: Path,
) -> None:
    document, diagnostics = load_page(tmp_path, MAP_TABLE_PAGE)
    kind = body_schema(document, "LabelNotes")["properties"]["kind"]
    assert kind == {"type": "string", "enum": ["plain", "markdown"]}
    widened = [d for d in diagnostics.notes if d.action == "the sample's value accepted too"]
    assert [(d.location, d.disclosure, d.subject) for d in widened] == [
        ("page.txt:54", Disclosure.ASSUMED, Subject("operation", "LabelNotes"))
    ]


def test_inferred_response_types_are_disclosed_per_operation(tmp_path: Path) -> None:
    _, diagnostics = load_page(tmp_path, MAP_TABLE_PAGE)
    inferred = [d for d in diagnostics.disclosed if d.message.startswith("response type inferred")]
    assert [d.subject for d in inferred] == [
        Subject("operation", name) for name in ("ListNotes", "SaveNotes", "LabelNotes")
    ]
    assert all(d.disclosure is Disclosure.ASSUMED for d in inferred)


def test_no_placeholder_key_reaches_a_vendor_document(
    loaded: dict[str, tuple[dict[str, Any], Diagnostics]],
) -> None:
    for document, _ in loaded.values():
        assert not re.search(r'"(property|additionalProp)\d+"', json.dumps(document))


def test_a_maps_placeholder_keys_name_no_lost_field(tmp_path: Path) -> None:
    page = """\
Notes API (1.0.0)
TagNotes
Request Body schema: application/jsonrequired
required | string |
property name* additional property | string |
Responses
Request samples
- Payload
{- "kind": "string",
- "property1": "string",
- "property2": "string"
}
Response samples
- 200
- default
{- "status": "ok"
}
"""
    document, diagnostics = load_page(tmp_path, page)
    assert body_schema(document, "TagNotes") == {
        "type": "object",
        "properties": {"kind": {"type": "string"}},
        "required": ["kind"],
        "additionalProperties": {"type": "string"},
    }
    assert [d.action for d in diagnostics.notes if "name lost" in d.message] == ["named 'kind'"]
