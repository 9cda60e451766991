"""`sdkgen`: generate, validate, check and diff SDK packages from API descriptions."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostics, Level, SpecError
from generator.openapi import HTTP_METHODS
from generator.pipeline import (
    BreakingChangeError,
    SpecInput,
    Summary,
    build_surface,
    check_spec,
    generate,
    resolve_input,
)
from generator.releasing import diff_cli
from generator.releasing.report import render_text
from generator.releasing.report import summary as render_summary
from generator.writing.foreign import ForeignRules, survey
from generator.writing.writer import WriteReport

EXIT_OK, EXIT_ERROR, EXIT_BREAKING, EXIT_STALE, EXIT_CONFLICT = 0, 1, 3, 4, 5


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return int(args.run(args))
    except SpecError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `sdkgen ... | head`: the reader left; nothing is wrong here
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # noqa: BLE001 - the promise is one line, never a traceback
        print(
            f"internal error (a generator bug, please report it): {type(exc).__name__}: {exc}",
            file=sys.stderr,
        )
        return EXIT_ERROR


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sdkgen", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    gen = commands.add_parser("generate", help="generate SDK packages")
    gen.add_argument(
        "targets",
        nargs="*",
        type=Path,
        default=[Path("specs")],
        help="spec folders (with sdk.toml), spec files, or a folder of spec folders (default: specs)",
    )
    gen.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("generated"),
        help="folder that receives one package folder per spec (default: generated)",
    )
    gen.add_argument(
        "--name",
        help="the package's import name (one TARGET only; default: sdk.toml [package] name, "
        "or the API's title for a bare spec file)",
    )
    gen.add_argument("--force", action="store_true", help="regenerate even when nothing changed")
    gen.add_argument(
        "--summary-json", type=Path, help="also write the summary as JSON to this file"
    )
    gen.add_argument(
        "-v", "--verbose", action="store_true", help="print notes (gaps a loader filled) too"
    )
    gen.add_argument(
        "--fail-on-breaking",
        action="store_true",
        help="exit 3, writing nothing, if a spec change breaks callers and is not "
        "acknowledged in sdk.toml [breaking]",
    )
    gen.add_argument(
        "--fail-on-conflict",
        action="store_true",
        help="exit 5 if merging your edits with the new output left a conflict "
        "(the files are written, with conflict markers)",
    )
    gen.set_defaults(run=_generate)

    val = commands.add_parser("validate", help="report a spec's problems without writing anything")
    val.add_argument("targets", nargs="+", type=Path)
    val.set_defaults(run=_validate)

    chk = commands.add_parser("check", help="fail if OUTPUT differs from what generate would write")
    chk.add_argument("targets", nargs="*", type=Path, default=[Path("specs")])
    chk.add_argument("-o", "--output", type=Path, default=Path("generated"))
    chk.set_defaults(run=_check)

    diff = commands.add_parser(
        "diff", help="what changes for a caller between the SDKs of two versions of a spec"
    )
    diff_cli.add_arguments(diff)
    diff.set_defaults(run=lambda args: diff_cli.run(args, build_surface))
    return parser


def expand_targets(targets: Sequence[Path]) -> list[Path]:
    """Spec folders and files; a folder without sdk.toml stands for the spec folders in it."""
    found: list[Path] = []
    for target in targets:
        if target.is_dir() and not (target / "sdk.toml").is_file():
            children = sorted(p for p in target.iterdir() if (p / "sdk.toml").is_file())
            if not children:
                raise SpecError(str(target), "no sdk.toml here or in any folder below it")
            found.extend(children)
        else:
            found.append(target)
    # The same spec named twice (`specs specs/eddytor`) is generated once.
    seen: set[Path] = set()
    unique = []
    for target in found:
        if target.resolve() not in seen:
            seen.add(target.resolve())
            unique.append(target)
    return unique


def _generate(args: argparse.Namespace) -> int:
    targets = expand_targets(args.targets)
    if args.name is not None and len(targets) != 1:
        raise SpecError("--name", f"names one package, but {len(targets)} targets were given")
    resolved = _resolve_targets(targets, args.name)
    _refuse_shared_folders(resolved, args.output)
    summaries: list[Summary] = []
    status = EXIT_OK
    started = time.perf_counter()
    for index, target in enumerate(targets, 1):
        prefix = f"[{index}/{len(targets)}] " if len(targets) > 1 else ""
        try:
            spec = resolved[target]
            if isinstance(spec, SpecError):
                raise spec
            folder = args.output / spec.config.package.name
            summary = generate(
                target,
                folder,
                force=args.force,
                fail_on_breaking=args.fail_on_breaking,
                name=args.name,
                spec=spec,
            )
        except BreakingChangeError as exc:
            print(f"{prefix}{target}: BREAKING\n  {exc}", file=sys.stderr)
            status = max(status, EXIT_BREAKING)
            continue
        except SpecError as exc:
            print(f"{prefix}{target}: FAILED\n  {exc}", file=sys.stderr)
            status = EXIT_ERROR
            continue
        summaries.append(summary)
        _print_summary(prefix, summary, args.verbose, folder)
        if args.fail_on_conflict and summary.write and summary.write.conflicts:
            status = max(status, EXIT_CONFLICT)
    if len(targets) > 1:
        print(f"{len(summaries)}/{len(targets)} specs in {time.perf_counter() - started:.2f} s")
    if args.summary_json:
        args.summary_json.write_text(
            json.dumps([s.as_json() for s in summaries], indent=2) + "\n", encoding="utf-8"
        )
    return status


def _resolve_targets(
    targets: Sequence[Path], name: str | None = None
) -> dict[Path, SpecInput | SpecError]:
    """Each target's inputs, read once: naming a package from a bare file's title parses
    the whole file, which for a large API costs as much as a stage of generation."""
    resolved: dict[Path, SpecInput | SpecError] = {}
    for target in targets:
        try:
            resolved[target] = resolve_input(target, name)
        except SpecError as exc:
            resolved[target] = exc
    return resolved


def _refuse_shared_folders(resolved: Mapping[Path, SpecInput | SpecError], output: Path) -> None:
    """Two targets naming the same package would write one folder, the second over the
    first: refused before anything is written. A target that cannot be read is left to
    fail on its own turn."""
    claimed: dict[str, Path] = {}
    for target, spec in resolved.items():
        if isinstance(spec, SpecError):
            continue
        package = spec.config.package.name
        if package in claimed:
            raise SpecError(
                str(target),
                f"package `{package}` is also made from {claimed[package]}: both would write "
                f"{output / package} (set another [package] name in sdk.toml, or generate "
                "one at a time with --name)",
            )
        claimed[package] = target


def _print_summary(prefix: str, summary: Summary, verbose: bool, folder: Path) -> None:
    if summary.skipped:
        print(f"{prefix}{summary.package}: up to date")
        return
    print(
        f"{prefix}{summary.package}: {summary.operations} operations, {summary.models} models, "
        f"{len(summary.warnings)} warnings, {len(summary.written)} files written "
        f"in {summary.seconds:.2f} s"
    )
    release = summary.release
    if release is not None and release.changed and release.report is not None:
        print(f"  API changed: version {release.version}; {render_summary(release.report)}")
        for line in render_text(release.report).splitlines():
            print(f"    {line}")
    if summary.write is not None:
        _print_edits(folder, summary.write)
    for diagnostic in summary.diagnostics:
        if verbose or diagnostic.level is not Level.NOTE:
            print(f"  {diagnostic}")


def _print_edits(package: Path, report: WriteReport) -> None:
    """Where the owner's edits met the new output: one line each, `file:line` for conflicts."""
    for path in report.merged:
        print(f"  merged: {package / path} (your edits kept)")
    for conflict in report.conflicts:
        state = "unresolved conflict" if conflict.earlier else "conflict"
        for line in conflict.lines:
            print(f"  {state}: {package / conflict.path}:{line}")
    for path in report.kept:
        print(f"  kept: {package / path} (edited by you; no longer generated)")
    for path in report.replaced:
        print(f"  replaced: {package / path} (a record of the package: edits are not kept)")
    if report.ignored:
        print(f"  ignored: {len(report.ignored)} generated files (matched by .sdkgenignore)")


