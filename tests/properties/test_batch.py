"""Random documents, many at once: for each OpenAPI version, one package generated
(formatted, written) from a batch of them imports with every model built and passes `mypy --strict`, and values drawn
by hypothesis-jsonschema from any component's schema parse with the generated type and
serialise back to equal JSON (200 values)."""

from __future__ import annotations

import importlib
import json
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

import pydantic
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from generator.building import build_api
from generator.diagnostics import Diagnostics
from generator.pipeline import generate, resolve_input
from tests.conftest import import_generated
from tests.properties.documents import VERSIONS, documents
from tests.properties.packages import merge, write_spec
from tests.properties.settings import PROPERTY_SETTINGS
from tests.properties.values import drawable
from tools.package_checks import python_type, run_mypy, same_json
from tools.spec_examples import ExampleCase

BATCH_DOCUMENTS = 100
# OpenAPI formats hypothesis-jsonschema does not know; unknown ones it draws as any string.
_FORMATS = {"uuid": st.uuids().map(str)}


@dataclass(frozen=True)
class Batch:
    document: dict[str, Any]
    """The merged document as drawn (before the generator normalised it)."""
    root: Path
    package: ModuleType
    models: ModuleType
    types: dict[str, ExampleCase]
    """Component name -> its generated type (an ExampleCase without a value)."""
    strategies: dict[str, st.SearchStrategy[Any]] = field(default_factory=dict)
    """Built on first use: hypothesis-jsonschema takes a while over a schema."""
    adapters: dict[str, pydantic.TypeAdapter[Any]] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"Batch({self.document['openapi']}: {len(self.types)} components)"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))  # Hypothesis's printer would spell out the whole document

    def values(self, name: str) -> st.SearchStrategy[Any]:
        if name not in self.strategies:
            schema = drawable(self.document, name)
            assert schema is not False, f"{name}: nothing can be drawn"
            self.strategies[name] = from_schema(schema, custom_formats=_FORMATS)
        return self.strategies[name]

    def adapter(self, name: str) -> pydantic.TypeAdapter[Any]:
        if name not in self.adapters:
            kind = python_type(self.package.__name__, self.models, self.types[name])
            self.adapters[name] = pydantic.TypeAdapter(kind)
        return self.adapters[name]


def _draw_documents(count: int, version: str) -> list[dict[str, Any]]:
    """`count` documents, the same ones on every run."""
    found: list[dict[str, Any]] = []

    @settings(PROPERTY_SETTINGS, max_examples=count, phases=[Phase.generate])
    @given(documents(version))
    def collect(document: dict[str, Any]) -> None:
        found.append(document)

    collect()
    return found


@pytest.fixture(scope="module", params=VERSIONS)
def batch(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Batch]:
    document = merge(_draw_documents(BATCH_DOCUMENTS, request.param))
    # One package name per version: both batches may live in one worker, and lazily
    # imported model modules are found by package name.
    package_name = "batch_" + request.param.replace(".", "_")
    spec = write_spec(document, tmp_path_factory.mktemp("batch"), package_name)
    root = spec.parent / "out"
    generate(spec, root, force=True, name=package_name)
    normalised = json.loads((root / "openapi.json").read_text(encoding="utf-8"))
    api = build_api(normalised, resolve_input(spec).config, str(spec), Diagnostics())
    types = {name: ExampleCase.of(name, type_, None) for name, type_ in api.components}
    package = import_generated(root, package_name)
    models = importlib.import_module(f"{package_name}.models")
    yield Batch(document, root, package, models, types)


def test_batch_imports_with_every_component_type_usable(batch: Batch) -> None:
    assert set(batch.types) == set(batch.document["components"]["schemas"])
    models = batch.models
    for name in models.__all__:
        cls = getattr(models, name)
        if isinstance(cls, type) and issubclass(cls, pydantic.BaseModel):
            cls.model_rebuild(raise_errors=True)
    unusable = []
    for name in sorted(batch.types):
        try:
            batch.adapter(name)
        except (TypeError, NameError, pydantic.PydanticUserError) as exc:
            unusable.append(
                f"{name!r} -> {batch.types[name].annotation}: {type(exc).__name__}: {exc}"
            )
    assert not unusable, "\n".join(unusable)


def test_batch_passes_mypy_strict(batch: Batch) -> None:
    passed, output = run_mypy([batch.root / batch.package.__name__])
    assert passed, output


@PROPERTY_SETTINGS
@given(data=st.data())
def test_drawn_values_parse_and_serialise_back(batch: Batch, data: st.DataObject) -> None:
    name = data.draw(st.sampled_from(sorted(batch.types)), label="component")
    value = data.draw(batch.values(name), label="value")
    annotation = batch.types[name].annotation
    adapter = batch.adapter(name)
    try:
        parsed = adapter.validate_json(json.dumps(value))
    except pydantic.ValidationError as exc:
        schema = json.dumps(batch.document["components"]["schemas"][name])[:2000]
        raise AssertionError(
            f"{annotation} rejects {value!r}\nschema {name!r}: {schema}\n{exc}"
        ) from None
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # pydantic warns where serialisation went astray
        back = adapter.dump_python(parsed, mode="json", by_alias=True, exclude_unset=True)
    assert same_json(back, value), f"{annotation}: {value!r} came back as {back!r}"
