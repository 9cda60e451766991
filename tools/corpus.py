"""`python -m tools.corpus`: every public API spec under ../shared/corpus/ through the
whole generator, one row per spec.

Each spec is generated into a package, the package is imported in a fresh interpreter
(every model class built), the spec's own examples are parsed with the generated models
and serialised back, and `mypy --strict` checks the package. The exit status is 1 when
any spec fails. `tests/corpus/` runs the same steps under the suite's time limits.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from generator.diagnostics import SpecError
from generator.pipeline import generate
from tools.package_checks import check_package, run_mypy
from tools.spec_examples import example_cases

CORPUS_ROOT = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"


@dataclass(frozen=True)
class CorpusSpec:
    name: str
    path: str
    """Entry document, relative to the corpus folder."""

    @property
    def package(self) -> str:
        """Its package's name: titles repeat (two OAI examples are "Swagger Petstore")."""
        return self.name.replace("-", "_")


CORPUS = (
    CorpusSpec("oai-api-with-examples", "oai-examples/v3.0/api-with-examples.yaml"),
    CorpusSpec("oai-callback-example", "oai-examples/v3.0/callback-example.yaml"),
    CorpusSpec("oai-link-example", "oai-examples/v3.0/link-example.yaml"),
    CorpusSpec("oai-petstore", "oai-examples/v3.0/petstore.yaml"),
    CorpusSpec("oai-petstore-expanded", "oai-examples/v3.0/petstore-expanded.yaml"),
    CorpusSpec("oai-uspto", "oai-examples/v3.0/uspto.yaml"),
    CorpusSpec("oai-webhook-example", "oai-examples/v3.1/webhook-example.yaml"),
    CorpusSpec("slack", "slack/slack_web_openapi_v2.json"),
    CorpusSpec("twilio", "twilio/twilio_api_v2010.json"),
    CorpusSpec("asana", "asana/asana_oas.yaml"),
    CorpusSpec("stripe", "stripe/spec3.json"),
    CorpusSpec("openai", "openai/openapi.yaml"),
    CorpusSpec("digitalocean", "digitalocean/specification/DigitalOcean-public.v2.yaml"),
)


# -- one spec --------------------------------------------------------------------------


@dataclass
class Row:
    spec: str
    operations: int = 0
    models: int = 0
    warnings: int = 0
    examples: str = "-"
    seconds: float = 0.0
    result: str = "ok"
    details: list[str] = field(default_factory=list)

    def fail(self, result: str, *details: str) -> None:
        """Record a problem; the result column names the first one."""
        if self.result == "ok":
            self.result = result
        self.details.extend(details)


def run_spec(spec: CorpusSpec, out: Path, *, mypy: bool = True) -> Row:
    started = time.perf_counter()
    row = Row(spec.name)
    target = CORPUS_ROOT / spec.path
    package = spec.package
    package_root = out / package
    try:
        summary = generate(target, package_root, force=True, name=package)
    except SpecError as exc:
        row.fail("stopped", str(exc))
    except Exception as exc:  # noqa: BLE001 - a crash is the finding this tool reports
        row.fail("CRASH", f"{type(exc).__name__}: {exc}")
    else:
        row.operations, row.models = summary.operations, summary.models
        row.warnings = len(summary.warnings)
        _check_generated(row, target, package_root, package, mypy=mypy)
    row.seconds = time.perf_counter() - started
    return row


def _check_generated(
    row: Row, target: Path, package_root: Path, package: str, *, mypy: bool
) -> None:
    document = json.loads((package_root / "openapi.json").read_text(encoding="utf-8"))
    examples = example_cases(target, document)
    check = check_package(package_root, package, examples.cases)
    if check.error:
        row.fail("import error", check.error)
        return
    checked = check.examples_ok + len(check.example_failures)
    row.examples = f"{check.examples_ok}/{checked}"
    if examples.invalid_in_spec:
        row.examples += f" (+{len(examples.invalid_in_spec)} invalid in spec)"
    if check.example_failures:
        row.fail("example rejected", *check.example_failures)
    if mypy:
        passed, output = run_mypy([package_root / package])
        if not passed:
            row.fail("mypy", *[line for line in output.splitlines() if ": error:" in line])


# -- command line ----------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if not CORPUS_ROOT.is_dir():
        print(f"{CORPUS_ROOT}: no corpus here (it lives in ../shared/corpus/)", file=sys.stderr)
        return 1
    chosen = [s for s in CORPUS if not args.specs or s.name in args.specs]
    unknown = set(args.specs) - {s.name for s in CORPUS}
    if unknown:
        print(f"unknown spec(s): {', '.join(sorted(unknown))}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="corpus-") as scratch:
        out = args.output or Path(scratch)
        print(_header())
        rows = []
        for spec in chosen:
            rows.append(run_spec(spec, out, mypy=not args.no_mypy))
            print(_format(rows[-1]), flush=True)
    for row in rows:
        for detail in row.details[: args.details]:
            print(f"{row.spec}: {detail}")
    if args.json:
        args.json.write_text(
            json.dumps([asdict(r) for r in rows], indent=2) + "\n", encoding="utf-8"
        )
    return 0 if all(r.result == "ok" for r in rows) else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tools.corpus", description=__doc__)
    parser.add_argument("specs", nargs="*", help="spec names to run (default: all)")
    parser.add_argument(
        "-o", "--output", type=Path, help="keep the packages here (default: a temp folder)"
    )
    parser.add_argument("--no-mypy", action="store_true", help="skip `mypy --strict`")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON to this file")
    parser.add_argument(
        "--details", type=int, default=5, help="problems listed per spec (default: 5)"
    )
    return parser


_COLUMNS = (
    ("spec", 22),
    ("ops", 5),
    ("models", 6),
    ("warnings", 8),
    ("examples", 28),
    ("seconds", 7),
)


def _header() -> str:
    cells = [
        f"{name:<{width}}" if name in ("spec", "examples") else f"{name:>{width}}"
        for name, width in _COLUMNS
    ]
    return " ".join([*cells, "result"])


def _format(row: Row) -> str:
    return (
        f"{row.spec:<22} {row.operations:>5} {row.models:>6} {row.warnings:>8} "
        f"{row.examples:<28} {row.seconds:>7.1f} {row.result}"
    )


if __name__ == "__main__":
    sys.exit(main())