def _validate(args: argparse.Namespace) -> int:
    status = EXIT_OK
    for target in expand_targets(args.targets):
        diagnostics = Diagnostics()
        try:
            document = check_spec(target, diagnostics)
        except SpecError as exc:
            print(str(exc), file=sys.stderr)
            status = EXIT_ERROR
            continue
        for diagnostic in diagnostics.items:
            print(str(diagnostic))
        print(
            f"{target}: {_operation_count(document)} operations, "
            f"{len(document.get('components', {}).get('schemas') or {})} schemas, "
            f"{len(diagnostics.notes)} gaps filled, {len(diagnostics.warnings)} warnings, "
            f"{len(diagnostics.errors)} errors"
        )
        if diagnostics.errors:
            status = EXIT_ERROR
    return status


def _operation_count(document: dict[str, Any]) -> int:
    return sum(
        1
        for item in (document.get("paths") or {}).values()
        for method in item
        if method in HTTP_METHODS
    )


def _check(args: argparse.Namespace) -> int:
    """Regenerate each package into a copy and compare: stale files fail (4), unresolved
    conflict markers fail (5); the owner's edits and added files, and foreign files
    (build output, caches, `.sdkgenignore`), are listed and pass."""
    targets = expand_targets(args.targets)
    resolved = _resolve_targets(targets)
    _refuse_shared_folders(resolved, args.output)
    findings = [_check_package(target, resolved[target], args.output) for target in targets]
    stale = [line for lines in findings for line in lines if line.startswith("stale:")]
    conflicts = [line for lines in findings for line in lines if line.startswith("conflict:")]
    for lines in findings:
        for line in lines:
            print(line)
    if conflicts:
        print(f"{len(conflicts)} unresolved conflicts in generated files", file=sys.stderr)
        return EXIT_CONFLICT
    if stale:
        print(
            f"{len(stale)} generated files differ from what `sdkgen generate` writes",
            file=sys.stderr,
        )
        return EXIT_STALE
    print("generated packages are up to date")
    return EXIT_OK


