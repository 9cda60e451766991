"""A value from one of the two documents together with where it sits in it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Where = tuple[str | int, ...]
"""Path segments of a JSON pointer into one of the two documents."""


@dataclass(frozen=True, slots=True)
class Position:
    value: Any
    where: Where
