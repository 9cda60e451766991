"""Change records: one `Change` per difference between two surfaces, in a `ChangeReport`.

A change id is `<category>.<event>:<what>` (`method.moved:GET /items`) and stays the same
for the same difference, so it can be acknowledged in `sdk.toml` (`[breaking]
acknowledged`) or with `sdkgen diff --acknowledge ID`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Kind(enum.StrEnum):
    """What a change means for code written against the old package."""

    BREAKING = "breaking"
    """Code that worked may stop working (a method, argument or field is gone or stricter)."""
    ADDITIVE = "additive"
    """New or looser surface; existing code keeps working."""
    DOCS = "docs"
    """Only documentation, defaults or deprecation notes changed."""

    @property
    def severity(self) -> int:
        return _SEVERITY[self]


_SEVERITY = {Kind.DOCS: 0, Kind.ADDITIVE: 1, Kind.BREAKING: 2}

KIND_ORDER = (Kind.BREAKING, Kind.ADDITIVE, Kind.DOCS)
"""The order reports list kinds in: the ones a reader must act on first."""


@dataclass(frozen=True, slots=True)
class Change:
    id: str
    kind: Kind
    subject: str
    """What a caller types: `client.items.list` (a method), `client.items.list(limit)` (an
    argument), `client.items.list()` (its return), `Slot` (a model or enum), `Slot.start`
    (a field), `Color.RED` (an enum member), `Eddytor(api_key)` (a client argument)."""
    message: str
    """One line in the words a caller types."""


@dataclass(frozen=True, slots=True)
class ChangeReport:
    """All changes, ordered by kind (breaking first) and then by id."""

    changes: tuple[Change, ...] = ()

    @classmethod
    def of(cls, changes: Iterable[Change]) -> ChangeReport:
        order = {kind: index for index, kind in enumerate(KIND_ORDER)}
        return cls(tuple(sorted(set(changes), key=lambda c: (order[c.kind], c.id))))

    def of_kind(self, kind: Kind) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if change.kind is kind)

    @property
    def breaking(self) -> tuple[Change, ...]:
        return self.of_kind(Kind.BREAKING)

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
