"""One spec folder (or file) in, one package out: the steps of DEVELOPERS.md in order."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import hashlib
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2

from generator import __version__
from generator.background import in_background
from generator.building import build_api
from generator.config import CONFIG_FILE, SdkConfig, config_for_file, load_config, package_named
from generator.diagnostics import Diagnostic, Diagnostics, Level, SpecError
from generator.ir.api import Api
from generator.ir.surface import Surface, surface_of
from generator.json_text import indented_json
from generator.loading import get_loader
from generator.loading.bundle import REFERENCED_FILES
from generator.loading.inputs import input_file, real_path
from generator.loading.overlay import apply_overlay, load_overlay, place_operations
from generator.normalizing.normalize import normalize
from generator.normalizing.validation import validation_warnings
from generator.releasing.changes import Change
from generator.releasing.release import (
    CHANGELOG_FILE,
    REPORT_FILE,
    SURFACE_FILE,
    Release,
    plan_release,
    recorded_surface,
)
from generator.rendering.formatting import format_files
from generator.rendering.render import (
    TEMPLATES,
    RenderedFile,
    render_models,
    render_package,
    render_records,
)
from generator.writing.metadata import read_stamp
from generator.writing.writer import WriteReport, write_package

GENERATOR_ROOT = Path(__file__).resolve().parent
RECORDS = frozenset({"openapi.json", SURFACE_FILE, REPORT_FILE})
"""Files that state facts about the package (its spec, its surface): never merged."""


@dataclass
class Summary:
    spec: str
    package: str = ""
    operations: int = 0
    models: int = 0
    diagnostics: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0
    written: list[str] = field(default_factory=list)
    skipped: bool = False
    """Nothing to do: inputs and generator unchanged since the package was written."""
    release: Release | None = None
    write: WriteReport | None = None
    """What writing did with the owner's edits: merges, conflicts, files kept."""

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.level is not Level.NOTE]

    def as_json(self) -> dict[str, Any]:
        return {
            "spec": self.spec,
            "package": self.package,
            "operations": self.operations,
            "models": self.models,
            "warnings": [str(d) for d in self.warnings],
            "notes": [str(d) for d in self.diagnostics if d.level is Level.NOTE],
            "files_written": len(self.written),
            **(self.write or WriteReport()).as_json(),
            "skipped": self.skipped,
            "version": self.release.version if self.release else None,
            "changes": list(self.release.report.ids())
            if self.release and self.release.report
            else [],
        }


