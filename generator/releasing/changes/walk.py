"""Compares two schemas that sit at the same place, field by field.

Both sides are read together from one place (a parameter, a request body, a response,
a component schema) and the walk records what differs under a `Scope`, which names the
place for ids and messages. A `$ref` to the same component schema on both sides ends
the walk: components are compared once, by name, as models (`model.*` ids). A `$ref`
facing an inline schema is followed; refs already followed on this branch are not
followed again, so recursive schemas end.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from generator.releasing.changes import classify
from generator.releasing.changes.classify import Direction
from generator.releasing.changes.located import Position, Where
from generator.releasing.changes.model import Kind, Side
from generator.releasing.changes.record import Recorder
from generator.releasing.changes.schemas import (
    component_name,
    enum_values,
    fields,
    python_type,
    ref_of,
    resolve,
    type_tokens,
    unwrap,
)

DOC_KEYS = (
    "title",
    "summary",
    "description",
    "example",
    "examples",
    "externalDocs",
    "default",
    "deprecated",
)
"""Keys whose change alone never breaks or extends the SDK."""

FieldPath = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Scope:
    """The place being compared: how ids and messages name it, and how to classify."""

    base: str
    """Id category: `model`, `parameter`, `request`, `response` or `webhook`."""
    owner: str
    """Id subject before the field path: a model name, an operation key, ..."""
    root_label: str
    """The place itself in a message, e.g. "response of `getTable` (GET /tables/{id})"."""
    field_label: str
    """A field of it, with `{path}` for the field path, e.g. "`Table.{path}`"."""
    direction: Direction
    operations: tuple[str, ...] = ()
    suffix: str = ""
    """Appended to every message, e.g. " (used by getTable, listTables)"."""

    def subject(self, path: FieldPath) -> str:
        return f"{self.owner}.{dotted(path)}" if path else self.owner

    def change_id(self, event: str, path: FieldPath) -> str:
        category = f"{self.base}.field.{event}" if path else f"{self.base}.{event}"
        return f"{category}:{self.subject(path)}"

    def label(self, path: FieldPath) -> str:
        return self.field_label.replace("{path}", dotted(path)) if path else self.root_label


def dotted(path: FieldPath) -> str:
    """`columns[].name` for ("columns", "[]", "name")."""
    text = ""
    for segment in path:
        text += segment if segment in ("[]", "{}") or not text else f".{segment}"
    return text


def changed_doc_keys(old: Any, new: Any) -> list[str]:
    old_map = old if isinstance(old, dict) else {}
    new_map = new if isinstance(new, dict) else {}
    return [key for key in DOC_KEYS if old_map.get(key) != new_map.get(key)]


def docs_message(label: str, keys: list[str], new: Any) -> str:
    deprecated = isinstance(new, dict) and new.get("deprecated") is True
    parts = [
        ("now deprecated" if deprecated else "no longer deprecated")
        if key == "deprecated"
        else f"{key} changed"
        for key in keys
    ]
    return f"{label}: {', '.join(parts)}"


class SchemaWalker:
    def __init__(self, old_document: Any, new_document: Any, recorder: Recorder) -> None:
        self._documents = {"old": old_document, "new": new_document}
        self._recorder = recorder

    def walk(
        self,
        old: Position,
        new: Position,
        scope: Scope,
        path: FieldPath = (),
        seen: frozenset[str] = frozenset(),
        docs: bool = True,
    ) -> None:
        """Record every difference between `old` and `new` under `scope`.

        `docs=False` skips the root's docs, for callers that compare them together with
        their own (a parameter's description and its schema's are one docs change)."""
        if docs or path:
            self._docs(old, new, scope, path)
        self._types(old, new, scope, path)
        old_inner, new_inner = unwrap(old), unwrap(new)
        old_ref, new_ref = ref_of(old_inner.value), ref_of(new_inner.value)
        if old_ref and new_ref and (component_name(old_ref) or old_ref != new_ref):
            return  # the same model (compared by name) or a different one (type change)
        old_schema = self._through_ref(old_inner, "old", seen)
        new_schema = self._through_ref(new_inner, "new", seen)
        if old_schema is None or new_schema is None:
            return
        seen = seen | {ref for ref in (old_ref, new_ref) if ref}
        self._enums(old_schema, new_schema, scope, path)
        self._fields(old_schema, new_schema, scope, path, seen)
        for keyword, segment in (("items", "[]"), ("additionalProperties", "{}")):
            old_sub, new_sub = old_schema.value.get(keyword), new_schema.value.get(keyword)
            if isinstance(old_sub, dict) and isinstance(new_sub, dict):
                self.walk(
                    Position(old_sub, (*old_schema.where, keyword)),
                    Position(new_sub, (*new_schema.where, keyword)),
                    scope,
                    (*path, segment),
                    seen,
                )

    def _docs(self, old: Position, new: Position, scope: Scope, path: FieldPath) -> None:
        keys = changed_doc_keys(old.value, new.value)
        if keys:
            message = docs_message(scope.label(path), keys, new.value)
            self._add(scope.change_id("docs", path), Kind.DOCS, new.where, "new", message, scope)

    def _through_ref(self, position: Position, side: Side, seen: frozenset[str]) -> Position | None:
        """The schema itself: `position` resolved when it is a ref not yet followed."""
        ref = ref_of(position.value)
        if ref is None:
            return position if isinstance(position.value, dict) else None
        target = resolve(self._documents[side], ref) if ref not in seen else None
        if target is None or not isinstance(target.value, dict):
            return None
        return unwrap(target)

    def _types(self, old: Position, new: Position, scope: Scope, path: FieldPath) -> None:
        old_tokens, new_tokens = type_tokens(old.value), type_tokens(new.value)
        change = classify.type_change(old_tokens, new_tokens)
        if change is None:
            return
        message = (
            f"{scope.label(path)} changed type from `{python_type(old_tokens)}` "
            f"to `{python_type(new_tokens)}` ({change.value})"
        )
        kind = classify.type_changed(scope.direction, change)
        self._add(scope.change_id("type", path), kind, new.where, "new", message, scope)

    def _enums(self, old: Position, new: Position, scope: Scope, path: FieldPath) -> None:
        old_values, new_values = enum_values(old.value), enum_values(new.value)
        label, direction = scope.label(path), scope.direction
        if old_values is None and new_values is not None:
            message = f"{label} now only allows {_listed(new_values)}"
            kind = classify.enum_restricted(direction)
            self._add(_enum_id(scope, "restricted", path), kind, new.where, "new", message, scope)
        elif old_values is not None and new_values is None:
            message = f"{label} is no longer limited to {_listed(old_values)}"
            kind = classify.enum_unrestricted(direction)
            self._add(_enum_id(scope, "unrestricted", path), kind, new.where, "new", message, scope)
        elif old_values is not None and new_values is not None:
            for value in sorted(set(old_values) - set(new_values)):
                change_id = _enum_id(scope, "removed", path, _id_text(value))
                message = f"{label} lost enum value `{_python_literal(value)}`"
                kind = classify.enum_value_removed(direction)
                self._add(change_id, kind, old.where, "old", message, scope)
            for value in sorted(set(new_values) - set(old_values)):
                change_id = _enum_id(scope, "added", path, _id_text(value))
                message = f"{label} gained enum value `{_python_literal(value)}`"
                kind = classify.enum_value_added(direction)
                self._add(change_id, kind, new.where, "new", message, scope)

    def _fields(
        self, old: Position, new: Position, scope: Scope, path: FieldPath, seen: frozenset[str]
    ) -> None:
        old_fields = fields(self._documents["old"], old)
        new_fields = fields(self._documents["new"], new)
        direction = scope.direction
        for name in sorted(old_fields.properties.keys() | new_fields.properties.keys()):
            field_path = (*path, name)
            label = scope.label(field_path)
            old_field = old_fields.properties.get(name)
            new_field = new_fields.properties.get(name)
            if old_field is None and new_field is not None:
                required = name in new_fields.required
                message = f"{label} was added ({'required' if required else 'optional'})"
                kind = classify.field_added(direction, required)
                change_id = scope.change_id("added", field_path)
                self._add(change_id, kind, new_field.where, "new", message, scope)
            elif new_field is None and old_field is not None:
                message = f"{label} was removed"
                kind = classify.field_removed(direction)
                change_id = scope.change_id("removed", field_path)
                self._add(change_id, kind, old_field.where, "old", message, scope)
            elif old_field is not None and new_field is not None:
                now_required = name in new_fields.required
                if now_required != (name in old_fields.required):
                    event = "required" if now_required else "optional"
                    message = f"{label} is now {event}"
                    kind = classify.requirement_changed(direction, now_required)
                    change_id = scope.change_id(event, field_path)
                    self._add(change_id, kind, new_field.where, "new", message, scope)
                self.walk(old_field, new_field, scope, field_path, seen)

    def _add(
        self, change_id: str, kind: Kind, where: Where, side: Side, message: str, scope: Scope
    ) -> None:
        self._recorder.add(change_id, kind, where, side, message + scope.suffix, scope.operations)


def _enum_id(scope: Scope, event: str, path: FieldPath, value: str | None = None) -> str:
    """Enum ids read `<base>.enum.<event>:<owner>.<path>.<value>` (no `.field`)."""
    subject = scope.subject(path) if value is None else f"{scope.subject(path)}.{value}"
    return f"{scope.base}.enum.{event}:{subject}"


def _id_text(value: str) -> str:
    """An enum value (canonical JSON) as it appears in an id: strings bare, unless the
    bare text would read as another JSON value (`"50"` stays quoted, apart from `50`)."""
    decoded = json.loads(value)
    if not isinstance(decoded, str):
        return value
    try:
        json.loads(decoded)
    except ValueError:
        return decoded
    return value


def _python_literal(value: str) -> str:
    return repr(json.loads(value))


def _listed(values: tuple[str, ...]) -> str:
    return ", ".join(f"`{_python_literal(v)}`" for v in values)
