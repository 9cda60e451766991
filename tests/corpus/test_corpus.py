"""Every public API spec under ../shared/corpus/ generates a package that keeps every
operation, imports with every model built, parses the spec's own examples and serialises
them back, and passes `mypy --strict`. `python -m tools.corpus` runs the same steps as a
table; FINDINGS.md records what these tests found."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.building.operations import HTTP_METHODS
from tests.corpus.packages import corpus_package
from tests.support.method_names import name_problems
from tools.corpus import CORPUS, CorpusSpec
from tools.package_checks import check_package, run_mypy
from tools.spec_examples import example_cases

# The OpenAPI Initiative's examples are small: one mypy run checks them all.
MYPY_GROUPS = {"oai-examples": [s for s in CORPUS if s.name.startswith("oai-")]} | {
    s.name: [s] for s in CORPUS if not s.name.startswith("oai-")
}
SPECS = pytest.mark.parametrize("spec", CORPUS, ids=[s.name for s in CORPUS])


def _operations_in(document: dict[str, object]) -> int:
    paths = document.get("paths") or {}
    assert isinstance(paths, dict)
    return sum(1 for item in paths.values() for method in HTTP_METHODS if method in item)


@SPECS
def test_every_operation_becomes_a_method(spec: CorpusSpec, corpus_out: Path) -> None:
    package = corpus_package(spec, corpus_out)
    document = json.loads((package.root / "openapi.json").read_text(encoding="utf-8"))
    assert package.summary["operations"] == _operations_in(document)
    assert (package.root / package.package / "_client.py").is_file()


@SPECS
def test_no_method_name_dangles_or_doubles_another(spec: CorpusSpec, corpus_out: Path) -> None:
    """No name ends in a preposition, article or conjunction; none is a variant of
    another of its resource (`list_iter` beside `list`, `get_2` beside `get`)."""
    package = corpus_package(spec, corpus_out)
    assert name_problems(package.root / "api.json") == []


@SPECS
def test_package_imports_and_parses_the_specs_own_examples(
    spec: CorpusSpec, corpus_out: Path
) -> None:
    package = corpus_package(spec, corpus_out)
    document = json.loads((package.root / "openapi.json").read_text(encoding="utf-8"))
    examples = example_cases(package.target, document)
    check = check_package(package.root, package.package, examples.cases)
    assert check.error is None, check.error
    assert check.models == package.summary["models"]
    assert not check.example_failures, "\n".join(check.example_failures[:10])
    assert check.examples_ok == len(examples.cases)


@pytest.mark.parametrize("specs", list(MYPY_GROUPS.values()), ids=list(MYPY_GROUPS))
def test_packages_pass_mypy_strict(specs: list[CorpusSpec], corpus_out: Path) -> None:
    packages = [corpus_package(spec, corpus_out) for spec in specs]
    passed, output = run_mypy([p.root / p.package for p in packages])
    assert passed, output


_LOCATION = re.compile(r"^(?P<file>[^#]+?)(?:#(?P<pointer>/.*)|:(?P<line>\d+)(?::\d+)?)?$")


@SPECS
def test_every_warning_says_where_what_and_what_was_done(
    spec: CorpusSpec, corpus_out: Path
) -> None:
    package = corpus_package(spec, corpus_out)
    document = json.loads((package.root / "openapi.json").read_text(encoding="utf-8"))
    unclear = []
    for warning in package.summary["warnings"]:
        location, _, rest = warning.partition(": warning: ")
        match = _LOCATION.match(location)
        if not (match and Path(match["file"]).is_file() and rest.endswith(")") and " (" in rest):
            unclear.append(f"no file, message or action: {warning}")
        elif match["pointer"] is not None and not _resolves(document, match["pointer"]):
            unclear.append(f"location does not exist: {warning}")
    assert not unclear, "\n".join(unclear[:10])


def _resolves(document: object, pointer: str) -> bool:
    node = document
    for raw in pointer.strip("/").split("/") if pointer.strip("/") else []:
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return False
    return True
