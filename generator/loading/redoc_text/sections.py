"""Cutting the page into operations.

An operation is its heading (title, description, `Authorizations:`, parameter and body
blocks), a `Responses` line, then at most one request-sample and one response-sample
panel. Where a heading was lost the panels follow the previous operation directly: a
second response panel, or a request panel after a response panel, starts a new
operation, and any text before it is a tag description whose tag name was lost too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.diagnostics import Diagnostics
from generator.loading.redoc_text.entries import EntryReader
from generator.loading.redoc_text.model import Body, Line, Sample, Section
from generator.loading.redoc_text.samples import SampleError, read_value, starts_value

RESPONSES = "Responses"
SAMPLE_PANELS = {"Request samples": True, "Response samples": False}
_AUTHORIZATIONS = "Authorizations:"
_PARAMETERS = re.compile(r"(path|query|header|cookie) Parameters")
_BODY = re.compile(r"Request Body schema: (?P<media>\S+?)(?P<required>required)?")
_TAB = re.compile(r"- (?P<tab>\d{3}|\dXX|default|Payload|[\w.+-]+/[\w.+*-]+)")
_MEDIA_TYPE = re.compile(r"[\w.+-]+/[\w.+*-]+")
_SENTENCE_END = (".", "!", "?")
_MIN_SENTENCE_WORDS = 5


@dataclass(frozen=True)
class Reader:
    """Reads the operations of one page."""

    read_entries: EntryReader
    location: str
    diagnostics: Diagnostics

    def sections(self, lines: list[Line]) -> list[Section]:
        found: list[Section] = []
        pos = _skip_blank(lines, 0)
        while pos < len(lines):
            section, pos = self._section(lines, pos)
            if section is not None:
                found.append(section)
            pos = _skip_blank(lines, pos)
        return found

    def _section(self, lines: list[Line], pos: int) -> tuple[Section | None, int]:
        start = pos
        while pos < len(lines) and lines[pos].stripped not in (RESPONSES, *SAMPLE_PANELS):
            pos += 1
        head, blocks = _blocks(lines[start:pos])
        has_responses = pos < len(lines) and lines[pos].stripped == RESPONSES
        samples, pos = self._panels(lines, pos + 1 if has_responses else pos)
        if not blocks and not has_responses:
            if samples:
                return Section(None, samples[0].line, intro=_text(head), samples=samples), pos
            self.diagnostics.warn(
                self._at(lines[start]), "text that is not part of any operation", "ignored"
            )
            return None, pos
        section = _headed(head, lines[start])
        for heading, block in blocks:
            self._block(section, heading, block)
        section.samples = samples
        return section, pos

    def _block(self, section: Section, heading: Line, block: list[Line]) -> None:
        text = heading.stripped
        if text.startswith(_AUTHORIZATIONS):
            section.secured = True
        elif parameters := _PARAMETERS.fullmatch(text):
            _, entries = self.read_entries(block)
            section.parameters.extend((parameters.group(1), entry) for entry in entries)
        elif body := _BODY.fullmatch(text):
            description, entries = self.read_entries(block)
            section.body = Body(
                body.group("media"),
                bool(body.group("required")),
                "\n".join(description),
                entries,
                heading.number,
            )

    def _panels(self, lines: list[Line], pos: int) -> tuple[list[Sample], int]:
        samples: list[Sample] = []
        while (at := _skip_blank(lines, pos)) < len(lines):
            request = SAMPLE_PANELS.get(lines[at].stripped)
            seen = {s.request for s in samples}
            if request is None or False in seen or (request and seen):
                break
            sample, pos = self._panel(lines, at + 1, request)
            if sample is not None:
                samples.append(sample)
        return samples, pos

    def _panel(self, lines: list[Line], pos: int, request: bool) -> tuple[Sample | None, int]:
        status: str | None = None
        media_type: str | None = None
        while (pos := _skip_blank(lines, pos)) < len(lines):
            text = lines[pos].stripped
            if tab := _TAB.fullmatch(text):
                status = status or (tab.group("tab") if tab.group("tab")[0].isdigit() else None)
            elif _MEDIA_TYPE.fullmatch(text):
                media_type = text
            elif text != "Content type":
                break
            pos += 1
        if pos >= len(lines) or not starts_value(lines[pos].stripped):
            return None, pos
        try:
            value, end = read_value(lines, pos)
        except SampleError as exc:
            self.diagnostics.warn(self._at(lines[pos]), f"unreadable sample: {exc}", "skipped")
            return None, exc.end
        return Sample(request, status, media_type, value, lines[pos].number), end

    def _at(self, line: Line) -> str:
        return f"{self.location}:{line.number}"


def _blocks(preamble: list[Line]) -> tuple[list[Line], list[tuple[Line, list[Line]]]]:
    """The preamble's head (heading and description), then each block under its heading."""
    head: list[Line] = []
    blocks: list[tuple[Line, list[Line]]] = []
    for line in preamble:
        text = line.stripped
        if text.startswith(_AUTHORIZATIONS) or _PARAMETERS.fullmatch(text) or _BODY.fullmatch(text):
            blocks.append((line, []))
        else:
            (blocks[-1][1] if blocks else head).append(line)
    return head, blocks


def _headed(head: list[Line], first: Line) -> Section:
    filled = [line for line in head if line.stripped]
    if not filled:
        return Section(None, first.number)
    title = filled[_title_index(filled)]
    return Section(
        title.stripped,
        title.number,
        intro=_text(filled[: filled.index(title)]),
        description=_text(head[head.index(title) + 1 :], title.indent),
    )


def _title_index(head: list[Line]) -> int:
    """Where the heading is: after any leading sentences, which describe a lost tag."""
    for index, line in enumerate(head):
        text = line.stripped
        if not (text.endswith(_SENTENCE_END) and len(text.split()) >= _MIN_SENTENCE_WORDS):
            return index
    return 0


def _text(lines: list[Line], indent: int | None = None) -> str:
    """Lines as text, without the section's own indentation, paragraphs kept."""
    if indent is None:
        indent = min((line.indent for line in lines if line.stripped), default=0)
    kept = [line.text[indent:] if line.indent >= indent else line.stripped for line in lines]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(text.rstrip() for text in kept)).strip()


def _skip_blank(lines: list[Line], pos: int) -> int:
    while pos < len(lines) and not lines[pos].stripped:
        pos += 1
    return pos
