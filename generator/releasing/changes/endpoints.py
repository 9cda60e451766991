"""Differences in operations (the SDK's methods) and webhooks (the events it parses)."""

from __future__ import annotations

from typing import Any

from generator.releasing.changes.bodies import BodyComparer, request_body, success_response
from generator.releasing.changes.classify import Direction
from generator.releasing.changes.model import Kind, Side
from generator.releasing.changes.operations import (
    Operation,
    index_operations,
    pair_operations,
    parameters,
)
from generator.releasing.changes.parameters import ParameterComparer
from generator.releasing.changes.record import Recorder
from generator.releasing.changes.walk import SchemaWalker, Scope, changed_doc_keys, docs_message

OPERATION_DOC_KEYS = ("summary", "description", "externalDocs", "deprecated")


class EndpointComparer:
    def __init__(self, old: Any, new: Any, recorder: Recorder) -> None:
        self._old, self._new = old, new
        self._recorder = recorder
        walker = SchemaWalker(old, new, recorder)
        self._bodies = BodyComparer(walker, recorder)
        self._parameters = ParameterComparer(walker, recorder)

    def compare_operations(self) -> None:
        pairing = pair_operations(index_operations(self._old), index_operations(self._new))
        for op in pairing.removed:
            message = f"operation {op.label} was removed"
            self._add(f"operation.removed:{op.key}", Kind.BREAKING, op, "old", message)
        for op in pairing.added:
            message = f"operation {op.label} was added"
            self._add(f"operation.added:{op.key}", Kind.ADDITIVE, op, "new", message)
        for old_op, new_op in pairing.matched:
            self._identity(old_op, new_op)
            self._docs(old_op, new_op, "operation", f"operation {new_op.label}")
            self._parameters.compare(
                parameters(self._old, old_op), parameters(self._new, new_op), new_op
            )
            request = _scope("request", new_op, "request body", Direction.INPUT)
            old_body, new_body = request_body(self._old, old_op), request_body(self._new, new_op)
            self._bodies.compare(old_body, new_body, request)
            response = _scope("response", new_op, "response", Direction.OUTPUT)
            old_result = success_response(self._old, old_op)
            self._bodies.compare(old_result, success_response(self._new, new_op), response)

    def compare_webhooks(self) -> None:
        pairing = pair_operations(
            index_operations(self._old, "webhooks"), index_operations(self._new, "webhooks")
        )
        for hook in pairing.removed:
            message = f"webhook `{hook.key}` was removed"
            self._add(f"webhook.removed:{hook.key}", Kind.BREAKING, hook, "old", message)
        for hook in pairing.added:
            message = f"webhook `{hook.key}` was added"
            self._add(f"webhook.added:{hook.key}", Kind.ADDITIVE, hook, "new", message)
        for old_hook, new_hook in pairing.matched:
            self._docs(old_hook, new_hook, "webhook", f"webhook `{new_hook.key}`")
            scope = Scope(
                "webhook",
                new_hook.key,
                f"payload of webhook `{new_hook.key}`",
                f"payload field `{{path}}` of webhook `{new_hook.key}`",
                Direction.OUTPUT,
                (new_hook.key,),
            )
            old_body = request_body(self._old, old_hook)
            self._bodies.compare(old_body, request_body(self._new, new_hook), scope)

    def _identity(self, old: Operation, new: Operation) -> None:
        if old.route != new.route:
            message = f"operation `{new.key}` moved from {old.route} to {new.route}"
            self._add(f"operation.moved:{new.key}", Kind.BREAKING, new, "new", message)
        if old.operation_id != new.operation_id:
            message = f"operation {old.label} was renamed to {new.label}"
            self._add(f"operation.renamed:{old.key}", Kind.BREAKING, new, "new", message)

    def _docs(self, old: Operation, new: Operation, base: str, label: str) -> None:
        keys = [k for k in changed_doc_keys(old.spec, new.spec) if k in OPERATION_DOC_KEYS]
        if keys:
            message = docs_message(label, keys, new.spec)
            self._add(f"{base}.docs:{new.key}", Kind.DOCS, new, "new", message)

    def _add(self, change_id: str, kind: Kind, op: Operation, side: Side, message: str) -> None:
        self._recorder.add(change_id, kind, op.where, side, message, (op.key,))


def _scope(base: str, op: Operation, noun: str, direction: Direction) -> Scope:
    return Scope(
        base,
        op.key,
        f"{noun} of {op.label}",
        f"{noun} field `{{path}}` of {op.label}",
        direction,
        (op.key,),
    )
