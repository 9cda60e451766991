"""A schema's `default`, kept where it fits the type the property was given."""

from __future__ import annotations

import datetime
import math
import uuid
from collections.abc import Callable, Collection
from typing import Any

from generator import ir
from generator.diagnostics import Diagnostics
from generator.ir import types as t

# Types whose defaults are strings the generated code parses when the module loads.
_PARSERS: dict[str, Callable[[str], object]] = {
    "date": datetime.date.fromisoformat,
    "datetime": datetime.datetime.fromisoformat,
    "UUID": uuid.UUID,
}


def default_for(
    schema: Any,
    type_: t.Type,
    enum_values: Callable[[str], Collection[object]],
    where: str,
    diagnostics: Diagnostics,
) -> ir.Default | None:
    """The default for a property or parameter of type `type_`; one that does not fit (or
    a list or object, which a field cannot share between instances) is dropped, said
    once. `enum_values` gives the values of an enum class."""
    if not isinstance(schema, dict) or "default" not in schema:
        return None
    value = schema["default"]
    if value is None:
        return ir.Default(None) if t.admits_none(type_) else None
    target = t.non_null(type_)
    if isinstance(target, t.EnumRef):
        fits = isinstance(value, str) and value in enum_values(target.name)
        default = ir.Default(value, enum=target.name) if fits else None
    else:
        default = _scalar(target, value)
    if default is None:
        diagnostics.note(
            where,
            f"default {value!r} does not fit the type ({_kind(target)})",
            "left out; the field defaults to None",
        )
    return default


def _scalar(type_: t.Type, value: object) -> ir.Default | None:
    """A default of the type's own kind (a bool is not an int here)."""
    if not isinstance(type_, t.Primitive):
        return None
    name = type_.name
    if isinstance(value, bool):
        return ir.Default(value) if name == "bool" else None
    if name == "str" and isinstance(value, str):
        return ir.Default(value)
    if name == "int" and isinstance(value, int):
        return ir.Default(value)
    if name == "float" and isinstance(value, (int, float)) and math.isfinite(value):
        return ir.Default(float(value))
    if name in _PARSERS and isinstance(value, str):
        try:
            _PARSERS[name](value)
        except ValueError:
            return None
        return ir.Default(value, parse=name)  # type: ignore[arg-type]
    return None


def _kind(type_: t.Type) -> str:
    """The type in words that do not depend on class names still being decided."""
    if isinstance(type_, t.Primitive):
        return type_.name
    words = {
        t.ListOf: "a list",
        t.MapOf: "a map",
        t.ModelRef: "an object",
        t.EnumRef: "an enum",
        t.LiteralOf: "a literal",
        t.Union: "a union",
        t.File: "a file",
    }
    return words.get(type(type_), "no value")
