"""`make generate` run again: with nothing changed, and with one vendor's spec changed.

Works on copies of specs/ and generated/ in the scratch folder, so the repository's own
packages are never touched.
"""

from __future__ import annotations

import json
import shutil
import statistics
from pathlib import Path
from typing import Any

from bench.procmon import run_measured
from bench.tools import OURS_PYTHON, REPO

CHANGED_VENDOR = "catalog"


def regeneration(scratch: Path, runs: int) -> dict[str, Any]:
    root = (scratch / "regeneration").resolve()
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(REPO / "specs", root / "specs")
    shutil.copytree(REPO / "generated", root / "generated")
    # The committed packages may predate the generator in the working tree (then this
    # first run regenerates them, as a developer's first `make generate` would).
    prime = _generate(root, "prime.json")
    no_op = [_generate(root, f"no-op-{i}.json") for i in range(runs)]
    _change_one_spec(root / "specs" / CHANGED_VENDOR)
    one_changed = _generate(root, "one-changed.json")
    return {
        "prime": prime,
        "no_op": {
            "wall_seconds": round(statistics.median(r["wall_seconds"] for r in no_op), 3),
            "peak_rss_mib": round(statistics.median(r["peak_rss_mib"] for r in no_op), 1),
            "regenerated": sorted({p for r in no_op for p in r["regenerated"]}),
            "files_written": sum(r["files_written"] for r in no_op),
            "runs": runs,
        },
        "one_changed": {**one_changed, "changed": CHANGED_VENDOR},
    }


def _generate(root: Path, summary_name: str) -> dict[str, Any]:
    summary = root / summary_name
    measurement = run_measured(
        [
            str(OURS_PYTHON),
            "-m",
            "generator.cli",
            "generate",
            "specs",
            "-o",
            "generated",
            "--summary-json",
            str(summary),
        ],
        cwd=root,
        env={"PYTHONPATH": str(REPO)},
    )
    if not measurement.ok:
        raise RuntimeError(f"make generate failed in {root}: {measurement.output[-2000:]}")
    packages = json.loads(summary.read_text(encoding="utf-8"))
    return {
        "wall_seconds": round(measurement.wall_seconds, 3),
        "peak_rss_mib": round(measurement.peak_rss_mib, 1),
        "regenerated": [p["package"] for p in packages if not p["skipped"]],
        "files_written": sum(p["files_written"] for p in packages),
    }


def _change_one_spec(folder: Path) -> None:
    """A change to the capture that alters its bytes (so its stamp) but not its meaning."""
    config = folder / "sdk.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + "\n# touched by the benchmark\n", encoding="utf-8"
    )
