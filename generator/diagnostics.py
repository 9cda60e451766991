"""Problems found in a spec, as values with a level and a location.

Loaders and the IR builder never print: they record a `Diagnostic` and carry on where
the problem can be degraded (a missing schema becomes `Any`), or raise `SpecError`
where it cannot. The CLI prints both as one line each.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Literal


class Level(enum.StrEnum):
    NOTE = "note"
    """A gap a loader filled or recorded (a path taken from an overlay, a type inferred)."""
    WARNING = "warning"
    ERROR = "error"


class Disclosure(enum.StrEnum):
    """What a package's reader must be told about a diagnostic (its README lists these)."""

    ASSUMED = "assumed"
    """The package states something its source does not: a fact an overlay added, a type
    inferred from a sample, a setting in sdk.toml the source does not confirm."""
    LEFT_OUT = "left out"
    """The source shows something the package does not offer."""


@dataclass(frozen=True, slots=True)
class Subject:
    """What a disclosed diagnostic is about, by the name the document gives it."""

    kind: Literal["api", "operation", "schema", "webhooks"]
    name: str = ""
    """The operationId or the component schema's name."""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One problem: where it is, what is wrong, and what the generator did about it."""

    level: Level
    location: str
    """`file:line`, `file#/json/pointer`, or a plain file name."""
    message: str
    action: str = ""
    """What the generator did: "skipped", "typed as Any", "taken from overlay", ..."""
    disclosure: Disclosure | None = None
    subject: Subject | None = None
    """What a disclosed diagnostic affects; None: the API as a whole."""

    def __str__(self) -> str:
        text = f"{self.location}: {self.level.value}: {self.message}"
        return f"{text} ({self.action})" if self.action else text


class SpecError(Exception):
    """A problem the generator cannot work around; the CLI prints it as one line."""

    def __init__(self, location: str, message: str) -> None:
        super().__init__(f"{location}: error: {message}")
        self.location = location
        self.message = message


@dataclass
class Diagnostics:
    """Collects diagnostics for one spec; passed explicitly, never global."""

    items: list[Diagnostic] = field(default_factory=list)

    def note(
        self,
        location: str,
        message: str,
        action: str = "",
        *,
        disclosure: Disclosure | None = None,
        subject: Subject | None = None,
    ) -> None:
        self.items.append(Diagnostic(Level.NOTE, location, message, action, disclosure, subject))

    def warn(
        self,
        location: str,
        message: str,
        action: str = "",
        *,
        disclosure: Disclosure | None = None,
        subject: Subject | None = None,
    ) -> None:
        self.items.append(Diagnostic(Level.WARNING, location, message, action, disclosure, subject))

    def error(self, location: str, message: str, action: str = "") -> None:
        self.items.append(Diagnostic(Level.ERROR, location, message, action))

    def rename_subject(self, old: Subject, new: Subject) -> None:
        """An overlay renamed what earlier diagnostics are about (an operation whose
        heading the source lost gets its real operationId)."""
        self.items = [replace(d, subject=new) if d.subject == old else d for d in self.items]

    @property
    def disclosed(self) -> list[Diagnostic]:
        return [d for d in self.items if d.disclosure is not None]

    @property
    def notes(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level is Level.NOTE]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level is Level.WARNING]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.level is Level.ERROR]


def pointer(*parts: str | int) -> str:
    """A JSON pointer (RFC 6901) for the given path segments."""
    escaped = (str(p).replace("~", "~0").replace("/", "~1") for p in parts)
    return "#/" + "/".join(escaped)
