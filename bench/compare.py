"""Every tool on every input, several runs each: timings, memory and what was produced."""

from __future__ import annotations

import os
import re
import shutil
import statistics
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.inputs import BenchInput
from bench.procmon import Measurement, run_measured
from bench.tools import OURS, PEERS_BIN, REPO, Produced, Tool, spec_operations

TIMEOUT_SECONDS = 300.0


@dataclass
class ToolResult:
    tool: str
    input: str
    variant: str | None = None
    """The configuration measured; None when every variant failed."""
    failed_variants: list[dict[str, str]] = field(default_factory=list)
    runs: list[dict[str, float]] = field(default_factory=list)
    wall_seconds: float | None = None
    cpu_seconds: float | None = None
    peak_rss_mib: float | None = None
    operations: int | None = None
    models: int | None = None
    warnings: int | None = None
    output_folder: str | None = None
    package: str | None = None
    import_name: str | None = None

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def run_tool(tool: Tool, bench_input: BenchInput, scratch: Path, runs: int) -> ToolResult:
    result = ToolResult(tool=tool.name, input=bench_input.key)
    spec = (bench_input.ours if tool is OURS else bench_input.peers).resolve()
    out = (scratch / "runs" / bench_input.key / _slug(tool.name)).resolve()
    in_spec = spec_operations(bench_input.peers)
    for variant in tool.variants:
        measurements: list[Measurement] = []
        produced: Produced | None = None
        for _ in range(runs):
            shutil.rmtree(out, ignore_errors=True)
            out.mkdir(parents=True)
            measurement = run_measured(
                variant.command(spec, out), cwd=out, env=_env(), timeout=TIMEOUT_SECONDS
            )
            produced = tool.inspect(out, measurement.output, in_spec)
            if not measurement.ok or produced.package is None:
                result.failed_variants.append(
                    {"variant": variant.label, "reason": failure_reason(measurement)}
                )
                break
            measurements.append(measurement)
        if len(measurements) == runs and produced is not None:
            _record(result, variant.label, measurements, produced, out)
            return result
    return result


def _record(
    result: ToolResult, label: str, measurements: list[Measurement], produced: Produced, out: Path
) -> None:
    result.variant = label
    result.runs = [
        {
            "wall_seconds": round(m.wall_seconds, 3),
            "cpu_seconds": round(m.cpu_seconds, 3),
            "peak_rss_mib": round(m.peak_rss_mib, 1),
        }
        for m in measurements
    ]
    result.wall_seconds = round(statistics.median(m.wall_seconds for m in measurements), 3)
    result.cpu_seconds = round(statistics.median(m.cpu_seconds for m in measurements), 3)
    result.peak_rss_mib = round(statistics.median(m.peak_rss_mib for m in measurements), 1)
    result.operations = produced.operations
    result.models = produced.models
    result.warnings = produced.warnings
    result.output_folder = str(out)
    result.package = str(produced.package) if produced.package else None
    result.import_name = produced.import_name


def failure_reason(measurement: Measurement) -> str:
    """The line of a failed run's output that says what went wrong, shortened."""
    if measurement.returncode == 0:
        return "exited 0 but wrote no package"
    lines = [line.strip() for line in measurement.output.splitlines() if line.strip()]
    telling = [
        line
        for line in lines
        if re.search(r"error|exception|failed|require", line, re.IGNORECASE)
        and not line.startswith(("at ", "File ", "raise ", "^"))
    ]
    # A JVM tool's first exception line says what happened; a Python tool ends with it.
    exceptions = [line for line in telling if "Exception" in line]
    if exceptions:
        line = exceptions[0]
    elif telling:
        line = telling[-1]
    else:
        line = lines[-1] if lines else ""
    return f"exit {measurement.returncode}: {line[:300]}"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    # The peers' post-generation hooks call `ruff` by name: theirs, not ours.
    env["PATH"] = f"{PEERS_BIN}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = str(REPO)
    env.pop("VIRTUAL_ENV", None)
    return env


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
