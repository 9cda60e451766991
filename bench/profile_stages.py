"""Time and peak memory of each stage of one generation, in one process.

    .venv/bin/python -m bench.profile_stages SPEC [--out DIR] [--cprofile FILE.prof]

Runs the steps `generator.pipeline.generate` runs, in the same order, timing each. Peak
memory is the process's max RSS after the stage (it only grows) plus, for the format
stage, the peak of the formatter processes it started.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import resource
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from generator.build import build_api
from generator.config import CONFIG_FILE
from generator.diagnostics import Diagnostics
from generator.formatting import format_files
from generator.loaders import get_loader
from generator.normalize import _check_refs, _validate, _Walker
from generator.overlay import apply_overlay, load_overlay, place_operations
from generator.pipeline import resolve_input
from generator.render import render_api
from generator.writer import sync_tree

T = TypeVar("T")


class Stages:
    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []

    def run(self, name: str, step: Callable[[], T]) -> T:
        started = time.perf_counter()
        result = step()
        seconds = time.perf_counter() - started
        self.rows.append({
            "stage": name,
            "seconds": round(seconds, 3),
            "self_peak_mib": round(_maxrss_mib(resource.RUSAGE_SELF), 1),
            "children_peak_mib": round(_maxrss_mib(resource.RUSAGE_CHILDREN), 1),
        })
        return result


def _maxrss_mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def profile(target: Path, out: Path) -> list[dict[str, Any]]:
    stages = Stages()
    diagnostics = Diagnostics()
    spec = resolve_input(target)
    location = str(spec.source)
    loader = get_loader(spec.config.source.format, f"{spec.folder / CONFIG_FILE}:source.format")
    document = stages.run("load (read + bundle)", lambda: loader(spec.source, spec.config.source.options, diagnostics))

    def overlays() -> None:
        for name in spec.config.source.overlays:
            apply_overlay(document, load_overlay(spec.folder / name), str(spec.folder / name), diagnostics)
        place_operations(document, location, diagnostics)

    stages.run("overlays + place operations", overlays)
    upgrade = str(document.get("openapi", "")).startswith("3.0")

    def walk() -> None:
        _Walker(location, diagnostics, upgrade=upgrade).node(document, [], in_schema=False)
        document["openapi"] = "3.1.0"

    stages.run("normalize: upgrade walk", walk)
    stages.run("normalize: check $refs", lambda: _check_refs(document, location))
    stages.run("normalize: validate (openapi-pydantic)", lambda: _validate(document, location, diagnostics))
    api = stages.run("build IR", lambda: build_api(document, spec.config, location, diagnostics))
    spec_json = stages.run("dump openapi.json", lambda: json.dumps(document, indent=2, ensure_ascii=False) + "\n")
    files = stages.run("render (jinja2)", lambda: render_api(api, spec_json, spec.config.webhooks))
    files = stages.run(f"format ({spec.config.package.formatter})", lambda: format_files(files, spec.config.package.formatter))
    shutil.rmtree(out, ignore_errors=True)
    stages.run("write (fresh folder)", lambda: sync_tree(out, files))
    stages.run("write (unchanged, compare only)", lambda: sync_tree(out, files))
    stages.rows.append({"stage": "files", "count": len(files),
                        "operations": api.operation_count, "models": len(api.models) + len(api.enums)})
    return stages.rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("spec", type=Path)
    parser.add_argument("--out", type=Path, default=Path("bench/out/profile"))
    parser.add_argument("--cprofile", type=Path, help="also write cProfile stats to this file")
    args = parser.parse_args(argv)
    if args.cprofile:
        profiler = cProfile.Profile()
        rows = profiler.runcall(profile, args.spec, args.out)
        profiler.dump_stats(str(args.cprofile))
    else:
        rows = profile(args.spec, args.out)
    json.dump(rows, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
