"""The SDKs under test: generated afresh from their specs, imported, with their IR."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

import httpx

from generator import ir
from generator.building import build_api
from generator.diagnostics import Diagnostics
from generator.pipeline import generate, resolve_input
from tests.conftest import ROOT, import_generated, shared_file
from tests.prism.calls import Recorder
from tests.prism.schemas import Document

LIGHTDASH_OFFICIAL = "specs/reference/lightdash-0.1366.1-openapi.json"
CREDENTIAL = "sdkgen-contract-test"
TIMEOUT = 30.0

Pass = Literal["static sync", "static async", "dynamic"]
PASSES: tuple[Pass, ...] = ("static sync", "static async", "dynamic")


@dataclass(frozen=True)
class Excused:
    """An operation that cannot conform in some passes, and why."""

    kind: Literal["prism rejects", "prism cannot answer", "generator bug"]
    """`prism rejects`: Prism's validator refuses a request that keeps to the document
    (counts against the 2% allowance); `prism cannot answer`: no answer Prism builds
    stays within the document, so none can parse (requests still validate); `generator
    bug`: the SDK is wrong and the lead has the reproduction (an expected failure, strict:
    once fixed the test fails until the entry goes)."""
    reason: str
    passes: frozenset[Pass] = frozenset(PASSES)


@dataclass(frozen=True)
class SdkCase:
    name: str
    spec: str
    """A spec folder relative to the repository, or `shared:<path>` for a bare OpenAPI
    file under ../shared (generated with the settings `official_settings` gives)."""
    excused: Mapping[str, Excused] = field(default_factory=dict)
    """`<resource path>.<method>` (`projects.explores.retrieve`) -> why it is excused."""
    capped: bool = True
    """Whether `prism rejects` entries must stay within 2% of the operations. The golden
    fixtures (1 to 9 operations, each built around a hard shape) are not capped."""


@dataclass(frozen=True)
class PreparedSdk:
    case: SdkCase
    root: Path
    """The generated package's folder (its `openapi.json` is what Prism serves)."""
    module: ModuleType
    api: ir.Api
    document: Document

    @property
    def spec_file(self) -> Path:
        return self.root / "openapi.json"

    @contextmanager
    def sync_client(self, base_url: str, recorder: Recorder) -> Iterator[Any]:
        """The generated sync client, pointed at `base_url`, its exchanges recorded."""
        cls = getattr(self.module, self.api.package.client_class)
        with httpx.Client(event_hooks={"response": [recorder.sync_hook]}, timeout=TIMEOUT) as http:
            yield cls(base_url=base_url, max_retries=0, http_client=http, **credentials(self.api))

    @asynccontextmanager
    async def async_client(self, base_url: str, recorder: Recorder) -> AsyncIterator[Any]:
        cls = getattr(self.module, self.api.package.async_client_class)
        hooks = {"response": [recorder.async_hook]}
        async with httpx.AsyncClient(event_hooks=hooks, timeout=TIMEOUT) as http:
            yield cls(base_url=base_url, max_retries=0, http_client=http, **credentials(self.api))


def credentials(api: ir.Api) -> dict[str, str]:
    """Every credential the client needs, for every scheme it takes; Prism checks only
    that one is sent."""
    return {
        c.argument: "ada" if c.role == "username" else CREDENTIAL
        for c in api.credentials
        if not c.optional
    }


def prepare(case: SdkCase, folder: Path, edit: Callable[[Path], None] | None = None) -> PreparedSdk:
    """Generates `case` into `folder` and imports it; `edit` may change the generated
    package (its import folder is passed) before the import."""
    target = _target(case, folder)
    out = folder / "out"
    generate(target, out, force=True)
    # The normalised document the package ships is what Prism serves; the IR built from
    # it again names every method and keyword argument the package has.
    document = json.loads((out / "openapi.json").read_text(encoding="utf-8"))
    spec = resolve_input(target)
    api = build_api(document, spec.config, str(spec.source), Diagnostics())
    if edit is not None:
        edit(out / api.package.name)
    module = import_generated(out, api.package.name)
    return PreparedSdk(case, out, module, api, Document(document))


