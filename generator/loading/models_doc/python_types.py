"""Python annotations read from run-together Type cells, and their JSON Schemas."""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

JsonObject = dict[str, Any]

# A name outside the vocabulary is only taken as a type where more type syntax follows
# it; elsewhere (even at the end of a row) the description may have run into it.
_UNKNOWN_TYPE_NAME = re.compile(r"[A-Z][A-Za-z0-9]*(?=\s*[|\]]| / )")
_UNION_BAR = re.compile(r"\s*\|\s*")
_ARG_COMMA = re.compile(r"\s*,\s*")
_CELL_SLASH = re.compile(r" / ")

_SCALARS: dict[str, JsonObject] = {
    "UUID": {"type": "string", "format": "uuid"},
    "str": {"type": "string"},
    "int": {"type": "integer"},
    "float": {"type": "number"},
    "bool": {"type": "boolean"},
    "datetime": {"type": "string", "format": "date-time"},
    "date": {"type": "string", "format": "date"},
    "Any": {},
    "None": {"type": "null"},
}
_GENERICS = ("list", "dict")
BUILTIN_NAMES = (*_SCALARS, *_GENERICS)


@dataclass(frozen=True)
class NamedType:
    name: str
    args: tuple[PyType, ...] = ()


@dataclass(frozen=True)
class UnionType:
    members: tuple[PyType, ...]


PyType = NamedType | UnionType


class TypeReader:
    """Reads a type annotation at a position in a row, longest vocabulary match first."""

    def __init__(self, text: str, vocabulary: tuple[str, ...]) -> None:
        self._text = text
        self._vocabulary = vocabulary

    def cell(self, pos: int) -> tuple[list[PyType], int] | None:
        """A Type cell: one annotation, or several joined by " / " for packed rows."""
        first = self.union(pos)
        if first is None:
            return None
        types, end = [first[0]], first[1]
        while (slash := _CELL_SLASH.match(self._text, end)) and (
            following := self.union(slash.end())
        ):
            types.append(following[0])
            end = following[1]
        return types, end

    def union(self, pos: int) -> tuple[PyType, int] | None:
        first = self._atom(pos)
        if first is None:
            return None
        members, end = [first[0]], first[1]
        while (bar := _UNION_BAR.match(self._text, end)) and (following := self._atom(bar.end())):
            members.append(following[0])
            end = following[1]
        return (members[0] if len(members) == 1 else UnionType(tuple(members))), end

    def _atom(self, pos: int) -> tuple[NamedType, int] | None:
        name = self._name(pos)
        if name is None:
            return None
        end = pos + len(name)
        if name in _GENERICS and self._text.startswith("[", end):
            arguments = self._arguments(end + 1)
            if arguments is not None:
                return NamedType(name, arguments[0]), arguments[1]
        return NamedType(name), end

    def _arguments(self, pos: int) -> tuple[tuple[PyType, ...], int] | None:
        args: list[PyType] = []
        while (argument := self.union(pos)) is not None:
            args.append(argument[0])
            pos = argument[1]
            if self._text.startswith("]", pos):
                return tuple(args), pos + 1
            comma = _ARG_COMMA.match(self._text, pos)
            if comma is None:
                return None
            pos = comma.end()
        return None

    def _name(self, pos: int) -> str | None:
        known = next((name for name in self._vocabulary if self._text.startswith(name, pos)), "")
        unknown = _UNKNOWN_TYPE_NAME.match(self._text, pos)
        name = max(known, unknown.group() if unknown else "", key=len)
        return name or None


def names_in(annotation: PyType) -> Iterator[str]:
    if isinstance(annotation, UnionType):
        for member in annotation.members:
            yield from names_in(member)
        return
    yield annotation.name
    for argument in annotation.args:
        yield from names_in(argument)


def is_nullable(annotation: PyType) -> bool:
    return isinstance(annotation, UnionType) and NamedType("None") in annotation.members


def json_schema(annotation: PyType) -> JsonObject:
    if isinstance(annotation, UnionType):
        return _union_schema(annotation)
    if annotation.name == "list":
        items = {"items": json_schema(annotation.args[0])} if annotation.args else {}
        return {"type": "array", **items}
    if annotation.name == "dict":
        values = json_schema(annotation.args[1]) if len(annotation.args) == 2 else True
        return {"type": "object", "additionalProperties": values}
    if annotation.name in _SCALARS:
        return copy.deepcopy(_SCALARS[annotation.name])
    return {"$ref": f"#/components/schemas/{annotation.name}"}


def _union_schema(annotation: UnionType) -> JsonObject:
    null = NamedType("None")
    # `None` goes last whatever its place in the annotation: `X | None` reads as X first.
    members = [member for member in annotation.members if member != null]
    if null in annotation.members:
        members.append(null)
    return {"anyOf": [json_schema(member) for member in members]}
