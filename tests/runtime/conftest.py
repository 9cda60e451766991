"""Fixtures of the runtime tests: the runtime rendered into a package next to a small
hand-written client (`toy_sdk/`), imported once per session. The recording server
fixture `http_server` comes from tests/conftest.py."""

from __future__ import annotations

import importlib
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from tests.support.render_runtime import WebhookInfo, render_runtime

TOY_SDK_FILES = Path(__file__).parent / "toy_sdk"
TOY_SDK = "rtsdk"

# Fast enough for tests that exercise retries without caring about the wait, and still
# non-zero so the backoff code runs.
TEST_RETRY_DELAY = 0.01


def build_toy_sdk(root: Path, name: str = TOY_SDK) -> Path:
    """The runtime plus the toy client, as package `name` under `root`."""
    package = root / name
    render_runtime(package, name, name.upper())
    for source in sorted(TOY_SDK_FILES.glob("*.py.in")):
        shutil.copyfile(source, package / source.name.removesuffix(".in"))
    return package


def build_webhook_package(
    root: Path, name: str, webhooks: WebhookInfo, events: tuple[str, ...]
) -> Path:
    package = root / name
    render_runtime(package, name, name.upper(), webhooks, events)
    (package / "__init__.py").write_text("")
    return package


@pytest.fixture(scope="session")
def sdk_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("sdk")
    build_toy_sdk(root)
    build_webhook_package(
        root,
        "rthooks",
        WebhookInfo("X-Signature", "sha256=", "X-Timestamp"),
        ("pet.deleted", "pet.created"),
    )
    build_webhook_package(root, "rthooks_plain", WebhookInfo("X-Hub-Signature"), ())
    return root


@pytest.fixture(scope="session")
def sdk_modules(sdk_root: Path) -> Iterator[Path]:
    """Puts the rendered packages on sys.path for the session."""
    sys.path.insert(0, str(sdk_root))
    yield sdk_root
    sys.path.remove(str(sdk_root))


@pytest.fixture(scope="session")
def sdk(sdk_modules: Path) -> ModuleType:
    return importlib.import_module(TOY_SDK)


@pytest.fixture(autouse=True)
def fast_retries(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if "sdk" not in request.fixturenames:
        return
    retries = importlib.import_module(f"{TOY_SDK}._retries")
    monkeypatch.setattr(retries, "INITIAL_RETRY_DELAY", TEST_RETRY_DELAY)
    monkeypatch.setattr(retries, "MAX_RETRY_DELAY", TEST_RETRY_DELAY * 4)
