"""The Prism suite catches a broken generator: each case breaks the SDK on purpose (in the
spec it is generated from, in the generated call, or in the runtime it ships) and expects
Prism to reject the request the broken SDK sends. The unbroken SDK must conform, so the
rejections come from the breakage alone.

Prism always serves the intact contract, `breakage/spec.yaml`; arguments are built from it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from generator.diagnostics import Diagnostics
from generator.pipeline import load_normalized
from tests.prism.arguments import plans_for
from tests.prism.calls import Recorder, build_targets
from tests.prism.contract import run_sync
from tests.prism.prism import PrismServer, prism_binary
from tests.prism.schemas import Document
from tests.prism.sdks import SdkCase, prepare

pytestmark = pytest.mark.prism

CONTRACT = Path(__file__).resolve().parent / "breakage"
OPERATION = "items.list_changes"


def _replace_once_per_client(path: Path, old: str, new: str) -> None:
    """Edits a generated file; the text must be there once for each client flavour that
    has it, so a template change cannot turn the breakage into a silent no-op."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) in (1, 2), f"{old!r} not found in {path.name}: update this breakage"
    path.write_text(text.replace(old, new), encoding="utf-8")


def _drop_required_query(spec: dict[str, object]) -> None:
    operation = spec["paths"]["/items/{itemId}/changes/{since}"]["get"]  # type: ignore[index]
    operation["parameters"] = [p for p in operation["parameters"] if p["name"] != "q"]


def _swap_path_parameters(package: Path) -> None:
    _replace_once_per_client(
        package / "resources" / "items.py",
        'path_params={"itemId": item_id, "since": since}',
        'path_params={"itemId": since, "since": item_id}',
    )


def _booleans_as_python_text(package: Path) -> None:
    _replace_once_per_client(
        package / "_parameters.py", 'return "true" if value else "false"', "return str(value)"
    )


@dataclass(frozen=True)
class Breakage:
    spec_edit: Callable[[dict[str, object]], None] | None
    package_edit: Callable[[Path], None] | None
    violation: str | None
    """Text of the violation Prism must report for every call; None: it must find none."""


BREAKAGES = {
    "unbroken": Breakage(None, None, None),
    "spec drops a required query parameter": Breakage(_drop_required_query, None, "required property 'q'"),
    "call binds path parameters crosswise": Breakage(None, _swap_path_parameters, "path.itemid"),
    "runtime writes booleans as Python text": Breakage(None, _booleans_as_python_text, "query.archived"),
}


@pytest.fixture(scope="module")
def prism(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrismServer]:
    prism_binary()
    log = tmp_path_factory.mktemp("breakage_prism") / "prism.log"
    with PrismServer.start(CONTRACT / "spec.yaml", log) as server:
        yield server


@pytest.mark.parametrize("name", list(BREAKAGES))
def test_prism_rejects_what_a_broken_generator_sends(name: str, prism: PrismServer, tmp_path: Path) -> None:
    breakage = BREAKAGES[name]
    spec = yaml.safe_load((CONTRACT / "spec.yaml").read_text(encoding="utf-8"))
    if breakage.spec_edit is not None:
        breakage.spec_edit(spec)
    (tmp_path / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    (tmp_path / "sdk.toml").write_text((CONTRACT / "sdk.toml").read_text().replace("spec.yaml", "spec.json"))
    sdk = prepare(SdkCase("breakage", str(tmp_path)), tmp_path / "build", breakage.package_edit)

    # The arguments keep to the intact contract, whatever the broken SDK was built from.
    document = Document(load_normalized(CONTRACT, Diagnostics()))
    with sdk.sync_client(prism.url, Recorder()) as client:
        targets = build_targets(sdk.api, client, lambda op, m: plans_for(op, m, document))
    (report,) = run_sync(sdk, targets, prism.url, dynamic=False).reports

    assert report.key == OPERATION
    if breakage.violation is None:
        assert report.verdict == "conforms", report.problems()
    else:
        assert report.verdict == "rejected", report.problems()
        assert all(breakage.violation in v for v in report.violations), report.violations
