"""Turning a drawn document into a package: in memory for the many, on disk for a batch."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator import ir
from generator.build import build_api
from generator.diagnostics import Diagnostics
from generator.pipeline import load_normalized, resolve_input
from generator.render import RenderedFile, render_api


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
    return api, render_api(api, json.dumps(document), config.webhooks)


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
    out = {}
    for key, value in node.items():
        if key in ("$ref",) and isinstance(value, str):
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
    name = ref[len(prefix):].replace("~1", "/").replace("~0", "~")
    if not ref.startswith(prefix) or name not in renames:
        return ref
    return prefix + renames[name].replace("~", "~0").replace("/", "~1")
