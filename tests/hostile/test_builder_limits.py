"""No schema depth or length reaches a Python limit while building: names of 5,000
characters make short file and module names, the deepest types the loader admits
generate and import, nesting past the builder's bound is refused with one clear line,
and a default nested past its bound is left out with a note."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.building import build_api
from generator.building.defaults import MAX_DEFAULT_NESTING
from generator.building.naming import MAX_MODULE_LENGTH
from generator.diagnostics import Diagnostics
from generator.pipeline import generate, load_normalized, resolve_input
from tests.conftest import import_generated
from tests.hostile.cli import run_cli

_HEAD = {"openapi": "3.1.0", "info": {"title": "Limits", "version": "1"}}


def _document(schemas: dict[str, Any], root: str, **operation: Any) -> dict[str, Any]:
    response = {"content": {"application/json": {"schema": {"$ref": root}}}}
    get = {"responses": {"200": {"description": "ok", **response}}, **operation}
    return {**_HEAD, "paths": {"/a": {"get": get}}, "components": {"schemas": schemas}}


def _long_names(word: str) -> dict[str, Any]:
    """Every name a file, module or identifier is made from, 5,000 characters long."""
    long = (word * 5_000)[:5_000]
    schema = {
        "type": "object",
        "properties": {f"p{long}": {"type": "string", "enum": [f"v{long}", "w"]}},
    }
    document = _document(
        {f"S{long}": schema},
        f"#/components/schemas/S{long}",
        operationId=f"op{long}",
        tags=[f"T{long}"],
        parameters=[{"name": f"q{long}", "in": "query", "schema": {"type": "integer"}}],
    )
    return {**document, "info": {"title": f"Limits {long}", "version": "1"}}


@pytest.mark.parametrize("word", ["ab", "Ünïcødé Wörd "], ids=["ascii", "accented"])
def test_names_of_5000_characters_make_short_file_names(tmp_path: Path, word: str) -> None:
    spec = tmp_path / "long.json"
    spec.write_text(json.dumps(_long_names(word), ensure_ascii=False))
    result = run_cli(spec, tmp_path / "out", timeout=60)
    assert result.returncode == 0, (result.stdout + result.stderr)[-1500:]
    files = [p for p in (tmp_path / "out").rglob("*") if "__pycache__" not in p.parts]
    assert max(len(p.name.encode()) for p in files) <= MAX_MODULE_LENGTH + len(".py")
    (package_root,) = [p for p in (tmp_path / "out").iterdir() if p.is_dir()]
    (package,) = [p.name for p in package_root.iterdir() if (p / "__init__.py").is_file()]
    sdk = import_generated(package_root, package)
    (resource,) = (p.stem for p in (package_root / package / "resources").glob("[!_]*.py"))
    assert sdk.__all__ and all(hasattr(sdk, name) for name in sdk.__all__)
    assert len(resource) <= MAX_MODULE_LENGTH


def _nested(levels: int, wrap: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    for _ in range(levels):
        schema = wrap(schema)
    return schema


_DEEPEST = {
    # JSON depth: components/schemas/D/properties/d, then each level (the loader stops at 200).
    "arrays": _nested(97, lambda s: {"type": "array", "items": s}),
    "maps": _nested(97, lambda s: {"type": "object", "additionalProperties": s}),
    "unions": _nested(64, lambda s: {"oneOf": [{"type": "integer"}, s]}),
    "nullable arrays": _nested(70, lambda s: {"type": ["array", "null"], "items": s}),
}


@pytest.mark.parametrize("case", sorted(_DEEPEST))
def test_the_deepest_types_the_loader_admits_generate_and_import(tmp_path: Path, case: str) -> None:
    holder = {"type": "object", "properties": {"d": _DEEPEST[case]}}
    spec = tmp_path / "deep.json"
    spec.write_text(json.dumps(_document({"D": holder}, "#/components/schemas/D")))
    summary = generate(spec, tmp_path / "out", force=True)
    assert summary.models == 1
    sdk = import_generated(tmp_path / "out", "limits")
    sdk.models.D.model_rebuild(raise_errors=True)


def _chain(length: int, link: Any) -> dict[str, Any]:
    schemas = {f"A{i}": link(f"#/components/schemas/A{i + 1}") for i in range(length)}
    schemas[f"A{length}"] = {"type": "integer"}
    return _document(schemas, "#/components/schemas/A0")


_LINKS = {
    "arrays": lambda ref: {"type": "array", "items": {"$ref": ref}},
    "unions": lambda ref: {"oneOf": [{"type": "string"}, {"$ref": ref}]},
    "described aliases": lambda ref: {"allOf": [{"$ref": ref}], "description": "An alias."},
}


@pytest.mark.parametrize("link", sorted(_LINKS))
def test_a_chain_of_aliases_within_the_bound_generates(tmp_path: Path, link: str) -> None:
    spec = tmp_path / "chain.json"
    spec.write_text(json.dumps(_chain(60, _LINKS[link])))
    result = run_cli(spec, tmp_path / "out", timeout=60)
    assert result.returncode == 0, (result.stdout + result.stderr)[-1500:]


@pytest.mark.parametrize("link", sorted(_LINKS))
def test_a_chain_of_aliases_past_the_bound_is_one_clear_line(tmp_path: Path, link: str) -> None:
    spec = tmp_path / "chain.json"
    spec.write_text(json.dumps(_chain(5_000, _LINKS[link])))
    result = run_cli(spec, tmp_path / "out", timeout=60)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-1500:]
    assert "Traceback" not in output and "internal error" not in output, output[-1500:]
    assert "chain.json#/components/schemas/A" in output and "levels deep" in output


def _with_default(depth: int) -> tuple[dict[str, Any], Any]:
    value: Any = "x"
    schema: dict[str, Any] = {"type": "string"}
    for _ in range(depth):
        value, schema = [value], {"type": "array", "items": schema}
    holder = {"type": "object", "properties": {"d": {**schema, "default": value}}}
    return _document({"D": holder}, "#/components/schemas/D"), value


@pytest.mark.parametrize("depth", [MAX_DEFAULT_NESTING, 8])
def test_a_nested_default_within_the_bound_is_kept(tmp_path: Path, depth: int) -> None:
    document, value = _with_default(depth)
    spec = tmp_path / "default.json"
    spec.write_text(json.dumps(document))
    generate(spec, tmp_path / "out", force=True)
    sdk = import_generated(tmp_path / "out", "limits")
    assert sdk.models.D().d == value


@pytest.mark.parametrize("depth", [MAX_DEFAULT_NESTING + 1, 90])
def test_a_default_nested_past_the_bound_is_left_out_with_a_note(
    tmp_path: Path, depth: int
) -> None:
    document, _ = _with_default(depth)
    spec = tmp_path / "default.json"
    spec.write_text(json.dumps(document))
    diagnostics = Diagnostics()
    api = build_api(
        load_normalized(spec, diagnostics), resolve_input(spec).config, str(spec), diagnostics
    )
    messages = [item.message for item in diagnostics.items]
    assert f"default nests more than {MAX_DEFAULT_NESTING} levels deep" in messages, messages
    assert api.models[0].fields[0].default is None
