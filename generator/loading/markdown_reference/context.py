"""The build context every part reads, and the names and media types they share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.diagnostics import Diagnostics
from generator.loading.markdown_reference.blocks import Source
from generator.loading.markdown_reference.raw import RawSchema

JSON_MEDIA = "application/json"
BINARY_MEDIA = "application/octet-stream"
_SCHEMA_REF = "#/components/schemas/"
PRIMITIVE_TYPES = frozenset({"string", "integer", "number", "boolean", "object"})


@dataclass
class Context:
    """What every part of the build reads: the capture, the schemas, and the diagnostics."""

    source: Source
    diagnostics: Diagnostics
    schemas: dict[str, RawSchema]
    enum_by_description: dict[str, str]
    error_descriptions: dict[str, str]
    error_component: dict[str, Any] | None
    """The error body the prose describes; 4xx/5xx responses refer to it when present."""
    error_schema: str | None
    replaced_error_schemas: set[str] = field(default_factory=set)


def ref(name: str) -> dict[str, Any]:
    return {"$ref": _SCHEMA_REF + name}
