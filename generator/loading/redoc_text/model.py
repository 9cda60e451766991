"""What a Redoc page says about its API, read but not yet turned into OpenAPI."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Line:
    number: int
    """1-based line number in the capture."""
    text: str

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def indent(self) -> int:
        return len(self.text) - len(self.text.lstrip(" "))


@dataclass
class Entry:
    """A parameter or body field; `name` is None where the page lost it."""

    name: str | None
    required: bool
    schema: dict[str, Any]
    line: int
    description: list[str] = field(default_factory=list)
    additional: bool = False
    """Redoc's `property name*` row: the type of a map's values (`additionalProperties`),
    not a field."""


@dataclass(frozen=True)
class Sample:
    request: bool
    status: str | None
    """The first response-code tab shown above a response sample, if any."""
    media_type: str | None
    value: Any
    line: int


@dataclass
class Body:
    media_type: str
    required: bool
    description: str
    fields: list[Entry]
    line: int


@dataclass
class Section:
    """One operation as the page shows it; `title` is None where its heading was lost."""

    title: str | None
    line: int
    intro: str = ""
    """Text above the heading: the description of a tag whose name the page lost."""
    description: str = ""
    secured: bool = False
    """Whether the page shows an `Authorizations:` line for it."""
    parameters: list[tuple[str, Entry]] = field(default_factory=list)
    body: Body | None = None
    samples: list[Sample] = field(default_factory=list)

    def sample(self, *, request: bool) -> Sample | None:
        return next((s for s in self.samples if s.request is request), None)


@dataclass(frozen=True)
class Scheme:
    name: str
    definition: dict[str, Any]


@dataclass
class Page:
    title: str
    version: str
    description: str
    schemes: list[Scheme]
    sections: list[Section]
    shows_authorizations: bool
    """Whether any operation shows `Authorizations:`; if so, one without it needs no auth."""
