"""Lightdash cross-check: the SDK generated from the damaged Redoc capture, called against
Prism serving Lightdash's official OpenAPI document of the same release.

Arguments are built from the official document (its parameters, bodies and examples), so
every call is one a real caller could make; Prism then checks that the Redoc SDK sends it
the way the official contract says, and the SDK parses the official answers into the
types it recovered from the capture.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pytest
import yaml

from generator import ir
from tests.conftest import ROOT, shared_file
from tests.prism.arguments import CallPlan, plans_for
from tests.prism.calls import Recorder, Target, build_targets
from tests.prism.contract import run_sync
from tests.prism.prism import PrismServer, prism_binary
from tests.prism.schemas import Document
from tests.prism.sdks import CASES, JSF_CRASH, LIGHTDASH_OFFICIAL, PreparedSdk, prepare
from tests.prism.summary import PROPERTY, RecordProperty

pytestmark = pytest.mark.prism

SUMMARY_NAME = "lightdash (Redoc SDK) vs official spec"
EXCUSED = {
    "dashboards.promote_diff": JSF_CRASH,
    "projects.explores.retrieve": JSF_CRASH,
    "charts.get_version": JSF_CRASH,
    "charts.promote": JSF_CRASH,
    "charts.promote_diff": JSF_CRASH,
}
"""Operations that cannot conform in the cross-check, and why (see `sdks.Excused`)."""
_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
_TEMPLATE_PARAMETER = re.compile(r"\{[^{}]*\}")


def _shape(path: str) -> str:
    """A path template with its parameter names blanked: the Redoc capture and the
    official document may name a path parameter differently."""
    return _TEMPLATE_PARAMETER.sub("{}", path)


def _newer_than_reference() -> list[str]:
    overlay = ROOT / "specs" / "lightdash" / "overlays" / "newer-than-reference.yaml"
    if not overlay.is_file():
        return []
    actions = yaml.safe_load(overlay.read_text(encoding="utf-8"))["actions"]
    return [
        f"{a['update']['x-sdkgen-method'].upper()} {a['update']['x-sdkgen-path']}"
        for a in actions
        if "x-sdkgen-path" in a.get("update", {})
    ]


@dataclass(frozen=True)
class CrossCheck:
    sdk: PreparedSdk
    official: Document
    targets: list[Target]
    unmatched: list[str]
    """SDK operations the official document does not have."""
    prism: PrismServer


@pytest.fixture(scope="module")
def crosscheck(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CrossCheck]:
    prism_binary()
    official_file = shared_file(LIGHTDASH_OFFICIAL)
    official = Document(json.loads(official_file.read_text(encoding="utf-8")))
    folder = tmp_path_factory.mktemp("lightdash_crosscheck")
    sdk = prepare(next(c for c in CASES if c.name == "lightdash"), folder)
    operations = {
        (method, _shape(path)): item[method]
        for path, item in official.document["paths"].items()
        for method in _METHODS
        if method in item
    }
    unmatched = [
        f"{op.http_method.upper()} {op.path}"
        for resource in sdk.api.every_resource
        for op in resource.operations
        if (op.http_method, _shape(op.path)) not in operations
    ]
    with sdk.sync_client("http://127.0.0.1:9", Recorder()) as client:
        targets = build_targets(sdk.api, client, _official_plans(official, operations))
    with PrismServer.start(official_file, folder / "prism.log") as prism:
        yield CrossCheck(sdk, official, targets, unmatched, prism)


def _official_plans(
    official: Document, operations: Mapping[tuple[str, str], Mapping[str, Any]]
) -> Callable[[ir.Operation, Callable[..., Any]], list[CallPlan]]:
    def plans(op: ir.Operation, method: Callable[..., Any]) -> list[CallPlan]:
        spec_op = operations.get((op.http_method, _shape(op.path)))
        return [] if spec_op is None else plans_for(op, method, official, spec_op)

    return plans


def test_every_sdk_operation_is_in_the_official_spec(crosscheck: CrossCheck) -> None:
    """Except those the spec folder places as newer than the reference document."""
    assert sorted(crosscheck.unmatched) == sorted(_newer_than_reference())
    keys = {t.key for t in crosscheck.targets}
    assert keys and set(EXCUSED) <= keys, sorted(set(EXCUSED) - keys)


@pytest.mark.parametrize("dynamic", [False, True], ids=["static", "dynamic"])
def test_redoc_sdk_keeps_the_official_contract(
    crosscheck: CrossCheck, dynamic: bool, record_property: RecordProperty
) -> None:
    targets = [t for t in crosscheck.targets if t.plans or t.plan_error]
    result = run_sync(crosscheck.sdk, targets, crosscheck.prism.url, dynamic=dynamic)
    record = result.record(EXCUSED) | {"sdk": SUMMARY_NAME}
    record_property(PROPERTY, json.dumps(record))
    unexpected = result.unexpected(EXCUSED)
    assert not unexpected, (
        f"{SUMMARY_NAME}, {result.name}:\n"
        + "\n".join(unexpected)
        + (f"\n(Prism's log: {crosscheck.prism.log})")
    )
