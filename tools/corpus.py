"""`python -m tools.corpus`: every public API spec under ../shared/corpus/ through the
whole generator, one row per spec.

Each spec is generated into a package, the package is imported in a fresh interpreter
(every model class built), the spec's own examples are parsed with the generated models
and serialised back, and `mypy --strict` checks the package. The exit status is 1 when
any spec fails. `tests/corpus/` runs the same steps under the suite's time limits.
"""

from __future__ import annotations

import argparse
import datetime
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import pydantic
import referencing
from referencing.jsonschema import DRAFT202012

from generator import ir
from generator.build import build_api
from generator.build.types import SchemaTranslator
from generator.diagnostics import Diagnostics, SpecError, pointer
from generator.pipeline import generate, resolve_input

ROOT = Path(__file__).resolve().parent.parent
CORPUS_ROOT = ROOT.parent / "shared" / "corpus"
CHILD_TIMEOUT = 300
"""Seconds an import or mypy run may take before the spec is reported as hanging."""


@dataclass(frozen=True)
class CorpusSpec:
    name: str
    path: str
    """Entry document, relative to the corpus folder."""
    large: bool = False
    """Generation alone takes seconds and `mypy --strict` on the package tens of them."""


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
    CorpusSpec("asana", "asana/asana_oas.yaml", large=True),
    CorpusSpec("stripe", "stripe/spec3.json", large=True),
    CorpusSpec("openai", "openai/openapi.yaml", large=True),
    CorpusSpec(
        "digitalocean", "digitalocean/specification/DigitalOcean-public.v2.yaml", large=True
    ),
)


# -- examples --------------------------------------------------------------------------


@dataclass(frozen=True)
class ExampleCase:
    """One example from the spec and the generated type it must parse as."""

    where: str
    annotation: str
    models: tuple[str, ...]
    imports: tuple[str, ...]
    value: Any


@dataclass
class ExampleCases:
    cases: list[ExampleCase] = field(default_factory=list)
    invalid_in_spec: list[str] = field(default_factory=list)
    """Examples that break their own schema: the spec's fault, not checked."""


_DOCUMENT_URI = "urn:sdkgen:spec"


def example_cases(target: Path, document: dict[str, Any]) -> ExampleCases:
    """Every JSON example of a component schema, request body or response in `document`
    (the normalised spec), paired with the type the generator gave that schema."""
    spec = resolve_input(target)
    location = str(spec.source)
    # A translator of its own for the component types: build_api keeps its one private,
    # and naming is deterministic, so both give every component the same class.
    translator = SchemaTranslator(document, location, Diagnostics())
    translator.all_components()
    api = build_api(document, spec.config, location, Diagnostics())
    registry = referencing.Registry().with_resource(_DOCUMENT_URI, DRAFT202012.create_resource(document))
    found = ExampleCases()
    for where, schema_ref, type_, value in _examples(document, translator, api):
        validator = jsonschema.Draft202012Validator(
            {"$ref": _DOCUMENT_URI + schema_ref}, registry=registry
        )
        try:
            valid = validator.is_valid(value)
        except (jsonschema.exceptions.SchemaError, referencing.exceptions.Unresolvable):
            valid = False
        if not valid:
            found.invalid_in_spec.append(where)
            continue
        found.cases.append(
            ExampleCase(where, type_.annotation, tuple(sorted(type_.models)),
                        tuple(sorted(type_.imports)), value)
        )
    return found


def _examples(
    document: dict[str, Any], translator: SchemaTranslator, api: ir.Api
) -> Iterator[tuple[str, str, ir.TypeRef, Any]]:
    """(location, schema pointer, generated type, example value) for every example."""
    for name, schema in (document.get("components", {}).get("schemas") or {}).items():
        at = pointer("components", "schemas", name)
        for index, value in enumerate(_schema_examples(schema)):
            yield f"{at}/example[{index}]", at, translator.components[name], value
    for resource in api.resources:
        for op in resource.operations:
            spec = document["paths"][op.path][op.http_method]
            if op.response.kind == "json" and op.response.envelope is None:
                at = ("paths", op.path, op.http_method, "responses", op.response.status)
                yield from _media_examples(document, spec["responses"][op.response.status],
                                           at, op.response.type)
            if op.body is not None and op.body.encoding == "json" and "requestBody" in spec:
                at = ("paths", op.path, op.http_method, "requestBody")
                yield from _media_examples(document, spec["requestBody"], at, op.body.type)


