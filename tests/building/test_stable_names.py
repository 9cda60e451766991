"""A name depends only on what it names: not on document order, not on additions.

Hypothesis draws valid documents (tests/properties/documents.py); each is built and
rendered, then shuffled (paths, methods, schemas, properties) or extended with an
unrelated schema, and built again.
"""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from generator import ir
from generator.building import build_api
from generator.config import PackageConfig, SdkConfig, SourceConfig
from generator.diagnostics import Diagnostics
from generator.ir.surface import surface_of
from generator.normalizing.normalize import normalize
from generator.pipeline import generate
from generator.rendering.render import render_api
from tests.conftest import ROOT
from tests.properties.documents import documents
from tests.properties.settings import PROPERTY_SETTINGS

CONFIG = SdkConfig(source=SourceConfig(path="spec.json"), package=PackageConfig(name="shuffled"))
Doc = dict[str, Any]


def _build(document: Doc, record: dict[str, tuple[str, str]] | None = None) -> ir.Api:
    normalised = normalize(copy.deepcopy(document), "spec.json", Diagnostics())
    return build_api(normalised, CONFIG, "spec.json", Diagnostics(), record)


def _rendered(api: ir.Api) -> dict[str, str]:
    files = render_api(api, surface_of(api), "{}", None)
    return {f.path: f.text for f in files}


def _shuffled(node: Any, rng: random.Random) -> Any:
    """The same document with every mapping's keys in another order: lists (whose order
    means something: enum values, allOf parts, required) keep theirs."""
    if isinstance(node, list):
        return [_shuffled(v, rng) for v in node]
    if not isinstance(node, dict):
        return node
    keys = list(node)
    rng.shuffle(keys)
    return {key: _shuffled(node[key], rng) for key in keys}


@PROPERTY_SETTINGS
@given(documents(), st.randoms(use_true_random=False))
def test_shuffling_a_document_changes_no_generated_byte(document: Doc, rng: random.Random) -> None:
    assert _rendered(_build(_shuffled(document, rng))) == _rendered(_build(document))


def _inline_enums(node: Any, at_component_top: bool = True) -> list[Doc]:
    """String enums written inline (not as a component of their own)."""
    found = []
    if isinstance(node, dict):
        values = node.get("enum")
        strings = isinstance(values, list) and values and all(isinstance(v, str) for v in values)
        if strings and not at_component_top:
            found.append(node)
        for key, value in node.items():
            found += _inline_enums(value, at_component_top=key == "schemas")
    elif isinstance(node, list):
        for value in node:
            found += _inline_enums(value, at_component_top=False)
    return found


@PROPERTY_SETTINGS
@given(documents(), st.data())
def test_adding_a_schema_renames_nothing_that_existed(document: Doc, data: st.DataObject) -> None:
    """The added schema sorts before every other, and repeats an inline enum and object
    of the document where it has them: the shapes it shares become its own only if they
    were not named before."""
    before = _build(document)
    added: Doc = {"type": "object", "properties": {"note": {"type": "string"}}}
    for index, enum in enumerate(_inline_enums(document)[:2]):
        added["properties"][f"copy{index}"] = copy.deepcopy(enum)
    extended = copy.deepcopy(document)
    schemas = extended.setdefault("components", {}).setdefault("schemas", {})
    name = data.draw(st.sampled_from(["AaaAdded", "Aaa", "A0"]).filter(lambda n: n not in schemas))
    schemas[name] = added
    after = _build(extended, surface_of(before).name_record())
    old_names = surface_of(before).name_record()
    new_names = surface_of(after).name_record()
    renamed = {
        identity: (name, new_names.get(identity, ("<gone>",))[0])
        for identity, (name, _) in old_names.items()
        if new_names.get(identity, ("<gone>",))[0] != name
    }
    assert renamed == {}


def test_a_reordered_vendor_spec_generates_the_same_package(tmp_path: Path) -> None:
    """The whole pipeline, formatting included, on a real capture's normalised spec."""
    spec = json.loads((ROOT / "generated/lightdash/openapi.json").read_text(encoding="utf-8"))
    for name, document in (("a", spec), ("b", _shuffled(spec, random.Random(7)))):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "sdk.toml").write_text(
            '[source]\npath = "openapi.json"\n\n[package]\nname = "lightdash"\n'
            'client_class = "Lightdash"\n\n[response]\nenvelope = "results"\n'
        )
        (folder / "openapi.json").write_text(json.dumps(document))
        generate(folder, tmp_path / "out" / name)
    a, b = _files(tmp_path / "out" / "a"), _files(tmp_path / "out" / "b")
    assert a.keys() == b.keys()
    assert [path for path in a if a[path] != b[path]] == []


def _files(root: Path) -> dict[str, bytes]:
    """Every file but the generator's stamp (which hashes the input file's bytes)."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and ".sdkgen" not in str(p.relative_to(root))
    }
