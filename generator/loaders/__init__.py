"""Loaders: one per source format, each turning a captured document into OpenAPI.

A loader is a function `load(source, options, diagnostics) -> dict` that reads the file
at `source` (the path named by `[source] path` in sdk.toml), uses `options` (the
`[source.options]` table, possibly empty) and returns a JSON-compatible OpenAPI 3.x
document as a plain dict. It records every gap it filled or could not fill in
`diagnostics` (`note` for a recovered gap, `warn` for something degraded) and raises
`SpecError` only when nothing usable can be produced. Overlays, validation and
normalisation to 3.1 happen after it, the same for every format.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostics, SpecError

Loader = Callable[[Path, Mapping[str, Any], Diagnostics], dict[str, Any]]


def _registry() -> dict[str, Loader]:
    # Imported here so that a loader's own imports cost nothing for the others.
    from generator.loaders import openapi

    loaders: dict[str, Loader] = {"openapi": openapi.load}
    for fmt, module_name in _VENDOR_FORMATS.items():
        try:
            module = __import__(f"generator.loaders.{module_name}", fromlist=["load"])
        except ModuleNotFoundError:
            continue
        loaders[fmt] = module.load
    return loaders


_VENDOR_FORMATS = {
    "examples-json": "examples_json",
    "markdown-reference": "markdown_reference",
    "redoc-text": "redoc_text",
    "models-doc": "models_doc",
}


def formats() -> list[str]:
    return sorted(_registry())


def get_loader(fmt: str, location: str) -> Loader:
    loaders = _registry()
    if fmt not in loaders:
        known = ", ".join(sorted(loaders))
        raise SpecError(location, f"unknown source format {fmt!r} (known: {known})")
    return loaders[fmt]
