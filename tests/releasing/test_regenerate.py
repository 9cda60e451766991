"""Regeneration judges changes on the recorded surface: the spec's and the generator's
alike are versioned and written to the changelog in the words a caller types."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from collections.abc import Sequence
from pathlib import Path

import pytest

from generator import ir
from generator.building import naming, resource_names
from generator.building.method_names import Wanted, operation_id
from generator.pipeline import generate
from tests.conftest import ROOT
from tests.releasing.conftest import Doc, write_spec

pytestmark = pytest.mark.slow


def _version(package: Path) -> str:
    return str(tomllib.loads((package / "pyproject.toml").read_text())["project"]["version"])


def _sdkgen(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def package(tmp_path: Path, old: Doc) -> tuple[Path, Path]:
    """(spec folder, package folder) with the package generated from `old`."""
    spec, out = write_spec(tmp_path / "spec", old), tmp_path / "shop"
    generate(spec, out)
    assert _version(out) == "0.1.0"
    return spec, out


def test_a_tag_move_bumps_the_version_and_names_both_calls(
    package: tuple[Path, Path], new: Doc, tmp_path: Path
) -> None:
    spec, out = package
    new["paths"]["/items"]["get"]["tags"] = ["catalog"]
    write_spec(spec, new)
    summary = generate(spec, out)
    assert summary.release is not None and summary.release.changed
    assert _version(out) == "0.2.0"  # breaking, under 0.x
    changelog = (out / "CHANGELOG.md").read_text()
    entry = changelog.split("## 0.1.0")[0]
    assert "### Breaking changes" in entry
    assert "- `client.items.list()` is now `client.catalog.list_items()`" in entry
    report = (out / "api.md").read_text()
    assert "## `client.catalog`" in report and "def list_items(  # GET /items" in report


def test_sdkgen_diff_builds_both_sides_and_says_what_moved(
    tmp_path: Path, old: Doc, new: Doc
) -> None:
    new["paths"]["/items"]["get"]["tags"] = ["catalog"]
    result = _sdkgen(
        "diff", str(write_spec(tmp_path / "a", old)), str(write_spec(tmp_path / "b", new))
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:4] == [
        "1 breaking, 0 additive, 0 docs-only change",
        "",
        "Breaking (1):",
        (
            "  - `client.items.list()` is now `client.catalog.list_items()`  "
            "[method.moved:GET /items]"
        ),
    ]
    refused = _sdkgen("diff", str(tmp_path / "a"), str(tmp_path / "b"), "--fail-on-breaking")
    assert refused.returncode == 3


def test_a_format_only_change_bumps_nothing(package: tuple[Path, Path], new: Doc) -> None:
    spec, out = package
    changelog = (out / "CHANGELOG.md").read_text()
    del new["components"]["schemas"]["Slot"]["properties"]["start"]["format"]
    write_spec(spec, new)
    summary = generate(spec, out)
    assert summary.release is not None and not summary.release.changed
    assert _version(out) == "0.1.0"
    assert (out / "CHANGELOG.md").read_text() == changelog
    assert "    start: str | None = None" in (out / "api.md").read_text()


def test_a_generator_side_rename_is_breaking_and_versioned(
    package: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A naming rule changes (here: methods take their whole operationId): the spec is the
    same, the surface is not, and regeneration says so as it would for a spec change."""
    spec, out = package

    def whole_operation_ids(operations: Sequence[ir.Operation], *_: object) -> dict[str, Wanted]:
        return {
            operation_id(op): Wanted(
                naming.operation_stem(op.operation_id, op.http_method, op.path), ()
            )
            for op in operations
        }

    monkeypatch.setattr(resource_names, "method_wants", whole_operation_ids)
    summary = generate(spec, out, force=True)
    assert summary.release is not None
    assert {c.id for c in summary.release.report.breaking} >= {  # type: ignore[union-attr]
        "method.moved:GET /items",
        "method.moved:POST /items",
    }
    assert _version(out) == "0.2.0"
    entry = (out / "CHANGELOG.md").read_text().split("## 0.1.0")[0]
    assert "- `client.items.list()` is now `client.items.list_items()`" in entry


def test_names_given_before_are_kept_when_a_newcomer_wants_them(
    package: tuple[Path, Path], new: Doc
) -> None:
    """An added operation that would take an existing method's name gets another one;
    the existing call keeps its name and nothing breaks."""
    spec, out = package
    new["paths"]["/items/search"] = {
        "get": {
            "operationId": "list",  # wants `list`, which `listItems` already has
            "tags": ["items"],
            "responses": {"200": {"description": "Items"}},
        }
    }
    write_spec(spec, new)
    summary = generate(spec, out)
    assert summary.release is not None and summary.release.report is not None
    assert summary.release.report.breaking == ()
    report = (out / "api.md").read_text()
    assert "def list(  # GET /items" in report
    assert "def list_2() -> None  # GET /items/search" in report


def test_check_fails_when_the_api_report_is_stale(package: tuple[Path, Path]) -> None:
    spec, out = package
    api_md = out / "api.md"
    api_md.write_text(api_md.read_text().replace("def list(", "def list_all("))
    result = _sdkgen("check", str(spec), "-o", str(out.parent))
    assert result.returncode == 4, result.stdout + result.stderr
    assert "api.md" in result.stdout


def test_an_unreadable_record_is_said_and_rewritten(package: tuple[Path, Path]) -> None:
    spec, out = package
    (out / "api.json").write_text("{not json")
    summary = generate(spec, out, force=True)
    assert any("recorded public surface cannot be read" in str(d) for d in summary.warnings)
    assert summary.release is not None and summary.release.report is None
    assert (out / "api.json").read_text().startswith('{\n "format": 1,')
