"""Which operations use each component schema, and in which direction.

A schema reachable (through any chain of `$ref`s) from an operation's parameters or
request body is sent by the caller (input); one reachable from its responses or from a
webhook payload is read by the caller (output).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.releasing.changes.classify import Direction
from generator.releasing.changes.operations import index_operations
from generator.releasing.changes.schemas import component_name, resolve

Usage = dict[str, dict[Direction, set[str]]]
"""Component name -> direction -> keys of the operations using it that way."""


def schema_usage(document: Any) -> Usage:
    usage: Usage = {}
    closure = _Closure(document)
    for section in ("paths", "webhooks"):
        for operation in index_operations(document, section):
            roots = _roots(operation.spec, [p.value for p in operation.shared_parameters], section)
            for direction, values in roots.items():
                for name in closure.schemas_from(values):
                    usage.setdefault(name, {}).setdefault(direction, set()).add(operation.key)
    return usage


def _roots(spec: dict[str, Any], shared: list[Any], section: str) -> dict[Direction, list[Any]]:
    if section == "webhooks":
        return {Direction.OUTPUT: [spec.get("requestBody")]}
    return {
        Direction.INPUT: [*shared, spec.get("parameters"), spec.get("requestBody")],
        Direction.OUTPUT: [spec.get("responses")],
    }


class _Closure:
    """Component schemas reachable from a value, memoised per reference."""

    def __init__(self, document: Any) -> None:
        self._document = document
        self._direct_refs: dict[str, frozenset[str]] = {}

    def schemas_from(self, values: list[Any]) -> set[str]:
        names: set[str] = set()
        pending = [ref for value in values for ref in _refs(value)]
        visited: set[str] = set()
        while pending:
            ref = pending.pop()
            if ref in visited:
                continue
            visited.add(ref)
            name = component_name(ref)
            if name is not None:
                names.add(name)
            pending.extend(self._direct(ref))
        return names

    def _direct(self, ref: str) -> frozenset[str]:
        if ref not in self._direct_refs:
            target = resolve(self._document, ref)
            found = _refs(target.value) if target is not None else iter(())
            self._direct_refs[ref] = frozenset(found)
        return self._direct_refs[ref]


def _refs(value: Any) -> Iterator[str]:
    """Every `$ref` string anywhere inside `value`."""
    if isinstance(value, dict):
        ref = value.get("$ref")
        if isinstance(ref, str):
            yield ref
        for child in value.values():
            yield from _refs(child)
    elif isinstance(value, list):
        for child in value:
            yield from _refs(child)