def _schema_examples(schema: Any) -> list[Any]:
    if not isinstance(schema, dict):
        return []
    listed = schema.get("examples")
    found = list(listed) if isinstance(listed, list) else []
    return [schema["example"], *found] if "example" in schema else found


def _media_examples(
    document: dict[str, Any], holder: Any, at: tuple[str, ...], type_: ir.TypeRef
) -> Iterator[tuple[str, str, ir.TypeRef, Any]]:
    holder = _deref(document, holder)
    content = holder.get("content") if isinstance(holder, dict) else None
    for media, entry in (content or {}).items():
        if "json" not in media or not isinstance(entry, dict) or "schema" not in entry:
            continue
        schema_at = pointer(*at, "content", media, "schema")
        if "example" in entry:
            yield f"{pointer(*at, 'content', media)}/example", schema_at, type_, entry["example"]
        for name, example in (entry.get("examples") or {}).items():
            example = _deref(document, example)
            if isinstance(example, dict) and "value" in example:
                where = pointer(*at, "content", media, "examples", name)
                yield where, schema_at, type_, example["value"]
        return  # the generated method parses the first JSON media type only


def _deref(document: dict[str, Any], node: Any) -> Any:
    for _ in range(20):  # a chain of references; a longer one is left unresolved
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
            return node
        target: Any = document
        for raw in node["$ref"].lstrip("#").strip("/").split("/"):
            part = raw.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, dict) or part not in target:
                return None
            target = target[part]
        node = target
    return node


# -- checking a generated package in a fresh interpreter ---------------------------------


@dataclass
class PackageCheck:
    error: str | None = None
    """Why the package did not import, or None."""
    models: int = 0
    examples_ok: int = 0
    example_failures: list[str] = field(default_factory=list)


