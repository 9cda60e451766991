"""Types in the IR: a small closed set of nodes.

Each node knows its Python annotation, the names it needs imported and the classes it
mentions, so no stage after the build reads or picks apart annotation text. The nodes
are frozen and hashable, so equal types compare equal wherever they were built.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias, cast

# -- imports ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, order=True)
class Import:
    """One name a module imports: `from <module> import <name>`."""

    module: str
    """A standard or dependency module (`datetime`), or a runtime module of the generated
    package (`_types`) when `runtime` is set: those are imported relatively."""
    name: str
    runtime: bool = False


_ANY_IMPORT = Import("typing", "Any")
_LITERAL_IMPORT = Import("typing", "Literal")
_FILE_IMPORT = Import("_types", "FileTypes", runtime=True)
_TAGGED_IMPORTS = frozenset(
    {
        Import("typing", "Annotated"),
        Import("pydantic", "Discriminator"),
        Import("pydantic", "Tag"),
        Import("_unions", "discriminator_of", runtime=True),
        Import("_unions", "UnknownVariant", runtime=True),
        Import("_unions", "UNKNOWN_TAG", runtime=True),
    }
)
_PRIMITIVE_IMPORTS = {
    "date": Import("datetime", "date"),
    "datetime": Import("datetime", "datetime"),
    "UUID": Import("uuid", "UUID"),
}

# -- nodes -----------------------------------------------------------------------------

PrimitiveName = Literal["str", "int", "float", "bool", "bytes", "date", "datetime", "UUID"]
LiteralValue: TypeAlias = str | int | float | bool


@dataclass(frozen=True, slots=True)
class Primitive:
    name: PrimitiveName
    format: str | None = field(default=None, compare=False)
    """The spec's `format` when it gave one (`time`, `email`). It chose `name` and is kept
    for reports, but two primitives of one name are the same type whatever their format."""


@dataclass(frozen=True, slots=True)
class ListOf:
    item: Type


@dataclass(frozen=True, slots=True)
class MapOf:
    """A JSON object with free keys: `dict[str, value]`."""

    value: Type


@dataclass(frozen=True, slots=True)
class ModelRef:
    name: str
    """Class name of a model (a pydantic class of the package's `models`)."""


@dataclass(frozen=True, slots=True)
class EnumRef:
    name: str
    """Class name of an enum of the package's `models`."""


@dataclass(frozen=True, slots=True, eq=False)
class LiteralOf:
    values: tuple[LiteralValue, ...]

    # Python has `True == 1` and `hash(True) == hash(1)`, but `Literal[True]` and
    # `Literal[1]` are different types: equality goes by each value's type as well.
    def _key(self) -> tuple[tuple[type, LiteralValue], ...]:
        return tuple((type(value), value) for value in self.values)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LiteralOf) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())


@dataclass(frozen=True, slots=True)
class Discriminator:
    property: str
    """Wire name of the property whose value picks the member."""
    tags: tuple[tuple[str, str], ...]
    """(value on the wire, model class name) pairs; a class may carry several values."""


@dataclass(frozen=True, slots=True)
class Union:
    members: tuple[Type, ...]
    """Two or more members, none of them a union, `None` or nullable."""
    discriminator: Discriminator | None = None
    """With a discriminator the union is tagged, and open: an item whose tag is missing
    or not listed parses as the runtime's `UnknownVariant`, which keeps its data."""


@dataclass(frozen=True, slots=True)
class Nullable:
    inner: Type
    """Never itself nullable: `Nullable(Nullable(x))` is not built."""


@dataclass(frozen=True, slots=True)
class File:
    """A file to upload: a path, bytes or an open file (the runtime's `FileTypes`)."""


@dataclass(frozen=True, slots=True)
class AnyType:
    """Anything at all, `null` included."""


@dataclass(frozen=True, slots=True)
class NoneType:
    """Only `null`: an empty answer, or a schema that admits nothing else."""


@dataclass(frozen=True, slots=True)
class Deferred:
    """A component schema met again while it is still being translated (`Node` whose
    variant holds a list of `Node`s). Only the builder sees it: once every component is
    translated, each is replaced by what its schema became (`substitute`)."""

    component: str


