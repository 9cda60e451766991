"""Schema components and properties, including references the capture flattened to `allOf`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from generator.diagnostics import Disclosure, Subject
from generator.loading.line_breaks import restore_lists
from generator.loading.markdown_reference.blocks import Field
from generator.loading.markdown_reference.context import PRIMITIVE_TYPES, Context, ref
from generator.loading.markdown_reference.raw import RawSchema
from generator.loading.markdown_reference.words import name_core, words_of

# Formats the capture writes for unsigned integers; they also bound the value below.
_UNSIGNED_FORMATS = frozenset({"uint8", "uint16", "uint32", "uint64"})

# "Token for next page, null if no more results": an optional field that may be null.
_MENTIONS_NULL = re.compile(r"\bnull\b")


def schema_component(raw: RawSchema, context: Context) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": raw.type}
    if raw.description:
        schema["description"] = restore_lists(raw.description)
    if raw.is_enum:
        schema["enum"] = raw.enum
    if raw.type == "object" and raw.fields:
        where = ("components", "schemas", raw.name, "properties")
        schema["properties"] = {
            f.name: property_schema(f, raw.name, (*where, f.name), context) for f in raw.fields
        }
        required = [f.name for f in raw.fields if f.required]
        if required:
            schema["required"] = required
    return schema


def property_schema(
    item: Field, owner: str, where: tuple[str, ...], context: Context
) -> dict[str, Any]:
    enum_name = context.enum_by_description.get(item.description) if item.type == "string" else None
    if enum_name:
        context.diagnostics.note(
            context.source.at_pointer(*where),
            f"string property {item.name!r} carries the description of enum {enum_name}",
            f"typed as {enum_name}",
            disclosure=Disclosure.ASSUMED,
            subject=_schema_subject(where),
        )
        return ref(enum_name)
    schema = _property_type(item, owner, where, context)
    if not item.required and _MENTIONS_NULL.search(item.description):
        schema = _nullable(schema)
    if item.description:
        schema["description"] = item.description
    return schema


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if isinstance(schema.get("type"), str):
        return {**schema, "type": [schema["type"], "null"]}
    if "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    return schema  # already any JSON, null included


def _property_type(
    item: Field, owner: str, where: tuple[str, ...], context: Context
) -> dict[str, Any]:
    location = context.source.at_pointer(*where)
    if item.type in PRIMITIVE_TYPES:
        return primitive(item.type, item.format)
    if item.type == "array":
        context.diagnostics.warn(location, "array without an item type", "items typed as any JSON")
        return {"type": "array", "items": {}}
    if item.type == "enum":
        context.diagnostics.warn(location, "enum without its values", "typed as string")
        return {"type": "string"}
    if item.type == "allOf":
        return _resolved_reference(item, owner, where, context)
    context.diagnostics.warn(location, f"type given as `{item.type}`", "typed as any JSON")
    return {}


def primitive(type_name: str, format_name: str | None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": type_name}
    if format_name:
        schema["format"] = format_name
    if format_name in _UNSIGNED_FORMATS:
        schema["minimum"] = 0
    return schema


def _schema_subject(where: tuple[str, ...]) -> Subject | None:
    """The component schema a property belongs to (None for an operation's own body)."""
    return Subject("schema", where[2]) if where[:2] == ("components", "schemas") else None


def _resolved_reference(
    item: Field, owner: str, where: tuple[str, ...], context: Context
) -> dict[str, Any]:
    location = context.source.at_pointer(*where)
    candidates = _reference_candidates(item, owner, context.schemas)
    if len(candidates) == 1:
        context.diagnostics.note(
            location,
            f"property {item.name!r} is an `allOf` in place of a reference",
            f"resolved to {candidates[0]} by name",
            disclosure=Disclosure.ASSUMED,
            subject=_schema_subject(where),
        )
        return ref(candidates[0])
    detail = f"candidates {', '.join(candidates)}" if candidates else "no schema name matches"
    context.diagnostics.warn(
        location, f"`allOf` in place of a reference; {detail}", "typed as any JSON"
    )
    return {}


def _reference_candidates(item: Field, owner: str, schemas: Mapping[str, RawSchema]) -> list[str]:
    """Schemas the property plainly means, most specific evidence first.

    1. every word of the schema's name is in the property's name or description, and at
       least one is in its name (`fromSeatType` -> SeatType, `usage` "Token usage" ->
       TokenUsage);
    2. the same, also counting the owning schema's name (ColumnDomainResponse.`domain`
       -> ColumnDomainPayload);
    3. an enum schema whose name ends with the property's name (`action` -> AIAction).
    Within a tier the candidates sharing most words with the property's name win, then
    the more specific names. A tie stops the search: guessing between two is worse than
    `{}`.
    """
    names = set(words_of(item.name))
    described = names | set(words_of(item.description))
    others = {name: raw for name, raw in schemas.items() if name != owner}
    for context_words in (described, described | set(words_of(owner))):
        found = [n for n in others if name_core(n) <= context_words and name_core(n) & names]
        if found:
            return _most_specific(found, names)
    tail = words_of(item.name)
    return sorted(
        n for n, raw in others.items() if raw.is_enum and words_of(n)[-len(tail) :] == tail
    )


def _most_specific(candidates: list[str], names: set[str]) -> list[str]:
    """Those sharing most words with the property's name, then with the longest names."""

    def evidence(candidate: str) -> tuple[int, int]:
        core = name_core(candidate)
        return len(core & names), len(core)

    best = max(evidence(candidate) for candidate in candidates)
    return sorted(candidate for candidate in candidates if evidence(candidate) == best)
