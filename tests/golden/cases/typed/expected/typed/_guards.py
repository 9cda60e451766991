"""`isinstance` checks that also tell a type checker what a value's members are.

JSON documents and caller-supplied parameter values reach the runtime as `object`;
`isinstance(value, Mapping)` alone leaves their keys and items of unknown type, which
strict checkers reject wherever they flow. Members stay `object` here: each is then
narrowed again by whatever reads it.
"""

# No `from __future__ import annotations` here, on purpose (see `_types`).

from collections.abc import Mapping
from typing import TypeGuard

__all__ = ["is_array", "is_object"]


def is_object(value: object) -> TypeGuard[Mapping[object, object]]:
    """Whether `value` is a mapping (a JSON object, a dict of parameters)."""
    return isinstance(value, Mapping)


def is_array(value: object) -> TypeGuard[list[object] | tuple[object, ...]]:
    """Whether `value` is a list or a tuple (a JSON array, a sequence of parameters)."""
    return isinstance(value, (list, tuple))
