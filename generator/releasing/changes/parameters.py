"""Differences in an operation's parameters (path, query, header, cookie).

A parameter's id subject is `<operation key>.<name>`, or `<operation key>.<name>[<in>]`
when the operation has parameters of that name in more than one place.
"""

from __future__ import annotations

from generator.releasing.changes.bodies import is_required
from generator.releasing.changes.classify import Direction
from generator.releasing.changes.located import Position
from generator.releasing.changes.model import Kind, Side
from generator.releasing.changes.operations import Operation
from generator.releasing.changes.record import Recorder
from generator.releasing.changes.schemas import primary_media
from generator.releasing.changes.walk import SchemaWalker, Scope, changed_doc_keys, docs_message

ParameterMap = dict[tuple[str, str], Position]


class ParameterComparer:
    def __init__(self, walker: SchemaWalker, recorder: Recorder) -> None:
        self._walker = walker
        self._recorder = recorder

    def compare(self, old: ParameterMap, new: ParameterMap, operation: Operation) -> None:
        """Compare the parameters of one operation; `operation` is its new version."""
        names = [name for name, _ in old.keys() | new.keys()]
        for key in sorted(old.keys() | new.keys()):
            name, location = key
            subject = f"{operation.key}.{name}"
            if names.count(name) > 1:
                subject += f"[{location}]"
            label = f"parameter `{name}` of {operation.label}"
            scope = Scope(
                "parameter",
                subject,
                label,
                f"parameter `{name}.{{path}}` of {operation.label}",
                Direction.INPUT,
                (operation.key,),
            )
            self._compare_one(old.get(key), new.get(key), scope)

    def _compare_one(self, old: Position | None, new: Position | None, scope: Scope) -> None:
        if old is None and new is not None:
            required = is_required(new.value)
            kind = Kind.BREAKING if required else Kind.ADDITIVE
            message = f"{scope.root_label} was added ({'required' if required else 'optional'})"
            self._add(scope, "added", kind, new, message)
        elif new is None and old is not None:
            self._add(scope, "removed", Kind.BREAKING, old, f"{scope.root_label} was removed")
        elif old is not None and new is not None:
            now_required = is_required(new.value)
            if now_required != is_required(old.value):
                event = "required" if now_required else "optional"
                kind = Kind.BREAKING if now_required else Kind.ADDITIVE
                self._add(scope, event, kind, new, f"{scope.root_label} is now {event}")
            old_schema, new_schema = _schema(old), _schema(new)
            keys = set(changed_doc_keys(old.value, new.value))
            keys |= set(changed_doc_keys(old_schema.value, new_schema.value))
            if keys:
                message = docs_message(scope.root_label, sorted(keys), new.value)
                self._add(scope, "docs", Kind.DOCS, new, message)
            self._walker.walk(old_schema, new_schema, scope, docs=False)

    def _add(self, scope: Scope, event: str, kind: Kind, at: Position, message: str) -> None:
        side: Side = "old" if event == "removed" else "new"
        self._recorder.add(
            scope.change_id(event, ()), kind, at.where, side, message, scope.operations
        )


def _schema(parameter: Position) -> Position:
    """The parameter's `schema`, or the schema of its `content` entry."""
    value = parameter.value
    if isinstance(value.get("schema"), dict):
        return Position(value["schema"], (*parameter.where, "schema"))
    media = primary_media(Position(value.get("content"), (*parameter.where, "content")))
    return media[1] if media else Position({}, (*parameter.where, "schema"))
