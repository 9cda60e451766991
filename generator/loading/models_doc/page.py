"""The page, as blocks: model names, their descriptions and tables, enum groups, prose."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from generator.diagnostics import Diagnostics

_TABLE_HEADER = "FieldTypeDescription"
_MODEL_NAME = re.compile(r"[A-Z][A-Za-z0-9]*")
_ENUMS_LINE = re.compile(r"Enums?:\s*(?P<names>[A-Z][A-Za-z0-9]*(?:\s*,\s*[A-Z][A-Za-z0-9]*)*)")
_SENTENCE_END = (".", "!", "?", ":")


@dataclass(frozen=True)
class Paragraph:
    line: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass
class Model:
    name: str
    line: int
    description: str | None = None
    rows: list[tuple[int, str]] | None = None
    """`(line, text)` per table row; `None` when the page gives the model no table."""


@dataclass
class EnumGroup:
    names: tuple[str, ...]
    line: int
    description: str | None = None


@dataclass
class Page:
    title: str | None = None
    intro: list[str] = field(default_factory=list)
    models: list[Model] = field(default_factory=list)
    enum_groups: list[EnumGroup] = field(default_factory=list)
    orphans: list[Paragraph] = field(default_factory=list)
    """Prose that follows a model already described: a paragraph whose heading was lost."""


def _paragraphs(text: str) -> Iterator[Paragraph]:
    start = 0
    lines: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line and not lines:
            start = number
        if line:
            lines.append(line)
        elif lines:
            yield Paragraph(start, tuple(lines))
            lines = []
    if lines:
        yield Paragraph(start, tuple(lines))


def _is_heading(paragraph: Paragraph) -> bool:
    """A section title such as "Product Models": one line, title case, no full stop."""
    line = paragraph.lines[0]
    words = line.split()
    return (
        len(paragraph.lines) == 1
        and not line.endswith(_SENTENCE_END)
        and all(not word[0].isalpha() or word[0].isupper() for word in words)
    )


def _is_sentence(paragraph: Paragraph) -> bool:
    return paragraph.lines[-1].endswith(_SENTENCE_END)


class PageReader:
    """Sorts the page's paragraphs into models, tables, enum groups and loose prose."""

    def __init__(self, location: str, diagnostics: Diagnostics) -> None:
        self.page = Page()
        self._location = location
        self._diagnostics = diagnostics
        self._table_owner: Model | None = None
        self._wants_prose: Model | EnumGroup | None = None

    def read(self, text: str) -> Page:
        for paragraph in _paragraphs(text):
            self._read_paragraph(paragraph)
        return self.page

    def _read_paragraph(self, paragraph: Paragraph) -> None:
        first = paragraph.lines[0]
        single = len(paragraph.lines) == 1
        enums = _ENUMS_LINE.fullmatch(first) if single else None
        if first == _TABLE_HEADER:
            self._read_table(paragraph)
        elif enums:
            names = tuple(name.strip() for name in enums["names"].split(","))
            group = EnumGroup(names, paragraph.line)
            self.page.enum_groups.append(group)
            self._table_owner, self._wants_prose = None, group
        elif single and _MODEL_NAME.fullmatch(first):
            model = Model(first, paragraph.line)
            self.page.models.append(model)
            self._table_owner = self._wants_prose = model
        elif self._wants_prose is not None and not _is_heading(paragraph):
            self._wants_prose.description = paragraph.text
            self._wants_prose = None
        elif not self.page.models and not self.page.enum_groups:
            self._read_preamble(paragraph)
        elif _is_heading(paragraph):
            self._table_owner = self._wants_prose = None
        else:
            self.page.orphans.append(paragraph)

    def _read_preamble(self, paragraph: Paragraph) -> None:
        if _is_sentence(paragraph):
            self.page.intro.append(paragraph.text)
        elif not self.page.intro:
            # The last line before the introduction is the page's own heading; lines
            # above it are site chrome ("Skip to main content").
            self.page.title = paragraph.text

    def _read_table(self, paragraph: Paragraph) -> None:
        owner = self._table_owner
        self._table_owner = self._wants_prose = None
        if owner is None or owner.rows is not None:
            self._diagnostics.warn(
                f"{self._location}:{paragraph.line}",
                "field table with no model name above it",
                "skipped",
            )
            return
        owner.rows = [
            (paragraph.line + offset, row)
            for offset, row in enumerate(paragraph.lines[1:], start=1)
        ]
