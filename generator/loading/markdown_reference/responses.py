"""Responses, with 4xx/5xx pointed at the error body the prose describes."""

from __future__ import annotations

import http
import re
from typing import Any

from generator.loading.markdown_reference.blocks import split_at_matches
from generator.loading.markdown_reference.context import (
    BINARY_MEDIA,
    JSON_MEDIA,
    PRIMITIVE_TYPES,
    Context,
    ref,
)
from generator.loading.markdown_reference.raw import RawOperation

_RESPONSE = re.compile(r"(?:^|\s)(?P<status>[1-5]\d\d|default):(?=\s|$)")


def operation_responses(raw: RawOperation, context: Context) -> dict[str, Any]:
    text = raw.parts.get("Responses:", "")
    responses: dict[str, Any] = {}
    for match, tail in split_at_matches(_RESPONSE, text):
        status = match.group("status")
        responses[status] = _response(status, tail, (*raw.where, "responses", status), context)
    if not any(status.startswith("2") for status in responses):
        context.diagnostics.warn(
            context.source.at(raw.offset), "no success response listed", "returns nothing"
        )
    error_schema = context.error_schema
    if error_schema:
        rate_limit = context.error_descriptions.get("429")
        if rate_limit:
            responses.setdefault("429", _rate_limited(rate_limit, error_schema))
        responses.setdefault("default", _error_response("Any other error.", error_schema))
    return responses


def _response(status: str, text: str, where: tuple[str, ...], context: Context) -> dict[str, Any]:
    named = text[1:].strip() if text.startswith("→") else None
    error_schema = context.error_schema
    if status[0] in "45" and error_schema:
        if named and named != error_schema:
            context.replaced_error_schemas.add(named)
        own_text = None if named else text
        description = context.error_descriptions.get(status) or own_text or _phrase(status)
        return _error_response(description, error_schema)
    if named:
        schema = _named_schema(named, where, context)
        return {"description": _phrase(status), "content": {JSON_MEDIA: {"schema": schema}}}
    if "binary" in text.lower():
        binary = {"type": "string", "format": "binary"}
        return {"description": text, "content": {BINARY_MEDIA: {"schema": binary}}}
    return {"description": text or _phrase(status)}


def _named_schema(name: str, where: tuple[str, ...], context: Context) -> dict[str, Any]:
    if name in context.schemas:
        return ref(name)
    location = context.source.at_pointer(*where)
    if name == "array":
        context.diagnostics.warn(
            location, "array response without an item type", "items typed as any JSON"
        )
        return {"type": "array", "items": {}}
    if name in PRIMITIVE_TYPES:
        return {"type": name}
    context.diagnostics.warn(
        location, f"response schema {name} is not among the schemas", "typed as any JSON"
    )
    return {}


def _phrase(status: str) -> str:
    try:
        return http.HTTPStatus(int(status)).phrase
    except ValueError:
        return "Response"


def _error_response(description: str, schema: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {JSON_MEDIA: {"schema": ref(schema)}},
    }


def _rate_limited(description: str, schema: str) -> dict[str, Any]:
    response = _error_response(description, schema)
    retry_after = {"description": "Seconds to wait before retrying.", "schema": {"type": "integer"}}
    return {**response, "headers": {"Retry-After": retry_after}}
