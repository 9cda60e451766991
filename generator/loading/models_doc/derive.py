"""Schemas for models the page names without a table, derived from a sibling model."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass

from generator.loading.models_doc.enums import prose_values
from generator.loading.models_doc.page import Model
from generator.loading.models_doc.python_types import JsonObject

# Fields a server assigns to a record; an input ("create") model does not carry them.
_SERVER_ASSIGNED = frozenset({"id", "created_at", "updated_at"})
# A table-less model whose name is a tabled model's stem plus one of these is a variant
# of that model; "Response" is dropped from a tabled name to find its stem.
_SUMMARY_SUFFIX = "Summary"
_CREATE_SUFFIX = "Create"
_RESPONSE_SUFFIX = "Response"


@dataclass(frozen=True)
class _Derived:
    schema: JsonObject
    how: str
    borrowed: bool = True
    """The fields come from another model: the page does not list them for this one."""


def _stems(tabled: Mapping[str, JsonObject]) -> dict[str, str]:
    """Stem -> tabled model: `Product` -> Product, `ProductRefresh` -> ProductRefreshResponse."""
    stems = {name: name for name in tabled}
    for name in sorted(tabled):
        stem = name.removesuffix(_RESPONSE_SUFFIX)
        if stem and stem != name:
            stems.setdefault(stem, name)
    return stems


def _parent(name: str, stems: Mapping[str, str]) -> tuple[str, str] | None:
    """The tabled model whose stem begins `name`, and the rest of `name`."""
    matches = [stem for stem in stems if name.startswith(stem) and name != stem]
    if not matches:
        return None
    stem = max(matches, key=len)
    return stems[stem], name[len(stem) :]


def _subset(
    properties: JsonObject, names: list[str], required: list[str], description: str | None
) -> JsonObject:
    schema: JsonObject = {
        "type": "object",
        "properties": {name: copy.deepcopy(properties[name]) for name in names},
    }
    if required:
        schema["required"] = required
    if description:
        schema["description"] = description
    return schema


def _open_object(description: str | None) -> JsonObject:
    schema: JsonObject = {"type": "object", "additionalProperties": True}
    if description:
        schema["description"] = description
    return schema


def _listed_fields(description: str | None, properties: JsonObject) -> list[str]:
    """Field names the description lists in parentheses ("reference (id, name)")."""
    found = prose_values(description or "")
    if found is None or found[1] or not all(name in properties for name in found[0]):
        return []
    return found[0]


def _variant(model: Model, parent_name: str, suffix: str, parent: JsonObject) -> _Derived | None:
    properties: JsonObject = parent["properties"]
    if suffix == _SUMMARY_SUFFIX:
        return _Derived(
            _subset(properties, list(properties), [], model.description),
            f"all fields of {parent_name}, each optional (a summary carries a subset)",
        )
    if suffix == _CREATE_SUFFIX:
        kept = [name for name in properties if name not in _SERVER_ASSIGNED]
        dropped = ", ".join(name for name in properties if name in _SERVER_ASSIGNED)
        return _Derived(
            _subset(properties, kept, [], model.description),
            f"fields of {parent_name} without server-assigned ones ({dropped or 'none'}), "
            "each optional (the page does not say which inputs are required)",
        )
    listed = _listed_fields(model.description, properties)
    if not listed:
        return None
    required = [name for name in parent.get("required", []) if name in listed]
    return _Derived(
        _subset(properties, listed, required, model.description),
        f"fields {', '.join(listed)} of {parent_name}, as its description lists them",
    )


def derive(model: Model, tabled: Mapping[str, JsonObject]) -> _Derived:
    parent = _parent(model.name, _stems(tabled))
    if parent is not None:
        derived = _variant(model, parent[0], parent[1], tabled[parent[0]])
        if derived is not None:
            return derived
    return _Derived(
        _open_object(model.description), "no fields given: an open object", borrowed=False
    )
