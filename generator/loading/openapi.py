"""The standard loader: OpenAPI 3.0 / 3.1 or Swagger 2.0, JSON or YAML, one or many files."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostics, SpecError
from generator.loading import swagger2
from generator.loading.bundle import bundle
from generator.loading.reader import read_document


def load(
    source: Path, options: Mapping[str, Any], diagnostics: Diagnostics, *, root: Path
) -> dict[str, Any]:
    """`root` is the folder the files `source` refers to must lie in."""
    document = read_document(source)
    location = str(source)
    if not isinstance(document, dict):
        raise SpecError(location, "not an OpenAPI document: the top level is not a mapping")
    if "swagger" in document:
        if str(document["swagger"]) != "2.0":
            raise SpecError(location, f"unsupported Swagger version {document['swagger']!r}")
        diagnostics.note(location, "Swagger 2.0 document", "converted to OpenAPI 3")
        document = swagger2.convert(document, location, diagnostics)
    version = str(document.get("openapi", ""))
    if not version:
        raise SpecError(location, "not an OpenAPI document: no `openapi` or `swagger` field")
    if not version.startswith(("3.0", "3.1")):
        raise SpecError(location, f"unsupported OpenAPI version {version!r} (3.0.x and 3.1.x are)")
    return bundle(source, document, root)
