"""Every public API spec of the corpus (../shared/corpus/, and descriptions published on
npm, fetched into bench/.corpus/ or skipped where they cannot be had) generates a package
that keeps every operation, imports with every model built, parses the spec's own
examples and serialises them back, and passes `mypy --strict`. The big specs run only in
`python -m tools.corpus`, which prints the same steps as a table; FINDINGS.md records
what these tests found."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.building.operations import HTTP_METHODS
from tests.corpus.packages import corpus_package
from tests.support.method_names import name_problems
from tools.corpus import SUITE, CorpusSpec
from tools.package_checks import check_package, run_mypy
from tools.spec_examples import example_cases

# The OpenAPI Initiative's and ReadMe's examples are small: one mypy run checks each set
# (ReadMe's in two, each well under a minute on a busy machine).
_SETS = ("oai-", "readme-30-", "readme-31-")
MYPY_GROUPS = {
    f"{prefix}examples": [s for s in SUITE if s.name.startswith(prefix)] for prefix in _SETS
} | {s.name: [s] for s in SUITE if not s.name.startswith(_SETS)}
SPECS = pytest.mark.parametrize("spec", SUITE, ids=[s.name for s in SUITE])

# What the method-name check finds in a spec that the generator cannot name better under
# its rules, with the FINDINGS.md entry; strict, so the day it passes says so.
NAME_FINDINGS = {
    "readme-30-security-multiple": "F31: paths named `and`, `or`, `and-or`, no operationIds",
}
NAMED_SPECS = pytest.mark.parametrize(
    "spec",
    [
        pytest.param(s, marks=pytest.mark.xfail(reason=NAME_FINDINGS[s.name], strict=True))
        if s.name in NAME_FINDINGS
        else s
        for s in SUITE
    ],
    ids=[s.name for s in SUITE],
)


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


@NAMED_SPECS
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
