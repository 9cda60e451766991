"""Damaged documents never crash the generator: a random node of a valid document
replaced by a value of the wrong shape (or removed) either still generates code that
compiles, or stops with a `SpecError` that names the file (200 damaged documents)."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from generator.diagnostics import SpecError
from tests.properties.documents import documents
from tests.properties.packages import render, write_spec
from tests.properties.settings import PROPERTY_SETTINGS

_WRONG = st.sampled_from(
    [
        None,
        0,
        -1,
        1.5,
        True,
        "",
        "x",
        "#/nowhere",
        [],
        [None],
        {},
        {"$ref": 7},
        {"$ref": "#/components/schemas/Missing"},
    ]
)
_DELETE = object()


def _locations(node: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [at] if at else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _locations(value, (*at, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _locations(value, (*at, index))
    return found


def _damaged(document: dict[str, Any], at: tuple[Any, ...], value: Any) -> dict[str, Any]:
    damaged = copy.deepcopy(document)
    parent = damaged
    for step in at[:-1]:
        parent = parent[step]
    if value is _DELETE:
        del parent[at[-1]]
    else:
        parent[at[-1]] = value
    return damaged


# No shrinking: over documents this size it takes minutes (and trips Hypothesis 6.155's
# shrinker); the failing document is printed whole, and FINDINGS.md has minimal ones.
@settings(PROPERTY_SETTINGS, report_multiple_bugs=False, phases=[Phase.explicit, Phase.generate])
@given(data=st.data())
def test_damage_is_survived_or_reported_with_its_file(data: st.DataObject) -> None:
    document = data.draw(documents(), label="document")
    at = data.draw(st.sampled_from(_locations(document)), label="where")
    value = data.draw(st.one_of(st.just(_DELETE), _WRONG), label="new value")
    with tempfile.TemporaryDirectory(prefix="prop-broken-") as tmp:
        spec = write_spec(_damaged(document, at, value), Path(tmp))
        try:
            _, files = render(spec)
        except SpecError as exc:
            assert str(spec) in exc.location or spec.name in exc.location, exc
            return
    for file in files:
        if file.path.endswith(".py"):
            compile(file.text, file.path, "exec")
