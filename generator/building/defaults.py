"""A schema's `default`, kept where it fits the type the property was given.

A default fits when the generated code can hold it as it is: a scalar of the type's own
kind, an enum's member, a list or map whose every item fits, an object with what a
model requires, anything at all for `Any`. A list, map or model is rendered with a
factory (`generator.ir.Default.mutable`), so that no two instances share one.
"""

from __future__ import annotations

import datetime
import math
import uuid
from collections.abc import Callable
from typing import Any

from generator import ir
from generator.diagnostics import Diagnostics
from generator.ir import types as t

Definition = Callable[[str], ir.Model | ir.Enum | None]
MAX_DEFAULT_NESTING = 32
"""Lists and objects in a default, one inside the other, that are checked and written out
(far more than any real default holds); checking recurses, and the schema holding the
default may itself sit deep in the translator's recursion."""
"""The model or enum class with a provisional key, as built so far."""

# Types whose defaults are strings the generated code parses when the module loads.
_PARSERS: dict[str, Callable[[str], object]] = {
    "date": datetime.date.fromisoformat,
    "datetime": datetime.datetime.fromisoformat,
    "UUID": uuid.UUID,
}


def default_for(
    schema: Any,
    type_: t.Type,
    definition: Definition,
    where: str,
    diagnostics: Diagnostics,
) -> ir.Default | None:
    """The default for a property or parameter of type `type_`; one that does not fit is
    dropped, said once."""
    if not isinstance(schema, dict) or "default" not in schema:
        return None
    value = schema["default"]
    if value is None:
        return ir.Default(None) if t.admits_none(type_) else None
    if _nesting(value) > MAX_DEFAULT_NESTING:
        diagnostics.note(
            where,
            f"default nests more than {MAX_DEFAULT_NESTING} levels deep",
            "left out; the field defaults to None",
        )
        return None
    default = _Fitting(definition).fit(value, type_)
    if default is None:
        diagnostics.note(
            where,
            f"default {_shown(value)} does not fit the type ({_kind(t.non_null(type_))})",
            "left out; the field defaults to None",
        )
    return default


class _Fitting:
    """One default checked against one type. Results are kept by (value, type): a union
    tries its members in turn, and without them a default nested in unions nested in
    unions would be checked once per path through them."""

    def __init__(self, definition: Definition) -> None:
        self._definition = definition
        self._seen: dict[tuple[int, t.Type], ir.Default | None] = {}

    def fit(self, value: Any, type_: t.Type) -> ir.Default | None:
        key = (id(value), type_)
        if key not in self._seen:
            self._seen[key] = self._fit(value, type_)
        return self._seen[key]

    def _fit(self, value: Any, type_: t.Type) -> ir.Default | None:
        if isinstance(type_, t.AnyType):
            return _raw(value)
        if value is None:
            return ir.Default(None) if t.admits_none(type_) else None
        if isinstance(type_, t.Nullable):
            return self.fit(value, type_.inner)
        if isinstance(type_, t.Primitive):
            return _scalar(type_, value)
        if isinstance(type_, t.LiteralOf):
            same = any(v == value and type(v) is type(value) for v in type_.values)
            return ir.Default(value) if same else None
        if isinstance(type_, t.EnumRef):
            return _member(value, type_.name, self._definition(type_.name))
        if isinstance(type_, t.ListOf):
            return self._list(value, type_.item)
        if isinstance(type_, t.MapOf):
            return self._map(value, type_.value)
        if isinstance(type_, t.ModelRef):
            return self._model(value, type_.name)
        if isinstance(type_, t.Union):
            return self._union(value, type_)
        return None

    def _list(self, value: Any, item: t.Type) -> ir.Default | None:
        if not isinstance(value, list):
            return None
        items = [self.fit(v, item) for v in value]
        return _all_or_none(items, lambda found: ir.Default(items=tuple(found)))

    def _map(self, value: Any, item: t.Type) -> ir.Default | None:
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            return None
        keys = list(value)
        found = [self.fit(value[k], item) for k in keys]
        return _all_or_none(found, lambda fitted: ir.Default(entries=tuple(zip(keys, fitted))))

    def _model(self, value: Any, key: str) -> ir.Default | None:
        model = self._definition(key)
        if not isinstance(value, dict) or not isinstance(model, ir.Model):
            return None
        for field in model.fields:
            if field.wire_name not in value:
                if field.required:
                    return None
            elif self.fit(value[field.wire_name], field.declared_type) is None:
                return None
        data = _raw(value)  # validated into the model by pydantic, as an answer would be
        return ir.Default(entries=data.entries, model=key) if data is not None else None

    def _union(self, value: Any, union: t.Union) -> ir.Default | None:
        tagged = union.discriminator
        if tagged is not None:
            tag = value.get(tagged.property) if isinstance(value, dict) else None
            classes = [cls for wire, cls in tagged.tags if wire == tag]
            return self._model(value, classes[0]) if classes else None
        for member in union.members:
            found = self.fit(value, member)
            if found is not None:
                return found
        return None


