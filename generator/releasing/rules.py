"""Whether a difference between two surfaces breaks callers.

A type is read in one of two directions. What callers *send* (arguments, and models
they build for them) may loosen but not tighten. What callers *receive* (returns, and
models reached from them) may tighten but not loosen: a field that may now be `None`,
or that now holds another type, breaks code that reads it; one that can no longer be
`None` breaks nobody.

| difference                          | sent      | received  |
|-------------------------------------|-----------|-----------|
| type widened (`int` -> `int | None`) | additive  | breaking  |
| type narrowed (`float` -> `int`)    | breaking  | additive  |
| type replaced                       | breaking  | breaking  |
| argument or field added, required   | breaking  | additive  |
| argument or field added, optional   | additive  | additive  |
| removed                             | breaking  | breaking  |
| became required                     | breaking  | (a type change) |
| became optional                     | additive  | (a type change) |
| enum member added                   | additive  | additive  |
| enum member removed                 | breaking  | breaking  |

Enums are open (an unknown value still parses), so a new member breaks no reader.
A type compares by what it admits: two annotations naming the same classes the same way
are the same type, however the spec wrote them.
"""

from __future__ import annotations

import enum

from generator.ir import types as t
from generator.releasing.changes import Kind


class Direction(enum.StrEnum):
    SENT = "sent"
    RECEIVED = "received"


class TypeChange(enum.StrEnum):
    WIDENED = "widened"
    NARROWED = "narrowed"
    REPLACED = "replaced"


def covers(wide: t.Type, narrow: t.Type) -> bool:
    """Whether every value of `narrow` is a value of `wide` (as a type checker sees it)."""
    if wide == narrow or isinstance(wide, t.AnyType):
        return True
    if isinstance(narrow, (t.NoneType, t.Nullable)):
        inner_ok = isinstance(narrow, t.NoneType) or covers(wide, narrow.inner)
        return t.admits_none(wide) and inner_ok
    if isinstance(wide, t.Nullable):
        return covers(wide.inner, narrow)
    if isinstance(narrow, t.Union):
        return all(covers(wide, member) for member in narrow.members)
    if isinstance(wide, t.Union):
        return any(covers(member, narrow) for member in wide.members)
    if isinstance(wide, t.Primitive):
        return _primitive_covers(wide, narrow)
    if isinstance(wide, t.LiteralOf) and isinstance(narrow, t.LiteralOf):
        return set(narrow.values) <= set(wide.values)
    if isinstance(wide, t.ListOf) and isinstance(narrow, t.ListOf):
        return covers(wide.item, narrow.item)
    if isinstance(wide, t.MapOf) and isinstance(narrow, t.MapOf):
        return covers(wide.value, narrow.value)
    return False


def _primitive_covers(wide: t.Primitive, narrow: t.Type) -> bool:
    if isinstance(narrow, t.Primitive):
        return wide.name == narrow.name or (wide.name == "float" and narrow.name == "int")
    if isinstance(narrow, t.LiteralOf):
        return all(_literal_kind(v) in _ACCEPTS.get(wide.name, ()) for v in narrow.values)
    # The package's enums are `str` subclasses: a `str` argument takes any member.
    return wide.name == "str" and isinstance(narrow, t.EnumRef)


# The primitive types a literal value of each kind fits (a bool is not an int here).
_ACCEPTS = {"str": ("str",), "int": ("int",), "float": ("int", "float"), "bool": ("bool",)}


def _literal_kind(value: t.LiteralValue) -> str:
    return "bool" if isinstance(value, bool) else type(value).__name__


def type_change(old: t.Type, new: t.Type) -> TypeChange | None:
    """How the admitted values moved, or None when the types are the same."""
    if t.annotation(old) == t.annotation(new):
        return None
    old_within_new, new_within_old = covers(new, old), covers(old, new)
    if old_within_new and new_within_old:
        return None
    if old_within_new:
        return TypeChange.WIDENED
    if new_within_old:
        return TypeChange.NARROWED
    return TypeChange.REPLACED


def type_changed(directions: frozenset[Direction], change: TypeChange) -> Kind:
    """A type change seen from every direction the type is used in."""
    harmless = {Direction.SENT: TypeChange.WIDENED, Direction.RECEIVED: TypeChange.NARROWED}
    if all(harmless[d] is change for d in directions):
        return Kind.ADDITIVE
    return Kind.BREAKING


def added(directions: frozenset[Direction], required: bool) -> Kind:
    return Kind.BREAKING if required and Direction.SENT in directions else Kind.ADDITIVE


def requirement_changed(now_required: bool) -> Kind:
    """For what callers send: a new requirement breaks them, a dropped one does not."""
    return Kind.BREAKING if now_required else Kind.ADDITIVE
