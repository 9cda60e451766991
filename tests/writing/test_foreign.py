"""Foreign files: build output and caches built in, `.sdkgenignore` for the rest, and the
survey `sdkgen check` lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import Diagnostics
from generator.writing.foreign import ForeignRules, survey


def _rules(tmp_path: Path, ignore: str = "") -> ForeignRules:
    if ignore:
        (tmp_path / ".sdkgenignore").write_text(ignore)
    return ForeignRules.load(tmp_path, Diagnostics())


@pytest.mark.parametrize(
    ("path", "foreign"),
    [
        ("build/lib/pkg/a.py", True),
        ("dist/pkg-0.1.0.tar.gz", True),
        ("pkg.egg-info/PKG-INFO", True),
        ("pkg/models/__pycache__/a.cpython-311.pyc", True),
        (".mypy_cache/3.11/x.json", True),
        ("pkg/build/a.py", False),  # a subpackage called build is code, not build output
        ("pkg/resources/build.py", False),
        ("pkg/_client.py", False),
    ],
)
def test_build_output_and_caches_are_foreign_without_an_ignore_file(
    tmp_path: Path, path: str, foreign: bool
) -> None:
    assert _rules(tmp_path).covers(path) is foreign


@pytest.mark.parametrize(
    ("path", "foreign"),
    [
        ("notes.txt", True),  # *.txt: a name at any depth
        ("pkg/deep/notes.txt", True),
        ("pkg/resources/users.py", True),  # anchored: exactly this path
        ("other/pkg/resources/users.py", False),
        ("scratch/a/b.py", True),  # scratch/: a folder, and everything in it
        ("pkg/scratch", False),  # scratch/ matches folders only; this one is a file
        ("pkg/models/x_test.py", True),  # pkg/**/*_test.py
        ("pkg/x_test.py", True),
        ("pkg/x.py", False),
    ],
)
def test_sdkgenignore_patterns(tmp_path: Path, path: str, foreign: bool) -> None:
    rules = _rules(
        tmp_path, "# mine\n\n*.txt\n/pkg/resources/users.py\nscratch/\npkg/**/*_test.py\n"
    )
    assert rules.covers(path) is foreign


def test_a_negated_pattern_is_reported_with_its_line_and_skipped(tmp_path: Path) -> None:
    (tmp_path / ".sdkgenignore").write_text("*.txt\n!keep.txt\n")
    diagnostics = Diagnostics()
    rules = ForeignRules.load(tmp_path, diagnostics)
    assert [d.location for d in diagnostics.warnings] == [f"{tmp_path / '.sdkgenignore'}:2"]
    assert rules.covers("keep.txt")


def test_survey_lists_foreign_entries_once_and_the_owners_added_files(tmp_path: Path) -> None:
    for path in (
        "pkg/a.py",
        "pkg/mine.py",
        "build/lib/pkg/a.py",
        "pkg.egg-info/PKG-INFO",
        "pkg/__pycache__/a.pyc",
        ".sdkgen/stamp.json",
        "notes.txt",
    ):
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x")
    foreign, added = survey(tmp_path, _rules(tmp_path, "*.txt\n"), {"pkg/a.py"})
    assert foreign == ["build/", "notes.txt", "pkg.egg-info/", "pkg/__pycache__/"]
    assert added == [".sdkgenignore", "pkg/mine.py"]
