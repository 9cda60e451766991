"""Path, query, header and cookie parameters on the wire, as the OpenAPI specification
serialises them (its "Style Values" and "Style Examples"): one rule for every
parameter, driven by the style each generated call passes in a `Param`.

A value passed bare is sent in its location's default style: `simple` in paths and
headers, `form` (exploded) in queries and cookies. Every function here is pure.
"""

# No `from __future__ import annotations` here, on purpose (see `_types`).

import datetime
import enum
import re
from collections.abc import Callable, Mapping
from typing import Literal, NamedTuple, TypeAlias
from urllib.parse import quote

import pydantic
import pydantic_core

from ._exceptions import InvalidParameterError
from ._guards import is_array, is_object
from ._types import NotGiven

__all__ = [
    "Param",
    "cookie_header",
    "encode_headers",
    "encode_query",
    "render_path",
    "to_param_str",
]

Style: TypeAlias = Literal[
    "matrix", "label", "simple", "form", "spaceDelimited", "pipeDelimited", "deepObject"
]
Location: TypeAlias = Literal["path", "query", "header", "cookie"]

_DEFAULT_STYLES: dict[Location, Style] = {
    "path": "simple",
    "query": "form",
    "header": "simple",
    "cookie": "form",
}

_PATH_PARAM = re.compile(r"\{([^{}]+)\}")

# What `allowReserved` leaves unencoded in a query value: RFC 3986's reserved
# characters, less those a query cannot hold literally (`#`, `[`, `]`) or that mean
# something in a form-encoded query (`&`, `+`); `%` is always encoded, so that every
# value decodes back to itself.
_RESERVED_IN_QUERY = ":/?@!$'()*,;="

# Characters a cookie value may hold unencoded (RFC 6265 cookie-octet, less `%` so that
# encoding stays reversible, and less `,`, which separates array items).
_COOKIE_SAFE = "!#$&'()*+-./:<=>?@[]^_`{|}~"

# Query separators of the delimited styles, as sent (the space already encoded).
_DELIMITERS: dict[str, str] = {
    "form": ",",
    "spaceDelimited": "%20",
    "pipeDelimited": "|",
}


class Param:
    """A parameter value together with how its spec serialises it.

    `style` and `explode` default to the location's; `allow_reserved` leaves RFC 3986's
    reserved characters unencoded in a query value; `content_type` (a JSON media type)
    sends the value as JSON text instead of in a style.
    """

    __slots__ = ("allow_reserved", "content_type", "explode", "style", "value")

    def __init__(
        self,
        value: object,
        *,
        style: Style | None = None,
        explode: bool | None = None,
        allow_reserved: bool = False,
        content_type: str | None = None,
    ) -> None:
        self.value = value
        self.style: Style | None = style
        self.explode = explode
        self.allow_reserved = allow_reserved
        self.content_type = content_type

    def __repr__(self) -> str:
        return (
            f"Param({self.value!r}, style={self.style!r}, explode={self.explode!r}, "
            f"allow_reserved={self.allow_reserved!r}, content_type={self.content_type!r})"
        )


