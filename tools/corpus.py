"""`python -m tools.corpus`: every public API spec of the corpus through the whole
generator, one row per spec.

The corpus is the specs under ../shared/corpus/ and descriptions published in npm
packages, each fetched once with `npm pack` into bench/.corpus/ (never committed). Each
spec is generated into a package, the package is imported in a fresh interpreter (every
model class built), the spec's own examples are parsed with the generated models and
serialised back, and `mypy --strict` checks the package. The exit status is 1 when any
spec fails. `tests/corpus/` runs the same steps under the suite's time limits, on every
spec but the big ones.
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
from tools.history.fetch import fetch
from tools.package_checks import check_package, run_mypy
from tools.spec_examples import example_cases

ROOT = Path(__file__).resolve().parent.parent
CORPUS_ROOT = ROOT.parent / "shared" / "corpus"
CACHE = ROOT / "bench" / ".corpus"
"""Where descriptions fetched from npm are kept (ignored by git)."""
WRITTEN = ROOT / "tests" / "corpus" / "written"
"""Descriptions written for the corpus after real APIs, kept with the project."""


@dataclass(frozen=True)
class CorpusSpec:
    name: str
    path: str
    """Entry document: relative to the corpus folder, or inside the npm package."""
    npm: str | None = None
    """`package@version` that publishes the document; None for ../shared/corpus/."""
    big: bool = False
    """Too large for the test suite's time budget: only `make corpus` runs it."""
    written: bool = False
    """Written for the corpus (in tests/corpus/written/), not published by the API."""

    @property
    def package(self) -> str:
        """Its package's name: titles repeat (two OAI examples are "Swagger Petstore")."""
        return self.name.replace("-", "_")

    @property
    def file(self) -> Path:
        """Where the document is (or will be, once fetched)."""
        if self.written:
            return WRITTEN / self.path
        if self.npm is None:
            return CORPUS_ROOT / self.path
        package, version = self.npm.rsplit("@", 1)
        return CACHE / f"{package.replace('/', '__')}@{version}" / self.path

    def available(self) -> Path | None:
        """The document, fetched first if it is published on npm and not cached yet; None
        where it cannot be had (no ../shared/corpus/, no npm, no registry)."""
        if self.file.is_file():
            return self.file
        if self.npm is None or _NPM_FAILURES:
            return None
        package, version = self.npm.rsplit("@", 1)
        try:
            return fetch(package, version, self.path, CACHE)
        except (OSError, RuntimeError) as exc:
            _NPM_FAILURES.append(str(exc))
            return None


_NPM_FAILURES: list[str] = []
"""Why npm failed in this process. Versions are pinned, so a failure means no npm or no
registry: the remaining specs are not tried (each would wait on the registry again)."""


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
    # ReadMe's examples of what OpenAPI allows: 3.1 types, polymorphism, recursion,
    # enums, combined security requirements, several media types per response.
    *(
        CorpusSpec(
            f"readme-{version.replace('.', '')}-{stem}",
            f"{version}/yaml/{stem}.yaml",
            "@readme/oas-examples@8.2.2",
        )
        for version, stem in (
            ("3.1", "schema-types"),
            ("3.1", "train-travel"),
            ("3.1", "webhooks"),
            ("3.1", "security"),
            ("3.1", "parameters-style"),
            ("3.1", "readme"),
            ("3.0", "polymorphism"),
            ("3.0", "schema-circular"),
            ("3.0", "circular-request-bodies"),
            ("3.0", "complex-nesting"),
            ("3.0", "schema-enums"),
            ("3.0", "schema-additional-properties"),
            ("3.0", "security-multiple"),
            ("3.0", "response-multiple-mediatypes"),
            ("3.0", "star-trek"),
        )
    ),
    CorpusSpec("scalar-galaxy", "dist/latest.yaml", "@scalar/galaxy@0.6.12"),
    CorpusSpec("directus", "dist/openapi.json", "@directus/specs@12.0.0"),
    CorpusSpec("blockfrost", "openapi.yaml", "@blockfrost/openapi@0.1.93"),
    CorpusSpec("ideal-postcodes", "dist/openapi.json", "@ideal-postcodes/openapi@4.21.0"),
    CorpusSpec(
        "dialogporten", "swagger.verified.json", "@digdir/dialogporten-schema@1.47.5-431c529"
    ),
    CorpusSpec("written-monitoring", "monitoring.yaml", written=True),
    CorpusSpec("github", "generated/api.github.com.json", "@octokit/openapi@23.0.0", big=True),
    CorpusSpec(
        "github-webhooks",
        "generated/api.github.com.json",
        "@octokit/openapi-webhooks@12.1.0",
        big=True,
    ),
)
SUITE = tuple(spec for spec in CORPUS if not spec.big)
"""The specs `tests/corpus/` runs."""