@dataclass(frozen=True)
class SpecInput:
    """What `target` names: the config, the source file and overlays it points at (each
    checked to lie in `root`), and what deciding the config had to warn about."""

    config: SdkConfig
    folder: Path
    root: Path
    """The folder every input file must lie in."""
    source: Path
    overlays: tuple[Path, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()

    @property
    def files(self) -> list[Path]:
        """Every input file, for the change stamp."""
        found = [self.source, *self.overlays]
        config = self.folder / CONFIG_FILE
        return [config, *found] if config.is_file() else found


def resolve_input(target: Path, name: str | None = None) -> SpecInput:
    """The spec a folder or file names; `name`, when given, names its package."""
    # Each input is checked to be a file inside the root, and kept as the user wrote it
    # (`specs/x/capture.md`), which is how diagnostics name it.
    warnings: tuple[Diagnostic, ...] = ()
    if target.is_dir():
        config = load_config(target)
        where = f"{target / CONFIG_FILE}:source"
        root = (target / config.source.root).resolve()
        input_file(root, config.source.path, target, f"{where}.path", "[source] path")
        source = target / config.source.path
        for overlay in config.source.overlays:
            input_file(root, overlay, target, f"{where}.overlays", f"overlay {overlay!r}")
        overlays = tuple(target / o for o in config.source.overlays)
    elif target.exists() or target.is_symlink():
        # A bare file reads from the folder it really is in (a link to it may be anywhere).
        root = real_path(target, str(target), "the spec").parent
        input_file(root, target.name, target.parent, str(target), "the spec")
        source, overlays = target, ()
        config, renamed = config_for_file(source)
        warnings = (renamed,) if renamed else ()
    else:
        raise SpecError(str(target), "no such file or folder")
    if name is not None:
        config = config.model_copy(update={"package": package_named(config.package, name)})
    return SpecInput(config, target, root, source, overlays, warnings)


def build_surface(target: Path, record: Mapping[str, tuple[str, str]] | None) -> Surface:
    """The public surface of the package `target` makes, keeping the names in `record`:
    what `sdkgen diff` compares, built as `generate` builds it."""
    spec = resolve_input(target)
    diagnostics = Diagnostics()
    document = _load(spec, diagnostics)
    return surface_of(build_api(document, spec.config, str(spec.source), diagnostics, record))


def load_normalized(target: Path, diagnostics: Diagnostics) -> dict[str, Any]:
    """The normalised (and validated) OpenAPI 3.1 document for a spec folder or file."""
    spec = resolve_input(target)
    diagnostics.items.extend(spec.warnings)
    document = _load(spec, diagnostics)
    diagnostics.items.extend(validation_warnings(document, str(spec.source)))
    return document


def check_spec(target: Path, diagnostics: Diagnostics) -> dict[str, Any]:
    """What `validate` reports: the document loaded and normalised, then built as
    `generate` builds it, so every problem either stage finds is in `diagnostics`."""
    document = load_normalized(target, diagnostics)
    spec = resolve_input(target)
    build_api(document, spec.config, str(spec.source), diagnostics)
    return document


def _load(
    spec: SpecInput, diagnostics: Diagnostics, referenced: list[Path] | None = None
) -> dict[str, Any]:
    """The normalised document; the other files its `$ref`s read are added to
    `referenced` when given."""
    location = str(spec.source)
    where = f"{spec.folder / CONFIG_FILE}:source.format"
    loader = get_loader(spec.config.source.format, where, spec.root)
    document = loader(spec.source, spec.config.source.options, diagnostics)
    files = document.pop(REFERENCED_FILES, [])
    if referenced is not None:
        referenced.extend(Path(f) for f in files)
    for overlay_path in spec.overlays:
        apply_overlay(document, load_overlay(overlay_path), str(overlay_path), diagnostics)
    place_operations(document, location, diagnostics)
    return normalize(document, location, diagnostics)


class BreakingChangeError(SpecError):
    """The spec changed in ways that break callers, and nobody acknowledged it."""

    def __init__(self, location: str, changes: tuple[Change, ...]) -> None:
        ids = ", ".join(f'"{c.id}"' for c in changes)
        super().__init__(
            location,
            f"{len(changes)} unacknowledged breaking change(s): {ids} "
            "(add them to sdk.toml [breaking] acknowledged to accept)",
        )
        self.changes = changes


def generate(
    target: Path,
    output: Path,
    *,
    force: bool = False,
    fail_on_breaking: bool = False,
    name: str | None = None,
    spec: SpecInput | None = None,
) -> Summary:
    """Generate the package for `target` into `output` (the package's own folder); `name`
    names the package instead of sdk.toml or the spec's title; `spec` is `target`'s
    inputs where the caller has resolved them already.

    When the package's public surface differs from the one it records (whether the spec
    or the generator changed it), the version is bumped and a changelog entry prepended;
    with `fail_on_breaking` an unacknowledged breaking change stops generation before
    anything is written. Names the package gave before are kept (see `building.names`)."""
    with _rare_collections():
        return _generate(target, output, force, fail_on_breaking, name, spec)


# Generation allocates millions of containers that live until the package is written
# (the document, the IR, the rendered text) and makes almost no cycles. At Python's
# default threshold (700 allocations) the collector ran about 550 times on Stripe's spec
# and took a tenth of the run finding next to nothing; at 50,000 it runs a few times.
_GENERATION_THRESHOLD = 50_000


@contextlib.contextmanager
def _rare_collections() -> Iterator[None]:
    thresholds = gc.get_threshold()
    gc.set_threshold(max(thresholds[0], _GENERATION_THRESHOLD), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _generate(
    target: Path,
    output: Path,
    force: bool,
    fail_on_breaking: bool,
    name: str | None,
    spec: SpecInput | None,
) -> Summary:
    started = time.perf_counter()
    spec = spec or resolve_input(target, name)
    summary = Summary(spec=str(target), package=spec.config.package.name)
    recorded = read_stamp(output)
    if not force and recorded is not None and recorded == _stamp(spec, _referenced(recorded, spec)):
        summary.skipped = True
        summary.seconds = time.perf_counter() - started
        return summary
    diagnostics = Diagnostics(list(spec.warnings))
    referenced: list[Path] = []
    document = _load(spec, diagnostics, referenced)
    stamp = _stamp(spec, referenced)
    location = str(spec.source)
    # What is made of the document alone is made in the background, from the document as
    # it is now: the build below never changes it (tests/test_background.py holds it to
    # that). Validation is wanted only at the end, so it yields the core to the rest.
    spec_text = in_background(lambda: _spec_text(document))
    validation = in_background(lambda: validation_warnings(document, location), niceness=10)
    previous = recorded_surface(output, diagnostics)
    record = previous.name_record() if previous is not None else None
    api = build_api(document, spec.config, str(spec.source), diagnostics, record)
    surface = surface_of(api)
    release = plan_release(
        output, previous, surface, spec.config.package.version, api.package.title
    )
    summary.release = release
    unacknowledged = (
        release.report.unacknowledged_breaking(spec.config.breaking.acknowledged)
        if release.report
        else ()
    )
    if fail_on_breaking and unacknowledged:
        raise BreakingChangeError(str(target), unacknowledged)
    api = dataclasses.replace(
        api, package=dataclasses.replace(api.package, version=release.version)
    )
    files = _rendered(api, surface, spec_text, spec)
    files.append(RenderedFile(CHANGELOG_FILE, release.changelog))
    summary.write = write_package(output, files, stamp, diagnostics, RECORDS)
    summary.written = summary.write.written
    diagnostics.items.extend(validation())
    summary.operations = api.operation_count
    summary.models = len(api.models) + len(api.enums)
    summary.diagnostics = diagnostics.items
    summary.seconds = time.perf_counter() - started
    return summary


def _rendered(
    api: Api, surface: Surface, spec_text: Callable[[], str], spec: SpecInput
) -> list[RenderedFile]:
    """Every file of the package, formatted. The model modules (most of a large API's
    files) and the surface records are made in the background while this process does
    the rest (bench/RESULTS.md, "Generation time since cfe5992", has what that saves)."""
    formatter = spec.config.package.formatter
    try:
        models = in_background(lambda: format_files(render_models(api), formatter))
        records = in_background(lambda: render_records(api, surface))
        files = render_package(api, spec_text(), spec.config.webhooks)
        return [*format_files(files, formatter), *models(), *records()]
    except jinja2.TemplateError as exc:
        raise SpecError(str(spec.source), f"rendering failed (a generator bug): {exc}") from None


def _spec_text(document: dict[str, Any]) -> str:
    """The package's `openapi.json`: keys sorted, so the same API written in another order
    gives the same file."""
    return indented_json(document, indent=2, sort_keys=True) + "\n"


def _stamp(spec: SpecInput, referenced: list[Path]) -> dict[str, Any]:
    """What the package was made from: the generator, and every input file (sdk.toml,
    the source, overlays and the files the source's `$ref`s read) by its content."""
    names = sorted(_relative(path, spec.root) for path in referenced)
    stamp: dict[str, Any] = {
        "generator": _generator_hash(),
        "inputs": _hash_files([*spec.files, *(spec.root / name for name in names)]),
        "sdkgen": __version__,
    }
    if names:
        stamp["referenced"] = names
    return stamp


def _referenced(stamp: dict[str, Any], spec: SpecInput) -> list[Path]:
    """The referenced files a stamp lists (relative to the spec's root)."""
    listed = stamp.get("referenced")
    return [spec.root / str(name) for name in listed] if isinstance(listed, list) else []


def _relative(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


@functools.cache
def _generator_hash() -> str:
    """Changes whenever the generator's code or templates change (a rule may have)."""
    files = sorted([*GENERATOR_ROOT.rglob("*.py"), *TEMPLATES.rglob("*.jinja")])
    return _hash_files(files, relative_to=GENERATOR_ROOT.parent)


def _hash_files(files: list[Path], relative_to: Path | None = None) -> str:
    digest = hashlib.sha256()
    for path in files:
        name = path.relative_to(relative_to).as_posix() if relative_to else path.name
        digest.update(name.encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
        digest.update(b"\0")
    return digest.hexdigest()[:16]
