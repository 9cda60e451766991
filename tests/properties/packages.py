"""Turning a document into a package: in memory for the many, on disk for a batch or a
test's own spec, and finding its client and resources whatever the spec named them."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from generator import ir
from generator.building import build_api
from generator.diagnostics import Diagnostics
from generator.ir.surface import surface_of
from generator.pipeline import generate, load_normalized, resolve_input
from generator.rendering.render import RenderedFile, render_api
from tests.conftest import import_generated


def write_spec(document: dict[str, Any], folder: Path, name: str = "spec") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def render(spec: Path) -> tuple[ir.Api, list[RenderedFile]]:
    """The pipeline up to the rendered files (unformatted: formatting keeps the syntax
    tree, and skipping it makes a package cheap enough to build hundreds of)."""
    diagnostics = Diagnostics()
    document = load_normalized(spec, diagnostics)
    config = resolve_input(spec).config
    api = build_api(document, config, str(spec), diagnostics)
    return api, render_api(api, surface_of(api), json.dumps(document), config.webhooks)


def merge(documents: list[dict[str, Any]]) -> dict[str, Any]:
    """One document holding all of `documents` (of one OpenAPI version): paths under
    `/d<i>`, and a component renamed `d<i>_<name>` only where an earlier document took
    its name (so odd names stay odd where they can)."""
    merged: dict[str, Any] = {
        "openapi": documents[0]["openapi"],
        "info": {"title": "batch", "version": "1.0"},
        "servers": [{"url": "https://api.example.com"}],
        "paths": {},
        "components": {"schemas": {}},
    }
    for index, document in enumerate(documents):
        assert document["openapi"] == merged["openapi"], "3.0 and 3.1 do not mix"
        schemas = document["components"]["schemas"]
        taken = merged["components"]["schemas"]
        renames = {n: (f"d{index}_{n}" if n in taken else n) for n in schemas}
        document = _renamed(document, renames)
        taken.update(document["components"]["schemas"])
        for path, item in document["paths"].items():
            merged["paths"][f"/d{index}{path}"] = item
    return merged


def _renamed(node: Any, renames: dict[str, str]) -> Any:
    if isinstance(node, list):
        return [_renamed(v, renames) for v in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "$ref" and isinstance(value, str):
            out[key] = _renamed_ref(value, renames)
        elif key == "mapping" and isinstance(value, dict):
            out[key] = {k: _renamed_ref(v, renames) for k, v in value.items()}
        elif key == "schemas" and isinstance(value, dict) and set(value) == set(renames):
            out[key] = {renames[k]: _renamed(v, renames) for k, v in value.items()}
        else:
            out[key] = _renamed(value, renames)
    return out


def _renamed_ref(ref: str, renames: dict[str, str]) -> str:
    prefix = "#/components/schemas/"
    name = ref[len(prefix) :].replace("~1", "/").replace("~0", "~")
    if not ref.startswith(prefix) or name not in renames:
        return ref
    return prefix + renames[name].replace("~", "~0").replace("/", "~1")


def build(document: dict[str, Any], folder: Path, name: str) -> tuple[Path, ModuleType]:
    """Write `document` as `<name>.json`, generate package `name`, import it fresh.
    Returns the package folder (holding `<name>/`) and the module."""
    spec = write_spec(document, folder, name)
    root = folder / "out"
    generate(spec, root, force=True, name=name)
    return root, import_generated(root, name)


def sync_client(package: ModuleType, **kwargs: Any) -> Any:
    """An instance of the package's sync client class, whatever the spec named it."""
    client_module = sys.modules[f"{package.__name__}._client"]
    base = sys.modules[f"{package.__name__}._base_client"].SyncAPIClient
    classes = [
        c
        for c in vars(client_module).values()
        if isinstance(c, type) and issubclass(c, base) and c is not base
    ]
    assert len(classes) == 1, classes
    return classes[0](**kwargs)


def resources(client: Any) -> dict[str, Any]:
    """Resource attribute -> resource, for every resource the client offers."""
    names = [n for n, v in vars(type(client)).items() if isinstance(v, functools.cached_property)]
    return {name: getattr(client, name) for name in names if not name.startswith("with_")}
