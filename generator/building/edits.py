"""Copies of frozen IR nodes with some fields changed."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Node = TypeVar("Node", bound="DataclassInstance")


def replaced(node: Node, **changes: Any) -> Node:
    """`dataclasses.replace`, but the node itself when no field changes. Naming settles
    most names as they were proposed and renames no class in most types, and a copy for
    each such field, argument and operation was a fifth of building a large API.

    A value counts as unchanged only when it is the same object or an equal string:
    equal nodes can still differ (a `Primitive`'s format does not take part in `==`)."""
    for name, value in changes.items():
        current = getattr(node, name)
        if current is not value and not (isinstance(value, str) and current == value):
            return dataclasses.replace(node, **changes)
    return node
