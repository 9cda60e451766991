"""The catalog SDK: its vendor publishes only a "Data Models" page, so the package is its
models. They are checked as the page describes them (`extra="allow"`, the two string
enums, the summary and create variants), parsing bodies received over real HTTP."""

from __future__ import annotations

import enum
import importlib
import re
from datetime import UTC, datetime
from pathlib import Path
from types import GenericAlias, ModuleType
from typing import Any
from uuid import UUID

import pydantic
import pytest

from tests.support.http_server import RecordingServer, Reply
from tests.vendors.conftest import assert_package_is_sound, import_every_model, vendor_sdk

CAPTURE = Path(__file__).resolve().parents[2] / "specs" / "catalog" / "catalog-data-models.txt"
PRODUCT_ID = "3f2c1b0a-9e8d-4c7b-a6f5-e4d3c2b1a090"
PRODUCT = {
    "id": PRODUCT_ID,
    "name": "Orders",
    "slug": "orders",
    "tags": ["sales"],
    "is_archived": False,
    "created_at": "2024-05-01T12:00:00Z",
    "updated_at": "2024-06-02T08:30:00+02:00",
    "owner_team": "data-platform",
}


@pytest.fixture(scope="module")
def sdk() -> ModuleType:
    package = vendor_sdk("catalog")
    # No resource module imports the models here (there are no resources): import them
    # as a user would, so that `package.models` is bound.
    importlib.import_module("catalog.models")
    return package


def fetch(sdk: ModuleType, server: RecordingServer, cast_to: Any, body: object) -> Any:
    """`body` sent by the server and parsed by the client as `cast_to`."""
    server.enqueue(Reply.json(body))
    with sdk.Catalog(base_url=server.url) as client:
        return client.request("get", "/anything", cast_to=cast_to)


def list_of(model: type) -> Any:
    """`list[model]` for a model known only at run time."""
    return GenericAlias(list, (model,))


def page_text() -> str:
    return CAPTURE.read_text(encoding="utf-8")


def test_a_product_keeps_fields_the_models_do_not_know(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    product = fetch(sdk, http_server, sdk.models.Product, PRODUCT)
    assert product.id == UUID(PRODUCT_ID) and product.tags == ["sales"]
    # The page packs `created_at / updated_at` into one row: two fields.
    assert product.created_at == datetime(2024, 5, 1, 12, tzinfo=UTC)
    assert product.updated_at == datetime(2024, 6, 2, 6, 30, tzinfo=UTC)
    assert product.model_extra == {"owner_team": "data-platform"}
    assert product.to_dict()["owner_team"] == "data-platform"


def test_every_model_allows_extra_fields_and_the_two_enums_are_string_enums(
    sdk: ModuleType,
) -> None:
    members = import_every_model(sdk)
    enums = sorted(m.__name__ for m in members if issubclass(m, enum.Enum))
    models = [m for m in members if not issubclass(m, enum.Enum)]
    assert enums == ["RefreshStatus", "TriggerSource"]
    assert all(issubclass(m, str) for m in members if issubclass(m, enum.Enum))
    assert len(models) >= 20
    for model in models:
        assert (
            issubclass(model, pydantic.BaseModel) and model.model_config.get("extra") == "allow"
        ), model


def test_enum_values_are_the_ones_the_page_lists(sdk: ModuleType) -> None:
    text = page_text()
    statuses = re.search(r"Status enum \(([^)]*)\)", text)
    sources = re.search(r"Source enum \(([^)]*)\)", text)
    assert statuses and sources
    assert {s.value for s in sdk.models.RefreshStatus} == set(statuses.group(1).split(", "))
    listed = {s for s in sources.group(1).split(", ") if s != "etc."}
    assert {s.value for s in sdk.models.TriggerSource} == listed


def test_a_refresh_with_an_unlisted_trigger_source_still_parses(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    # `manual, airflow, dbt, etc.`: the set is open, so a new source must not break parsing.
    body = {
        "id": "0b9e2a44-1111-4222-8333-944455556666",
        "product_id": PRODUCT_ID,
        "status": "running",
        "trigger_source": "prefect",
        "row_count": 1200,
    }
    refresh = fetch(sdk, http_server, sdk.models.ProductRefreshResponse, body)
    assert refresh.status is sdk.models.RefreshStatus.RUNNING
    assert refresh.trigger_source == "prefect" and str(refresh.trigger_source) == "prefect"
    assert refresh.to_dict()["trigger_source"] == "prefect"


def test_summary_and_create_variants_the_page_names(
    sdk: ModuleType, http_server: RecordingServer
) -> None:
    variants = set(re.findall(r"^(\w+(?:Summary|Create))$", page_text(), re.MULTILINE))
    assert variants == {"ProductSummary", "ProductRefreshSummary", "ProductRefreshCreate"}
    # A summary is a subset: what a list response carries parses without the detail fields.
    summary = fetch(
        sdk, http_server, list_of(sdk.models.ProductSummary), [{"id": PRODUCT_ID, "name": "Orders"}]
    )
    assert summary[0].name == "Orders"
    with pytest.raises(pydantic.ValidationError):
        sdk.models.Product.model_validate({"id": PRODUCT_ID, "name": "Orders"})
    refreshes = fetch(
        sdk,
        http_server,
        list_of(sdk.models.ProductRefreshSummary),
        [{"id": "0b9e2a44-1111-4222-8333-944455556666", "status": "success"}],
    )
    assert refreshes[0].status is sdk.models.RefreshStatus.SUCCESS
    # The create variant is input: no server-assigned id, and only what was set is sent.
    create = sdk.models.ProductRefreshCreate(
        product_id=UUID(PRODUCT_ID),
        status=sdk.models.RefreshStatus.FAILURE,
        trigger_source="airflow",
    )
    assert "id" not in sdk.models.ProductRefreshCreate.model_fields
    assert create.to_dict() == {
        "product_id": PRODUCT_ID,
        "status": "failure",
        "trigger_source": "airflow",
    }


def test_nested_models_parse_from_one_body(sdk: ModuleType, http_server: RecordingServer) -> None:
    body = {
        "id": "5a5a5a5a-0000-4000-8000-000000000001",
        "title": "Late orders",
        "description_markdown": "**late**",
        "priority": "high",
        "status": "open",
        "space_slug": "sales",
        "products_info": [{"id": PRODUCT_ID, "name": "Orders"}],
        "impact_assessment": {"business_impact": "revenue"},
        "comments": [{"id": "5a5a5a5a-0000-4000-8000-000000000002", "body": "on it"}],
    }
    ticket = fetch(sdk, http_server, sdk.models.Ticket, body)
    assert isinstance(ticket.impact_assessment, sdk.models.ImpactAssessment)
    assert ticket.impact_assessment.model_extra == {"business_impact": "revenue"}
    assert isinstance(ticket.products_info[0], sdk.models.ProductLink)
    assert isinstance(ticket.comments[0], sdk.models.TicketComment)


def test_package_imports_and_passes_mypy_strict(tmp_path: Path, mypy_cache: Path) -> None:
    assert_package_is_sound("catalog", "Catalog", tmp_path, mypy_cache)
