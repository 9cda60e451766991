"""Differences in component schemas, which the SDK turns into model classes.

Each component is compared once by name, in every direction it is used in (see
`usage.py`); a component no operation uses is read as an output model. Messages end
with the operations that use the model.
"""

from __future__ import annotations

from typing import Any

from generator.releasing.changes.classify import Direction
from generator.releasing.changes.located import Position
from generator.releasing.changes.model import Kind
from generator.releasing.changes.record import Recorder
from generator.releasing.changes.usage import Usage, schema_usage
from generator.releasing.changes.walk import SchemaWalker, Scope

SHOWN_OPERATIONS = 3
"""How many operation keys a message names before "and N more"."""


def compare_models(old: Any, new: Any, recorder: Recorder) -> None:
    old_schemas, new_schemas = _schemas(old), _schemas(new)
    old_usage, new_usage = schema_usage(old), schema_usage(new)
    walker = SchemaWalker(old, new, recorder)
    for name in sorted(old_schemas.keys() | new_schemas.keys()):
        where = ("components", "schemas", name)
        operations = _operations(name, old_usage, new_usage)
        suffix = used_by(operations)
        if name not in new_schemas:
            message = f"model `{name}` was removed{suffix}"
            recorder.add(f"model.removed:{name}", Kind.BREAKING, where, "old", message, operations)
        elif name not in old_schemas:
            message = f"model `{name}` was added{suffix}"
            recorder.add(f"model.added:{name}", Kind.ADDITIVE, where, "new", message, operations)
        else:
            old_at, new_at = Position(old_schemas[name], where), Position(new_schemas[name], where)
            for direction in _directions(name, old_usage, new_usage):
                scope = Scope(
                    "model",
                    name,
                    f"model `{name}`",
                    f"`{name}.{{path}}`",
                    direction,
                    operations,
                    suffix,
                )
                walker.walk(old_at, new_at, scope)


def used_by(operations: tuple[str, ...]) -> str:
    """Message ending "(used by a, b, c and 2 more)"; empty when no operation uses it."""
    if not operations:
        return ""
    shown = ", ".join(operations[:SHOWN_OPERATIONS])
    rest = len(operations) - SHOWN_OPERATIONS
    return f" (used by {shown}{f' and {rest} more' if rest > 0 else ''})"


def _schemas(document: Any) -> dict[str, Any]:
    components = document.get("components") if isinstance(document, dict) else None
    schemas = components.get("schemas") if isinstance(components, dict) else None
    return schemas if isinstance(schemas, dict) else {}


def _operations(name: str, *usages: Usage) -> tuple[str, ...]:
    keys: set[str] = set()
    for usage in usages:
        for users in usage.get(name, {}).values():
            keys |= users
    return tuple(sorted(keys))


def _directions(name: str, *usages: Usage) -> list[Direction]:
    directions = {d for usage in usages for d in usage.get(name, {})}
    return sorted(directions) or [Direction.OUTPUT]
