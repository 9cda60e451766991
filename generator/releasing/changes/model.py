"""Change records: one `Change` per difference, collected in a `ChangeReport`.

Change ids are `<category>.<event>:<subject>` and stay the same for the same difference
between the same two documents, so they can be acknowledged in `sdk.toml`
(`[breaking] acknowledged`) or with `sdkgen diff --acknowledge ID`. The full scheme is
documented in `generator/changes/compare.py`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal


class Kind(enum.StrEnum):
    """What a change means for code written against the old SDK."""

    BREAKING = "breaking"
    """Code that worked may stop working (a method, argument or field is gone or stricter)."""
    ADDITIVE = "additive"
    """New capability; existing code keeps working."""
    DOCS = "docs"
    """Only descriptions, summaries, examples, defaults or deprecation notes changed."""

    @property
    def severity(self) -> int:
        return _SEVERITY[self]


_SEVERITY = {Kind.DOCS: 0, Kind.ADDITIVE: 1, Kind.BREAKING: 2}

KIND_ORDER = (Kind.BREAKING, Kind.ADDITIVE, Kind.DOCS)
"""The order reports list kinds in: the ones a reader must act on first."""

Side = Literal["old", "new"]


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between the old and the new document."""

    id: str
    """Stable identifier, e.g. `operation.removed:deleteTable`."""
    kind: Kind
    location: str
    """JSON pointer (`#/paths/~1tables/get`) into the document named by `document`."""
    document: Side
    """`new` for added and changed things, `old` for removed ones."""
    message: str
    """One line for a Python caller, naming operationId and METHOD path where relevant."""
    operations: tuple[str, ...] = ()
    """Keys (operationId, else `METHOD /path`) of the operations affected, sorted."""


@dataclass(frozen=True, slots=True)
class ChangeReport:
    """All changes, ordered by kind (breaking first) and then by id."""

    changes: tuple[Change, ...] = ()

    def of_kind(self, kind: Kind) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if change.kind is kind)

    @property
    def breaking(self) -> tuple[Change, ...]:
        return self.of_kind(Kind.BREAKING)

    @property
    def additive(self) -> tuple[Change, ...]:
        return self.of_kind(Kind.ADDITIVE)

    @property
    def docs(self) -> tuple[Change, ...]:
        return self.of_kind(Kind.DOCS)

    @property
    def highest(self) -> Kind | None:
        """The most severe kind present, or `None` when nothing changed."""
        return max((c.kind for c in self.changes), key=lambda k: k.severity, default=None)

    def ids(self) -> tuple[str, ...]:
        return tuple(change.id for change in self.changes)

    def unacknowledged_breaking(self, acknowledged: Iterable[str]) -> tuple[Change, ...]:
        """Breaking changes whose id is not in `acknowledged`."""
        accepted = frozenset(acknowledged)
        return tuple(change for change in self.breaking if change.id not in accepted)
