"""The rendered runtime type-checks under `mypy --strict`, is already formatted, and
stays cheap to import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

PACKAGES = ("rtsdk", "rthooks", "rthooks_plain")


def _python(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_mypy_strict_reports_no_errors(sdk_root: Path, request: pytest.FixtureRequest) -> None:
    cache = request.config.cache
    cache_dir = cache.mkdir("runtime-mypy") if cache else sdk_root / ".mypy_cache"
    result = _python(
        sdk_root,
        *("-m", "mypy", "--strict", "--python-version", "3.11"),
        *("--cache-dir", str(cache_dir), *PACKAGES),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


def test_rendered_code_is_already_formatted(sdk_root: Path) -> None:
    paths = [str(sdk_root / package) for package in PACKAGES]
    ruff = _python(sdk_root, "-m", "ruff", "format", "--isolated", "--no-cache", "--check", *paths)
    assert ruff.returncode == 0, ruff.stdout + ruff.stderr
    black = _python(sdk_root, "-m", "black", "--check", "--quiet", *paths)
    assert black.returncode == 0, black.stdout + black.stderr


def test_importing_the_package_loads_no_async_machinery(sdk_root: Path) -> None:
    loaded = "sorted(m for m in ('asyncio', 'anyio', 'trio') if m in sys.modules)"
    result = _python(sdk_root, "-c", f"import sys, rtsdk; print({loaded})")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
