"""Every generated SDK against Stoplight Prism serving the SDK's own normalised spec.

Each operation is called with arguments built from the spec (required ones only, then
the optional ones too, then the body as a model where the method offers one), with the
sync client and the async client against Prism's static answers, and with the sync
client against its dynamic ones (random, from the schemas). Prism must accept every
request, and the SDK must return every answer Prism could build as the declared type.
What cannot conform is listed, with its reason, in `sdks.CASES`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import GOLDEN_CASES
from tests.prism.arguments import plans_for
from tests.prism.calls import Recorder, Target, build_targets
from tests.prism.contract import PassResult, run_async, run_sync
from tests.prism.prism import PrismServer, prism_binary
from tests.prism.sdks import CASES, PreparedSdk, SdkCase, prepare
from tests.prism.summary import PROPERTY, RecordProperty

pytestmark = pytest.mark.prism

ALLOWED_PRISM_REJECTS = 0.02
"""Share of an SDK's operations that may be excused because Prism wrongly rejects them."""


@dataclass(frozen=True)
class Contract:
    """An SDK generated afresh, the calls to make to each of its operations, and a Prism
    serving its spec (None for an SDK without operations)."""

    sdk: PreparedSdk
    targets: list[Target]
    prism: PrismServer | None

    @property
    def url(self) -> str:
        assert self.prism is not None
        return self.prism.url


@pytest.fixture(scope="module", params=CASES, ids=[c.name for c in CASES])
def contract(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Contract]:
    prism_binary()
    case: SdkCase = request.param
    folder = tmp_path_factory.mktemp(case.name.replace("/", "_"))
    sdk = prepare(case, folder)
    # Plans need the methods (for their annotations), not a server.
    with sdk.sync_client("http://127.0.0.1:9", Recorder()) as client:
        targets = build_targets(sdk.api, client, lambda op, method: plans_for(op, method, sdk.document))
    if not targets:
        yield Contract(sdk, targets, None)
        return
    with PrismServer.start(sdk.spec_file, folder / "prism.log") as prism:
        yield Contract(sdk, targets, prism)


def _check(result: PassResult, contract: Contract, record_property: RecordProperty) -> None:
    excused = contract.sdk.case.excused
    record_property(PROPERTY, json.dumps(result.record(excused)))
    unexpected = result.unexpected(excused)
    log = f"\n(Prism's log: {contract.prism.log})" if contract.prism else ""
    assert not unexpected, f"{result.sdk}, {result.name}:\n" + "\n".join(unexpected) + log


def test_static_sync(contract: Contract, record_property: RecordProperty) -> None:
    if contract.prism is None:
        # Nothing to call; the record still gives the SDK its summary line.
        _check(PassResult(contract.sdk.case.name, "static sync", (), Recorder()), contract, record_property)
        return
    result = run_sync(contract.sdk, contract.targets, contract.url, dynamic=False)
    _check(result, contract, record_property)
    for auth in contract.sdk.api.schemes:
        if auth.kind != "oauth2_password":
            continue
        # The client logged in at the token URL before its first call, and only then.
        token_path = "/" + (auth.token_url or "").lstrip("/")
        posts = [e for e in result.recorder.history if e.method == "POST" and e.url.endswith(token_path)]
        token_calls = sum(r.calls for r, t in zip(result.reports, contract.targets) if t.op.path == token_path)
        first = result.recorder.history[0]
        assert (first.method, first.url.endswith(token_path), first.rejected) == ("POST", True, False)
        assert len(posts) == 1 + token_calls


def test_static_async(contract: Contract, record_property: RecordProperty) -> None:
    if contract.prism is None:
        pytest.skip("no operations")
    _check(run_async(contract.sdk, contract.targets, contract.url), contract, record_property)


def test_dynamic(contract: Contract, record_property: RecordProperty) -> None:
    if contract.prism is None:
        pytest.skip("no operations")
    _check(run_sync(contract.sdk, contract.targets, contract.url, dynamic=True), contract, record_property)


def test_every_spec_operation_is_called(contract: Contract) -> None:
    """The passes call every operation of the spec, and the excused table names only
    real operations, few of them for Prism's validator."""
    paths = contract.sdk.document.document.get("paths", {})
    methods = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
    in_spec = sorted((m, p) for p, item in paths.items() for m in item if m in methods)
    called = sorted((t.op.http_method, t.op.path) for t in contract.targets)
    assert called == in_spec
    keys = {t.key for t in contract.targets}
    case = contract.sdk.case
    assert set(case.excused) <= keys, sorted(set(case.excused) - keys)
    rejects = [k for k, e in case.excused.items() if e.kind == "prism rejects"]
    if case.capped:
        assert len(rejects) <= ALLOWED_PRISM_REJECTS * len(keys), rejects


def test_every_golden_case_is_under_contract() -> None:
    cases = {c.spec for c in CASES}
    for folder in sorted(GOLDEN_CASES.iterdir()):
        if (folder / "sdk.toml").is_file():
            assert Path("tests/golden/cases", folder.name).as_posix() in cases, folder.name
