"""The `models-doc` loader on the real catalog capture and on small synthetic pages."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from openapi_pydantic.v3.v3_1 import OpenAPI

from generator.diagnostics import Diagnostics, SpecError
from generator.loading.models_doc import load

CAPTURE = Path(__file__).resolve().parents[2] / "specs" / "catalog" / "catalog-data-models.txt"
TABLE_HEADER = "FieldTypeDescription"
MODEL_LINE = re.compile(r"^[A-Z][A-Za-z0-9]*$", re.MULTILINE)


@pytest.fixture(scope="module")
def loaded() -> tuple[dict[str, Any], Diagnostics]:
    diagnostics = Diagnostics()
    return load(CAPTURE, {}, diagnostics), diagnostics


@pytest.fixture(scope="module")
def schemas(loaded: tuple[dict[str, Any], Diagnostics]) -> dict[str, Any]:
    return dict(loaded[0]["components"]["schemas"])


def load_text(tmp_path: Path, text: str) -> tuple[dict[str, Any], Diagnostics]:
    source = tmp_path / "models.txt"
    source.write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    return load(source, {}, diagnostics), diagnostics


def non_null(schema: dict[str, Any]) -> dict[str, Any] | None:
    """The schema a nullable schema allows besides null; None when it is not nullable."""
    members = schema.get("anyOf", [])
    others = [member for member in members if member != {"type": "null"}]
    if len(members) == 2 and len(others) == 1:
        return dict(others[0])
    types = schema.get("type")
    if isinstance(types, list) and "null" in types:
        return {**schema, "type": next(kind for kind in types if kind != "null")}
    return None


def raw_tables(text: str) -> dict[str, list[str]]:
    """Model name -> table rows, read from the raw page without the loader."""
    lines = text.splitlines()
    tables = {}
    for index, line in enumerate(lines):
        if line != TABLE_HEADER:
            continue
        name = next(above for above in reversed(lines[:index]) if MODEL_LINE.fullmatch(above))
        rows = []
        for row in lines[index + 1 :]:
            if not row.strip():
                break
            rows.append(row)
        tables[name] = rows
    return tables


def fields_in(row: str) -> int:
    """How many fields a row names: its leading lower-case run may pack `a / b`."""
    leading = re.match(r"[a-z_ /]+", row)
    assert leading is not None
    return 1 + leading.group().count(" / ")


def derivation_notes(diagnostics: Diagnostics) -> list[str]:
    return [
        note.message
        for note in diagnostics.notes
        if note.message.startswith("the page lists no fields for this model")
    ]


def test_every_table_becomes_a_model_with_every_field(
    loaded: tuple[dict[str, Any], Diagnostics], schemas: dict[str, Any]
) -> None:
    text = CAPTURE.read_text(encoding="utf-8")
    tables = raw_tables(text)
    assert len(tables) == text.count(f"\n{TABLE_HEADER}\n")
    objects = {name for name, schema in schemas.items() if schema.get("type") == "object"}
    assert len(objects) - len(derivation_notes(loaded[1])) == len(tables)
    for name, rows in tables.items():
        assert len(schemas[name]["properties"]) == sum(fields_in(row) for row in rows), name


def test_counts_models_and_enums(schemas: dict[str, Any]) -> None:
    text = CAPTURE.read_text(encoding="utf-8")
    named = set(MODEL_LINE.findall(text)) - {TABLE_HEADER}
    enums = {name for name, schema in schemas.items() if "enum" in schema}
    models = {name for name, schema in schemas.items() if schema.get("type") == "object"}
    assert named <= models
    assert len(models) >= 20
    assert enums == {"RefreshStatus", "TriggerSource"}


def test_product_fields_are_typed(schemas: dict[str, Any]) -> None:
    product = schemas["Product"]
    assert product["properties"]["id"] == {
        "type": "string",
        "format": "uuid",
        "description": "Product UUID",
    }
    assert product["properties"]["tags"]["items"] == {"type": "string"}
    assert non_null(product["properties"]["quality_health"]) == {
        "type": "object",
        "additionalProperties": True,
    }
    # Required as the page writes it: no `| None`, a `list[...]` included.
    assert set(product["required"]) == {"id", "name", "slug", "tags", "is_archived"}


def test_required_follows_the_page(schemas: dict[str, Any]) -> None:
    for model, field in [
        ("Product", "tags"),
        ("QualityCheck", "product_ids"),
        ("Ticket", "products_info"),
        ("Ticket", "comments"),
    ]:
        assert field in schemas[model]["required"], (model, field)
    assert "description_markdown" not in schemas["Product"]["required"]


@pytest.mark.parametrize(
    ("model", "first", "second"),
    [
        ("Product", "created_at", "updated_at"),
        ("Ticket", "created_at", "updated_at"),
        ("ProductRefreshResponse", "started_at", "completed_at"),
    ],
)
def test_packed_timestamp_rows_are_two_nullable_datetimes(
    schemas: dict[str, Any], model: str, first: str, second: str
) -> None:
    properties = schemas[model]["properties"]
    for name in (first, second):
        assert non_null(properties[name]) == {"type": "string", "format": "date-time"}
        assert properties[name]["description"] == "Timestamps"
        assert name not in schemas[model].get("required", [])


def test_packed_row_with_two_types(schemas: dict[str, Any]) -> None:
    ticket = schemas["Ticket"]["properties"]
    assert non_null(ticket["space_id"]) == {"type": "string", "format": "uuid"}
    assert non_null(ticket["space_slug"]) == {"type": "string"}


def test_refresh_status_is_a_closed_enum(schemas: dict[str, Any]) -> None:
    status = schemas["RefreshStatus"]
    assert status["type"] == "string"
    assert set(status["enum"]) == {"success", "failure", "running"}
    assert "x-sdkgen-open-enum" not in status
    assert schemas["ProductRefreshResponse"]["properties"]["status"]["$ref"].endswith(
        "/RefreshStatus"
    )


def test_trigger_source_is_an_open_enum(schemas: dict[str, Any]) -> None:
    source = schemas["TriggerSource"]
    assert source["enum"] == ["manual", "airflow", "dbt"]
    assert source["x-sdkgen-open-enum"] is True
    assert "open" in source["description"].lower()


def test_list_types(schemas: dict[str, Any]) -> None:
    assert schemas["QualityCheck"]["properties"]["product_ids"]["items"] == {
        "type": "string",
        "format": "uuid",
    }
    comments = schemas["Ticket"]["properties"]["comments"]
    assert comments["items"] == {"$ref": "#/components/schemas/TicketComment"}
    annotations = non_null(schemas["UnifiedAlert"]["properties"]["annotations"])
    assert annotations == {
        "type": "array",
        "items": {"type": "object", "additionalProperties": True},
    }


def test_every_ref_resolves(loaded: tuple[dict[str, Any], Diagnostics]) -> None:
    document = loaded[0]

    def refs(node: Any) -> list[str]:
        if isinstance(node, dict):
            own = [node["$ref"]] if "$ref" in node else []
            return own + [ref for value in node.values() for ref in refs(value)]
        if isinstance(node, list):
            return [ref for value in node for ref in refs(value)]
        return []

    found = refs(document)
    assert len(found) >= 5
    for ref in found:
        assert ref.removeprefix("#/components/schemas/") in document["components"]["schemas"]


def test_document_validates_as_openapi_31(loaded: tuple[dict[str, Any], Diagnostics]) -> None:
    document = loaded[0]
    assert document["openapi"] == "3.1.0"
    assert document["paths"] == {}
    OpenAPI.model_validate(document)


def test_models_accept_extra_fields_as_the_page_says(schemas: dict[str, Any]) -> None:
    for name, schema in schemas.items():
        if schema.get("type") == "object":
            assert schema["additionalProperties"] is True, name


def test_derived_models(
    loaded: tuple[dict[str, Any], Diagnostics], schemas: dict[str, Any]
) -> None:
    product = schemas["Product"]["properties"]
    summary = schemas["ProductSummary"]
    assert summary["properties"] == product
    assert "required" not in summary
    create = schemas["ProductRefreshCreate"]["properties"]
    response = schemas["ProductRefreshResponse"]["properties"]
    assert set(create) == set(response) - {"id"}
    assert set(schemas["ProductRefreshSummary"]["properties"]) == set(response)
    link = schemas["ProductLink"]
    assert link["properties"] == {name: product[name] for name in ("id", "name")}
    assert link["description"].startswith("Lightweight product reference")
    for name in ("SyncJob", "SpaceMember", "TicketComment", "ImpactAssessment", "CheckStats"):
        assert "properties" not in schemas[name], name
    # One note per derived model, each an assumption about that model where its fields
    # come from another model.
    derived = [
        d
        for d in loaded[1].notes
        if d.message.startswith("the page lists no fields for this model")
    ]
    assert sorted(d.subject.name for d in derived if d.subject) == sorted(
        [
            "CheckStats",
            "ImpactAssessment",
            "ProductLink",
            "ProductRefreshCreate",
            "ProductRefreshStats",
            "ProductRefreshSummary",
            "ProductSummary",
            "SpaceMember",
            "SyncJob",
            "TicketComment",
        ]
    )
    borrowed = {d.subject.name for d in derived if d.subject and d.disclosure}
    assert borrowed == {
        "ProductLink",
        "ProductRefreshCreate",
        "ProductRefreshSummary",
        "ProductSummary",
    }


def test_model_order_does_not_change_the_output(
    tmp_path: Path, loaded: tuple[dict[str, Any], Diagnostics]
) -> None:
    text = CAPTURE.read_text(encoding="utf-8")
    starts = [match.start() for match in MODEL_LINE.finditer(text) if match.group() != TABLE_HEADER]
    chunks = [text[start:end] for start, end in zip(starts, [*starts[1:], len(text)])]
    shuffled = text[: starts[0]] + "\n\n".join(chunk.strip("\n") for chunk in reversed(chunks))
    assert shuffled != text
    document, _ = load_text(tmp_path, shuffled)
    assert document == loaded[0]


SYNTHETIC = """\
Widgets

