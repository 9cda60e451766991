"""Where one generation spends its time: each pipeline stage's wall time and peak memory.

    .venv/bin/python -m bench.profile_stages SPEC [--out DIR] [--runs N] [--cprofile FILE]

Runs the real `generator.pipeline.generate` (forced) with the functions it calls wrapped in
timers, so the stages follow the pipeline as it is, whatever order it calls them in; time
no wrapper saw is reported as "other". Each stage's peak is this process's max RSS when the
stage ended (a running maximum); formatter processes are reported by their own time only.
With --runs N the figures are medians over N runs, each in a fresh process (as `sdkgen
generate` runs) into the same output folder, so from the second run on the release
planner compares against the package the run before wrote.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

_started = time.perf_counter()
import generator.normalizing.normalize
import generator.pipeline
import generator.rendering.formatting

IMPORT_SECONDS = time.perf_counter() - _started

# (module, function name, stage label); nested stages are indented under their parent.
WRAPPED: list[tuple[ModuleType, str, str]] = [
    (generator.pipeline, "_stamp", "hash inputs (change stamp)"),
    (generator.pipeline, "apply_overlay", "apply overlays"),
    (generator.pipeline, "place_operations", "place operations"),
    (generator.pipeline, "normalize", "normalize"),
    (generator.normalizing.normalize, "_check_refs", "check $refs"),
    (generator.pipeline, "build_api", "build IR"),
    (generator.pipeline, "plan_release", "plan release (diff vs previous openapi.json)"),
    (generator.pipeline, "_rendered", "render + format (models on the second core)"),
    (generator.pipeline, "render_package", "render the rest (jinja2)"),
    (generator.pipeline, "format_files", "format the rest"),
    (generator.rendering.formatting, "_run_step", "formatter process"),
    (generator.pipeline, "write_package", "write package"),
]


class StageClock:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.cpu_seconds: dict[str, float] = {}
        self.peak_mib: dict[str, float] = {}
        self.depth: dict[str, int] = {}
        self.order: list[str] = []
        self._open = 0

    @contextmanager
    def stage(self, label: str) -> Iterator[None]:
        if label not in self.seconds:
            self.order.append(label)
            self.seconds[label] = 0.0
            self.cpu_seconds[label] = 0.0
            self.depth[label] = self._open
        self._open += 1
        started, cpu_started = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self._open -= 1
            self.seconds[label] += time.perf_counter() - started
            self.cpu_seconds[label] += time.process_time() - cpu_started
            self.peak_mib[label] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def timed(self, label: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            with self.stage(label):
                return function(*args, **kwargs)

        return wrapper


def _install(clock: StageClock) -> None:
    for module, name, label in WRAPPED:
        if hasattr(module, name):
            setattr(module, name, clock.timed(label, getattr(module, name)))
    # Through the module's namespace: these are its private imports, not its interface.
    namespace = vars(generator.pipeline)
    get_loader = namespace["get_loader"]
    namespace["get_loader"] = lambda *a: clock.timed("load (read + bundle)", get_loader(*a))
    # Background work (validation, openapi.json, the model modules, api.md and api.json)
    # runs beside the other stages; what it costs the pipeline is starting it and
    # waiting for its results.
    start = namespace["in_background"]
    namespace["in_background"] = lambda *a, **k: clock.timed(
        "wait for background work",
        clock.timed("start background work (forked processes)", start)(*a, **k),
    )


def run_once(spec: Path, out: Path) -> dict[str, Any]:
    """One generation with the timers in; the wrappers stay, so only in a process of its own."""
    clock = StageClock()
    _install(clock)
    started = time.perf_counter()
    summary = generator.pipeline.generate(spec, out, force=True)
    total = time.perf_counter() - started
    top_level = sum(clock.seconds[s] for s in clock.order if clock.depth[s] == 0)
    stages = [
        {
            "stage": s,
            "depth": clock.depth[s],
            "seconds": clock.seconds[s],
            "cpu_seconds": clock.cpu_seconds[s],
            "peak_mib": clock.peak_mib[s],
        }
        for s in clock.order
    ]
    stages.append(
        {
            "stage": "other",
            "depth": 0,
            "seconds": total - top_level,
            "cpu_seconds": None,
            "peak_mib": None,
        }
    )
    return {
        "total_seconds": total,
        "stages": stages,
        "operations": summary.operations,
        "models": summary.models,
        "files_written": len(summary.written),
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "import_seconds": IMPORT_SECONDS,
    }


def _run_in_fresh_process(spec: Path, out: Path) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="sdkgen-profile-") as tmp:
        figures = Path(tmp) / "run.json"
        command = [
            sys.executable,
            "-m",
            "bench.profile_stages",
            str(spec),
            "--out",
            str(out),
            "--single-run",
            str(figures),
        ]
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        return dict(json.loads(figures.read_text(encoding="utf-8")))


def profile(spec: Path, out: Path, runs: int) -> dict[str, Any]:
    results = [_run_in_fresh_process(spec, out) for _ in range(runs)]
    first = results[0]
    stages = []
    for i, row in enumerate(first["stages"]):
        rows = [r["stages"][i] for r in results if len(r["stages"]) > i]
        cpu = [r["cpu_seconds"] for r in rows if r["cpu_seconds"] is not None]
        stages.append(
            {
                **row,
                "seconds": round(statistics.median(r["seconds"] for r in rows), 3),
                "cpu_seconds": round(statistics.median(cpu), 3) if cpu else None,
            }
        )
    return {
        "spec": str(spec),
        "runs": runs,
        "import_seconds": round(statistics.median(r["import_seconds"] for r in results), 3),
        "total_seconds": round(statistics.median(r["total_seconds"] for r in results), 3),
        "peak_mib": round(max(r["peak_mib"] for r in results), 1),
        "operations": first["operations"],
        "models": first["models"],
        "stages": stages,
    }


def print_table(report: dict[str, Any]) -> None:
    print(
        f"{report['spec']}: {report['operations']} operations, {report['models']} models, "
        f"median of {report['runs']}: {report['total_seconds']:.3f} s in generate() "
        f"+ {report['import_seconds']:.3f} s importing the generator, peak RSS {report['peak_mib']} MiB"
    )
    for row in report["stages"]:
        share = 100 * row["seconds"] / report["total_seconds"]
        label = "  " * row["depth"] + row["stage"]
        peak = f"{row['peak_mib']:.0f} MiB" if row["peak_mib"] else ""
        cpu = f"{row['cpu_seconds']:7.3f}" if row["cpu_seconds"] is not None else " " * 7
        print(f"  {label:50} {row['seconds']:7.3f} s {share:5.1f} %  cpu {cpu} s  {peak}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("spec", type=Path)
    parser.add_argument("--out", type=Path, default=Path("bench/out/profile"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    parser.add_argument("--cprofile", type=Path, help="write cProfile stats of one more run here")
    parser.add_argument("--single-run", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.single_run:
        args.single_run.write_text(json.dumps(run_once(args.spec, args.out)), encoding="utf-8")
        return 0
    report = profile(args.spec, args.out, args.runs)
    print_table(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    if args.cprofile:
        profiler = cProfile.Profile()
        profiler.runcall(generator.pipeline.generate, args.spec, args.out, force=True)
        profiler.dump_stats(str(args.cprofile))
    return 0


if __name__ == "__main__":
    sys.exit(main())