def _target(case: SdkCase, folder: Path) -> Path:
    if not case.spec.startswith("shared:"):
        return ROOT / case.spec
    spec = shared_file(case.spec.removeprefix("shared:"))
    (folder / "sdk.toml").write_text(official_settings(spec), encoding="utf-8")
    return folder


def official_settings(spec: Path) -> str:
    """The sdk.toml of Lightdash's official document (as test_lightdash_official uses)."""
    return (
        # The document stays in ../shared: its folder is granted as the input root.
        f'[source]\npath = "{spec}"\nroot = "{spec.parent}"\n\n'
        '[package]\nname = "lightdash_official"\n'
        'client_class = "Lightdash"\n\n[auth]\nprefix = "ApiKey "\n\n'
        '[response]\nenvelope = "results"\n'
    )


MULTIPART_ARRAYS = Excused(
    "prism rejects",
    "the SDK sends a list of files as repeated multipart parts (what servers expect), but "
    "Prism keeps only the last part of a repeated name, so an array never validates "
    "(stoplightio/prism#2654, open)",
)
JSF_CRASH = Excused(
    "prism cannot answer",
    "json-schema-faker inside Prism throws `TypeError: Cannot read properties of undefined "
    "(reading 'items')` building any dynamic answer for this schema (recursive anyOf filter "
    "groups); requests validate and the static answer parses",
    frozenset({"dynamic"}),
)

CASES = (
    SdkCase("catalog", "specs/catalog"),
    SdkCase("datafold", "specs/datafold"),
    SdkCase("eddytor", "specs/eddytor", {"storage.upload_files": MULTIPART_ARRAYS}),
    SdkCase(
        "lightdash",
        "specs/lightdash",
        # The five the official document's case excuses, for the same crash: their filters
        # are the official recursive filter groups (overlays/alternatives.yaml), and
        # GetExplore's tables a map (the page's `property1` / `property2`), as officially.
        {
            "dashboards.promote_diff": JSF_CRASH,
            "projects.explores.retrieve": JSF_CRASH,
            "charts.get_version": JSF_CRASH,
            "charts.promote": JSF_CRASH,
            "charts.promote_diff": JSF_CRASH,
        },
    ),
    SdkCase("qluster", "specs/qluster"),
    SdkCase(
        "lightdash_official",
        f"shared:{LIGHTDASH_OFFICIAL}",
        {
            "charts.get_version": JSF_CRASH,
            "charts.promote": JSF_CRASH,
            "charts.promote_diff": JSF_CRASH,
            "dashboards.promote_diff": JSF_CRASH,
            "projects.explores.retrieve": JSF_CRASH,
        },
    ),
    SdkCase("golden/hostile", "tests/golden/cases/hostile", capped=False),
    SdkCase("golden/semantics", "tests/golden/cases/semantics", capped=False),
    SdkCase(
        "golden/multifile",
        "tests/golden/cases/multifile",
        {
            "users.retrieve": Excused(
                "prism cannot answer",
                "Prism fills the optional self-reference `manager` down to its depth limit "
                "and ends it with `{}`, which lacks the required `id`",
            ),
        },
        capped=False,
    ),
    SdkCase(
        "golden/shapes",
        "tests/golden/cases/shapes",
        {
            "files.upload": MULTIPART_ARRAYS,
            "pets.stream_events": Excused(
                "prism cannot answer",
                "Prism cannot serialise an object schema as text/event-stream "
                "(its NO_COMPLEX_OBJECT_TEXT error)",
            ),
        },
        capped=False,
    ),
    SdkCase("golden/swagger2", "tests/golden/cases/swagger2", capped=False),
    SdkCase("golden/typed", "tests/golden/cases/typed", capped=False),
    SdkCase("golden/wire", "tests/golden/cases/wire", capped=False),
)
