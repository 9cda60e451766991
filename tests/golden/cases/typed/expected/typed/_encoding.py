"""Turns a method's body arguments into the body of an HTTP request: JSON, a form,
multipart parts or raw content. (Parameters are `_parameters`' job.)

Every function here is pure, so request encoding can be tested without a network.
"""

# No `from __future__ import annotations` here, on purpose: NamedTuple fields are then
# real types, where string annotations would each be compiled by `typing` at import
# time, costing milliseconds for nothing.

import uuid
from collections.abc import Mapping, Sequence
from typing import NamedTuple
from urllib.parse import urlencode

import pydantic
import pydantic_core

from ._guards import is_array, is_object
from ._parameters import to_param_str
from ._types import FileTypes, NotGiven

__all__ = ["EncodedBody", "encode_body", "with_stream_flag"]

# The member of a JSON body by which OpenAI-style APIs ask for an event stream.
_STREAM_FLAG = "stream"

# How HTML forms escape a field name inside a multipart Content-Disposition header.
_FIELD_NAME_ESCAPES = str.maketrans({'"': "%22", "\r": "%0D", "\n": "%0A"})


class EncodedBody(NamedTuple):
    """What httpx needs to send a body: raw content, or form fields plus files."""

    content: bytes | None
    data: dict[str, list[str]] | None
    files: list[tuple[str, FileTypes]] | None
    content_type: str | None


def _form_pairs(fields: Mapping[str, object]) -> list[tuple[str, str]]:
    """Form fields as pairs: `None` dropped, lists repeated (`a=1&a=2`), mappings and
    models bracketed (`filter[status]=open`), as form bodies commonly nest."""
    pairs: list[tuple[str, str]] = []
    for name, value in fields.items():
        _add_pairs(pairs, name, value)
    return pairs


def _add_pairs(pairs: list[tuple[str, str]], name: str, value: object) -> None:
    if value is None or isinstance(value, NotGiven):
        return
    if isinstance(value, pydantic.BaseModel):
        value = value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if is_object(value):
        for key, item in value.items():
            _add_pairs(pairs, f"{name}[{key}]", item)
    elif is_array(value):
        for item in value:
            _add_pairs(pairs, name, item)
    else:
        pairs.append((name, to_param_str(value)))


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
        pairs = _form_pairs(fields)
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


def with_stream_flag(body: object, stream: bool) -> object:
    """The JSON body with its `stream` member saying `stream`. A body built from
    keyword arguments already says it; a `body=` model may say otherwise, and then is
    sent as a copy that agrees (so the answer is the one the call's type promises)."""
    if not isinstance(body, pydantic.BaseModel):
        return body
    document = body.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if bool(document.get(_STREAM_FLAG)) == stream:
        return body
    return {**document, _STREAM_FLAG: stream}


def _multipart_without_files(pairs: list[tuple[str, str]]) -> EncodedBody:
    # httpx falls back to URL encoding when no file is given, but an endpoint declared
    # as multipart may reject that, so the fields are framed here.
    boundary = uuid.uuid4().hex
    parts: list[str] = []
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
    if not is_object(jsonable):
        raise TypeError("`extra_body` needs a JSON object body to merge into")
    # JSON object keys are text; `str` says so to the type checker and changes none.
    return {**{str(key): item for key, item in jsonable.items()}, **extra}


def _dump_json(body: object) -> bytes:
    if isinstance(body, pydantic.BaseModel):
        return body.model_dump_json(by_alias=True, exclude_unset=True).encode()
    return pydantic_core.to_json(_to_jsonable(body))


def _to_jsonable(value: object) -> object:
    """Dumps pydantic models (by alias, only the fields set) wherever they are nested,
    and drops NOT_GIVEN entries; pydantic_core handles every other type."""
    if isinstance(value, pydantic.BaseModel):
        return value.model_dump(mode="json", by_alias=True, exclude_unset=True)
    if is_object(value):
        return {
            key: _to_jsonable(item)
            for key, item in value.items()
            if not isinstance(item, NotGiven)
        }
    if is_array(value):
        return [_to_jsonable(item) for item in value]
    return value
