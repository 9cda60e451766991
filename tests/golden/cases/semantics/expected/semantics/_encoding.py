"""Turns method arguments into the parts of an HTTP request: path, query, headers, body.

Every function here is pure, so request encoding can be tested without a network.
"""

# No `from __future__ import annotations` here, on purpose: NamedTuple fields are then
# real types, where string annotations would each be compiled by `typing` at import
# time, costing milliseconds for nothing.

import datetime
import enum
import re
import uuid
from collections.abc import Mapping, Sequence
from typing import NamedTuple
from urllib.parse import quote, urlencode

import pydantic
import pydantic_core

from ._types import FileTypes, NotGiven

__all__ = [
    "EncodedBody",
    "cookie_header",
    "encode_body",
    "encode_headers",
    "encode_query",
    "render_path",
    "to_param_str",
]

_PATH_PARAM = re.compile(r"\{([^{}]+)\}")

# Characters a cookie value may hold unencoded (RFC 6265 cookie-octet, less `%` so that
# encoding stays reversible); `;`, `,`, space and quotes would end or split the cookie.
_COOKIE_SAFE = "!#$&'()*+-./:<=>?@[]^_`{|}~"

# How HTML forms escape a field name inside a multipart Content-Disposition header.
_FIELD_NAME_ESCAPES = str.maketrans({'"': "%22", "\r": "%0D", "\n": "%0A"})


class EncodedBody(NamedTuple):
    """What httpx needs to send a body: raw content, or form fields plus files."""

    content: bytes | None
    data: dict[str, list[str]] | None
    files: list[tuple[str, FileTypes]] | None
    content_type: str | None


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


def render_path(template: str, params: Mapping[str, object] | None) -> str:
    """Fills `{name}` placeholders with percent-encoded values.

    Nothing is left unencoded (not even `/`), so a value can never reach another path,
    and a value made only of dots is encoded too so it is not read as `.` or `..`.
    """
    if not params:
        if "{" in template:
            raise ValueError(f"Missing path parameters for `{template}`")
        return template
    values = params  # narrowed to non-None, which mypy forgets inside `substitute`

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise ValueError(f"Missing path parameter `{name}` for `{template}`")
        return _encode_path_value(name, values[name])

    return _PATH_PARAM.sub(substitute, template)


def _encode_path_value(name: str, value: object) -> str:
    if isinstance(value, (list, tuple)) and value:
        # An array in the default (simple) style: each item encoded, the commas literal,
        # so an item holding a comma stays one item.
        return ",".join(_encode_path_value(name, item) for item in value)
    text = "" if value is None or isinstance(value, NotGiven) else to_param_str(value)
    if not text:
        raise ValueError(
            f"Expected a non-empty value for `{name}` but received {value!r}"
        )
    encoded = quote(text, safe="")
    if not encoded.strip("."):
        return encoded.replace(".", "%2E")
    return encoded


def encode_query(query: Mapping[str, object]) -> list[tuple[str, str]]:
    """Query pairs: `None` dropped, lists repeated (`a=1&a=2`), mappings and models as
    deepObject (`filter[status]=open`)."""
    pairs: list[tuple[str, str]] = []
    for name, value in query.items():
        _add_pairs(pairs, name, value)
    return pairs


def _add_pairs(pairs: list[tuple[str, str]], name: str, value: object) -> None:
    if value is None or isinstance(value, NotGiven):
        return
    if isinstance(value, pydantic.BaseModel):
        value = value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, Mapping):
        for key, item in value.items():
            _add_pairs(pairs, f"{name}[{key}]", item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            _add_pairs(pairs, name, item)
    else:
        pairs.append((name, to_param_str(value)))


def encode_headers(headers: Mapping[str, object | None]) -> dict[str, str]:
    """Header values as text, `None` dropped, lists joined with commas; names in lower
    case, so that merging header sets cannot leave one header under two spellings."""
    encoded: dict[str, str] = {}
    for name, value in headers.items():
        if value is None or isinstance(value, NotGiven):
            continue
        if isinstance(value, (list, tuple)):
            text = ",".join(to_param_str(item) for item in value)
        else:
            text = to_param_str(value)
        if "\r" in text or "\n" in text:
            # Would end the header early (and start another one); refused before sending.
            raise ValueError(f"header {name!r} contains a line break")
        encoded[name.lower()] = text
    return encoded


def cookie_header(cookies: Mapping[str, object | None]) -> str | None:
    """A `Cookie` header value, or None when every cookie is absent."""
    pairs = [
        f"{name}={quote(to_param_str(value), safe=_COOKIE_SAFE)}"
        for name, value in cookies.items()
        if value is not None and not isinstance(value, NotGiven)
    ]
    return "; ".join(pairs) or None


def encode_body(
    *,
    json: object,
    data: Mapping[str, object] | None,
    files: Sequence[tuple[str, FileTypes]] | None,
    content: bytes | None,
    content_type: str | None,
    extra_body: Mapping[str, object] | None,
) -> EncodedBody:
    """The body of a request, from whichever of json / data+files / content is given.

    `extra_body` is merged into a form or a JSON object body (or becomes the JSON body
    when the method has none).
    """
    if content is not None:
        return EncodedBody(content, None, None, content_type)
    if data is not None or files:
        fields = {**(data or {}), **(extra_body or {})}
        pairs = encode_query(fields)
        if files:
            grouped: dict[str, list[str]] = {}
            for name, value in pairs:
                grouped.setdefault(name, []).append(value)
            # httpx writes the multipart boundary into the content type itself.
            return EncodedBody(None, grouped, list(files), None)
        if content_type and content_type.startswith("multipart/"):
            return _multipart_without_files(pairs)
        form_type = content_type or "application/x-www-form-urlencoded"
        return EncodedBody(urlencode(pairs).encode("ascii"), None, None, form_type)
    if extra_body:
        json = _merge_object(json, extra_body)
    if json is None:
        return EncodedBody(None, None, None, content_type)
    return EncodedBody(_dump_json(json), None, None, content_type or "application/json")


def _multipart_without_files(pairs: list[tuple[str, str]]) -> EncodedBody:
    # httpx falls back to URL encoding when no file is given, but an endpoint declared
    # as multipart may reject that, so the fields are framed here.
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in pairs:
        field = name.translate(_FIELD_NAME_ESCAPES)
        parts.append(
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="{field}"\r\n\r\n'
            f"{value}\r\n"
        )
    body = "".join(parts) + f"--{boundary}--\r\n"
    content_type = f"multipart/form-data; boundary={boundary}"
    return EncodedBody(body.encode("utf-8"), None, None, content_type)


def _merge_object(body: object, extra: Mapping[str, object]) -> dict[str, object]:
    if body is None:
        return dict(extra)
    jsonable = _to_jsonable(body)
    if not isinstance(jsonable, dict):
        raise TypeError("`extra_body` needs a JSON object body to merge into")
    return {**jsonable, **extra}


def _dump_json(body: object) -> bytes:
    if isinstance(body, pydantic.BaseModel):
        return body.model_dump_json(by_alias=True, exclude_unset=True).encode()
    return pydantic_core.to_json(_to_jsonable(body))


def _to_jsonable(value: object) -> object:
    """Dumps pydantic models (by alias, only the fields set) wherever they are nested,
    and drops NOT_GIVEN entries; pydantic_core handles every other type."""
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if isinstance(value, Mapping):
        return {
            key: _to_jsonable(item)
            for key, item in value.items()
            if not isinstance(item, NotGiven)
        }
    if isinstance(value, (list, tuple)):
        return [_to_jsonable(item) for item in value]
    return value
