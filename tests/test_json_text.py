"""`indented_json` writes what `json.dumps` with an indent writes, byte for byte."""

from __future__ import annotations

import json
from typing import Any

import pytest

from generator.json_text import indented_json
from tests.conftest import shared_file

AWKWARD: Any = {
    "zeta": [1, 2.5, -0.0, 1e16, float("nan"), float("inf"), -float("inf"), True, None],
    "alpha": {"empty list": [], "empty dict": {}, "tuple": (1, "two")},
    "unicode": 'é ✓ "quoted" \\ \n\t\x00 \u2028',
    "nested": [[{"b": 1, "a": [{}]}], []],
    3: "int key",
    2.5: "float key",
    True: "bool key",
    None: "null key",
}


@pytest.mark.parametrize("indent", [1, 2, 4])
@pytest.mark.parametrize("sort_keys", [False, True])
def test_matches_the_standard_library(indent: int, sort_keys: bool) -> None:
    value = AWKWARD if not sort_keys else {str(k): v for k, v in AWKWARD.items()}
    expected = json.dumps(value, indent=indent, ensure_ascii=False, sort_keys=sort_keys)
    assert indented_json(value, indent, sort_keys) == expected


def test_matches_on_a_real_document() -> None:
    document = json.loads(
        shared_file("specs/reference/lightdash-0.1366.1-openapi.json").read_text("utf-8")
    )
    expected = json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True)
    assert indented_json(document, 2, sort_keys=True) == expected


def test_refuses_what_json_cannot_hold() -> None:
    with pytest.raises(TypeError):
        indented_json({"a": object()}, 2)
