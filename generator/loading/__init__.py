"""Loaders: one per source format, each turning a captured document into OpenAPI.

A loader is a function `load(source, options, diagnostics) -> dict` that reads the file
at `source` (the path named by `[source] path` in sdk.toml), uses `options` (the
`[source.options]` table, possibly empty) and returns a JSON-compatible OpenAPI 3.x
document as a plain dict. It records every gap it filled or could not fill in
`diagnostics` (`note` for a recovered gap, `warn` for something degraded) and raises
`SpecError` only when nothing usable can be produced. Overlays, validation and
normalisation to 3.1 happen after it, the same for every format. Every file is read
through `generator.loading.reader`, which reads regular files of bounded size only.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostics, SpecError

Loader = Callable[[Path, Mapping[str, Any], Diagnostics], dict[str, Any]]


# Format name -> module; each module is imported only when its format is asked for.
_FORMATS = {
    "openapi": "openapi",
    "examples-json": "examples_json",
    "markdown-reference": "markdown_reference",
    "redoc-text": "redoc_text",
    "models-doc": "models_doc",
}


def get_loader(fmt: str, location: str, root: Path) -> Loader:
    """The loader for `fmt`; `root` is the folder the files a source names must lie in."""
    if fmt not in _FORMATS:
        known = ", ".join(sorted(_FORMATS))
        raise SpecError(location, f"unknown source format {fmt!r} (known: {known})")
    module = importlib.import_module(f"generator.loading.{_FORMATS[fmt]}")
    if fmt == "openapi":
        # The one format whose documents name other files (`$ref`), so the one told where
        # those may be; the others read only `source`, already checked against `root`.
        return functools.partial(module.load, root=root)
    loader: Loader = module.load
    return loader
