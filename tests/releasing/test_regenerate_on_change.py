"""A vendor changes its spec: `generate` bumps that package's version, writes its
changelog entry, leaves the other packages alone, and can refuse unacknowledged breaks."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow
REMOVED = "### DELETE /v1/ai/credentials/{provider}"


def _workspace(tmp_path: Path) -> Path:
    """A copy of specs/ and generated/ (the committed state) to change freely."""
    for folder in ("specs", "generated"):
        shutil.copytree(
            ROOT / folder, tmp_path / folder, ignore=shutil.ignore_patterns("__pycache__")
        )
    return tmp_path


def _sdkgen(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )


def _version(package: Path) -> str:
    return str(tomllib.loads((package / "pyproject.toml").read_text())["project"]["version"])


def _breaking_bump(version: str) -> str:
    """The version after a breaking change, under 0.x: the minor version goes up."""
    major, minor, *_ = version.split(".")
    return f"{major}.{int(minor) + 1}.0"


def _remove_operation(capture: Path) -> None:
    text = capture.read_text(encoding="utf-8")
    start = text.index(REMOVED)
    # Up to the next operation, or to the end of its section: the next section's
    # heading says which resource the operations after it belong to.
    end = min(text.index(marker, start + len(REMOVED)) for marker in ("### ", "--- ## "))
    capture.write_text(text[:start] + text[end:], encoding="utf-8")


def test_removing_an_operation_bumps_only_that_package(tmp_path: Path) -> None:
    work = _workspace(tmp_path)
    # Bring the copy up to date first, so only the spec change below can change anything.
    assert _sdkgen(work, "generate", "specs", "-o", "generated").returncode == 0
    before = {p.name: _version(p) for p in (work / "generated").iterdir()}
    snapshot = {p: p.read_bytes() for p in (work / "generated").rglob("*") if p.is_file()}
    _remove_operation(work / "specs" / "eddytor" / "eddytor-api-reference.md")

    result = _sdkgen(work, "generate", "specs", "-o", "generated")
    assert result.returncode == 0, result.stderr

    eddytor = work / "generated" / "eddytor"
    # Breaking, under 0.x: the minor version goes up from whatever was committed.
    bumped = _breaking_bump(before["eddytor"])
    assert before["eddytor"].startswith("0.") and _version(eddytor) == bumped
    assert f'__version__ = "{bumped}"' in (eddytor / "eddytor" / "__init__.py").read_text()
    changelog = (eddytor / "CHANGELOG.md").read_text()
    assert (
        f"## {bumped}\n\n### Breaking changes\n\n- `client.ai_credentials.delete()` was removed"
        in changelog
    )
    assert changelog.index(f"## {bumped}") < changelog.index(f"## {before['eddytor']}")
    assert f"API changed: version {bumped}" in result.stdout
    untouched = [p for p in snapshot if "eddytor" not in p.relative_to(work / "generated").parts[0]]
    assert all(p.read_bytes() == snapshot[p] for p in untouched)


def test_fail_on_breaking_writes_nothing_until_acknowledged(tmp_path: Path) -> None:
    work = _workspace(tmp_path)
    _remove_operation(work / "specs" / "eddytor" / "eddytor-api-reference.md")
    package = work / "generated" / "eddytor"
    committed = _version(package)
    before = {p: p.read_bytes() for p in package.rglob("*") if p.is_file()}

    refused = _sdkgen(work, "generate", "specs/eddytor", "-o", "generated", "--fail-on-breaking")
    assert refused.returncode == 3, refused.stdout + refused.stderr
    assert '"method.removed:DELETE /v1/ai/credentials/{provider}"' in refused.stderr
    assert {p: p.read_bytes() for p in package.rglob("*") if p.is_file()} == before

    ids = re.findall(r'"(method\.removed:[^"]+)"', refused.stderr)
    with (work / "specs" / "eddytor" / "sdk.toml").open("a") as config:
        config.write("\n[breaking]\nacknowledged = [" + ", ".join(f'"{i}"' for i in ids) + "]\n")
    accepted = _sdkgen(work, "generate", "specs/eddytor", "-o", "generated", "--fail-on-breaking")
    assert accepted.returncode == 0, accepted.stderr
    assert _version(package) == _breaking_bump(committed)