Type: TypeAlias = (
    Primitive
    | ListOf
    | MapOf
    | ModelRef
    | EnumRef
    | LiteralOf
    | Union
    | Nullable
    | File
    | AnyType
    | NoneType
    | Deferred
)

ANY = AnyType()
NONE = NoneType()
FILE = File()
STR = Primitive("str")
INT = Primitive("int")
FLOAT = Primitive("float")
BOOL = Primitive("bool")
BYTES = Primitive("bytes")


# -- construction ----------------------------------------------------------------------


def nullable(inner: Type) -> Type:
    """`inner | None`; a type that already admits `None` stays as it is."""
    if admits_none(inner):
        return inner
    return Nullable(inner)


def union(members: list[Type], discriminator: Discriminator | None = None) -> Type:
    """`A | B` with repeats and nested unions flattened, `Any` absorbing everything and
    `None` members turned into a nullable union."""
    flat: dict[Type, None] = {}
    has_none = False
    for member in members:
        if isinstance(member, AnyType):
            return ANY
        if isinstance(member, Nullable):
            has_none = True
            member = member.inner
        if isinstance(member, NoneType):
            has_none = True
            continue
        for part in (
            member.members if isinstance(member, Union) and not member.discriminator else (member,)
        ):
            flat[part] = None
    real = list(flat)
    if not real:
        return NONE
    result = real[0] if len(real) == 1 else Union(tuple(real), discriminator)
    return nullable(result) if has_none else result


# -- reading ---------------------------------------------------------------------------


def admits_none(type_: Type) -> bool:
    return isinstance(type_, (Nullable, AnyType, NoneType))


def non_null(type_: Type) -> Type:
    """The type without its `| None`."""
    return type_.inner if isinstance(type_, Nullable) else type_


def list_item(type_: Type) -> Type | None:
    """The element type of a list, else None."""
    return type_.item if isinstance(type_, ListOf) else None


def children(type_: Type) -> tuple[Type, ...]:
    if isinstance(type_, ListOf):
        return (type_.item,)
    if isinstance(type_, MapOf):
        return (type_.value,)
    if isinstance(type_, Union):
        return type_.members
    if isinstance(type_, Nullable):
        return (type_.inner,)
    return ()


def walk(type_: Type) -> Iterator[Type]:
    """The node and every node inside it, depth first."""
    stack = [type_]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(children(node)))


# The naming and rendering stages ask these of the same type trees many thousand times
# (every method's and field's neighbours); types are frozen, so each answer is kept. The
# bound keeps a long-running process (the test suite) from holding every type it built.
_MEMO = functools.lru_cache(maxsize=16384)


@_MEMO
def classes(type_: Type) -> frozenset[str]:
    """Names of the model and enum classes the type mentions."""
    return frozenset(node.name for node in walk(type_) if isinstance(node, (ModelRef, EnumRef)))


@_MEMO
def imports(type_: Type) -> frozenset[Import]:
    """What a module printing the annotation must import (model classes aside)."""
    found: set[Import] = set()
    for node in walk(type_):
        if isinstance(node, AnyType):
            found.add(_ANY_IMPORT)
        elif isinstance(node, LiteralOf):
            found.add(_LITERAL_IMPORT)
        elif isinstance(node, File):
            found.add(_FILE_IMPORT)
        elif isinstance(node, Primitive) and node.name in _PRIMITIVE_IMPORTS:
            found.add(_PRIMITIVE_IMPORTS[node.name])
        elif isinstance(node, Union) and node.discriminator is not None:
            found |= _TAGGED_IMPORTS
    return frozenset(found)


BUILTIN_NAMES = frozenset({"str", "int", "float", "bool", "bytes", "list", "dict"})
"""Builtins an annotation may use, which a same-named method would hide in a class body."""


@_MEMO
def used_names(type_: Type) -> frozenset[str]:
    """Every identifier the annotation uses: classes, imported names and builtins. A
    name defined next to the annotation (a field, a method) must not be one of these."""
    names = set(classes(type_)) | {i.name for i in imports(type_)}
    for node in walk(type_):
        if isinstance(node, Primitive) and node.name in BUILTIN_NAMES:
            names.add(node.name)
        elif isinstance(node, ListOf):
            names.add("list")
        elif isinstance(node, MapOf):
            names |= {"dict", "str"}
    return frozenset(names)


