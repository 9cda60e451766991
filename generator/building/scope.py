"""One namespace's collision check, shared by every scope the naming pass settles.

- a name the rules want that is already taken in its scope, or that would hide a name
  the generated code uses there, is changed (a number added, or a trailing `_`);
- who keeps the plain name does not depend on the document's order: each scope settles
  its names in the sorted order of what they stand for;
- a name the package gave before (its recorded names, read from its `api.json`) is kept
  while the rules still want the same thing for it, so that adding to a spec renames
  nothing that was there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from generator import ir

NameRecord = Mapping[str, tuple[str, str]]
"""identity -> (name given, name the rules wanted), as a package recorded them."""


class Scope:
    """One namespace: its names differ from each other and from the reserved ones."""

    def __init__(
        self,
        record: NameRecord,
        given: list[ir.GivenName],
        reserved: Iterable[str] = (),
        numbered: Callable[[str, int], str] | None = None,
    ) -> None:
        self._record = record
        self._given = given
        self._taken = set(reserved)
        self._numbered = numbered or _numbered_snake

    def settle(
        self,
        wanted: list[tuple[str, str]],
        alternatives: Mapping[str, Iterable[str]] | None = None,
    ) -> dict[str, str]:
        """identity -> name for (identity, wanted name) pairs listed in the order that
        decides who keeps a plain name. Recorded names go first while the rules still
        want the same for them (the wanted name, or one of the identity's `alternatives`:
        other names the rules would give it with other neighbours)."""
        names: dict[str, str] = {}
        # A package generated for the first time has no record: nothing to keep.
        for identity, want in sorted(wanted) if self._record else ():
            recorded = self._record.get(identity)
            acceptable = {want, *(alternatives or {}).get(identity, ())}
            if (
                recorded is not None
                and recorded[1] in acceptable
                and recorded[0] not in self._taken
            ):
                names[identity] = recorded[0]
                self._taken.add(recorded[0])
        for identity, want in wanted:
            if identity not in names:
                candidate, n = want, 1
                while candidate in self._taken:
                    n += 1
                    candidate = self._numbered(want, n)
                names[identity] = candidate
                self._taken.add(candidate)
        self._given += [ir.GivenName(i, names[i], w) for i, w in wanted]
        return names

    def recorded(self, identity: str) -> str | None:
        """The name the rules wanted for `identity` when the package recorded it."""
        found = self._record.get(identity)
        return found[1] if found is not None else None


def _numbered_snake(name: str, n: int) -> str:
    return f"{name}{n}" if name[-1:].isupper() else f"{name}_{n}"


def numbered_class(name: str, n: int) -> str:
    return f"{name}{n}"


def unhidden(name: str, used: frozenset[str]) -> str:
    """`name`, or `name_` where it would hide a name the code around it uses."""
    return f"{name}_" if name in used else name
