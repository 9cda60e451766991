"""One pair end to end: fetch, generate both SDKs, compare them, ask `sdkgen diff`."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from tools.history.compare import Finding, compare
from tools.history.fetch import fetch
from tools.history.match import Matched, match
from tools.history.pairs import Pair
from tools.history.sdkgen_diff import DiffResult, Placer, breaking_changes, load_document, run_diff
from tools.history.surface import Surface, describe, package_dir, read_surface

SIDES = ("old", "new")


@dataclass(frozen=True)
class Side:
    spec: Path
    """The description, under a temporary folder that is gone after the run."""
    size: int
    surface: Surface

    @property
    def operations(self) -> int:
        """Methods that call one HTTP operation (paginating `_iter` twins not counted)."""
        return sum(1 for m in self.surface.methods.values() if m.route and not m.pages)


@dataclass(frozen=True)
class PairResult:
    pair: Pair
    old: Side
    new: Side
    findings: list[Finding]
    diff: DiffResult
    matched: Matched


def run_pair(pair: Pair, root: Path, cache: Path, work: Path) -> PairResult:
    old_spec, new_spec = (_spec(pair, side, cache, work) for side in SIDES)
    old_surface, new_surface = generate_both(root, old_spec, new_spec, work)
    old = Side(old_spec, old_spec.stat().st_size, old_surface)
    new = Side(new_spec, new_spec.stat().st_size, new_surface)
    findings = compare(old.surface, new.surface)
    placer = Placer(old.surface, new.surface, [load_document(old.spec), load_document(new.spec)])
    diff = breaking_changes(run_diff(root, old.spec, new.spec), placer)
    matched = match(findings, diff.breaking, lambda subject: describe(old.surface, subject))
    return PairResult(pair, old, new, findings, diff, matched)


def generate_both(
    root: Path, old_spec: Path, new_spec: Path, work: Path
) -> tuple[Surface, Surface]:
    """Both surfaces, the new one generated over a copy of the old package as a user
    regenerates: names the old package recorded (`api.json`) are kept as `generate` keeps
    them (`sdkgen diff` builds its new side with the same record)."""
    old_output, new_output = work / "old-package", work / "new-package"
    old = read_surface(generate(root, old_spec, old_output))
    shutil.copytree(old_output, new_output)
    return old, read_surface(generate(root, new_spec, new_output))


def generate(root: Path, spec: Path, output: Path) -> Path:
    """The generated import package (`sdkgen generate SPEC -o OUTPUT --force`)."""
    command = [sys.executable, "-m", "generator.cli", "generate", str(spec), "-o", str(output)]
    done = subprocess.run(
        [*command, "--force"], cwd=root, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"sdkgen generate {spec} failed: {done.stderr.strip()[-2000:]}")
    return package_dir(output)


def _spec(pair: Pair, side: str, cache: Path, work: Path) -> Path:
    version = pair.old if side == "old" else pair.new
    downloaded = fetch(pair.package, version, pair.path, cache)
    # The same file name on both sides: the package and client names come from it.
    spec = work / side / f"{pair.name}{pair.suffix}"
    spec.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(downloaded, spec)
    return spec
