"""The capture's sections sorted by kind, and the context built from them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.diagnostics import Diagnostics
from generator.loading.markdown_reference.blocks import (
    Block,
    Section,
    Source,
    group_sections,
    is_operation,
    read_blocks,
)
from generator.loading.markdown_reference.context import Context
from generator.loading.markdown_reference.errors import (
    error_body_schema,
    error_descriptions_by_status,
)
from generator.loading.markdown_reference.raw import RawSchema, raw_schema

ERROR_SCHEMA = "ErrorResponse"


@dataclass
class Capture:
    """The capture's sections sorted by kind."""

    title: Block | None
    prose: list[Section]
    tags: list[Section]
    schemas: list[Block]
    webhooks: list[Section]
    errors: Section | None


def read_capture(text: str) -> Capture:
    sections = group_sections(read_blocks(text))
    title = next((s.block for s in sections if s.block.level == 1), None)
    capture = Capture(title, [], [], [], [], None)
    for section in sections:
        heading = section.block.text
        if any(is_operation(child) for child in section.children):
            capture.tags.append(section)
        elif heading.startswith("Schemas"):
            capture.schemas += section.children
        elif heading.startswith("Webhook"):
            capture.webhooks.append(section)
        elif section.block.level == 2:
            capture.prose.append(section)
            if heading.startswith("Error") and capture.errors is None:
                capture.errors = section
    return capture


def build_context(capture: Capture, source: Source, diagnostics: Diagnostics) -> Context:
    schemas: dict[str, RawSchema] = {}
    for block in capture.schemas:
        raw = raw_schema(block)
        if raw.name in schemas:
            diagnostics.warn(
                source.at(block.offset), f"schema {raw.name} listed twice", "first kept"
            )
            continue
        schemas[raw.name] = raw
    enum_by_description = {
        raw.description: raw.name for raw in schemas.values() if raw.is_enum and raw.description
    }
    error = error_body_schema(capture.errors) if capture.errors else None
    errors = error_descriptions_by_status(capture.errors) if capture.errors else {}
    error_name = _free_name(ERROR_SCHEMA, schemas) if error else None
    return Context(source, diagnostics, schemas, enum_by_description, errors, error, error_name)


def _free_name(name: str, taken: Mapping[str, object]) -> str:
    return next(
        f"{name}{n or ''}" for n in range(len(taken) + 1) if f"{name}{n or ''}" not in taken
    )
