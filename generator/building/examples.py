"""Example calls for the docs: each required argument given a value of its own type.

A README example must run as written and pass `mypy --strict`, so a value is never a
placeholder: an enum argument gets a member of that enum, a model argument an instance
built from its required fields, a datetime a `datetime.datetime`. Each example names the
imports its values need.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator import ir
from generator.ir import types as t

# Nested models deeper than this are built with `model_construct()`: an example shows
# the shape of a call, not a whole document.
_MAX_DEPTH = 2

_SAMPLES = {
    "str": '"string"',
    "int": "1",
    "float": "1.0",
    "bool": "True",
    "bytes": 'b"data"',
    "date": "datetime.date(2024, 1, 31)",
    "datetime": "datetime.datetime(2024, 1, 31, 12, 0, tzinfo=datetime.timezone.utc)",
    "UUID": 'uuid.UUID("123e4567-e89b-12d3-a456-426614174000")',
}
_SAMPLE_IMPORTS = {"date": "import datetime", "datetime": "import datetime", "UUID": "import uuid"}


@dataclass(frozen=True)
class Example:
    call: str
    """The call expression: `client.items.create(name="string")`."""
    imports: tuple[str, ...]
    """The import lines its values need, sorted."""


@dataclass
class Examples:
    """Writes example calls against the API's models and enums (by class name)."""

    package: str
    models: Mapping[str, ir.Model]
    enums: Mapping[str, ir.Enum]

    def call(self, call: str, op: ir.Operation) -> Example:
        """`call.<method>(...)` with every required argument: path parameters
        positional, the rest by keyword."""
        imports: set[str] = set()
        args = [self._value(p.type, imports, 0) for p in op.path_parameters if p.required]
        args += [
            f"{p.name}={self._value(p.type, imports, 0)}"
            for p in op.parameters
            if p.required and p.location != "path"
        ]
        if op.body is not None:
            if op.body.fields:
                args += [
                    f"{f.name}={self._value(f.type, imports, 0)}"
                    for f in op.body.fields
                    if f.required and op.body.required
                ]
            elif op.body.required:
                args.append(f"body={self._value(op.body.type, imports, 0)}")
        return Example(f"{call}.{op.name}({', '.join(args)})", tuple(sorted(imports)))

    def _value(self, type_: t.Type, imports: set[str], depth: int) -> str:
        type_ = t.non_null(type_)
        if isinstance(type_, t.Primitive):
            if type_.name in _SAMPLE_IMPORTS:
                imports.add(_SAMPLE_IMPORTS[type_.name])
            return _SAMPLES[type_.name]
        if isinstance(type_, t.ListOf):
            return f"[{self._value(type_.item, imports, depth)}]"
        if isinstance(type_, t.Union):
            return self._value(_first_member(type_), imports, depth)
        if isinstance(type_, t.LiteralOf):
            return t.literal_source(type_.values[0])
        if isinstance(type_, t.EnumRef):
            return self._enum(type_.name, imports)
        if isinstance(type_, t.ModelRef):
            return self._model(type_.name, imports, depth)
        if isinstance(type_, t.File):
            return 'open("file.bin", "rb")'
        if isinstance(type_, t.NoneType):
            return "None"
        return "{}"  # a map, or any JSON value: an empty object is one

    def _enum(self, name: str, imports: set[str]) -> str:
        imports.add(f"from {self.package}.models import {name}")
        return f"{name}.{self.enums[name].members[0].name}"

    def _model(self, name: str, imports: set[str], depth: int) -> str:
        imports.add(f"from {self.package}.models import {name}")
        if depth >= _MAX_DEPTH:
            return f"{name}.model_construct()"
        fields = [
            f"{f.name}={self._value(f.type, imports, depth + 1)}"
            for f in self.models[name].fields
            if f.required
        ]
        return f"{name}({', '.join(fields)})"


def _first_member(union: t.Union) -> t.Type:
    """A tagged union's first tagged class; an untagged union's first member."""
    if union.discriminator is not None and union.discriminator.tags:
        return t.ModelRef(union.discriminator.tags[0][1])
    return union.members[0]