def to_param_str(value: object) -> str:
    """The text of a scalar in a path, query, header or form: `true`/`false` for
    booleans, an enum's value, ISO 8601 for dates and times."""
    if isinstance(value, str) and not isinstance(value, enum.Enum):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return to_param_str(value.value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return str(value)


# -- what a value is, whatever its style -------------------------------------------------

# A value reduced to what the styles distinguish: one scalar's text, the texts of an
# array's items, or an object's members' texts by key (None: absent).
_Shape: TypeAlias = str | list[str] | dict[str, str]
_Encoder: TypeAlias = Callable[[str], str]


class _Spec(NamedTuple):
    """A parameter's value with its `Param` settings, the location's defaults filled in."""

    value: object
    style: Style
    explode: bool
    allow_reserved: bool
    content_type: str | None

    @classmethod
    def of(cls, location: Location, value: object) -> "_Spec":
        if not isinstance(value, Param):
            style = _DEFAULT_STYLES[location]
            return cls(value, style, style == "form", False, None)
        style = value.style or _DEFAULT_STYLES[location]
        explode = style == "form" if value.explode is None else value.explode
        return cls(
            value.value, style, explode, value.allow_reserved, value.content_type
        )

    def shape(self) -> _Shape | None:
        """The value's shape: JSON text for a `content` parameter."""
        if _absent(self.value):
            return None
        if self.content_type is not None:
            return _json_text(self.value)
        return _shape(self.value)


def _absent(value: object) -> bool:
    return value is None or isinstance(value, NotGiven)


def _shape(value: object) -> _Shape | None:
    """Arrays and objects with no members are absent, as RFC 6570 treats them."""
    if isinstance(value, pydantic.BaseModel):
        value = value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if is_object(value):
        members = {
            to_param_str(key): _item_text(item)
            for key, item in value.items()
            if not _absent(item)
        }
        return members or None
    if is_array(value):
        items = [_item_text(item) for item in value if not _absent(item)]
        return items or None
    return to_param_str(value)


def _item_text(item: object) -> str:
    """An array item or object member: a scalar's text; a nested array or object,
    which no style defines, as JSON text."""
    if is_object(item) or is_array(item) or isinstance(item, pydantic.BaseModel):
        return _json_text(item)
    return to_param_str(item)


def _json_text(value: object) -> str:
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump_json(by_alias=True, exclude_unset=True)
    return pydantic_core.to_json(value).decode()


def _flat(shape: list[str] | dict[str, str]) -> list[str]:
    """An array's items, or an object's keys and values in turn (`R,100,G,200`)."""
    if isinstance(shape, dict):
        return [part for member in shape.items() for part in member]
    return shape


# -- path --------------------------------------------------------------------------------


def render_path(template: str, params: Mapping[str, object] | None) -> str:
    """Fills `{name}` placeholders with values in their styles (`simple`, `label`,
    `matrix`), percent-encoded.

    Nothing in a value is left unencoded (not even `/`), so a value can never reach
    another path, and a value made only of dots is encoded too so it is not read as
    `.` or `..`; only the style's own separators are literal.
    """
    values = params or {}

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise InvalidParameterError(
                name, "path", f"Missing path parameter `{name}` for `{template}`"
            )
        return _path_segment(name, _Spec.of("path", values[name]))

    return _PATH_PARAM.sub(substitute, template)


def _path_segment(name: str, spec: _Spec) -> str:
    shape = spec.shape()
    if shape is None or shape == "":
        raise InvalidParameterError(
            name,
            "path",
            f"Expected a non-empty value for `{name}` but received {spec.value!r}",
        )
    encode = _encode_path_part
    if spec.style == "matrix":
        return _matrix(encode(name), shape, spec.explode)
    prefix = "." if spec.style == "label" else ""
    if isinstance(shape, str):
        return prefix + encode(shape)
    separator = "." if spec.style == "label" and spec.explode else ","
    if spec.explode and isinstance(shape, dict):
        return prefix + separator.join(
            f"{encode(k)}={encode(v)}" for k, v in shape.items()
        )
    return prefix + separator.join(encode(part) for part in _flat(shape))


def _matrix(name: str, shape: _Shape, explode: bool) -> str:
    encode = _encode_path_part
    if isinstance(shape, str):
        return f";{name}={encode(shape)}"
    if not explode:
        return f";{name}=" + ",".join(encode(part) for part in _flat(shape))
    if isinstance(shape, dict):
        return "".join(f";{encode(k)}={encode(v)}" for k, v in shape.items())
    return "".join(f";{name}={encode(item)}" for item in shape)


def _encode_path_part(text: str) -> str:
    encoded = quote(text, safe="")
    if not encoded.strip("."):
        return encoded.replace(".", "%2E")
    return encoded


# -- query ---------------------------------------------------------------------------------


def encode_query(query: Mapping[str, object]) -> str:
    """The query string (without `?`): each parameter in its style, absent ones left
    out, values percent-encoded (a space as `%20`) and separators literal."""
    pairs: list[str] = []
    for name, value in query.items():
        pairs += _query_pairs(quote(name, safe=""), _Spec.of("query", value))
    return "&".join(pairs)


def _query_pairs(key: str, spec: _Spec) -> list[str]:
    safe = _RESERVED_IN_QUERY if spec.allow_reserved else ""

    def encode(text: str) -> str:
        return quote(text, safe=safe)

    if spec.style == "deepObject" and spec.content_type is None:
        return _deep_object(key, spec.value, encode)
    shape = spec.shape()
    if shape is None:
        return []
    if isinstance(shape, str):
        return [f"{key}={encode(shape)}"]
    if spec.explode:
        if isinstance(shape, dict):
            return [f"{quote(k, safe='')}={encode(v)}" for k, v in shape.items()]
        return [f"{key}={encode(item)}" for item in shape]
    separator = _DELIMITERS[spec.style]
    return [f"{key}=" + separator.join(encode(part) for part in _flat(shape))]


def _deep_object(key: str, value: object, encode: _Encoder) -> list[str]:
    """`name[R]=100&name[G]=200`; a nested object goes a bracket deeper and an array
    repeats its key, as deepObject parsers commonly read them."""
    if _absent(value):
        return []
    if isinstance(value, pydantic.BaseModel):
        value = value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if is_object(value):
        return [
            pair
            for member, item in value.items()
            for pair in _deep_object(
                f"{key}[{quote(to_param_str(member), safe='')}]", item, encode
            )
        ]
    if is_array(value):
        return [pair for item in value for pair in _deep_object(key, item, encode)]
    return [f"{key}={encode(to_param_str(value))}"]


# -- headers and cookies -------------------------------------------------------------------


def encode_headers(headers: Mapping[str, object]) -> dict[str, str]:
    """Header values in the `simple` style, absent ones dropped; names in lower case,
    so that merging header sets cannot leave one header under two spellings.

    A value that a header cannot carry as it is (a line break, which would start
    another header, or a character outside ASCII) raises `InvalidParameterError`.
    """
    encoded: dict[str, str] = {}
    for name, value in headers.items():
        spec = _Spec.of("header", value)
        shape = spec.shape()
        if shape is None:
            continue
        if isinstance(shape, str):
            text = shape
        elif spec.explode and isinstance(shape, dict):
            text = ",".join(f"{k}={v}" for k, v in shape.items())
        else:
            text = ",".join(_flat(shape))
        encoded[name.lower()] = _header_text(name, text)
    return encoded


def _header_text(name: str, text: str) -> str:
    if "\r" in text or "\n" in text:
        raise InvalidParameterError(
            name, "header", f"Header `{name}` contains a line break"
        )
    if not text.isascii():
        raise InvalidParameterError(
            name,
            "header",
            f"Header `{name}` holds characters outside ASCII, which a header cannot "
            "carry: encode the value before passing it",
        )
    return text


def cookie_header(cookies: Mapping[str, object]) -> str | None:
    """A `Cookie` header value in the `form` style (an exploded array repeats its
    cookie, `id=3; id=4`), or None when every cookie is absent."""
    pairs: list[str] = []
    for name, value in cookies.items():
        spec = _Spec.of("cookie", value)
        shape = spec.shape()
        if shape is None:
            continue
        encode = _encode_cookie
        if isinstance(shape, str):
            pairs.append(f"{name}={encode(shape)}")
        elif not spec.explode:
            pairs.append(f"{name}=" + ",".join(encode(part) for part in _flat(shape)))
        elif isinstance(shape, dict):
            pairs += [f"{k}={encode(v)}" for k, v in shape.items()]
        else:
            pairs += [f"{name}={encode(item)}" for item in shape]
    return "; ".join(pairs) or None


def _encode_cookie(text: str) -> str:
    return quote(text, safe=_COOKIE_SAFE)
