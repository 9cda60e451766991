"""Each vendor package tells its reader what it states beyond its source and what of the
source it leaves out: a README section made from the load report, and a paragraph in
the docstring of each operation and model concerned."""

from __future__ import annotations

import inspect
import re
from types import ModuleType

import pytest

from generator.diagnostics import Diagnostic, Diagnostics, Disclosure
from generator.pipeline import load_normalized
from tests.conftest import ROOT
from tests.vendors.conftest import GENERATED, VENDORS, vendor_sdk

SECTION = "## Beyond the source"
SOURCES = {
    "catalog": "catalog-data-models.txt",
    "datafold": "datafold-api-examples.json",
    "eddytor": "eddytor-api-reference.md",
    "lightdash": "lightdash-redoc.txt",
    "qluster": "qluster-redoc.txt",
}


def readme(vendor: str) -> str:
    return (GENERATED / vendor / "README.md").read_text(encoding="utf-8")


def section(vendor: str, heading: str = SECTION) -> str:
    text = readme(vendor)
    start = text.index(heading)
    end = text.index("\n## ", start + len(heading))
    return text[start:end]


def load_report(vendor: str) -> list[Diagnostic]:
    diagnostics = Diagnostics()
    load_normalized(ROOT / "specs" / vendor, diagnostics)
    return diagnostics.disclosed


@pytest.mark.parametrize("vendor", VENDORS)
def test_the_readme_section_is_the_load_reports_disclosures(vendor: str) -> None:
    text = section(vendor)
    assert f"generated from `{SOURCES[vendor]}`" in text
    disclosed = load_report(vendor)
    assert disclosed, vendor
    for diagnostic in disclosed:
        assert diagnostic.message in text, diagnostic
    left_out = [d for d in disclosed if d.disclosure is Disclosure.LEFT_OUT]
    if left_out:
        listed = text.split("### Left out", 1)[1]
        for diagnostic in left_out:
            assert diagnostic.action in listed, diagnostic


def test_catalog_marks_the_fields_the_page_never_lists() -> None:
    text = section("catalog")
    for model in ("ProductRefreshCreate", "ProductRefreshSummary"):
        line = next(line for line in text.splitlines() if f"`{model}`" in line)
        assert line.startswith("- the page lists no fields for this model")
        doc = inspect.getdoc(getattr(sdk("catalog").models, model)) or ""
        assert "Not stated by `catalog-data-models.txt`" in doc
        assert "ProductRefreshResponse" in doc


def test_eddytor_says_its_webhook_signature_is_an_assumption() -> None:
    webhooks = section("eddytor", "## Webhooks")
    assert "`X-Eddytor-Signature`" in webhooks
    assert "This is an assumption; confirm it with the vendor." in webhooks
    assert "- webhook payloads are signed, but neither" in section("eddytor")
    module = (GENERATED / "eddytor" / "eddytor" / "_webhooks.py").read_text(encoding="utf-8")
    assert "They are an assumption to confirm with the vendor." in module
    unwrap = inspect.getdoc(sdk("eddytor").unwrap_webhook) or ""
    assert "assumed" in unwrap


def test_qluster_lists_the_operations_it_leaves_out_and_why() -> None:
    listed = section("qluster").split("### Left out", 1)[1]
    entries = re.findall(r"^- `(\w+)`: no HTTP method and path", listed, flags=re.MULTILINE)
    assert len(entries) == 7
    training = next(line for line in listed.splitlines() if "run_training_job_now" in line)
    assert "RunTrainingJobNow is POST /datasets/{dataset_id}/run-training-job" in training


def test_lightdash_docstrings_name_the_overlays_behind_an_operation() -> None:
    projects = sdk("lightdash").Lightdash(api_key="x", base_url="http://127.0.0.1:9").projects
    doc = inspect.getdoc(projects.dashboards.create) or ""
    assert "Not stated by `lightdash-redoc.txt`" in doc
    assert "from overlay alternatives.yaml" in doc
    assert "from overlay placement.yaml" in doc
    assert "`client.projects.dashboards.create`" in section("lightdash")


def test_datafold_names_each_overlay() -> None:
    text = section("datafold")
    assert "from overlay restore-lost-text.yaml" in text
    assert "from overlay reference-facts.yaml" in text


@pytest.mark.parametrize("vendor", VENDORS)
def test_no_map_placeholder_is_a_field(vendor: str) -> None:
    """Redoc's sample keys for a map (`property1`, `property2`) are in no package's code
    or spec (its CHANGELOG may record their removal)."""
    for path in (GENERATED / vendor).rglob("*"):
        if path.is_file() and path.name != "CHANGELOG.md":
            text = path.read_text(encoding="utf-8")
            assert not re.search(r"property[12]\b|additionalProp\d", text), path


_SDKS: dict[str, ModuleType] = {}


def sdk(vendor: str) -> ModuleType:
    if vendor not in _SDKS:
        _SDKS[vendor] = vendor_sdk(vendor)
    return _SDKS[vendor]
