"""Any valid OpenAPI document generates a package whose every module compiles and whose
client has one method per operation (200 random documents, each built in memory)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given

from generator.building.operations import HTTP_METHODS
from tests.properties.documents import documents
from tests.properties.packages import render, write_spec
from tests.properties.settings import PROPERTY_SETTINGS


@PROPERTY_SETTINGS
@given(documents())
def test_every_document_renders_code_that_compiles(document: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory(prefix="prop-doc-") as tmp:
        api, files = render(write_spec(document, Path(tmp)))
    for file in files:
        if file.path.endswith(".py") and not _is_runtime(file.path):
            compile(file.text, file.path, "exec")
    operations = sum(1 for item in document["paths"].values() for m in HTTP_METHODS if m in item)
    assert api.operation_count == operations
    methods = [(r.attribute, op.name) for r in api.resources for op in r.operations]
    assert len(set(methods)) == len(methods)
    assert len({r.attribute for r in api.resources}) == len(api.resources)
    assert len({r.class_name for r in api.resources}) == len(api.resources)


def _is_runtime(path: str) -> bool:
    """The runtime modules (`<pkg>/_*.py` but the client) do not depend on the
    document; the golden cases compile and type-check them."""
    parts = path.split("/")
    return (
        len(parts) == 2
        and parts[1].startswith("_")
        and parts[1] not in ("__init__.py", "_client.py")
    )
