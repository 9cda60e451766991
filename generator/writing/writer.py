"""Writing a package to disk without losing anything its owner wrote.

Each file the generator makes is compared with what is on disk and with what the
generator wrote last time (the base, kept in `.sdkgen/base.pack`):

- on disk as last written, or missing: replaced by the new output;
- edited by the owner, new output as before: left as the owner has it;
- edited by the owner, new output changed: the generator's changes merged into the
  owner's file (`merge.py`); a conflict is written with git's markers and reported;
- no longer generated: deleted if never edited, otherwise kept and reported.

Records (the package's normalised spec, its API report) state facts about the package
rather than hold code: they are always exactly the generator's output, an edit is
replaced and reported, and `check` calls an edited record stale.

Files the generator never wrote, and foreign files (`foreign.py`), are never touched.
Everything is decided, merges included, before the first byte is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostics
from generator.rendering.render import RenderedFile
from generator.writing import metadata
from generator.writing.foreign import ForeignRules
from generator.writing.merge import merge, unresolved_conflicts


@dataclass(frozen=True)
class Conflict:
    path: str
    lines: tuple[int, ...]
    earlier: bool = False
    """Left by an earlier run and still unresolved (this run did not merge the file)."""


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    """Paths whose bytes changed on disk (written, merged or deleted)."""
    merged: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    customised: list[str] = field(default_factory=list)
    """Edited by the owner, the generator's output unchanged: left as they are."""
    kept: list[str] = field(default_factory=list)
    """No longer generated but edited by the owner: kept, no longer tracked."""
    replaced: list[str] = field(default_factory=list)
    """Records the owner had edited: rewritten as generated."""
    ignored: list[str] = field(default_factory=list)
    """Generated, but foreign by the owner's `.sdkgenignore`: not written."""
    generated: list[str] = field(default_factory=list)
    """Every path the base now records."""

    def as_json(self) -> dict[str, list[str]]:
        return {
            "merged": self.merged,
            "conflicts": [f"{c.path}:{line}" for c in self.conflicts for line in c.lines],
            "kept": self.kept,
            "replaced": self.replaced,
        }


@dataclass
class _Plan:
    writes: dict[str, bytes] = field(default_factory=dict)
    deletes: list[str] = field(default_factory=list)


def write_package(
    target: Path,
    files: list[RenderedFile],
    stamp: dict[str, Any],
    diagnostics: Diagnostics,
    records: frozenset[str] = frozenset(),
) -> WriteReport:
    """Bring `target` to `files`, merging its owner's edits (except into `records`), and
    record `stamp` and the base."""
    rules = ForeignRules.load(target, diagnostics)
    base = _read_base(target, diagnostics)
    fresh = {f.path: f.text.encode("utf-8") for f in files}
    report, plan = WriteReport(), _Plan()
    for path in sorted(fresh.keys() | base.keys()):
        if rules.covers(path):
            if path in fresh:
                report.ignored.append(path)
        elif path not in fresh:
            _retire(target, path, base[path], report, plan)
        elif path in records:
            _replace(target, path, base.get(path), fresh[path], report, plan)
        else:
            _place(target, path, base.get(path), fresh[path], report, plan)
    ignored = set(report.ignored)
    report.generated = sorted(p for p in fresh if p not in ignored)
    _plan_metadata(target, {p: fresh[p] for p in report.generated}, stamp, plan)
    _apply(target, plan)
    report.written = sorted([*plan.writes, *plan.deletes])
    return report


def _read_base(target: Path, diagnostics: Diagnostics) -> dict[str, bytes]:
    try:
        return metadata.read_base(target)
    except metadata.DamagedBase as exc:
        diagnostics.warn(
            str(target / metadata.BASE),
            f"the record of the last generated files is damaged ({exc})",
            "every file that differs from the new output is merged as a conflict",
        )
        return {}


def _place(
    target: Path, path: str, base: bytes | None, new: bytes, report: WriteReport, plan: _Plan
) -> None:
    current = _read(target / path)
    if current is None or current == base:
        if current != new:
            plan.writes[path] = new
        return
    if current == new:
        return
    earlier = unresolved_conflicts(current)
    if earlier:
        report.conflicts.append(Conflict(path, earlier, earlier=True))
    elif new == base:
        report.customised.append(path)
    else:
        result = merge(base, current, new, str(target / path))
        plan.writes[path] = result.data
        if result.conflicts:
            report.conflicts.append(Conflict(path, result.conflicts))
        else:
            report.merged.append(path)


def _replace(
    target: Path, path: str, base: bytes | None, new: bytes, report: WriteReport, plan: _Plan
) -> None:
    current = _read(target / path)
    if current != new:
        plan.writes[path] = new
        if current is not None and current != base:
            report.replaced.append(path)


def _retire(target: Path, path: str, base: bytes, report: WriteReport, plan: _Plan) -> None:
    current = _read(target / path)
    if current == base:
        plan.deletes.append(path)
    elif current is not None:
        report.kept.append(path)


def _read(path: Path) -> bytes | None:
    """The file's bytes, line endings as the generator writes them (a checkout that turned
    them into CRLF is not an edit)."""
    try:
        return path.read_bytes().replace(b"\r\n", b"\n")
    except FileNotFoundError:
        return None


def _plan_metadata(
    target: Path, recorded: dict[str, bytes], stamp: dict[str, Any], plan: _Plan
) -> None:
    wanted = {
        metadata.STAMP: metadata.stamp_bytes(stamp),
        metadata.BASE: metadata.pack(recorded),
        metadata.ATTRIBUTES: metadata.ATTRIBUTES_TEXT.encode(),
    }
    for path, data in wanted.items():
        if not (target / path).is_file() or (target / path).read_bytes() != data:
            plan.writes[path] = data
    if (target / metadata.LEGACY_STAMP).is_file():
        plan.deletes.append(metadata.LEGACY_STAMP)


def _apply(target: Path, plan: _Plan) -> None:
    for path, data in plan.writes.items():
        destination = target / path
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(data)
    for path in plan.deletes:
        (target / path).unlink()
        _remove_emptied_folders(target, (target / path).parent)


def _remove_emptied_folders(target: Path, folder: Path) -> None:
    """Folders a deletion left empty go too (up to the package root); others stay."""
    while folder != target and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
