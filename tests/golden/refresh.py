"""Rewrite the expected output of every golden case: `make golden` (then review the diff)."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.pipeline import generate
from generator.writing.metadata import FOLDER

CASES = Path(__file__).resolve().parent / "cases"


def case_folders() -> list[Path]:
    return sorted(p for p in CASES.iterdir() if (p / "sdk.toml").is_file())


def main() -> None:
    for case in case_folders():
        expected = case / "expected"
        # From scratch, as the golden test generates: no earlier release to bump from.
        shutil.rmtree(expected, ignore_errors=True)
        summary = generate(case, expected, force=True)
        # `.sdkgen/` pins the generator's own hash and repeats every file as the merge
        # base; golden files compare the package's output only.
        shutil.rmtree(expected / FOLDER, ignore_errors=True)
        print(f"{case.name}: {len(summary.written)} files rewritten")


if __name__ == "__main__":
    main()
