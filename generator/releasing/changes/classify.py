"""The rules that decide whether a difference is breaking, additive or docs-only.

A schema is read in one of two directions. *Input* schemas (parameters, request bodies)
are built by the caller: making them stricter breaks calls, loosening them does not.
*Output* schemas (responses, webhook payloads) are read by the caller: anything they
might now contain that they could not before, or lack, breaks code that reads them.

| difference                       | input     | output    |
|----------------------------------|-----------|-----------|
| field added, optional            | additive  | additive  |
| field added, required            | breaking  | additive  |
| field removed                    | breaking  | breaking  |
| field became required            | breaking  | additive  |
| field became optional            | additive  | breaking  |
| type narrowed (`number`->`int`)  | breaking  | breaking  |
| type widened (`int`->`int|None`) | additive  | breaking  |
| type replaced                    | breaking  | breaking  |
| enum value added                 | additive  | additive  |
| enum value removed               | breaking  | breaking  |
| free value became an enum        | breaking  | additive  |
| enum became a free value         | additive  | breaking  |

Response enum additions are additive because the SDK's enums are open (an unknown value
still parses). Any response type change is breaking, as a caller's annotations and
`isinstance` checks name the old type.
"""

from __future__ import annotations

import enum

from generator.releasing.changes.model import Kind
from generator.releasing.changes.schemas import covers


class Direction(enum.StrEnum):
    INPUT = "input"
    OUTPUT = "output"


class TypeChange(enum.StrEnum):
    NARROWED = "narrowed"
    WIDENED = "widened"
    REPLACED = "replaced"


def type_change(old: frozenset[str], new: frozenset[str]) -> TypeChange | None:
    """How the admitted types moved, or `None` when they admit the same values."""
    new_within_old = all(any(covers(o, n) for o in old) for n in new)
    old_within_new = all(any(covers(n, o) for n in new) for o in old)
    if new_within_old and old_within_new:
        return None
    if new_within_old:
        return TypeChange.NARROWED
    if old_within_new:
        return TypeChange.WIDENED
    return TypeChange.REPLACED


def type_changed(direction: Direction, change: TypeChange) -> Kind:
    if direction is Direction.INPUT and change is TypeChange.WIDENED:
        return Kind.ADDITIVE
    return Kind.BREAKING


def field_added(direction: Direction, required: bool) -> Kind:
    return Kind.BREAKING if direction is Direction.INPUT and required else Kind.ADDITIVE


def field_removed(direction: Direction) -> Kind:
    return Kind.BREAKING


def requirement_changed(direction: Direction, now_required: bool) -> Kind:
    stricter_for_caller = now_required == (direction is Direction.INPUT)
    return Kind.BREAKING if stricter_for_caller else Kind.ADDITIVE


def enum_value_added(direction: Direction) -> Kind:
    return Kind.ADDITIVE


def enum_value_removed(direction: Direction) -> Kind:
    return Kind.BREAKING


def enum_restricted(direction: Direction) -> Kind:
    return Kind.BREAKING if direction is Direction.INPUT else Kind.ADDITIVE


def enum_unrestricted(direction: Direction) -> Kind:
    return Kind.ADDITIVE if direction is Direction.INPUT else Kind.BREAKING
