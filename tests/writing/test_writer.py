"""Writing a package: unchanged files untouched, stale ones removed, hand-written kept."""

from __future__ import annotations

import os
from pathlib import Path

from generator.rendering.render import RenderedFile
from generator.writing.writer import sync_tree


def test_sync_rewrites_only_what_changed_and_keeps_hand_written_code(tmp_path: Path) -> None:
    first = [RenderedFile("pkg/a.py", "A = 1\n"), RenderedFile("pkg/b.py", "B = 1\n")]
    assert sync_tree(tmp_path, first) == ["pkg/a.py", "pkg/b.py"]
    os.utime(tmp_path / "pkg/a.py", (1, 1))
    (tmp_path / "pkg/custom").mkdir()
    (tmp_path / "pkg/custom/extra.py").write_text("mine = True\n")
    (tmp_path / "pkg/__pycache__").mkdir()
    (tmp_path / "pkg/__pycache__/a.cpython-311.pyc").write_bytes(b"\0")

    second = [RenderedFile("pkg/a.py", "A = 1\n"), RenderedFile("pkg/c.py", "C = 1\n")]
    changed = sync_tree(tmp_path, second, keep_prefixes=("pkg/custom",))

    assert changed == ["pkg/c.py", "pkg/b.py"]
    assert (tmp_path / "pkg/a.py").stat().st_mtime == 1  # same bytes: not rewritten
    assert not (tmp_path / "pkg/b.py").exists()
    assert (tmp_path / "pkg/custom/extra.py").read_text() == "mine = True\n"
    assert (tmp_path / "pkg/__pycache__/a.cpython-311.pyc").exists()
    assert sync_tree(tmp_path, second, keep_prefixes=("pkg/custom",)) == []
