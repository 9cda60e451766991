"""The OpenAPI document assembled from the capture."""

from __future__ import annotations

import dataclasses
from typing import Any

from generator.diagnostics import Disclosure
from generator.loading.markdown_reference.blocks import is_operation
from generator.loading.markdown_reference.capture import Capture
from generator.loading.markdown_reference.context import Context
from generator.loading.markdown_reference.operations import build_operation, operation_ids
from generator.loading.markdown_reference.prose import read_info, security_scheme, tag_object
from generator.loading.markdown_reference.raw import RawOperation, raw_operation
from generator.loading.markdown_reference.schemas import schema_component
from generator.loading.markdown_reference.webhooks import webhook_operations

OPENAPI_VERSION = "3.1.0"
SECURITY_SCHEME = "bearerAuth"


def build_document(capture: Capture, context: Context) -> dict[str, Any]:
    info, url = read_info(capture.title, capture.prose, context.source, context.diagnostics)
    document: dict[str, Any] = {"openapi": OPENAPI_VERSION, "info": info}
    if url:
        document["servers"] = [{"url": url}]
    scheme = security_scheme(capture.prose)
    if scheme:
        document["security"] = [{SECURITY_SCHEME: []}]
    tags, raws = _tags_and_operations(capture, context)
    document["tags"] = tags
    document["paths"] = _paths(raws, context)
    if capture.webhooks:
        document["webhooks"] = {
            k: v for s in capture.webhooks for k, v in webhook_operations(s, context).items()
        }
    schemas = {name: schema_component(raw, context) for name, raw in context.schemas.items()}
    if context.error_component and context.error_schema:
        schemas[context.error_schema] = context.error_component
    components: dict[str, Any] = {"schemas": dict(sorted(schemas.items()))}
    if scheme:
        components["securitySchemes"] = {SECURITY_SCHEME: scheme}
        _note_unauthenticated(raws, context)
    _warn_replaced_error_schemas(context)
    document["components"] = components
    return document


def _tags_and_operations(
    capture: Capture, context: Context
) -> tuple[list[dict[str, Any]], list[RawOperation]]:
    tags, raws = [], []
    for section in capture.tags:
        operations = [child for child in section.children if is_operation(child)]
        for child in section.children:
            if not is_operation(child):
                context.diagnostics.warn(
                    context.source.at(child.offset),
                    "heading among operations is not an operation",
                    "skipped",
                )
        untagged = [raw_operation(block, "") for block in operations]
        tag = tag_object(section, untagged)
        tags.append(tag)
        raws += [dataclasses.replace(raw, tag=tag["name"]) for raw in untagged]
    return tags, raws


def _paths(raws: list[RawOperation], context: Context) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for raw, operation_id in zip(raws, operation_ids(raws, context), strict=True):
        item = paths.setdefault(raw.path, {})
        method = raw.method.lower()
        if method in item:
            context.diagnostics.warn(
                context.source.at(raw.offset), f"{raw.method} {raw.path} listed twice", "first kept"
            )
            continue
        item[method] = build_operation(raw, operation_id, context)
    return paths


def _note_unauthenticated(raws: list[RawOperation], context: Context) -> None:
    unauthenticated = sum(1 for raw in raws if raw.parts.get("Auth:") == "None")
    if unauthenticated:
        context.diagnostics.note(
            context.source.name,
            f"{unauthenticated} operations say `Auth: None`, but the Authentication section "
            "says endpoints take a bearer token",
            "the bearer requirement applies to every operation",
            disclosure=Disclosure.ASSUMED,
        )


def _warn_replaced_error_schemas(context: Context) -> None:
    documented = "{" + ", ".join((context.error_component or {}).get("required", [])) + "}"
    for name in sorted(context.replaced_error_schemas):
        raw = context.schemas.get(name)
        fields = f" {{{', '.join(f.name for f in raw.fields)}}}" if raw else ""
        context.diagnostics.warn(
            context.source.at_pointer("components", "schemas", name),
            f"operations give {name}{fields} as their error body, but the Error Handling "
            f"section says every error is {documented} and its examples agree",
            f"4xx/5xx responses use {context.error_schema}; {name} kept as a schema",
            disclosure=Disclosure.ASSUMED,
        )
