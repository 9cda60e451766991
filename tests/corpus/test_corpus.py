"""Every public API spec under ../shared/corpus/ generates a package that keeps every
operation, imports with every model built, parses the spec's own examples and serialises
them back, and passes `mypy --strict`. `python -m tools.corpus` runs the same steps as a
table; FINDINGS.md records what these tests found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.build.operations import HTTP_METHODS
from tests.corpus.conftest import corpus_package
from tools.corpus import CORPUS, CorpusSpec, check_package, example_cases, run_mypy

# Open findings (FINDINGS.md): strict, so a fix shows up as XPASS and the entry goes.
KNOWN: dict[tuple[str, str], str] = {
    ("openai", "examples"): "F10b: discriminator tags ignore the members' single enum value",
    ("digitalocean", "examples"): "F10a/F11: file-relative discriminator mappings; allOf of non-objects",
    ("twilio", "mypy"): "F4: body-only form bodies passed to data= unconverted",
    ("stripe", "mypy"): "F3: paginated op with a body: _iter uses an undefined `body`",
    ("openai", "mypy"): "F9: tags differing only in case share resource class names",
    ("digitalocean", "mypy"): "F8: schema tags_resource shadows resource class TagsResource",
}
SMALL = [s for s in CORPUS if not s.large]
MYPY_GROUPS = {"small": [s for s in SMALL if s.name.startswith("oai-")]} | {
    s.name: [s] for s in CORPUS if not s.name.startswith("oai-")
}


def _params(specs: list[CorpusSpec], check: str) -> list[object]:
    return [
        pytest.param(s, id=s.name, marks=[pytest.mark.xfail(reason=KNOWN[(s.name, check)], strict=True)]
                     if (s.name, check) in KNOWN else [])
        for s in specs
    ]


def _operations_in(document: dict[str, object]) -> int:
    paths = document.get("paths") or {}
    assert isinstance(paths, dict)
    return sum(1 for item in paths.values() for method in HTTP_METHODS if method in item)


@pytest.mark.parametrize("spec", _params(list(CORPUS), "operations"))
def test_every_operation_becomes_a_method(spec: CorpusSpec, corpus_out: Path) -> None:
    package = corpus_package(spec, corpus_out)
    document = json.loads((package.root / "openapi.json").read_text(encoding="utf-8"))
    assert package.summary["operations"] == _operations_in(document)
    assert (package.root / package.package / "_client.py").is_file()


@pytest.mark.parametrize("spec", _params(list(CORPUS), "examples"))
def test_package_imports_and_parses_the_specs_own_examples(spec: CorpusSpec, corpus_out: Path) -> None:
    package = corpus_package(spec, corpus_out)
    document = json.loads((package.root / "openapi.json").read_text(encoding="utf-8"))
    examples = example_cases(package.target, document)
    check = check_package(package.root, package.package, examples.cases)
    assert check.error is None, check.error
    assert check.models == package.summary["models"]
    assert not check.example_failures, "\n".join(check.example_failures[:10])
    assert check.examples_ok == len(examples.cases)


def _mypy_params() -> list[object]:
    params = []
    for group, specs in MYPY_GROUPS.items():
        known = [KNOWN[(s.name, "mypy")] for s in specs if (s.name, "mypy") in KNOWN]
        marks = [pytest.mark.xfail(reason="; ".join(known), strict=True)] if known else []
        params.append(pytest.param(specs, id=group, marks=marks))
    return params


@pytest.mark.parametrize("specs", _mypy_params())
def test_packages_pass_mypy_strict(specs: list[CorpusSpec], corpus_out: Path) -> None:
    packages = [corpus_package(spec, corpus_out) for spec in specs]
    passed, output = run_mypy([p.root / p.package for p in packages])
    assert passed, output