def _check_package(target: Path, spec: SpecInput | SpecError, output: Path) -> list[str]:
    """One line per finding, `state: path`, in the order stale, conflict, customised, foreign."""
    if isinstance(spec, SpecError):
        raise spec
    committed = output / spec.config.package.name
    rules = ForeignRules.load(committed, Diagnostics())
    with tempfile.TemporaryDirectory(prefix="sdkgen-check-") as tmp:
        fresh = Path(tmp) / committed.name
        if committed.is_dir():
            shutil.copytree(committed, fresh, ignore=_foreign_names(committed, rules))
        report = generate(target, fresh, force=True, spec=spec).write or WriteReport()
    lines = [f"stale: {committed / path}" for path in report.written]
    lines += [
        f"conflict: {committed / c.path}:{line} (unresolved)"
        for c in report.conflicts
        if c.earlier
        for line in c.lines
    ]
    lines += [f"customised: {committed / path} (edited)" for path in report.customised]
    lines += [
        f"customised: {committed / path} (edited, no longer generated)" for path in report.kept
    ]
    if committed.is_dir():
        foreign, added = survey(committed, rules, set(report.generated))
        lines += [f"customised: {committed}/{path} (added)" for path in added]
        lines += [f"foreign: {committed}/{path}" for path in foreign]  # a folder keeps its /
    return lines


def _foreign_names(package: Path, rules: ForeignRules) -> Callable[[str, list[str]], set[str]]:
    """A `copytree` filter that leaves foreign files behind (a build/ folder can be large)."""

    def ignore(folder: str, names: list[str]) -> set[str]:
        relative = Path(folder).relative_to(package).as_posix()
        prefix = "" if relative == "." else relative + "/"
        return {
            name for name in names if rules.covers(prefix + name, (Path(folder) / name).is_dir())
        }

    return ignore


if __name__ == "__main__":
    sys.exit(main())
