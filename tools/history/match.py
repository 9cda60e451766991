"""The comparison's breaking findings against what `sdkgen diff` calls breaking.

Two subjects match when they are equal or one contains the other: `client.items.list`
contains `client.items.list(limit)` and `client.items.list()`, `Slot` contains
`Slot.start`. So a method reported removed by one side and argument by argument by the
other still counts once, as found.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tools.history.compare import Finding
from tools.history.sdkgen_diff import DiffChange

CALL = re.compile(r"^(.*)\([^()]*\)$")


@dataclass(frozen=True)
class Falsely:
    """A change the diff calls breaking, and why the comparison says it breaks nobody."""

    change: DiffChange
    reason: str


@dataclass(frozen=True)
class Matched:
    found: list[Finding]
    """Breaking by both."""
    missed: list[Finding]
    """Breaking by the comparison, not by the diff."""
    false: list[Falsely]
    """Breaking by the diff, not by the comparison."""


def match(
    findings: list[Finding], breaking: list[DiffChange], shown: Callable[[str], str | None]
) -> Matched:
    """`shown` describes a subject as the old surface has it (for a change with no finding)."""
    mine = [f for f in findings if f.breaking]
    theirs = [subject for change in breaking for subject in change.subjects]
    found = [f for f in mine if any(related(f.subject, s) for s in theirs)]
    missed = [f for f in mine if f not in found]
    false = [
        Falsely(change, _why_harmless(change, findings, shown))
        for change in breaking
        if not any(related(s, f.subject) for s in change.subjects for f in mine)
    ]
    return Matched(found, missed, false)


def related(a: str, b: str) -> bool:
    return a == b or a in ancestors(b) or b in ancestors(a)


def ancestors(subject: str) -> list[str]:
    """`client.a.m(x)` -> [`client.a.m`, `client.a`]; `Slot.start` -> [`Slot`]."""
    found = []
    call = CALL.match(subject)
    current = call.group(1) if call else subject
    if call:
        found.append(current)
    while "." in current and current.rsplit(".", 1)[0] != "client":
        current = current.rsplit(".", 1)[0]
        found.append(current)
    return found


def _why_harmless(
    change: DiffChange, findings: Iterable[Finding], shown: Callable[[str], str | None]
) -> str:
    if not change.subjects:
        return "not placed on the generated surface"
    same = [f for f in findings if f.subject in change.subjects]
    near = same or [f for f in findings if any(related(f.subject, s) for s in change.subjects)]
    if same or (near and not any(shown(s) for s in change.subjects)):
        return "; ".join(f"`{f.subject}`: {f.reason}" for f in near[:3]) + (
            f" (and {len(near) - 3} more)" if len(near) > 3 else ""
        )
    described = [text for text in map(shown, change.subjects) if text]
    if described:
        return f"no difference on the generated surface: {described[0]} on both sides"
    return "no difference on the generated surface"
