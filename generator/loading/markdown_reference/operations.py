"""Operation objects and the operationIds made from their summaries."""

from __future__ import annotations

import re
from typing import Any

from generator.loading.markdown_reference.bodies import request_body
from generator.loading.markdown_reference.context import Context
from generator.loading.markdown_reference.parameters import operation_parameters
from generator.loading.markdown_reference.raw import RawOperation
from generator.loading.markdown_reference.responses import operation_responses

# An operationId keeps a summary's words up to the first of these ("Add a value to a
# fixed domain" -> add_value): what follows says where, not what.
_OPERATION_ID_STOP_WORDS = frozenset(
    {"to", "for", "from", "on", "in", "into", "within", "that", "whose", "is"}
)
_ARTICLES = frozenset({"a", "an", "the"})


def build_operation(raw: RawOperation, operation_id: str, context: Context) -> dict[str, Any]:
    operation: dict[str, Any] = {"operationId": operation_id, "tags": [raw.tag]}
    if raw.summary:
        operation["summary"] = raw.summary
    auth = raw.parts.get("Auth:", "")
    if auth and auth != "None":
        operation["description"] = f"Auth: {auth}."
    parameters = operation_parameters(raw, context)
    if parameters:
        operation["parameters"] = parameters
    body = request_body(raw, context)
    if body:
        operation["requestBody"] = body
    operation["responses"] = operation_responses(raw, context)
    return operation


def _operation_id(raw: RawOperation) -> str:
    text = re.sub(r"'s\b", "", re.sub(r"\([^)]*\)", " ", raw.summary))
    tokens = [t for t in re.findall(r"[a-z0-9]+", text.lower()) if t not in _ARTICLES]
    cut = next(
        (i for i, t in enumerate(tokens) if i >= 2 and t in _OPERATION_ID_STOP_WORDS), len(tokens)
    )
    if cut:
        return "_".join(tokens[:cut])
    literal = [s for s in raw.path.split("/") if s and not s.startswith("{")]
    return "_".join([raw.method.lower(), *re.findall(r"[a-z0-9]+", " ".join(literal).lower())])


def operation_ids(raws: list[RawOperation], context: Context) -> list[str]:
    """One id per operation, from its summary; a clash gets the method, then a number."""
    taken: set[str] = set()
    ids = []
    for raw in raws:
        base = _operation_id(raw)
        chosen = base
        if chosen in taken:
            chosen = f"{base}_{raw.method.lower()}"
            counter = 2
            while chosen in taken:
                chosen, counter = f"{base}_{counter}", counter + 1
            context.diagnostics.note(
                context.source.at_pointer(*raw.where),
                f"operationId {base!r} already taken",
                f"named {chosen!r}",
            )
        taken.add(chosen)
        ids.append(chosen)
    return ids