def contains_file(type_: Type) -> bool:
    return any(isinstance(node, File) for node in walk(type_))


def is_model(type_: Type) -> bool:
    """A single model class, which parses with its own `model_validate_json`."""
    return isinstance(type_, ModelRef)


def is_class(type_: Type) -> bool:
    """Whether mypy reads the annotation, as an expression, as `type[T]` (a class or a
    generic alias), so that it can be passed as `cast_to` without a cast."""
    return isinstance(type_, (Primitive, ListOf, MapOf, ModelRef, EnumRef))


def is_literal(type_: Type) -> bool:
    return any(isinstance(node, LiteralOf) for node in walk(type_))


# -- printing --------------------------------------------------------------------------


@_MEMO
def annotation(type_: Type, qualified: frozenset[str] = frozenset()) -> str:
    """The Python annotation. Builtins named in `qualified` are written `builtins.list`:
    inside a class with a method called `list`, the bare name would mean the method."""
    return _text(type_, qualified)


def _text(node: Type, qualified: frozenset[str]) -> str:
    if isinstance(node, Primitive):
        return _builtin(node.name, qualified) if node.name in BUILTIN_NAMES else node.name
    if isinstance(node, ListOf):
        return f"{_builtin('list', qualified)}[{_text(node.item, qualified)}]"
    if isinstance(node, MapOf):
        key = _builtin("str", qualified)
        return f"{_builtin('dict', qualified)}[{key}, {_text(node.value, qualified)}]"
    if isinstance(node, (ModelRef, EnumRef)):
        return node.name
    if isinstance(node, LiteralOf):
        return f"Literal[{', '.join(literal_source(v) for v in node.values)}]"
    if isinstance(node, Union):
        if node.discriminator is None:
            return " | ".join(_text(m, qualified) for m in node.members)
        tags = node.discriminator.tags
        tagged = [f"Annotated[{cls}, Tag({json.dumps(tag)})]" for tag, cls in tags]
        tagged.append("Annotated[UnknownVariant, Tag(UNKNOWN_TAG)]")
        arguments = [node.discriminator.property, *dict.fromkeys(tag for tag, _ in tags)]
        return (
            f"Annotated[{' | '.join(tagged)}, "
            f"Discriminator(discriminator_of({', '.join(map(json.dumps, arguments))}))]"
        )
    if isinstance(node, Nullable):
        return f"{_text(node.inner, qualified)} | None"
    if isinstance(node, File):
        return "FileTypes"
    if isinstance(node, AnyType):
        return "Any"
    if isinstance(node, Deferred):
        raise TypeError(f"schema {node.component!r} was never substituted")
    return "None"


def _builtin(name: str, qualified: frozenset[str]) -> str:
    return f"builtins.{name}" if name in qualified else name


def literal_source(value: LiteralValue) -> str:
    """A literal value as Python source."""
    return repr(value)


# -- rewriting -------------------------------------------------------------------------


def rename_classes(type_: Type, names: Mapping[str, str]) -> Type:
    """The same type with model and enum class names replaced through `names`; the very
    node given back when no name in it changes (callers then keep what holds it)."""
    if isinstance(type_, (ModelRef, EnumRef)):
        name = names.get(type_.name, type_.name)
        if name == type_.name:
            return type_
        return ModelRef(name) if isinstance(type_, ModelRef) else EnumRef(name)
    if isinstance(type_, ListOf):
        item = rename_classes(type_.item, names)
        return type_ if item is type_.item else ListOf(item)
    if isinstance(type_, MapOf):
        value = rename_classes(type_.value, names)
        return type_ if value is type_.value else MapOf(value)
    if isinstance(type_, Nullable):
        inner = rename_classes(type_.inner, names)
        return type_ if inner is type_.inner else Nullable(inner)
    if isinstance(type_, Union):
        return _renamed_union(type_, names)
    return type_


