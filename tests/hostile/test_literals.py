"""Every `enum` and `const` becomes a type that imports, passes `mypy --strict` and
accepts what the spec lists, whatever the values are: floats, integers past 64 bits,
negative and exponent numbers, objects, arrays, values of mixed JSON types, null among
them. Enums of strings, integers and numbers are open: a value the server adds later
parses too. One package holds every case, so one mypy run checks them all."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.pipeline import generate
from tests.conftest import import_generated
from tools.package_checks import run_mypy

# (schema, values it must accept: the listed ones and, for open enums, unlisted ones)
ENUMS: dict[str, tuple[dict[str, Any], list[Any]]] = {
    "floats_and_ints": ({"type": "number", "enum": [4.1, 4]}, [4.1, 4, 4.0, 9.25]),
    "one_float": ({"enum": [1.5]}, [1.5, 2.5, 3]),
    "negative": ({"type": "integer", "enum": [-1, 0, 1]}, [-1, 0, 1, -40]),
    "exponents": ({"enum": [1e-7, 2.5e300]}, [1e-7, 2.5e300, 0.5]),
    "past_64_bits": ({"enum": [10**20, 1]}, [10**20, 1, 10**30]),
    "integral_floats": ({"type": "integer", "enum": [1.0, 2.0]}, [1, 2, 3]),
    "number_of_integers": ({"type": "number", "enum": [1, 2]}, [1, 2, 2.5]),
    "nullable_floats": ({"type": ["number", "null"], "enum": [1.5, None]}, [1.5, None, 7.5]),
    "nullable_ints": ({"enum": [1, 2, None]}, [1, None, 5]),
    "booleans": ({"enum": [True, False]}, [True, False]),
    "one_boolean": ({"enum": [True]}, [True]),
    "strings_and_ints": ({"enum": ["auto", 1, 2]}, ["auto", 1, 2, "other", 3]),
    "int_and_its_string": ({"enum": [1, "1"]}, [1, "1"]),
    "strings_ints_null": ({"enum": ["x", None, 2]}, ["x", None, 2]),
    "objects": ({"enum": [{"a": 1}, {"b": [2]}]}, [{"a": 1}, {"b": [2]}]),
    "arrays": ({"enum": [[1], [2, "x"]]}, [[1], [2, "x"]]),
    "mixed_containers": ({"enum": [{"a": 1}, [1], "s", 2.5]}, [{"a": 1}, [1], "s", 2.5]),
    "strings": ({"type": "string", "enum": ["a", "b"]}, ["a", "b", "new"]),
}
CONSTS: dict[str, Any] = {
    "c_float": 1.5,
    "c_integral_float": 2.0,
    "c_negative": -2,
    "c_big": 10**30,
    "c_object": {"a": [1, {"b": None}]},
    "c_array": [1, {"b": 2}],
    "c_empty_object": {},
    "c_empty_array": [],
    "c_true": True,
    "c_null": None,
    "c_string": "s",
    "c_empty_string": "",
    "c_zero": 0.0,
}


def _spec() -> dict[str, Any]:
    properties = {name: schema for name, (schema, _) in ENUMS.items()}
    properties |= {name: {"const": value} for name, value in CONSTS.items()}
    # `True == 1` in Python, yet they are two literals, and neither stands for the other.
    properties["true_or_one"] = {"oneOf": [{"const": True}, {"const": 1}]}
    # The same values as defaults, where a default is allowed to be one.
    properties |= {
        f"d_{name}": {**schema, "default": accepted[0]}
        for name, (schema, accepted) in ENUMS.items()
    }
    properties |= {
        f"d_{name}": {"const": value, "default": value} for name, value in CONSTS.items()
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Literals", "version": "1"},
        "paths": {
            "/values": {
                "get": {
                    "operationId": "getValues",
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Values"}
                                }
                            },
                        }
                    },
                }
            }
        },
        "components": {"schemas": {"Values": {"type": "object", "properties": properties}}},
    }


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("literals")
    spec = folder / "literals.json"
    spec.write_text(json.dumps(_spec()))
    generate(spec, folder / "out", force=True)
    yield folder / "out"
    for module in [m for m in sys.modules if m == "literals" or m.startswith("literals.")]:
        del sys.modules[module]


@pytest.fixture(scope="module")
def models(package: Path) -> ModuleType:
    import_generated(package, "literals")
    return __import__("literals.models", fromlist=["Values"])


def test_the_package_passes_mypy_strict(package: Path) -> None:
    passed, output = run_mypy([package / "literals"])
    assert passed, output


@pytest.mark.parametrize("name", sorted(ENUMS))
def test_an_enum_accepts_its_values_and_new_ones(models: ModuleType, name: str) -> None:
    for value in ENUMS[name][1]:
        parsed = models.Values.model_validate_json(json.dumps({name: value}))
        assert getattr(parsed, name) == value
        assert json.loads(parsed.to_json()) == {name: value}


@pytest.mark.parametrize("name", sorted(CONSTS))
def test_a_const_accepts_its_value(models: ModuleType, name: str) -> None:
    value = CONSTS[name]
    parsed = models.Values.model_validate_json(json.dumps({name: value}))
    assert getattr(parsed, name) == value
    assert json.loads(parsed.to_json()) == {name: value}


def test_true_and_one_stay_two_literals(models: ModuleType) -> None:
    """They were one: the IR's literal types compared `True == 1` as Python does."""
    annotation = str(models.Values.model_fields["true_or_one"].annotation)
    assert "Literal[True]" in annotation and "Literal[1]" in annotation


def test_every_default_is_kept(models: ModuleType) -> None:
    defaults = models.Values()
    for name, (_, accepted) in ENUMS.items():
        assert getattr(defaults, f"d_{name}") == accepted[0], name
    for name, value in CONSTS.items():
        assert getattr(defaults, f"d_{name}") == value, name
