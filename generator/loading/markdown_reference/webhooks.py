"""Webhook events: named and described by the capture, their payloads left open."""

from __future__ import annotations

import re
from typing import Any

from generator.diagnostics import Disclosure, Subject
from generator.loading.markdown_reference.blocks import Section
from generator.loading.markdown_reference.context import JSON_MEDIA, Context
from generator.loading.markdown_reference.words import split_heading


def webhook_operations(section: Section, context: Context) -> dict[str, Any]:
    _, body = split_heading(section.block.text)
    if "signature" in body.lower() and not re.search(r"\bX-[\w-]+", body):
        context.diagnostics.warn(
            context.source.at(section.block.offset),
            "webhook payloads are signed, but neither the header nor the algorithm is named",
            "left to sdk.toml [webhooks]",
            disclosure=Disclosure.ASSUMED,
            subject=Subject("webhooks"),
        )
    hooks = {}
    for child in section.children:
        name, _, description = child.text.partition(" ")
        where = ("webhooks", name, "post", "requestBody")
        context.diagnostics.warn(
            context.source.at_pointer(*where),
            "event payload not described",
            "typed as an open object",
        )
        hooks[name] = {"post": _webhook_operation(name, description)}
    return hooks


def _webhook_operation(name: str, description: str) -> dict[str, Any]:
    payload = {"type": "object", "description": f"The `{name}` event (fields not documented)."}
    operation: dict[str, Any] = {"operationId": "_".join(re.findall(r"[a-z0-9]+", name.lower()))}
    if description:
        operation["summary"] = description.split(". ")[0].rstrip(".")
        operation["description"] = description
    operation["requestBody"] = {"required": True, "content": {JSON_MEDIA: {"schema": payload}}}
    operation["responses"] = {"200": {"description": "Any 2xx status acknowledges the event."}}
    return operation
