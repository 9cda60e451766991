"""No input depth or length reaches a Python (or C) limit while loading and normalising:
chains of schemas and of files, block and flow YAML nested or long, documents deepened
by an overlay or converted from Swagger 2.0 all either generate or are refused with one
clear line. Deep-input cases run the whole `sdkgen generate`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.diagnostics import Diagnostics
from generator.pipeline import load_normalized
from tests.hostile.cli import run_cli

_HEAD = {"openapi": "3.1.0", "info": {"title": "Deep", "version": "1"}}


def _assert_generates(spec: Path, tmp_path: Path) -> None:
    result = run_cli(spec, tmp_path / "out", timeout=50)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-1500:]


def _assert_refused(spec: Path, tmp_path: Path, *expected: str) -> None:
    result = run_cli(spec, tmp_path / "out", timeout=50)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-1500:]
    assert "Traceback" not in output and "internal error" not in output, output[-1500:]
    assert len(result.stderr.strip().splitlines()) <= 2, output[-1500:]
    for text in expected:
        assert text in output, output[-1500:]


def _uses(schema: str) -> dict[str, Any]:
    response = {"content": {"application/json": {"schema": {"$ref": schema}}}}
    return {"/a": {"get": {"responses": {"200": {"description": "ok", **response}}}}}


def _chain(length: int) -> dict[str, Any]:
    """S0 -> S1 -> ... -> S<length>, each an object whose property is the next."""
    schemas: dict[str, Any] = {
        f"S{i}": {
            "type": "object",
            "properties": {"next": {"$ref": f"#/components/schemas/S{i + 1}"}},
        }
        for i in range(length)
    }
    schemas[f"S{length}"] = {"type": "string"}
    return {**_HEAD, "paths": _uses("#/components/schemas/S0"), "components": {"schemas": schemas}}


@pytest.mark.parametrize("length", [250, 5_000])
def test_a_chain_of_schemas_loads(tmp_path: Path, length: int) -> None:
    spec = tmp_path / "chain.json"
    spec.write_text(json.dumps(_chain(length)))
    document = load_normalized(spec, Diagnostics())
    assert len(document["components"]["schemas"]) == length + 1


@pytest.mark.parametrize("length", [250, 5_000])
def test_a_chain_of_schemas_generates(tmp_path: Path, length: int) -> None:
    spec = tmp_path / "chain.json"
    spec.write_text(json.dumps(_chain(length)))
    _assert_generates(spec, tmp_path)


def _file_chain(folder: Path, length: int) -> Path:
    """root.yaml -> s0.yaml -> s1.yaml -> ... each file's property the next file."""
    for i in range(length):
        (folder / f"s{i}.yaml").write_text(
            f"type: object\nproperties:\n  next: {{$ref: 's{i + 1}.yaml'}}\n"
        )
    (folder / f"s{length}.yaml").write_text("type: string\n")
    root = folder / "root.yaml"
    root.write_text(
        "openapi: 3.1.0\ninfo: {title: Deep, version: '1'}\npaths: {}\n"
        "components:\n  schemas:\n    Start: {$ref: 's0.yaml'}\n"
    )
    return root


def test_a_chain_of_files_loads(tmp_path: Path) -> None:
    document = load_normalized(_file_chain(tmp_path, 2_000), Diagnostics())
    assert len(document["components"]["schemas"]) == 2_002


def test_a_chain_of_files_generates(tmp_path: Path) -> None:
    _assert_generates(_file_chain(tmp_path, 250), tmp_path)


@pytest.mark.parametrize("depth", [1_000, 30_000])
def test_compact_block_sequences_nested_deep_are_refused(tmp_path: Path, depth: int) -> None:
    # `- - - ... 1`: 30,000 levels in 60 kB crashed libyaml's composer (a segfault).
    spec = tmp_path / "deep.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\nx-deep:\n  "
        + "- " * depth
        + "1\n"
    )
    _assert_refused(spec, tmp_path, "deep.yaml:5", "nesting deeper than")