def _renamed_union(type_: Union, names: Mapping[str, str]) -> Type:
    members = tuple(rename_classes(m, names) for m in type_.members)
    discriminator = type_.discriminator
    if discriminator is not None:
        tags = tuple((tag, names.get(cls, cls)) for tag, cls in discriminator.tags)
        if tags != discriminator.tags:
            discriminator = Discriminator(discriminator.property, tags)
    unchanged = all(new is old for new, old in zip(members, type_.members))
    if unchanged and discriminator is type_.discriminator:
        return type_
    return Union(members, discriminator)


def substitute(type_: Type, replace: Callable[[Deferred], Type]) -> Type:
    """The same type with each `Deferred` node replaced, unions and nullables rebuilt so
    that what replaces a node merges with its neighbours (`A | (B | C)` is `A | B | C`)."""
    if isinstance(type_, Deferred):
        return replace(type_)
    if isinstance(type_, ListOf):
        return ListOf(substitute(type_.item, replace))
    if isinstance(type_, MapOf):
        return MapOf(substitute(type_.value, replace))
    if isinstance(type_, Nullable):
        return nullable(substitute(type_.inner, replace))
    if isinstance(type_, Union):
        return union([substitute(m, replace) for m in type_.members], type_.discriminator)
    return type_


def deferred(type_: Type) -> bool:
    """Whether the type still holds a `Deferred` node."""
    return any(isinstance(node, Deferred) for node in walk(type_))


# -- JSON (the package's recorded surface) ---------------------------------------------

JsonType = str | dict[str, Any]
_WORDS: dict[str, Type] = {"file": FILE, "any": ANY, "none": NONE}


def to_json(type_: Type) -> JsonType:
    """A compact JSON form: `"str"`, `{"list": "int"}`, `{"model": "Pet"}`..."""
    if isinstance(type_, Primitive):
        return {"primitive": type_.name, "format": type_.format} if type_.format else type_.name
    if isinstance(type_, ListOf):
        return {"list": to_json(type_.item)}
    if isinstance(type_, MapOf):
        return {"map": to_json(type_.value)}
    if isinstance(type_, ModelRef):
        return {"model": type_.name}
    if isinstance(type_, EnumRef):
        return {"enum": type_.name}
    if isinstance(type_, LiteralOf):
        return {"literal": list(type_.values)}
    if isinstance(type_, Union):
        found: dict[str, Any] = {"union": [to_json(m) for m in type_.members]}
        if type_.discriminator is not None:
            found["tags"] = [list(pair) for pair in type_.discriminator.tags]
            found["property"] = type_.discriminator.property
        return found
    if isinstance(type_, Nullable):
        return {"nullable": to_json(type_.inner)}
    return next(word for word, node in _WORDS.items() if node == type_)


def from_json(data: Any) -> Type:
    """The type `to_json` wrote; `ValueError` for anything else."""
    if isinstance(data, str):
        if data in _WORDS:
            return _WORDS[data]
        if data in _PRIMITIVE_NAMES:
            return Primitive(cast(PrimitiveName, data))
        raise ValueError(f"unknown type {data!r}")
    if not isinstance(data, dict) or not data:
        raise ValueError(f"unknown type {data!r}")
    kind = next(iter(data))
    if kind not in _READERS:
        raise ValueError(f"unknown type node {kind!r}")
    return _READERS[kind](data)


# Module-level: a recorded surface holds thousands of types, each read through here.
_READERS: dict[str, Callable[[dict[str, Any]], Type]] = {
    "primitive": lambda d: Primitive(cast(PrimitiveName, d["primitive"]), d.get("format")),
    "list": lambda d: ListOf(from_json(d["list"])),
    "map": lambda d: MapOf(from_json(d["map"])),
    "model": lambda d: ModelRef(str(d["model"])),
    "enum": lambda d: EnumRef(str(d["enum"])),
    "literal": lambda d: LiteralOf(tuple(d["literal"])),
    "union": lambda d: Union(
        tuple(from_json(m) for m in d["union"]),
        Discriminator(str(d["property"]), tuple((str(a), str(b)) for a, b in d["tags"]))
        if "tags" in d
        else None,
    ),
    "nullable": lambda d: Nullable(from_json(d["nullable"])),
}
_PRIMITIVE_NAMES = frozenset({"str", "int", "float", "bool", "bytes", "date", "datetime", "UUID"})