Widget

A widget.

FieldTypeDescription
idintnumeric id
countintinteger count
born_ondateBirthday
seen_atdatetimeLast seen
scoresdict[str, float]Scores by judge
partsPart | NoneThe part
kindKindKind enum (round, square)
owner_ids / group_idlist[UUID] / UUID | NoneOwners and group
gadgetslist[Gadget]Gadgets

Part

FieldTypeDescription
labelstr
weird row that cannot be split

Enums: Kind
"""


def test_synthetic_page(tmp_path: Path) -> None:
    document, diagnostics = load_text(tmp_path, SYNTHETIC)
    schemas = document["components"]["schemas"]
    widget = schemas["Widget"]["properties"]
    assert list(widget) == [
        "id",
        "count",
        "born_on",
        "seen_at",
        "scores",
        "parts",
        "kind",
        "owner_ids",
        "group_id",
        "gadgets",
    ]
    assert widget["count"]["description"] == "integer count"
    assert widget["born_on"]["format"] == "date"
    assert widget["seen_at"]["format"] == "date-time"
    assert widget["scores"]["additionalProperties"] == {"type": "number"}
    assert non_null(widget["parts"]) == {"$ref": "#/components/schemas/Part"}
    assert widget["owner_ids"]["items"] == {"type": "string", "format": "uuid"}
    assert non_null(widget["group_id"]) == {"type": "string", "format": "uuid"}
    assert schemas["Kind"] == {"type": "string", "enum": ["round", "square"]}
    assert schemas["Gadget"] == {"type": "object", "additionalProperties": True}
    assert schemas["Part"]["properties"] == {"label": {"type": "string"}}
    assert "additionalProperties" not in schemas["Widget"]
    warnings = [str(warning) for warning in diagnostics.warnings]
    assert any("weird row" in warning and "models.txt:" in warning for warning in warnings)
    assert any("Gadget is referenced" in warning for warning in warnings)
    OpenAPI.model_validate(document)


def test_a_page_without_models_is_an_error(tmp_path: Path) -> None:
    source = tmp_path / "empty-page.txt"
    source.write_text("Data Models\n\nNothing here yet.\n", encoding="utf-8")
    with pytest.raises(SpecError) as raised:
        load(source, {}, Diagnostics())
    assert "empty-page.txt" in str(raised.value)


def test_enum_values_merge_in_the_same_order_whatever_the_page_order(tmp_path: Path) -> None:
    first = "Alpha\n\nFieldTypeDescription\nshapeShapeShape enum (square, round)\n\n"
    second = "Beta\n\nFieldTypeDescription\nshapeShapeShape enum (round, oval, etc.)\n\n"
    enums = "Enums: Shape\n"
    forward, _ = load_text(tmp_path, first + second + enums)
    backward, _ = load_text(tmp_path, second + first + enums)
    assert forward == backward
    shape = forward["components"]["schemas"]["Shape"]
    assert sorted(shape["enum"]) == ["oval", "round", "square"]
    assert shape["x-sdkgen-open-enum"] is True