def _nesting(value: Any) -> int:
    """How many lists and objects nest in `value`, counted with a stack of its own."""
    deepest = 0
    stack = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (list, dict)):
            deepest = max(deepest, depth + 1)
            stack.extend((child, depth + 1) for child in _children(node))
    return deepest


def _children(node: list[Any] | dict[Any, Any]) -> list[Any]:
    return list(node.values()) if isinstance(node, dict) else node


def _all_or_none(
    found: list[ir.Default | None], make: Callable[[list[ir.Default]], ir.Default]
) -> ir.Default | None:
    fitted = [f for f in found if f is not None]
    return make(fitted) if len(fitted) == len(found) else None


def _raw(value: Any) -> ir.Default | None:
    """Any JSON value as it is (an `Any` field's default, a model's data)."""
    if value is None or isinstance(value, (bool, int, str)):
        return ir.Default(value)
    if isinstance(value, float):
        return ir.Default(value) if _finite(value) else None
    if isinstance(value, list):
        return _all_or_none([_raw(v) for v in value], lambda items: ir.Default(items=tuple(items)))
    if isinstance(value, dict) and all(isinstance(k, str) for k in value):
        keys = list(value)
        return _all_or_none(
            [_raw(value[k]) for k in keys],
            lambda found: ir.Default(entries=tuple(zip(keys, found))),
        )
    return None  # not JSON: a date YAML read unquoted, an infinity


def _member(value: Any, key: str, enum: ir.Model | ir.Enum | None) -> ir.Default | None:
    if not isinstance(enum, ir.Enum) or isinstance(value, bool):
        return None
    kinds: dict[ir.EnumKind, tuple[type, ...]] = {
        "str": (str,),
        "int": (int,),
        "float": (int, float),
    }
    if not isinstance(value, kinds[enum.kind]):
        return None
    member = next((m for m in enum.members if m.value == value), None)
    return ir.Default(member.value, enum=key) if member is not None else None


def _scalar(type_: t.Primitive, value: object) -> ir.Default | None:
    """A default of the type's own kind (a bool is not an int here)."""
    name = type_.name
    if isinstance(value, bool):
        return ir.Default(value) if name == "bool" else None
    if name == "str" and isinstance(value, str):
        return ir.Default(value)
    if name == "int" and isinstance(value, int):
        return ir.Default(value)
    if name == "float" and isinstance(value, (int, float)) and _finite(value):
        return ir.Default(float(value))
    if name in _PARSERS and isinstance(value, str):
        try:
            _PARSERS[name](value)
        except ValueError:
            return None
        return ir.Default(value, parse=name)  # type: ignore[arg-type]
    return None


def _finite(value: float) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an integer too large to be a float
        return False


def _shown(value: object) -> str:
    """The value in a message: its repr, shortened."""
    text = repr(value)
    return text if len(text) <= 60 else f"{text[:57]}..."


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
