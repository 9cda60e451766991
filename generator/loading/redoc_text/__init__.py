"""`redoc-text`: the text of a Redoc API reference page, as copied out of a browser.

Two renderings are read. The indented one (`•` bullets in samples) lists each parameter
or body field over several lines; the table one (`- ` bullets) puts each on one
`name | type description |` row. Both keep per operation its heading, description,
parameters, request body fields and request/response samples, and both lose what Redoc
draws apart from the text: every operation's HTTP method and path, and sometimes a
heading, a field name or a tag name. What is lost is reported, never guessed: operations
go under `x-sdkgen-unplaced` for an overlay to place, response types are inferred from
the response samples.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostics, SpecError
from generator.loading.reader import read_text
from generator.loading.redoc_text.build import build_document
from generator.loading.redoc_text.entries import EntryReader, read_indented, read_table
from generator.loading.redoc_text.header import read_header
from generator.loading.redoc_text.model import Line, Page
from generator.loading.redoc_text.sections import RESPONSES, SAMPLE_PANELS, Reader

__all__ = ["load"]


def load(source: Path, options: Mapping[str, Any], diagnostics: Diagnostics) -> dict[str, Any]:
    if options:
        raise SpecError(source.name, f"redoc-text takes no options (got {sorted(options)})")
    text = read_text(source)
    lines = [Line(number, line) for number, line in enumerate(text.splitlines(), start=1)]
    page = read_page(lines, source.name, diagnostics)
    return build_document(page, source.name, diagnostics)


def read_page(lines: list[Line], location: str, diagnostics: Diagnostics) -> Page:
    markers = [line for line in lines if line.stripped in (RESPONSES, *SAMPLE_PANELS)]
    if not markers:
        raise SpecError(location, "not a Redoc page: no `Responses` or sample panel found")
    indented = markers[0].indent > 0
    read_entries: EntryReader = read_indented if indented else read_table
    split = _body_start(lines, indented)
    header = read_header(lines[:split], location, diagnostics)
    sections = Reader(read_entries, location, diagnostics).sections(lines[split:])
    if not sections:
        raise SpecError(location, "no operation could be read from this Redoc page")
    description = header.description
    if not description and sections and sections[0].intro:
        # In the table rendering the API description runs on into the first operation.
        description, sections[0].intro = sections[0].intro, ""
    return Page(
        title=header.title,
        version=header.version,
        description=description,
        schemes=header.schemes,
        sections=sections,
        shows_authorizations=any(section.secured for section in sections),
    )


def _body_start(lines: list[Line], indented: bool) -> int:
    """Where the operations start: the indented rendering indents them under the header;
    the table rendering has a one-line header (its description belongs to what follows)."""
    if indented:
        return next((i for i, line in enumerate(lines) if line.indent > 0), len(lines))
    return next((i + 1 for i, line in enumerate(lines) if line.stripped), len(lines))
