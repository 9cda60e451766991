"""The same input gives byte-identical trees, whatever the hash seed or output folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import GOLDEN_CASES, ROOT


def _generate(case: Path, out: Path, seed: str) -> dict[str, bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run(
        [sys.executable, "-m", "generator.cli", "generate", str(case), "-o", str(out), "--force"],
        check=True, env=env, cwd=ROOT, capture_output=True,
    )
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_hash_seed_and_output_folder_do_not_change_the_output(tmp_path: Path) -> None:
    for case in ("shapes", "hostile"):
        first = _generate(GOLDEN_CASES / case, tmp_path / f"a-{case}", "0")
        second = _generate(GOLDEN_CASES / case, tmp_path / "elsewhere" / f"b-{case}", "12345")
        assert first.keys() == second.keys()
        changed = [path for path in first if first[path] != second[path]]
        assert not changed, changed
        assert len(first) > 20
