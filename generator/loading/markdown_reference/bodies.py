"""Request bodies: a named schema, or the fields listed with the operation."""

from __future__ import annotations

import re
from typing import Any

from generator.loading.markdown_reference.blocks import Field, read_fields
from generator.loading.markdown_reference.context import Context, ref
from generator.loading.markdown_reference.raw import RawOperation
from generator.loading.markdown_reference.schemas import property_schema
from generator.loading.markdown_reference.words import words_of

_BODY = re.compile(
    r"^Content-Type: (?P<media>[\w.+-]+/[\w.+-]+)(?:; ?[\w-]+=[\w.-]+)*"
    r"\s+Schema: (?P<schema>\S+)\s*(?P<fields>.*)$",
    re.DOTALL,
)


def request_body(raw: RawOperation, context: Context) -> dict[str, Any] | None:
    text = raw.parts.get("Request Body:")
    if text is None:
        return None
    match = _BODY.match(text)
    where = (*raw.where, "requestBody")
    if not match:
        context.diagnostics.warn(
            context.source.at_pointer(*where), "request body not understood", "skipped"
        )
        return None
    media = match.group("media")
    schema_where = (*where, "content", media, "schema")
    schema = _body_schema(
        match.group("schema"), match.group("fields"), media, schema_where, context
    )
    return {"required": True, "content": {media: {"schema": schema}}}


def _body_schema(
    name: str, fields_text: str, media: str, where: tuple[str, ...], context: Context
) -> dict[str, Any]:
    if name in context.schemas:
        return ref(name)
    if name != "object":
        context.diagnostics.warn(
            context.source.at_pointer(*where),
            f"body schema {name} is not among the schemas",
            "built from the fields listed with the operation",
        )
    fields = read_fields(fields_text)
    properties = {}
    for item in fields:
        item_where = (*where, "properties", item.name)
        if media == "multipart/form-data" and _is_file_field(item):
            properties[item.name] = _file_field(item, item_where, context)
        else:
            properties[item.name] = property_schema(item, "", item_where, context)
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    required = [item.name for item in fields if item.required]
    if required:
        schema["required"] = required
    return schema


def _is_file_field(item: Field) -> bool:
    mentions = set(words_of(item.name)) | set(words_of(item.description))
    return item.type in {"string", "array"} and "file" in mentions


def _file_field(item: Field, where: tuple[str, ...], context: Context) -> dict[str, Any]:
    binary = {"type": "string", "format": "binary"}
    schema: dict[str, Any] = (
        {"type": "array", "items": binary} if item.type == "array" else dict(binary)
    )
    context.diagnostics.note(
        context.source.at_pointer(*where),
        f"multipart {item.type} field described as file content",
        "typed as binary" + (" files" if item.type == "array" else ""),
    )
    if item.description:
        schema["description"] = item.description
    return schema
