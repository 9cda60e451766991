"""Operation ids made from what the page shows."""

from __future__ import annotations

import json
import re
from collections.abc import Container
from dataclasses import dataclass

from generator.loading.redoc_text.model import Section

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_WORDS = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True)
class Listing:
    """The operation one section of the page lists."""

    operation_id: str
    repeat: bool = False
    """The same operation was listed before (Redoc lists it under each of its tags)."""
    clash: str | None = None
    """The id the section would have had, taken by a different operation."""


def assign_ids(sections: list[Section]) -> list[Listing]:
    """One listing per section, in page order.

    A page headed by operationIds keeps them (`ListOrganizationMembers`) and snake-cases
    the odd summary among them; a page headed by summaries snake-cases all (`Get Alerts`
    -> `get_alerts`, `Health` -> `health`). A section whose heading was lost is named after
    the last operation above it that kept its name (`unnamed_after_X`, `..._2`).
    """
    titles = [s.title for s in sections if s.title is not None]
    keep_identifiers = sum(bool(_IDENTIFIER.fullmatch(t)) for t in titles) * 2 > len(titles)
    listings: list[Listing] = []
    fingerprints: dict[str, str] = {}
    previous_named: str | None = None
    for section in sections:
        base = _base_id(section, previous_named, keep_identifiers)
        fingerprint = _fingerprint(section)
        if fingerprints.get(base) == fingerprint:
            listings.append(Listing(base, repeat=True))
        else:
            operation_id = unique(base, fingerprints)
            clash = base if operation_id != base and section.title is not None else None
            fingerprints[operation_id] = fingerprint
            listings.append(Listing(operation_id, clash=clash))
        if section.title is not None:
            previous_named = listings[-1].operation_id
    return listings


def _base_id(section: Section, previous_named: str | None, keep_identifiers: bool) -> str:
    if section.title is None:
        return f"unnamed_after_{previous_named}" if previous_named else "unnamed_first"
    if keep_identifiers and _IDENTIFIER.fullmatch(section.title):
        return section.title
    return "_".join(word.lower() for word in _WORDS.findall(section.title)) or "operation"


def _fingerprint(section: Section) -> str:
    """What makes two listings the same operation: everything but where they are."""
    body = section.body
    return json.dumps(
        {
            "title": section.title,
            "description": section.description,
            "parameters": [
                (where, e.name, e.required, e.schema, e.description)
                for where, e in section.parameters
            ],
            "body": None
            if body is None
            else (
                body.media_type,
                body.required,
                body.description,
                [(e.name, e.required, e.schema, e.description) for e in body.fields],
            ),
            "samples": [(s.request, s.status, s.value) for s in section.samples],
        },
        sort_keys=True,
    )


def unique(name: str, taken: Container[str]) -> str:
    if name not in taken:
        return name
    number = 2
    while f"{name}_{number}" in taken:
        number += 1
    return f"{name}_{number}"
