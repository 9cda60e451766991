"""What the vendor SDK tests share: the committed packages under generated/, the routes
their clients expose, a `mypy --strict` run, and a clean environment.

Each vendor module imports its package once with `vendor_sdk` (module-scoped fixture of
its own); clients point at the `http_server` fixture (tests/support/http_server.py).
"""

from __future__ import annotations

import asyncio
import functools
import importlib
import inspect
import json
import os
import re
import subprocess
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from types import ModuleType
from typing import TypeVar

import pytest

from tests.conftest import ROOT, import_generated

GENERATED = ROOT / "generated"
VENDORS = ("catalog", "datafold", "eddytor", "lightdash", "qluster")
_HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# Every generated method's docstring ends with its route, e.g. "`GET /api/v1/org`".
_ROUTE_LINE = re.compile(r"`([A-Z]+) (/[^`]*)`\s*\Z")
_ENV_PREFIXES = tuple(f"{vendor.upper()}_" for vendor in VENDORS)

T = TypeVar("T")

Route = tuple[str, str]
"""(HTTP method in upper case, path template)."""


@pytest.fixture(autouse=True)
def no_vendor_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Clients read credentials and base URLs from the environment; a developer's own
    `QLUSTER_PASSWORD` must not leak into (or change) a test."""
    for name in [n for n in os.environ if n.startswith(_ENV_PREFIXES)]:
        monkeypatch.delenv(name)


def vendor_sdk(vendor: str) -> ModuleType:
    """The committed package generated/<vendor>/<vendor>, freshly imported."""
    return import_generated(GENERATED / vendor, vendor)


def spec_routes(vendor: str) -> list[Route]:
    """Every operation of the normalised spec the package was generated from."""
    document = json.loads((GENERATED / vendor / "openapi.json").read_text("utf-8"))
    return sorted(
        (method.upper(), path)
        for path, item in document.get("paths", {}).items()
        for method in item
        if method in _HTTP_METHODS
    )


def client_routes(client: object) -> dict[str, Route]:
    """`resource.method` -> route (`projects.spaces.create` for a sub-resource), for every
    API method a client offers (raw-response wrappers are views of those methods, not
    operations of their own)."""
    routes: dict[str, Route] = {}
    for attribute, resource in _resources(client, ""):
        for name in sorted(dir(type(resource))):
            member = getattr(type(resource), name)
            if name.startswith("_") or isinstance(member, functools.cached_property):
                continue
            match = _ROUTE_LINE.search(inspect.getdoc(getattr(resource, name)) or "")
            assert match, f"{attribute}.{name} does not name its route"
            routes[f"{attribute}.{name}"] = (match.group(1), match.group(2))
    return routes


def _resources(owner: object, path: str) -> list[tuple[str, object]]:
    """Every resource reachable from `owner` (a client or a resource), with its path."""
    found = []
    for attribute, member in sorted(vars(type(owner)).items()):
        if isinstance(member, functools.cached_property) and attribute != "with_raw_response":
            resource = getattr(owner, attribute)
            found += [
                (f"{path}{attribute}", resource),
                *_resources(resource, f"{path}{attribute}."),
            ]
    return found


def import_every_model(sdk: ModuleType) -> list[type]:
    """Every name `<sdk>.models` lists, imported (the index is lazy: a wrong entry would
    only fail on first use)."""
    models = importlib.import_module(f"{sdk.__name__}.models")
    return [getattr(models, name) for name in models.__all__]


@pytest.fixture(scope="session")
def mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One mypy cache for the session: the packages share the standard library, pydantic
    and httpx, which mypy then analyses once rather than once per package."""
    return tmp_path_factory.mktemp("mypy-cache")


def mypy_strict(vendor: str, workdir: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    """`mypy --strict` over the package, run from `workdir` with an empty config so that
    the repository's own mypy settings (which exclude generated/) do not apply."""
    config = workdir / "mypy.ini"
    config.write_text("[mypy]\n", encoding="utf-8")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--config-file",
            str(config),
            "--cache-dir",
            str(cache),
            str(GENERATED / vendor / vendor),
        ],
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def run_async(scenario: Callable[[], Awaitable[T]]) -> T:
    """Runs one async scenario to completion on a fresh event loop."""

    async def main() -> T:
        return await scenario()

    return asyncio.run(main())


def assert_package_is_sound(
    vendor: str, client_class: str, workdir: Path, mypy_cache: Path
) -> None:
    """The package imports with every model and resource module, and `mypy --strict`
    finds nothing in it."""
    sdk = vendor_sdk(vendor)
    assert import_every_model(sdk)
    with getattr(sdk, client_class)(base_url="http://127.0.0.1:9") as client:
        client_routes(client)
    result = mypy_strict(vendor, workdir, mypy_cache)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout
