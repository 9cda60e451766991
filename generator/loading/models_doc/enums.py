"""Enum schemas, with values gathered from the prose of the fields that use them."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.diagnostics import Diagnostics
from generator.loading.models_doc.page import EnumGroup, Page
from generator.loading.models_doc.python_types import JsonObject, names_in
from generator.loading.models_doc.table import Field

_PARENTHESES = re.compile(r"\(([^()]*)\)")
_ENUM_VALUE = re.compile(r"[A-Za-z0-9_.:-]+")
_OPEN_SET_MARKERS = ("etc.", "etc", "...")


@dataclass
class _EnumValues:
    values: list[str] = field(default_factory=list)
    open_set: bool = False
    seen: bool = False


def prose_values(description: str) -> tuple[list[str], bool] | None:
    """Values listed in the description's last parenthesis that lists bare words."""
    for group in reversed(_PARENTHESES.findall(description)):
        items = [item.strip().removeprefix("and ").removeprefix("or ") for item in group.split(",")]
        open_set = items[-1] in _OPEN_SET_MARKERS
        values = items[:-1] if open_set else items
        if values and all(_ENUM_VALUE.fullmatch(value) for value in values):
            return values, open_set
    return None


def _collect_enum_values(
    enum_names: set[str], fields: Mapping[str, list[Field]]
) -> dict[str, _EnumValues]:
    collected = {name: _EnumValues() for name in enum_names}
    # Sorted by model and field so that merged values do not follow the page's order.
    ordered = [
        item
        for _, items in sorted(fields.items())
        for item in sorted(items, key=lambda each: each.name)
    ]
    for item in ordered:
        for name in sorted(set(names_in(item.annotation)) & enum_names):
            entry = collected[name]
            entry.seen = True
            found = prose_values(item.description)
            if found is not None:
                entry.values.extend(v for v in found[0] if v not in entry.values)
                entry.open_set |= found[1]
    return collected


def _enum_schema(
    name: str, group: EnumGroup, values: _EnumValues, location: str, diagnostics: Diagnostics
) -> JsonObject:
    where = f"{location}:{group.line}"
    schema: JsonObject = {"type": "string"}
    description = group.description or ""
    if not values.values:
        reason = "no field's description" if values.seen else "no field"
        diagnostics.warn(where, f"enum {name}: {reason} lists its values", "typed as a string")
    else:
        schema["enum"] = list(values.values)
    if values.open_set:
        schema["x-sdkgen-open-enum"] = True
        description = f"{description} Open set: other values than these may occur.".strip()
        diagnostics.note(where, f"enum {name}: the page ends its values with 'etc.'", "marked open")
    if description:
        schema["description"] = description
    return schema


def enum_schemas(
    page: Page, fields: Mapping[str, list[Field]], location: str, diagnostics: Diagnostics
) -> dict[str, JsonObject]:
    groups = {name: group for group in page.enum_groups for name in group.names}
    collected = _collect_enum_values(set(groups), fields)
    return {
        name: _enum_schema(name, groups[name], collected[name], location, diagnostics)
        for name in sorted(groups)
    }