# -- one spec --------------------------------------------------------------------------


@dataclass
class Row:
    spec: str
    operations: int = 0
    models: int = 0
    warnings: int = 0
    generate_seconds: float = 0.0
    imports: str = "-"
    mypy: str = "-"
    examples: str = "-"
    seconds: float = 0.0
    """Everything: generation, import, examples and mypy."""
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
    target = spec.available()
    if target is None:
        row.fail("unavailable", f"{spec.file} is not here and could not be fetched")
        return row
    package = spec.package
    package_root = out / package
    try:
        summary = generate(target, package_root, force=True, name=package)
    except SpecError as exc:
        row.fail("stopped", str(exc))
    except Exception as exc:  # noqa: BLE001 - a crash is the finding this tool reports
        row.fail("CRASH", f"{type(exc).__name__}: {exc}")
    else:
        row.generate_seconds = time.perf_counter() - started
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
        row.imports = "error"
        row.fail("import error", check.error)
        return
    row.imports = "ok"
    checked = check.examples_ok + len(check.example_failures)
    row.examples = f"{check.examples_ok}/{checked}"
    if examples.invalid_in_spec:
        row.examples += f" (+{len(examples.invalid_in_spec)} invalid in spec)"
    if check.example_failures:
        row.fail("example rejected", *check.example_failures)
    if mypy:
        passed, output = run_mypy([package_root / package])
        row.mypy = "ok" if passed else "errors"
        if not passed:
            row.fail("mypy", *[line for line in output.splitlines() if ": error:" in line])


# -- command line ----------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    chosen = [
        s for s in CORPUS if (s.name in args.specs if args.specs else not args.suite or not s.big)
    ]
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
    parser.add_argument(
        "--suite", action="store_true", help="only the specs the test suite runs (no big ones)"
    )
    parser.add_argument("--json", type=Path, help="also write the rows as JSON to this file")
    parser.add_argument(
        "--details", type=int, default=5, help="problems listed per spec (default: 5)"
    )
    return parser


_SPEC_WIDTH = max(len(spec.name) for spec in CORPUS)
_COLUMNS = (
    ("spec", _SPEC_WIDTH),
    ("ops", 5),
    ("models", 6),
    ("warnings", 8),
    ("generate s", 10),
    ("imports", 7),
    ("mypy", 6),
    ("examples", 28),
    ("total s", 7),
)
_LEFT = ("spec", "imports", "mypy", "examples")


def _header() -> str:
    cells = [
        f"{name:<{width}}" if name in _LEFT else f"{name:>{width}}" for name, width in _COLUMNS
    ]
    return " ".join([*cells, "result"])


def _format(row: Row) -> str:
    return (
        f"{row.spec:<{_SPEC_WIDTH}} {row.operations:>5} {row.models:>6} {row.warnings:>8} "
        f"{row.generate_seconds:>10.1f} {row.imports:<7} {row.mypy:<6} {row.examples:<28} "
        f"{row.seconds:>7.1f} {row.result}"
    )


if __name__ == "__main__":
    sys.exit(main())
