"""No git conflict marker survives a merge into the generator's sources, templates,
specs or committed output (one in a template was once printed into every README)."""

from __future__ import annotations

import re
import subprocess

import pytest

from tests.conftest import ROOT

_MARKER = re.compile(rb"^(<{7}|>{7})( |$)|^={7}$", re.MULTILINE)
_CHECKED = ("generator", "templates", "specs", "generated", "tests", "tools", "README.md")


def _tracked_files() -> list[str]:
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--", *_CHECKED],
            capture_output=True,
            check=True,
            cwd=ROOT,
        )
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [name for name in listed.stdout.decode().split("\0") if name]


def test_no_tracked_file_holds_a_conflict_marker() -> None:
    found = []
    for name in _tracked_files():
        path = ROOT / name
        if not path.is_file() or name.endswith((".pack", ".png")):
            continue
        text = path.read_bytes()
        match = _MARKER.search(text)
        if match:
            line = text.count(b"\n", 0, match.start()) + 1
            found.append(f"{name}:{line}")
    assert found == []
