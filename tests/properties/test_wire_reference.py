"""A reference for the wire: parameter schemas and values drawn by Hypothesis, sent by
the generated SDK to a real server on 127.0.0.1, and every recorded request read back by
openapi-core (an independent OpenAPI request validator and deserialiser): it must find
no fault, and the values it hands the server must equal the values passed.

One package serves every example: the parameters are drawn first (each cell of the
specification's style table in every location, plus drawn extras, `allowReserved` and
`content`), one operation each, and generated together; each example then draws an
operation of its location and a value for it.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from tests.properties.packages import build, resources, sync_client
from tests.properties.settings import PROPERTY_SETTINGS
from tests.properties.wire_cases import (
    LOCATIONS,
    Location,
    WireCase,
    special_cases,
    table_case,
    table_coverage,
    values,
    wire_cases,
)
from tests.support.http_server import RecordingServer, Reply
from tests.support.openapi_reference import HOST, Reference

# Drawn operations per location beyond the table's cells.
EXTRA_CASES = 12
SPECIAL_CASES = 6


def _draw(strategy: st.SearchStrategy[WireCase], count: int) -> list[WireCase]:
    """`count` cases, the same ones on every run."""
    found: list[WireCase] = []

    @settings(PROPERTY_SETTINGS, max_examples=count, phases=[Phase.generate])
    @given(strategy)
    def collect(case: WireCase) -> None:
        found.append(case)

    collect()
    return found[:count]


def _cases(location: Location) -> list[WireCase]:
    cases = [_draw(table_case(location, cell), 1)[0] for cell in table_coverage(location)]
    cases += _draw(wire_cases(location), EXTRA_CASES)
    if location in ("query", "header"):
        cases += _draw(special_cases(location), SPECIAL_CASES)
    return cases


@dataclass(frozen=True)
class Operation:
    case: WireCase
    path: str
    call: Any
    """The bound SDK method."""
    argument: str
    """The method's argument for the parameter."""
    model: Any
    """The model class an object parameter is typed as (values are passed as one)."""

    def __repr__(self) -> str:
        return f"{self.path} {self.case.parameter()}"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))  # Hypothesis's printer would spell out every field


@dataclass(frozen=True)
class Wire:
    operations: dict[Location, list[Operation]]
    server: RecordingServer
    reference: Reference

    def __repr__(self) -> str:
        return "Wire(" + ", ".join(f"{k}: {len(v)}" for k, v in self.operations.items()) + ")"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))


def _document(cases: list[WireCase]) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for index, case in enumerate(cases):
        path = f"/op{index}" + (f"/{{{case.name}}}" if case.location == "path" else "")
        paths[path] = {
            "get": {
                "operationId": f"op{index}",
                "tags": ["wire"],
                "parameters": [case.parameter()],
                "responses": {"204": {"description": "received"}},
            }
        }
    info = {"title": "Wire", "version": "1"}
    return {"openapi": "3.1.0", "info": info, "servers": [{"url": HOST}], "paths": paths}


@pytest.fixture(scope="module")
def wire(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wire]:
    cases = [case for location in LOCATIONS for case in _cases(location)]
    document = _document(cases)
    root, package = build(document, Path(tmp_path_factory.mktemp("wire")), "wire")
    surface = _surface(root / "api.json")
    with RecordingServer() as server:
        server.set_handler(lambda request: Reply(status=204))
        client = sync_client(package, base_url=server.url, max_retries=0)
        (resource,) = resources(client).values()
        operations: dict[Location, list[Operation]] = {location: [] for location in LOCATIONS}
        for path, case in zip(document["paths"], cases, strict=True):
            method, argument, type_ = surface[(f"GET {path}", f"{case.location}:{case.name}")]
            model = getattr(package.models, type_["model"]) if "model" in type_ else None
            operation = Operation(case, path, getattr(resource, method), argument, model)
            operations[case.location].append(operation)
        yield Wire(operations, server, Reference(document))
        client.close()


def _surface(api_json: Path) -> dict[tuple[str, str], tuple[str, str, Any]]:
    """(operation, parameter wire) -> (method name, argument name, argument type)."""
    surface = json.loads(api_json.read_text(encoding="utf-8"))
    return {
        (m["operation"], a["wire"]): (m["call"].rsplit(".", 1)[1], a["name"], a["type"])
        for m in surface["methods"]
        for a in m["arguments"]
    }


@pytest.mark.parametrize("location", LOCATIONS)
def test_every_table_cell_is_drawn(wire: Wire, location: Location) -> None:
    cells = {(o.case.style, o.case.explode, _shape(o.case)) for o in wire.operations[location]}
    assert set(table_coverage(location)) <= cells


def _shape(case: WireCase) -> str:
    kind = case.schema["type"]
    return kind if kind in ("array", "object") else "primitive"


@PROPERTY_SETTINGS
@given(data=st.data())
@pytest.mark.parametrize("location", LOCATIONS)
def test_openapi_core_reads_back_every_value_sent(
    wire: Wire, location: Location, data: st.DataObject
) -> None:
    operation = data.draw(st.sampled_from(wire.operations[location]), label="operation")
    case = operation.case
    value = data.draw(values(case), label="value")
    argument = value if operation.model is None else operation.model.model_validate(value)
    if case.location == "path":
        operation.call(argument)
    else:
        operation.call(**{operation.argument: argument})
    recorded = wire.server.last_request
    result = wire.reference.unmarshal(recorded, operation.path, [case.parameter()])
    assert not result.errors, (
        f"{result.errors!r} for {recorded.path}?{recorded.query} {recorded.headers}"
    )
    received = getattr(result.parameters, location)[case.name]
    assert _plain(received) == _plain(value), f"{recorded.path}?{recorded.query} {recorded.headers}"


def _plain(value: Any) -> Any:
    """Values as compared: a date as its text, whether openapi-core parsed it or not."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
