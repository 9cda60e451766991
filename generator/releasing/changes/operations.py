"""Operations of a document, and which old operation became which new one.

An operation's key is its operationId, or `METHOD /path` when it has none. Old and new
operations are paired by operationId first, then by method and path; whatever is left
was removed or added.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.releasing.changes.located import Position, Where
from generator.releasing.changes.schemas import follow

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True, slots=True)
class Operation:
    key: str
    """The operationId, or `METHOD /path`; unique within one document."""
    operation_id: str | None
    method: str
    """Upper case, e.g. `GET`."""
    path: str
    spec: dict[str, Any]
    where: Where
    shared_parameters: tuple[Position, ...]
    """Parameters declared on the path item, before the operation's own override them."""

    @property
    def route(self) -> str:
        return f"{self.method} {self.path}"

    @property
    def label(self) -> str:
        """How messages name it: "`listTables` (GET /tables)" or "`GET /tables`"."""
        if self.operation_id is None:
            return f"`{self.route}`"
        return f"`{self.operation_id}` ({self.route})"


def index_operations(document: Any, section: str = "paths") -> list[Operation]:
    """Operations under `section` (`paths` or `webhooks`) in document order.

    A repeated operationId keys its later operations by `METHOD /path` instead, so keys
    stay unique. Webhook operations have no path; their key is the webhook name."""
    items = document.get(section) if isinstance(document, dict) else None
    if not isinstance(items, dict):
        return []
    operations: list[Operation] = []
    keys: set[str] = set()
    for path, item in items.items():
        item = follow(document, Position(item, (section, path)))
        if not isinstance(item.value, dict):
            continue
        shared = _parameter_positions(item.value, item.where)
        for method in HTTP_METHODS:
            spec = item.value.get(method)
            if not isinstance(spec, dict):
                continue
            operation_id = spec.get("operationId")
            operation_id = operation_id if isinstance(operation_id, str) else None
            key = _key(section, path, method, item.value, operation_id, keys)
            keys.add(key)
            where = (*item.where, method)
            operations.append(
                Operation(key, operation_id, method.upper(), path, spec, where, shared)
            )
    return operations


def _key(
    section: str,
    path: str,
    method: str,
    item: dict[str, Any],
    operation_id: str | None,
    taken: set[str],
) -> str:
    if section == "webhooks":
        methods = [m for m in HTTP_METHODS if isinstance(item.get(m), dict)]
        return path if len(methods) == 1 else f"{path}.{method}"
    if operation_id is not None and operation_id not in taken:
        return operation_id
    return f"{method.upper()} {path}"


def _parameter_positions(spec: dict[str, Any], where: Where) -> tuple[Position, ...]:
    parameters = spec.get("parameters")
    if not isinstance(parameters, list):
        return ()
    return tuple(Position(p, (*where, "parameters", i)) for i, p in enumerate(parameters))


def parameters(document: Any, operation: Operation) -> dict[tuple[str, str], Position]:
    """The operation's parameters by (name, in), refs followed, own ones winning."""
    merged: dict[tuple[str, str], Position] = {}
    own = _parameter_positions(operation.spec, operation.where)
    for position in (*operation.shared_parameters, *own):
        resolved = follow(document, position)
        value = resolved.value
        if isinstance(value, dict) and isinstance(value.get("name"), str):
            merged[(value["name"], str(value.get("in", "query")))] = resolved
    return merged


@dataclass(frozen=True, slots=True)
class Pairing:
    matched: list[tuple[Operation, Operation]]
    removed: list[Operation]
    added: list[Operation]


def pair_operations(old: list[Operation], new: list[Operation]) -> Pairing:
    matched: list[tuple[Operation, Operation]] = []
    new_by_id = {op.operation_id: op for op in new if op.operation_id is not None}
    taken_new: set[str] = set()
    unmatched_old: list[Operation] = []
    for op in old:
        partner = new_by_id.get(op.operation_id) if op.operation_id is not None else None
        if partner is not None and partner.key not in taken_new:
            matched.append((op, partner))
            taken_new.add(partner.key)
        else:
            unmatched_old.append(op)
    new_by_route = {op.route: op for op in new if op.key not in taken_new}
    removed: list[Operation] = []
    for op in unmatched_old:
        partner = new_by_route.pop(op.route, None)
        if partner is None:
            removed.append(op)
        else:
            matched.append((op, partner))
            taken_new.add(partner.key)
    added = [op for op in new if op.key not in taken_new]
    return Pairing(matched, removed, added)
