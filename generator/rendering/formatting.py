"""Black-style formatting of the rendered Python files, by ruff (default) or black."""

from __future__ import annotations

import functools
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Literal

from generator.diagnostics import SpecError
from generator.rendering.render import RenderedFile

Formatter = Literal["ruff", "black"]


def format_files(files: list[RenderedFile], formatter: Formatter) -> list[RenderedFile]:
    """The same files with every `.py` one formatted; one formatter process for them all."""
    python = [f for f in files if f.path.endswith(".py")]
    with tempfile.TemporaryDirectory(prefix="sdkgen-format-", dir=_scratch_folder()) as tmp:
        root = Path(tmp)
        for f in python:
            target = root / f.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(f.text, encoding="utf-8")
        _run(formatter, root)
        formatted = {f.path: (root / f.path).read_text(encoding="utf-8") for f in python}
    return [RenderedFile(f.path, formatted.get(f.path, f.text)) for f in files]


def _scratch_folder() -> str | None:
    """Memory-backed scratch space where the machine has it: the formatter round trip
    creates, rewrites and deletes a file per module, which costs seconds on a disk for a
    large API and a fraction of that in tmpfs (see bench/PROFILE.md)."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def _run(formatter: Formatter, root: Path) -> None:
    # --isolated: the output must not depend on any ruff config around the target.
    ruff = [_ruff_binary()]
    # Imports and `__all__` lists in isort order, as ruff's checks (I001, RUF022) want them.
    sort_imports = [
        *ruff,
        "check",
        "--isolated",
        "--no-cache",
        "--quiet",
        "--select",
        "I,RUF022",
        "--fix",
        "--exit-zero",
        str(root),
    ]
    if formatter == "ruff":
        command = [
            *ruff,
            "format",
            "--isolated",
            "--no-cache",
            "--quiet",
            "--target-version",
            "py311",
            str(root),
        ]
    else:
        command = [sys.executable, "-m", "black", "--quiet", "--target-version", "py311", str(root)]
    for step in (sort_imports, command):
        _run_step(formatter, step, root)


@functools.cache
def _ruff_binary() -> str:
    """The ruff executable itself: `python -m ruff` would start an interpreter first."""
    from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped]  # ruff ships no stubs

    return str(find_ruff_bin())


def _run_step(formatter: Formatter, command: list[str], root: Path) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        # A formatter failing on our output means the templates produced invalid Python.
        detail = (result.stderr or result.stdout).strip().replace(str(root) + "/", "")
        raise SpecError(
            "generated code", f"{formatter} could not format it (a generator bug): {detail[:2000]}"
        )
