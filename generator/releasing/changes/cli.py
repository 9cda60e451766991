"""`sdkgen diff OLD NEW`: what changed between two versions of a spec.

OLD and NEW are each a spec folder (with `sdk.toml`), a spec file, or a folder or file at
a git revision written `REV:specs/<vendor>` (see `gitrev.py`). The report is the only
thing written to stdout; a problem is one line on stderr.

Exit codes: 0 when the diff ran (whatever it found); 3 with `--fail-on-breaking` when a
breaking change is not acknowledged (by `--acknowledge ID` or by the caller's list from
`sdk.toml` `[breaking] acknowledged`); 2 when a spec cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from generator.diagnostics import SpecError
from generator.releasing.changes.compare import compare_documents
from generator.releasing.changes.gitrev import materialised
from generator.releasing.changes.render import FORMATS, render

EXIT_OK = 0
EXIT_ERROR = 2
EXIT_BREAKING = 3

Loader = Callable[[Path], dict[str, Any]]


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


def run(args: argparse.Namespace, load: Loader, acknowledged: Iterable[str] = ()) -> int:
    """Diff `args.old` against `args.new`, print the report, and return the exit code.

    `load` turns a spec folder or file into a normalised OpenAPI dict (and may raise
    `SpecError`); `acknowledged` adds ids from `sdk.toml` to `--acknowledge`."""
    accepted = frozenset(args.acknowledge) | frozenset(acknowledged)
    try:
        old, new = _load(args.old, load), _load(args.new, load)
    except (SpecError, OSError) as exc:
        print(" ".join(str(exc).split()), file=sys.stderr)
        return EXIT_ERROR
    report = compare_documents(old, new)
    sys.stdout.write(render(report, args.format, accepted))
    if args.fail_on_breaking and report.unacknowledged_breaking(accepted):
        return EXIT_BREAKING
    return EXIT_OK


def _load(argument: str, load: Loader) -> dict[str, Any]:
    with materialised(argument) as path:
        return load(path)
