"""Differences in what an operation sends (request body) and returns (success response).

The success response is the lowest `2xx` status (`2XX` counts), else `default`: the one
the SDK method returns. Within a body, the media type the SDK uses is compared (JSON
first), then its schema is walked.
"""

from __future__ import annotations

from typing import Any

from generator.releasing.changes.classify import Direction
from generator.releasing.changes.located import Position
from generator.releasing.changes.model import Kind, Side
from generator.releasing.changes.operations import Operation
from generator.releasing.changes.record import Recorder
from generator.releasing.changes.schemas import follow, primary_media
from generator.releasing.changes.walk import SchemaWalker, Scope, changed_doc_keys, docs_message


def request_body(document: Any, operation: Operation) -> Position | None:
    body = operation.spec.get("requestBody")
    if not isinstance(body, dict):
        return None
    return follow(document, Position(body, (*operation.where, "requestBody")))


def success_response(document: Any, operation: Operation) -> Position | None:
    responses = operation.spec.get("responses")
    if not isinstance(responses, dict):
        return None
    by_code = {str(code): (code, value) for code, value in responses.items()}
    successes = sorted(code for code in by_code if code.startswith("2"))
    chosen = successes[0] if successes else ("default" if "default" in by_code else None)
    if chosen is None:
        return None
    code, value = by_code[chosen]
    return follow(document, Position(value, (*operation.where, "responses", code)))


class BodyComparer:
    def __init__(self, walker: SchemaWalker, recorder: Recorder) -> None:
        self._walker = walker
        self._recorder = recorder

    def compare(self, old: Position | None, new: Position | None, scope: Scope) -> None:
        """Compare two bodies (request bodies or responses) of one operation."""
        old_media = primary_media(_content(old)) if old else None
        new_media = primary_media(_content(new)) if new else None
        if new is not None and new_media is not None and old_media is None:
            required = scope.direction is Direction.INPUT and is_required(new.value)
            kind = Kind.BREAKING if required else Kind.ADDITIVE
            message = f"{scope.root_label} was added{' (required)' if required else ''}"
            self._add(scope, "added", kind, new, message)
        elif old is not None and old_media is not None and new_media is None:
            self._add(scope, "removed", Kind.BREAKING, old, f"{scope.root_label} was removed")
        elif old is not None and new is not None and old_media and new_media:
            if old_media[0] != new_media[0]:
                message = (
                    f"{scope.root_label} changed media type from `{old_media[0]}` "
                    f"to `{new_media[0]}`"
                )
                self._add(scope, "media_type", Kind.BREAKING, new, message)
            if scope.direction is Direction.INPUT:
                self._requirement(old, new, scope)
            self._docs(old, new, old_media[1], new_media[1], scope)
            self._walker.walk(old_media[1], new_media[1], scope, docs=False)

    def _requirement(self, old: Position, new: Position, scope: Scope) -> None:
        now_required = is_required(new.value)
        if now_required != is_required(old.value):
            event = "required" if now_required else "optional"
            kind = Kind.BREAKING if now_required else Kind.ADDITIVE
            self._add(scope, event, kind, new, f"{scope.root_label} is now {event}")

    def _docs(
        self, old: Position, new: Position, old_schema: Position, new_schema: Position, scope: Scope
    ) -> None:
        keys = set(changed_doc_keys(old.value, new.value))
        keys |= set(changed_doc_keys(old_schema.value, new_schema.value))
        if keys:
            message = docs_message(scope.root_label, sorted(keys), new_schema.value)
            self._add(scope, "docs", Kind.DOCS, new, message)

    def _add(self, scope: Scope, event: str, kind: Kind, at: Position, message: str) -> None:
        side: Side = "old" if event == "removed" else "new"
        self._recorder.add(
            scope.change_id(event, ()), kind, at.where, side, message, scope.operations
        )


def is_required(value: Any) -> bool:
    """A request body's or parameter's `required` (path parameters always are)."""
    return isinstance(value, dict) and (value.get("required") is True or value.get("in") == "path")


def _content(body: Position) -> Position:
    value = body.value if isinstance(body.value, dict) else {}
    return Position(value.get("content"), (*body.where, "content"))
