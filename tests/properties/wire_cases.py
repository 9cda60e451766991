"""Parameters and their values for the wire reference suite: one parameter per
operation, in every location, style and explode combination that the OpenAPI 3.1
specification's "Style Examples" table defines (a cell marked n/a is never drawn),
of primitive, array and object schemas, with `allowReserved` and `content` too.

Values stay clear of each style's separators (`,` `.` `;` `=` `|` `&` and space), which
the specification leaves unescaped, so that a value can be read back one way only; and
of what a server's parsing cannot tell apart once decoded (`/`, `?` and `#` in a path)
or does not decode at all (`%`-escapes in a cookie). The hostile suite
(tests/hostile/test_wire.py) sends those.
"""

from __future__ import annotations

import datetime
import string
from dataclasses import dataclass
from typing import Any, Literal

from hypothesis import strategies as st

Location = Literal["path", "query", "header", "cookie"]
LOCATIONS: tuple[Location, ...] = ("path", "query", "header", "cookie")
Shape = Literal["primitive", "array", "object"]
SHAPES: tuple[Shape, ...] = ("primitive", "array", "object")

# (style, explode, shape) the specification's table fills in, by location.
_TABLE: dict[Location, list[tuple[str, bool, Shape]]] = {
    "path": [
        (style, explode, shape)
        for style in ("simple", "label", "matrix")
        for explode in (False, True)
        for shape in SHAPES
    ],
    "query": [
        *[("form", explode, shape) for explode in (False, True) for shape in SHAPES],
        *[
            (s, False, shape)
            for s in ("spaceDelimited", "pipeDelimited")
            for shape in ("array", "object")
        ],
        ("deepObject", True, "object"),
    ],
    "header": [("simple", explode, shape) for explode in (False, True) for shape in SHAPES],
    "cookie": [("form", explode, shape) for explode in (False, True) for shape in SHAPES],
}

_PUNCTUATION = "!$'()*+-:@_~"
_TEXT: dict[Location, str] = {
    # Anything but separators, `/`, and `?` or `#`, which openapi-core's path matching
    # reads as the start of a query or fragment once decoded; `%`, `[` and letters
    # beyond ASCII are encoded.
    "path": string.ascii_letters + string.digits + _PUNCTUATION + '%[]"<>^`{}é日\u202e',
    "query": string.ascii_letters + string.digits + _PUNCTUATION + '%?#/[]"<>^`{}é日\u202e',
    # A header carries printable ASCII as it is (leading and trailing spaces would be
    # trimmed by HTTP itself).
    "header": string.ascii_letters + string.digits + _PUNCTUATION + '%?#/[]"<>^`{}',
    # Cookie octets, which travel unescaped.
    "cookie": string.ascii_letters + string.digits + "!$'()*+-:@_~#/?[]^`{}",
}
# What `allowReserved` sends unescaped, less the separators.
_RESERVED = ":/?@!$'()*"

PRIMITIVES: dict[str, dict[str, Any]] = {
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "number": {"type": "number"},
    "boolean": {"type": "boolean"},
    "date": {"type": "string", "format": "date"},
}


@dataclass(frozen=True)
class WireCase:
    location: Location
    name: str
    """The parameter's name on the wire."""
    style: str
    explode: bool
    schema: dict[str, Any]
    allow_reserved: bool = False
    content: bool = False
    """Declared by `content: application/json` instead of a style."""

    def parameter(self) -> dict[str, Any]:
        declared: dict[str, Any] = {"name": self.name, "in": self.location, "required": True}
        if self.content:
            return declared | {"content": {"application/json": {"schema": self.schema}}}
        declared |= {"style": self.style, "explode": self.explode, "schema": self.schema}
        return declared | ({"allowReserved": True} if self.allow_reserved else {})


def _name(location: Location) -> st.SearchStrategy[str]:
    word = st.text(string.ascii_lowercase, min_size=1, max_size=6)
    return word.map(lambda w: f"x-{w}") if location == "header" else word


def _primitive_names(style: str, explode: bool) -> list[str]:
    # A label array or object that explodes is separated by dots, which numbers hold.
    dotted = style == "label" and explode
    return [name for name in PRIMITIVES if not (dotted and name == "number")]


@st.composite
def _schema(draw: st.DrawFn, shape: Shape, style: str, explode: bool) -> dict[str, Any]:
    primitive = st.sampled_from(_primitive_names(style, explode)).map(lambda n: PRIMITIVES[n])
    if shape == "primitive":
        return draw(primitive)
    if shape == "array":
        return {"type": "array", "items": draw(primitive)}
    keys = draw(
        st.lists(
            st.text(string.ascii_lowercase, min_size=1, max_size=4),
            min_size=1,
            max_size=3,
            unique=True,
        )
    )
    properties = {key: draw(primitive) for key in keys}
    return {
        "type": "object",
        "properties": properties,
        "required": keys,
        "additionalProperties": False,
    }


@st.composite
def wire_cases(draw: st.DrawFn, location: Location) -> WireCase:
    style, explode, shape = draw(st.sampled_from(_TABLE[location]))
    return WireCase(
        location, draw(_name(location)), style, explode, draw(_schema(shape, style, explode))
    )


@st.composite
def special_cases(draw: st.DrawFn, location: Location) -> WireCase:
    """`allowReserved` (query) and `content: application/json` (query and header)."""
    if location == "query" and draw(st.booleans()):
        schema = draw(
            st.sampled_from([{"type": "string"}, {"type": "array", "items": {"type": "string"}}])
        )
        return WireCase(
            location,
            draw(_name(location)),
            "form",
            draw(st.booleans()),
            schema,
            allow_reserved=True,
        )
    shape = draw(st.sampled_from(SHAPES))
    return WireCase(
        location,
        draw(_name(location)),
        "form",
        True,
        draw(_schema(shape, "form", True)),
        content=True,
    )


def table_coverage(location: Location) -> list[tuple[str, bool, Shape]]:
    """Every cell of the table for the location, so that each batch covers them all."""
    return list(_TABLE[location])


@st.composite
def table_case(draw: st.DrawFn, location: Location, cell: tuple[str, bool, Shape]) -> WireCase:
    style, explode, shape = cell
    return WireCase(
        location, draw(_name(location)), style, explode, draw(_schema(shape, style, explode))
    )


# -- values ------------------------------------------------------------------------------


def _text(case: WireCase) -> st.SearchStrategy[str]:
    alphabet = _TEXT[case.location] + (_RESERVED if case.allow_reserved else "")
    if case.content and case.location == "header":
        alphabet = _TEXT["header"]
    return st.text(alphabet, min_size=1, max_size=8)


def _primitive_value(case: WireCase, schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    if schema.get("format") == "date":
        return st.dates(datetime.date(1900, 1, 1), datetime.date(2200, 12, 31))
    return {
        "string": _text(case),
        "integer": st.integers(-(2**53), 2**53),
        "number": st.floats(allow_nan=False, allow_infinity=False),
        "boolean": st.booleans(),
    }[schema["type"]]


def values(case: WireCase) -> st.SearchStrategy[Any]:
    """Values of the case's schema (arrays and objects never empty: an empty one is
    absent on the wire, as RFC 6570 has it)."""
    schema = case.schema
    if schema["type"] == "array":
        return st.lists(_primitive_value(case, schema["items"]), min_size=1, max_size=4)
    if schema["type"] == "object":
        return st.fixed_dictionaries(
            {key: _primitive_value(case, prop) for key, prop in schema["properties"].items()}
        )
    return _primitive_value(case, schema)
