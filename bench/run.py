"""The whole benchmark: `make bench` runs this after installing the peers.

    .venv/bin/python -m bench.run [--runs 3] [--only stripe,vendor-catalog] [--mypy-peers]

Writes bench/out/results.json and the measured part of bench/RESULTS.md (between its
markers; the prose around them is kept).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.compare import ToolResult, run_tool
from bench.inputs import bench_inputs
from bench.report import write_results
from bench.runtime_figures import import_seconds
from bench.tools import OURS, OURS_PYTHON, PEER_TOOLS, PEERS_BIN, REPO, count_spec_operations

SCRATCH = REPO / "bench" / "out"
RESULTS_FILE = REPO / "bench" / "RESULTS.md"
RUNTIME_CASES = (
    # (input key, HTTP method, path): a typical read returning one model
    ("stripe", "get", "/v1/charges/{charge}"),
    ("vendor-lightdash", "get", "/api/v1/org"),
)
MODEL_COMPARISONS = ("stripe", "lightdash-official")


def machine() -> dict[str, Any]:
    cpu = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.MULTILINE)
    memory = re.search(r"^MemTotal:\s*(\d+)", Path("/proc/meminfo").read_text(), re.MULTILINE)
    java = subprocess.run(["java", "-version"], capture_output=True, text=True, check=False)
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpu": cpu.group(1).strip() if cpu else platform.processor(),
        "memory_gib": round(int(memory.group(1)) / 2**20, 1) if memory else None,
        "python": platform.python_version(),
        "java": (java.stderr.splitlines() or ["?"])[0],
        "load_average_start": os.getloadavg(),
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip(),
    }


def package_checks(result: ToolResult, mypy: bool) -> dict[str, Any]:
    """Does the package import, how long does that take, and is it mypy --strict clean."""
    if not result.package or not result.import_name:
        return {}
    python = OURS_PYTHON if result.tool == OURS.name else PEERS_BIN / "python"
    checks: dict[str, Any] = {
        "import": import_seconds(python, Path(result.package), f"import {result.import_name}")
    }
    if mypy:
        checks["mypy_strict_errors"] = mypy_errors(Path(result.package), result.import_name, python)
    return checks


def mypy_errors(root: Path, package: str, python: Path) -> int | None:
    target = ["-p", package] if (root / package).is_dir() else [str(root / f"{package}.py")]
    completed = subprocess.run(
        [
            str(OURS_PYTHON),
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--python-executable",
            str(python),
            "--cache-dir",
            str(SCRATCH / "mypy-cache"),
            *target,
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    found = re.search(r"Found (\d+) errors?", completed.stdout)
    if found:
        return int(found.group(1))
    return 0 if "Success" in completed.stdout else None


def runtime(results: list[ToolResult], inputs: dict[str, Any]) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for key, method, path in RUNTIME_CASES:
        ours = next(
            (r for r in results if r.input == key and r.tool == OURS.name and r.package), None
        )
        if ours is None or ours.package is None or ours.import_name is None:
            continue
        out = SCRATCH / f"runtime-{key}.json"
        completed = subprocess.run(
            [
                str(OURS_PYTHON),
                "-m",
                "bench.runtime_figures",
                "--spec",
                str(inputs[key].ours),
                "--root",
                ours.package,
                "--package",
                ours.import_name,
                "--method",
                method,
                "--path",
                path,
                "--json",
                str(out),
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
        if completed.returncode != 0:
            figures[key] = {"error": completed.stderr.strip()[-1500:]}
            continue
        figures[key] = json.loads(out.read_text(encoding="utf-8"))
    return figures


def models_comparison(results: list[ToolResult], inputs: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key in MODEL_COMPARISONS:
        ours = next(
            (r for r in results if r.input == key and r.tool == OURS.name and r.package), None
        )
        dmcg = next(
            (r for r in results if r.input == key and r.tool.startswith("datamodel") and r.package),
            None,
        )
        if ours is None or dmcg is None:
            continue
        if ours.package is None or ours.import_name is None or dmcg.package is None:
            continue
        completed = subprocess.run(
            [
                str(OURS_PYTHON),
                "-m",
                "bench.models_compare",
                str(inputs[key].ours),
                ours.package,
                ours.import_name,
                dmcg.package,
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
        found[key] = (
            json.loads(completed.stdout)
            if completed.returncode == 0
            else {"error": completed.stderr[-1500:]}
        )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--only", help="comma-separated input keys (stripe, lightdash-official, vendor-<name>)"
    )
    parser.add_argument(
        "--mypy-peers", action="store_true", help="also run mypy --strict on the peers' packages"
    )
    parser.add_argument("--no-write", action="store_true", help="leave bench/RESULTS.md alone")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    SCRATCH.mkdir(parents=True, exist_ok=True)
    facts = machine()
    inputs = bench_inputs(SCRATCH, set(args.only.split(",")) if args.only else None)
    results: list[ToolResult] = []
    checks: dict[str, dict[str, Any]] = {}
    for bench_input in inputs:
        for tool in (OURS, *PEER_TOOLS):
            _log(f"{bench_input.key}: {tool.name}")
            result = run_tool(tool, bench_input, SCRATCH, args.runs)
            results.append(result)
            if bench_input.large:
                checks[f"{bench_input.key}|{tool.name}"] = package_checks(
                    result, mypy=tool is OURS or args.mypy_peers
                )
    by_key = {i.key: i for i in inputs}
    _log("runtime figures")
    runtime_figures = runtime(results, by_key)
    _log("regeneration")
    from bench.regeneration import regeneration

    regen = regeneration(SCRATCH, args.runs)
    _log("models: datamodel-code-generator against ours")
    models = models_comparison(results, by_key)
    facts["load_average_end"] = os.getloadavg()
    facts["bench_seconds"] = round(time.perf_counter() - started, 1)
    report = {
        "machine": facts,
        "runs": args.runs,
        "command": " ".join(["python -m bench.run", *(argv or sys.argv[1:])]),
        "inputs": [
            {"key": i.key, "title": i.title, "operations": count_spec_operations(i.peers)}
            for i in inputs
        ],
        "results": [r.as_json() for r in results],
        "package_checks": checks,
        "runtime": runtime_figures,
        "regeneration": regen,
        "models": models,
    }
    (SCRATCH / "results.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    if not args.no_write:
        write_results(report, RESULTS_FILE)
    _log(
        f"done in {facts['bench_seconds']} s; bench/out/results.json"
        + ("" if args.no_write else ", bench/RESULTS.md")
    )
    return 0


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    sys.exit(main())
