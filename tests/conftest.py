"""Shared fixtures: the recording HTTP server, generated packages, the shared folder."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from generator.pipeline import generate
from tests.prism.summary import pytest_terminal_summary  # noqa: F401 - Prism summary lines
from tests.support.fixtures import http_server  # noqa: F401 - a fixture, used by name

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLDEN_CASES = ROOT / "tests" / "golden" / "cases"


def shared_file(relative: str) -> Path:
    """A file under ../shared/, or a clean skip where the folder is absent."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


def import_generated(package_root: Path, name: str) -> ModuleType:
    """Import a generated package from its folder, fresh (earlier imports forgotten)."""
    for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
        del sys.modules[module]
    sys.path.insert(0, str(package_root))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(package_root))


@pytest.fixture(scope="session")
def shapes_sdk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The `shapes` golden case, generated afresh and imported."""
    out = tmp_path_factory.mktemp("shapes") / "shapes"
    generate(GOLDEN_CASES / "shapes", out, force=True)
    sys.path.insert(0, str(out))
    try:
        yield importlib.import_module("shapes")
    finally:
        sys.path.remove(str(out))
