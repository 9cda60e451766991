"""`sdkgen diff OLD NEW`: what changed between two versions of a spec, for a caller.

OLD and NEW are each a spec folder (with `sdk.toml`), a spec file, or a folder or file at
a git revision written `REV:specs/<vendor>` (see `gitrev.py`). Both are built into a
package surface by the same code `generate` uses, NEW keeping the names OLD gave, and
the two surfaces are compared. The report is the only thing written to stdout; a
problem is one line on stderr.

Exit codes: 0 when the diff ran (whatever it found); 3 with `--fail-on-breaking` when a
breaking change is not acknowledged (by `--acknowledge ID` or by the caller's list from
`sdk.toml` `[breaking] acknowledged`); 2 when a spec cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from generator.diagnostics import SpecError
from generator.ir.surface import Surface
from generator.releasing.compare import compare_surfaces
from generator.releasing.gitrev import materialised
from generator.releasing.report import FORMATS, render

EXIT_OK = 0
EXIT_ERROR = 2
EXIT_BREAKING = 3

Builder = Callable[[Path, Mapping[str, tuple[str, str]] | None], Surface]
"""A spec folder or file, and the names to keep, -> its package's surface."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add `diff`'s arguments to `parser` (the `diff` sub-command's parser)."""
    parser.add_argument("old", metavar="OLD", help="spec folder, spec file, or REV:specs/<vendor>")
    parser.add_argument("new", metavar="NEW", help="spec folder, spec file, or REV:specs/<vendor>")
    parser.add_argument("--format", choices=FORMATS, default="text", help="report format")
    parser.add_argument(
        "--fail-on-breaking",
        action="store_true",
        help=f"exit with {EXIT_BREAKING} when a breaking change is not acknowledged",
    )
    parser.add_argument(
        "--acknowledge",
        action="extend",
        nargs="+",
        default=[],
        metavar="ID",
        help="breaking change ids (from --format json) accepted on purpose",
    )


def run(args: argparse.Namespace, build: Builder, acknowledged: Iterable[str] = ()) -> int:
    """Diff `args.old` against `args.new`, print the report, and return the exit code."""
    accepted = frozenset(args.acknowledge) | frozenset(acknowledged)
    try:
        with materialised(args.old) as path:
            old = build(path, None)
        with materialised(args.new) as path:
            new = build(path, old.name_record())
    except (SpecError, OSError) as exc:
        print(" ".join(str(exc).split()), file=sys.stderr)
        return EXIT_ERROR
    report = compare_surfaces(old, new)
    sys.stdout.write(render(report, args.format, accepted))
    if args.fail_on_breaking and report.unacknowledged_breaking(accepted):
        return EXIT_BREAKING
    return EXIT_OK
