"""Annotations read from generated source, as sets of alternatives a type checker sees.

A `Type` is the set of its union members: `str | None` is `{str, None}`. `Annotated`
keeps only its first argument, `Optional[X]` is `X | None`, `Literal["a", "b"]` is two
members, and a string annotation (a forward reference) is parsed like the code it holds.

`accepts(wide, narrow, enums)` answers the one question the comparison asks: would every
value of `narrow` type-check where `wide` is expected? It follows `mypy --strict` where a
caller would notice: `Any` fits both ways, `object` takes everything, `int` fits `float`,
`bool` fits `int`, `datetime` fits `date`, a literal fits its base type, a string enum
fits `str`; containers (`list`, `dict`, `Iterator`, ...) are compared element by element
as a caller's literal `[...]` would be, and two classes of the same name are the same class
(their contents are compared on their own, field by field).
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from dataclasses import dataclass

ANY = "Any"
TOP = "object"
SENTINEL = "NotGiven"
"""The "not given" default of generated keyword arguments: not a value a caller passes."""

PROMOTIONS = {
    ("bool", "int"),
    ("bool", "float"),
    ("int", "float"),
    ("int", "complex"),
    ("float", "complex"),
    ("datetime", "date"),
}
"""(narrow, wide) pairs of builtin and stdlib types where narrow fits wide."""


@dataclass(frozen=True)
class Named:
    """A class or generic, e.g. `str`, `Pet`, `list[Pet]` (arguments in `args`)."""

    name: str
    args: tuple[Type, ...] = ()

    def __str__(self) -> str:
        if not self.args:
            return self.name
        return f"{self.name}[{', '.join(str(arg) for arg in self.args)}]"


@dataclass(frozen=True)
class Literal:
    """One `Literal[...]` value, held by its repr so that members stay comparable."""

    value: str
    base: str

    def __str__(self) -> str:
        return f"Literal[{self.value}]"


Member = Named | Literal


@dataclass(frozen=True)
class Type:
    members: frozenset[Member]

    def __str__(self) -> str:
        none = Named("None")
        ordered = sorted((m for m in self.members if m != none), key=str)
        text = " | ".join(str(m) for m in ordered)
        return f"{text} | None" if none in self.members and ordered else (text or "None")

    def without(self, name: str) -> Type:
        return Type(frozenset(m for m in self.members if not _is(m, name)))

    def names(self) -> set[str]:
        """Every class name the type mentions, at any depth."""
        found: set[str] = set()
        for member in self.members:
            if isinstance(member, Named):
                found.add(member.name)
                for arg in member.args:
                    found |= arg.names()
        return found

    @property
    def optional(self) -> bool:
        return Named("None") in self.members


def parse(node: ast.expr | None) -> Type:
    """The type an annotation expression names (`None` for a missing annotation: `Any`)."""
    if node is None:
        return Type(frozenset({Named(ANY)}))
    return Type(frozenset(_members(node)))


def accepts(wide: Type, narrow: Type, enums: Mapping[str, str]) -> bool:
    """True when every value of `narrow` type-checks where `wide` is expected.

    `enums` maps each enum class name to the builtin it subclasses (`str`, `int`).
    """
    if any(_is(m, ANY) or _is(m, TOP) for m in wide.members):
        return True
    return all(any(_fits(n, w, enums) for w in wide.members) for n in narrow.members)


def _fits(narrow: Member, wide: Member, enums: Mapping[str, str]) -> bool:
    if _is(narrow, ANY) or _is(wide, ANY) or _is(wide, TOP):
        return True
    if isinstance(wide, Literal):
        return narrow == wide
    if isinstance(narrow, Literal):
        return narrow.base == wide.name or (narrow.base, wide.name) in PROMOTIONS
    if narrow.name == wide.name:
        return len(narrow.args) == len(wide.args) and all(
            accepts(w, n, enums) for n, w in zip(narrow.args, wide.args, strict=True)
        )
    if narrow.name in enums:
        return not wide.args and enums[narrow.name] == wide.name
    return not narrow.args and not wide.args and (narrow.name, wide.name) in PROMOTIONS


def _is(member: Member, name: str) -> bool:
    return isinstance(member, Named) and member.name == name and not member.args


def _members(node: ast.expr) -> list[Member]:
    if isinstance(node, ast.Constant):
        if node.value is None:
            return [Named("None")]
        if isinstance(node.value, str):
            return _members(ast.parse(node.value, mode="eval").body)
        raise ValueError(f"unexpected annotation constant {node.value!r}")
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        return _members(node.left) + _members(node.right)
    if isinstance(node, ast.Subscript):
        return _subscript(_name(node.value), _elements(node.slice))
    return [Named(_name(node))]


def _subscript(name: str, elements: list[ast.expr]) -> list[Member]:
    if name == "Annotated":
        return _members(elements[0])
    if name == "Union":
        return [m for element in elements for m in _members(element)]
    if name == "Optional":
        return _members(elements[0]) + [Named("None")]
    if name == "Literal":
        return [_literal(element) for element in elements]
    return [Named(name, tuple(parse(element) for element in elements))]


def _literal(node: ast.expr) -> Literal:
    value = ast.literal_eval(node)
    return Literal(repr(value), type(value).__name__)


def _elements(node: ast.expr) -> list[ast.expr]:
    return list(node.elts) if isinstance(node, ast.Tuple) else [node]


def _name(node: ast.expr) -> str:
    """`builtins.list` is written where a method named `list` shadows the builtin."""
    return _dotted(node).removeprefix("builtins.")


def _dotted(node: ast.expr) -> str:
    """`Name` or `module.Name` as written (the last part is what names the class)."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return f"{_dotted(node.value)}.{node.attr}"
    raise ValueError(f"unexpected annotation node {ast.dump(node)}")
