"""The SDKs under test: generated afresh from their specs, imported, with their IR."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx

from generator import ir
from generator.build import build_api
from generator.diagnostics import Diagnostics
from generator.pipeline import generate, load_normalized, resolve_input
from tests.conftest import GOLDEN_CASES, ROOT, import_generated, shared_file
from tests.prism.calls import Recorder
from tests.prism.schemas import Document

LIGHTDASH_OFFICIAL = "specs/reference/lightdash-0.1366.1-openapi.json"
CREDENTIAL = "sdkgen-contract-test"


@dataclass(frozen=True)
class SdkCase:
    name: str
    spec: str
    """A spec folder relative to the repository, or `shared:<path>` for a bare OpenAPI
    file under ../shared (generated with the settings `official_settings` gives)."""
    exceptions: Mapping[str, str] = field(default_factory=dict)
    """`<attribute>.<method>` -> why the operation cannot be proved against Prism."""


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

    def sync_client(self, base_url: str, recorder: Recorder) -> Any:
        http = httpx.Client(event_hooks={"response": [recorder.sync_hook]}, timeout=30)
        cls = getattr(self.module, self.api.package.client_class)
        return cls(base_url=base_url, max_retries=0, http_client=http, **credentials(self.api.auth))

    def async_client(self, base_url: str, recorder: Recorder) -> Any:
        http = httpx.AsyncClient(event_hooks={"response": [recorder.async_hook]}, timeout=30)
        cls = getattr(self.module, self.api.package.async_client_class)
        return cls(base_url=base_url, max_retries=0, http_client=http, **credentials(self.api.auth))


def credentials(auth: ir.Auth | None) -> dict[str, str]:
    """What each auth scheme's constructor takes; Prism checks only that it is sent."""
    if auth is None:
        return {}
    if auth.kind in ("api_key", "bearer"):
        return {"api_key": CREDENTIAL}
    return {"username": "ada", "password": CREDENTIAL}


def prepare(case: SdkCase, folder: Path) -> PreparedSdk:
    """Generates `case` into `folder` and imports it."""
    target = _target(case, folder)
    out = folder / "out"
    generate(target, out, force=True)
    diagnostics = Diagnostics()
    document = load_normalized(target, diagnostics)
    spec = resolve_input(target)
    api = build_api(document, spec.config, str(spec.source), diagnostics)
    module = import_generated(out, api.package.name)
    written = json.loads((out / "openapi.json").read_text(encoding="utf-8"))
    return PreparedSdk(case, out, module, api, Document(written))


def _target(case: SdkCase, folder: Path) -> Path:
    if not case.spec.startswith("shared:"):
        return ROOT / case.spec
    spec = shared_file(case.spec.removeprefix("shared:"))
    (folder / "sdk.toml").write_text(official_settings(spec), encoding="utf-8")
    return folder


def official_settings(spec: Path) -> str:
    """The sdk.toml of Lightdash's official document (as test_lightdash_official uses)."""
    return (
        f'[source]\npath = "{spec}"\n\n[package]\nname = "lightdash_official"\n'
        'client_class = "Lightdash"\n\n[auth]\nprefix = "ApiKey "\n\n'
        '[response]\nenvelope = "results"\n'
    )


CASES = (
    SdkCase("catalog", "specs/catalog"),
    SdkCase("datafold", "specs/datafold"),
    SdkCase("eddytor", "specs/eddytor"),
    SdkCase("lightdash", "specs/lightdash"),
    SdkCase("qluster", "specs/qluster"),
    SdkCase("lightdash_official", f"shared:{LIGHTDASH_OFFICIAL}"),
    *(SdkCase(f"golden/{c.name}", str(c.relative_to(ROOT))) for c in sorted(GOLDEN_CASES.iterdir()) if (c / "sdk.toml").is_file()),
)
