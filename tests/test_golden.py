"""Golden records: each case's committed output is exactly what the generator writes now,
and that output imports and passes `mypy --strict`. Refresh on purpose with `make golden`."""

from __future__ import annotations

import difflib
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pipeline import generate
from generator.writing.metadata import FOLDER
from tests.conftest import GOLDEN_CASES, import_generated
from tests.golden.refresh import case_folders

CASES = case_folders()


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and FOLDER not in p.parts
    }


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_output_matches_the_committed_golden_tree(case: Path, tmp_path: Path) -> None:
    fresh = tmp_path / case.name
    generate(case, fresh, force=True)
    expected, actual = _tree(case / "expected"), _tree(fresh)
    problems = [f"missing from the new output: {p}" for p in sorted(expected.keys() - actual.keys())]
    problems += [f"new in the output: {p}" for p in sorted(actual.keys() - expected.keys())]
    for path in sorted(expected.keys() & actual.keys()):
        if expected[path] != actual[path]:
            diff = difflib.unified_diff(
                expected[path].decode().splitlines(), actual[path].decode().splitlines(),
                f"expected/{path}", f"generated/{path}", lineterm="", n=2,
            )
            problems.append("\n".join(list(diff)[:60]))
    assert not problems, (
        f"golden case {case.name} changed (run `make golden` if on purpose):\n" + "\n".join(problems)
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_golden_package_imports_every_model(case: Path) -> None:
    package = import_generated(case / "expected", case.name)
    models = __import__(f"{case.name}.models", fromlist=["__all__"])
    for name in models.__all__:
        assert getattr(models, name).__name__ == name
    assert package.__version__


def test_golden_packages_pass_mypy_strict(tmp_path: Path) -> None:
    targets = [str(case / "expected" / case.name) for case in CASES]
    # Run from an empty folder: the project's own mypy settings exclude tests/golden.
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *targets],
        capture_output=True, text=True, check=False, cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout[-4000:]


def test_every_case_says_what_it_proves() -> None:
    for case in CASES:
        assert (case / "NOTE").read_text().strip(), f"{case.name}/NOTE is empty"
    assert GOLDEN_CASES.is_dir()