def check_package(package_root: Path, package: str, cases: Sequence[ExampleCase]) -> PackageCheck:
    """Import the package in a new interpreter, build every model and parse `cases`."""
    request = json.dumps({"root": str(package_root), "package": package,
                          "cases": [asdict(c) for c in cases]})
    result = subprocess.run(
        [sys.executable, "-c", "from tools.corpus import _child_main; _child_main()"],
        input=request, capture_output=True, text=True, cwd=ROOT, timeout=CHILD_TIMEOUT,
        check=False, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    if result.returncode != 0:
        return PackageCheck(error=_last_line(result.stderr) or f"exit status {result.returncode}")
    return PackageCheck(**json.loads(result.stdout))


def _child_main() -> None:
    request = json.load(sys.stdin)
    sys.path.insert(0, request["root"])
    check = PackageCheck()
    models = __import__(f"{request['package']}.models", fromlist=["__all__"])
    for name in models.__all__:
        cls = getattr(models, name)
        if hasattr(cls, "model_rebuild"):
            cls.model_rebuild(raise_errors=True)  # every forward reference resolves
        check.models += 1
    for raw in request["cases"]:
        failure = _check_example(request["package"], models, ExampleCase(**raw))
        if failure:
            check.example_failures.append(failure)
        else:
            check.examples_ok += 1
    json.dump(asdict(check), sys.stdout)


def _check_example(package: str, models: Any, case: ExampleCase) -> str | None:
    adapter = pydantic.TypeAdapter(python_type(package, models, case))
    wire = json.dumps(case.value)
    try:
        parsed = adapter.validate_json(wire)
    except pydantic.ValidationError as exc:
        return f"{case.where}: {case.annotation} rejects the example: {_first_error(exc)}"
    back = adapter.dump_python(parsed, mode="json", by_alias=True, exclude_unset=True)
    if not same_json(back, case.value):
        return f"{case.where}: {case.annotation} does not serialise back to the example: {back!r:.200}"
    return None


def python_type(package: str, models: Any, case: ExampleCase) -> Any:
    """The object the annotation `case.annotation` names inside the generated package."""
    namespace: dict[str, Any] = {name: getattr(models, name) for name in case.models}
    for entry in case.imports:
        module, name = entry.split(":", 1)
        if module == "runtime":
            module = f"{package}.{_RUNTIME_MODULES[name]}"
        namespace[name] = getattr(importlib.import_module(module), name)
    # The generator's own annotation, already executed by importing the package.
    return eval(case.annotation, namespace)  # noqa: S307


_RUNTIME_MODULES = {"FileTypes": "_types", "discriminator_of": "_unions"}


def _first_error(exc: Any) -> str:
    first = exc.errors()[0]
    return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"


def same_json(left: Any, right: Any) -> bool:
    """Equal as JSON values; date-time strings compare by the instant they name
    (pydantic writes `...Z` where a spec may write `...+00:00` or milliseconds)."""
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(same_json(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(same_json(a, b) for a, b in zip(left, right))
    if isinstance(left, str) and isinstance(right, str) and left != right:
        return _as_instant(left) is not None and _as_instant(left) == _as_instant(right)
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    return bool(left == right)


def _as_instant(text: str) -> object:
    for parse in (datetime.datetime.fromisoformat, datetime.date.fromisoformat):
        try:
            return parse(text.replace("Z", "+00:00"))
        except ValueError:
            continue
    return None


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


# -- mypy ------------------------------------------------------------------------------


def run_mypy(package_dirs: Sequence[Path]) -> tuple[bool, str]:
    """`mypy --strict` on the packages, from an empty folder so the project's own mypy
    settings (which exclude generated code) do not apply. (passed, last lines of output)"""
    with tempfile.TemporaryDirectory(prefix="corpus-mypy-") as cwd:
        result = subprocess.run(
            [sys.executable, "-m", "mypy", "--strict", "--cache-dir", os.devnull,
             *map(str, package_dirs)],
            capture_output=True, text=True, cwd=cwd, timeout=CHILD_TIMEOUT, check=False,
        )
    return result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]


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
        self.result = result if self.result == "ok" else self.result
        self.details.extend(details)


def run_spec(spec: CorpusSpec, out: Path, *, mypy: bool = True) -> Row:
    started = time.perf_counter()
    row = Row(spec.name)
    target = CORPUS_ROOT / spec.path
    package = resolve_input(target).config.package.name
    package_root = out / package
    try:
        summary = generate(target, package_root, force=True)
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


def _check_generated(row: Row, target: Path, package_root: Path, package: str, *, mypy: bool) -> None:
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
        args.json.write_text(json.dumps([asdict(r) for r in rows], indent=2) + "\n", encoding="utf-8")
    return 0 if all(r.result == "ok" for r in rows) else 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tools.corpus", description=__doc__)
    parser.add_argument("specs", nargs="*", help="spec names to run (default: all)")
    parser.add_argument("-o", "--output", type=Path, help="keep the packages here (default: a temp folder)")
    parser.add_argument("--no-mypy", action="store_true", help="skip `mypy --strict`")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON to this file")
    parser.add_argument("--details", type=int, default=5, help="problems listed per spec (default: 5)")
    return parser


_COLUMNS = (("spec", 22), ("ops", 5), ("models", 6), ("warnings", 8), ("examples", 28), ("seconds", 7))


def _header() -> str:
    cells = [f"{name:<{width}}" if name in ("spec", "examples") else f"{name:>{width}}"
             for name, width in _COLUMNS]
    return " ".join([*cells, "result"])


def _format(row: Row) -> str:
    return (
        f"{row.spec:<22} {row.operations:>5} {row.models:>6} {row.warnings:>8} "
        f"{row.examples:<28} {row.seconds:>7.1f} {row.result}"
    )


if __name__ == "__main__":
    sys.exit(main())
