"""`python -m tools.history`: measure `sdkgen diff` on real API histories.

Downloads each pair of `tools/history/pairs.py` (once, into bench/.history/), generates
both SDKs, compares them and prints a table per pair; a run of every pair also writes
bench/HISTORY.md.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tools.history.pairs import PAIRS
from tools.history.report import document, table
from tools.history.run import PairResult, run_pair

ROOT = Path(__file__).resolve().parent.parent.parent
CACHE = ROOT / "bench" / ".history"
REPORT = ROOT / "bench" / "HISTORY.md"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.history", description=__doc__)
    parser.add_argument("--pair", action="append", choices=[p.name for p in PAIRS])
    args = parser.parse_args(argv)
    chosen = [p for p in PAIRS if not args.pair or p.name in args.pair]
    results: list[PairResult] = []
    with tempfile.TemporaryDirectory(prefix="sdkgen-history-") as work:
        for pair in chosen:
            print(f"{pair.name}: {pair.package} {pair.old} -> {pair.new}", file=sys.stderr)
            results.append(run_pair(pair, ROOT, CACHE, Path(work) / pair.name))
    print(table(results), end="")
    if len(chosen) == len(PAIRS):
        REPORT.write_text(document(results, _revision()), encoding="utf-8")
        print(f"written to {REPORT.relative_to(ROOT)}")
    return 0


def _revision() -> str:
    done = subprocess.run(
        ["git", "log", "-1", "--format=%h %s", "--", "generator"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return done.stdout.strip()


if __name__ == "__main__":
    sys.exit(main())
