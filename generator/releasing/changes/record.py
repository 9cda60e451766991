"""Collects changes while the documents are walked and merges repeats of one id.

The same id is recorded more than once when a schema is compared once per direction
(a model sent in requests and returned in responses): the merged change keeps the most
severe kind and the union of the affected operations.
"""

from __future__ import annotations

from dataclasses import replace

from generator.diagnostics import pointer
from generator.releasing.changes.located import Where
from generator.releasing.changes.model import KIND_ORDER, Change, ChangeReport, Kind, Side


class Recorder:
    def __init__(self) -> None:
        self._changes: dict[str, Change] = {}

    def add(
        self,
        change_id: str,
        kind: Kind,
        where: Where,
        document: Side,
        message: str,
        operations: tuple[str, ...] = (),
    ) -> None:
        change = Change(change_id, kind, pointer(*where), document, message, operations)
        known = self._changes.get(change_id)
        if known is None:
            self._changes[change_id] = change
            return
        winner = change if kind.severity > known.kind.severity else known
        merged_operations = tuple(sorted(set(known.operations) | set(operations)))
        self._changes[change_id] = replace(winner, operations=merged_operations)

    def report(self) -> ChangeReport:
        rank = {kind: index for index, kind in enumerate(KIND_ORDER)}
        ordered = sorted(self._changes.values(), key=lambda c: (rank[c.kind], c.id))
        return ChangeReport(tuple(ordered))