def test_deep_json_converted_from_swagger_2_is_refused(tmp_path: Path) -> None:
    spec = tmp_path / "deep.json"
    head = {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}}
    spec.write_text(json.dumps(head)[:-1] + ', "x-deep": ' + "[" * 900 + "]" * 900 + "}")
    _assert_refused(spec, tmp_path, "deep.json", "nesting deeper than")


def test_an_overlay_that_deepens_the_document_is_refused(tmp_path: Path) -> None:
    deep: Any = "leaf"
    for _ in range(150):
        deep = {"a": deep}
    (tmp_path / "spec.json").write_text(json.dumps({**_HEAD, "paths": {}, "x-deep": deep}))
    actions = [{"target": "$.x-deep" + ".a" * 149, "update": deep}]
    (tmp_path / "deeper.json").write_text(json.dumps({"overlay": "1.0.0", "actions": actions}))
    (tmp_path / "sdk.toml").write_text(
        '[source]\npath = "spec.json"\noverlays = ["deeper.json"]\n[package]\nname = "deep"\n'
    )
    _assert_refused(tmp_path, tmp_path, "deeper.json", "nesting deeper than 200 levels")


def test_long_flow_style_yaml_generates(tmp_path: Path) -> None:
    spec = tmp_path / "long.yaml"
    items = ", ".join(str(i) for i in range(200_000))
    keys = ", ".join(f"k{i}: {{type: string}}" for i in range(2_000))
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: Long, version: '1'}\npaths: {}\n"
        f"x-long: [{items}]\ncomponents: {{schemas: {{Wide: {{type: object, properties: {{{keys}}}}}}}}}\n"
    )
    _assert_generates(spec, tmp_path)


@pytest.mark.parametrize(("character", "name"), [("\x00", "U+0000"), ("\x1b", "U+001B")])
def test_a_control_character_in_yaml_is_one_located_line(
    tmp_path: Path, character: str, name: str
) -> None:
    spec = tmp_path / "control.yaml"
    spec.write_text(
        f"openapi: 3.1.0\ninfo:\n  title: 'a{character}b'\n  version: '1'\npaths: {{}}\n"
    )
    _assert_refused(spec, tmp_path, "control.yaml:3:", f"invalid YAML: {name}")


_CYCLES = {
    "schemas, unused": {
        "paths": {},
        "components": {
            "schemas": {
                "A": {"$ref": "#/components/schemas/B"},
                "B": {"$ref": "#/components/schemas/A"},
            }
        },
    },
    "a schema that is itself": {
        "paths": {},
        "components": {"schemas": {"C": {"$ref": "#/components/schemas/C", "description": "x"}}},
    },
    "parameters": {
        "paths": {
            "/a": {
                "get": {
                    "parameters": [{"$ref": "#/components/parameters/P"}],
                    "responses": {"200": {"description": "ok"}},
                }
            }
        },
        "components": {
            "parameters": {
                "P": {"$ref": "#/components/parameters/Q"},
                "Q": {"$ref": "#/components/parameters/P"},
            }
        },
    },
    "responses": {
        "paths": {"/a": {"get": {"responses": {"200": {"$ref": "#/components/responses/R"}}}}},
        "components": {"responses": {"R": {"$ref": "#/components/responses/R"}}},
    },
}


@pytest.mark.parametrize("case", sorted(_CYCLES))
def test_a_reference_cycle_with_no_schema_in_it_is_fatal(tmp_path: Path, case: str) -> None:
    # README: fatal, as a $ref that resolves to nothing is (it names nothing either).
    spec = tmp_path / "cycle.json"
    spec.write_text(json.dumps({**_HEAD, **_CYCLES[case]}))
    _assert_refused(spec, tmp_path, "cycle.json#/", "reference cycle with no schema in it")


def test_a_schema_defined_only_through_itself_is_typed_any_with_a_warning(tmp_path: Path) -> None:
    # Not a chain of $refs: a composition of itself, which the builder degrades.
    schemas = {"A": {"allOf": [{"$ref": "#/components/schemas/A"}]}}
    spec = tmp_path / "self.json"
    spec.write_text(json.dumps({**_HEAD, "paths": {}, "components": {"schemas": schemas}}))
    result = run_cli(spec, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert (
        "warning: schema 'A' refers to itself with no class in between (typed as Any there)"
        in result.stdout
    )
