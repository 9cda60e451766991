"""Table rows split into fields, and a tabled model's object schema."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.diagnostics import Diagnostics
from generator.loading.models_doc.python_types import (
    JsonObject,
    PyType,
    TypeReader,
    is_nullable,
    json_schema,
)

# No trailing "_": otherwise `start_datedate` could also read as `start_` + `date`.
_FIELD_NAME = r"[a-z](?:[a-z0-9_]*[a-z0-9])?"
_FIELD_CELL = re.compile(rf"{_FIELD_NAME}(?: / {_FIELD_NAME})*")


@dataclass(frozen=True)
class Field:
    name: str
    annotation: PyType
    description: str
    line: int


@dataclass(frozen=True)
class _Split:
    names: tuple[str, ...]
    types: tuple[PyType, ...]
    description: str

    @property
    def plausibility(self) -> tuple[bool, int]:
        """Lower is likelier: a description opening in upper case, then the shortest name.

        Descriptions usually open with a capital; when neither candidate's does, a shorter
        field name is likelier than a description that starts with a type's name
        ("countintinteger count" is `count: int`, not `countint: int`).
        """
        opening = self.description[:1]
        return (not opening or opening.islower(), len(" / ".join(self.names)))


def _splits(row: str, vocabulary: tuple[str, ...]) -> list[_Split]:
    """Every way to read `row` as field name(s), type(s) and description."""
    reader = TypeReader(row, vocabulary)
    found = []
    for end in range(1, len(row)):
        cell = row[:end]
        if not _FIELD_CELL.fullmatch(cell) or (typed := reader.cell(end)) is None:
            continue
        names, types = tuple(cell.split(" / ")), tuple(typed[0])
        if len(types) in (1, len(names)):
            found.append(_Split(names, types, row[typed[1] :].strip()))
    return found


def row_fields(
    line: int, row: str, vocabulary: tuple[str, ...], location: str, diagnostics: Diagnostics
) -> list[Field]:
    candidates = _splits(row, vocabulary)
    if not candidates:
        diagnostics.warn(f"{location}:{line}", f"cannot split table row {row!r}", "skipped")
        return []
    best = min(candidates, key=lambda split: split.plausibility)
    rivals = [split for split in candidates if split.plausibility[0] == best.plausibility[0]]
    if len(rivals) > 1:
        diagnostics.note(
            f"{location}:{line}",
            f"table row {row!r} splits {len(rivals)} equally plausible ways",
            f"read as field {' / '.join(best.names)!r}",
        )
    types = best.types * len(best.names) if len(best.types) == 1 else best.types
    return [
        Field(name, annotation, best.description, line)
        for name, annotation in zip(best.names, types, strict=True)
    ]


def _is_required(annotation: PyType) -> bool:
    """As the page writes it: a type without `| None` (`list[str]` too) is required."""
    return not is_nullable(annotation)


def object_schema(
    fields: list[Field], description: str | None, location: str, diagnostics: Diagnostics
) -> JsonObject:
    properties: JsonObject = {}
    required = []
    for item in fields:
        if item.name in properties:
            diagnostics.warn(
                f"{location}:{item.line}", f"field {item.name!r} listed twice", "first kept"
            )
            continue
        described = {"description": item.description} if item.description else {}
        properties[item.name] = {**json_schema(item.annotation), **described}
        if _is_required(item.annotation):
            required.append(item.name)
    schema: JsonObject = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    if description:
        schema["description"] = description
    return schema
