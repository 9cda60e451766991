"""Parameter and body-field lists, in both of Redoc's text renderings.

Indented rendering: one fact per line, a blank line before a description,

    limit
    integer (Limit)
    Default: 20

    Max number of alerts to be returned.

Table rendering: one row per entry, `name [required] | type details description |`.
Either may have lost an entry's name, leaving only `object (Renames)` or
`required | Array of objects (SortField) |`. A map's value type is an entry named
`property name*` (or the schema's own name for its keys, starred), labelled
`additional property`.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable

from generator.loading.redoc_text.model import Entry, Line
from generator.loading.redoc_text.typeexpr import is_type_line, parse_type, read_details

EntryReader = Callable[[list[Line]], tuple[list[str], list[Entry]]]
"""Reads one block: the text before its first entry, and its entries."""

_NAME = re.compile(r"[A-Za-z_$@][\w.\-\[\]$@]*")
_REQUIRED = "required"
_ADDITIONAL = re.compile(r"[\w .\-$@]+? ?\*(?: ?additional property)?")
_ADDITIONAL_LABEL = "additional property"
# Labels Redoc puts above the alternatives of a `oneOf` / `anyOf`; they describe nothing.
_COMPOSITION_LABELS = frozenset({"One of", "Any of", "All of", "|", ""})


def read_indented(lines: list[Line]) -> tuple[list[str], list[Entry]]:
    text: list[str] = []
    entries: list[Entry] = []
    index = 0
    while index < len(lines):
        started = _indented_entry(lines, index)
        if started is not None:
            entry, index = started
            entries.append(entry)
            continue
        line = lines[index].stripped
        index += 1
        if entries:
            _indented_detail(entries[-1], line)
        elif line:
            text.append(line)
    return text, entries


def _indented_entry(lines: list[Line], index: int) -> tuple[Entry, int] | None:
    """The entry starting at `lines[index]` and the index after its type line, if one does."""
    first = lines[index].stripped
    following = [line.stripped for line in lines[index + 1 : index + 3]]
    additional = bool(_ADDITIONAL.fullmatch(first))
    if (_NAME.fullmatch(first) or additional) and following:
        label = following[0] in (_REQUIRED, _ADDITIONAL_LABEL)
        type_at = 1 if label else 0
        if len(following) > type_at and is_type_line(following[type_at]):
            required = following[0] == _REQUIRED
            name = None if additional else first
            entry = _typed_entry(name, required, following[type_at], lines[index].number)
            entry.additional = additional
            return entry, index + 2 + type_at
    if is_type_line(first):
        return _typed_entry(None, False, first, lines[index].number), index + 1
    return None


def _typed_entry(name: str | None, required: bool, type_text: str, number: int) -> Entry:
    parsed = parse_type(type_text)
    schema = parsed[0] if parsed else {}
    return Entry(name, required, schema, number)


def _indented_detail(entry: Entry, line: str) -> None:
    trial = copy.deepcopy(entry.schema)
    if line and not read_details(line, trial):
        entry.schema = trial
    elif line or entry.description:
        entry.description.append(line)


def read_table(lines: list[Line]) -> tuple[list[str], list[Entry]]:
    text: list[str] = []
    entries: list[Entry] = []
    for line in lines:
        stripped = line.stripped
        if stripped in _COMPOSITION_LABELS:
            continue
        entry = _table_row(stripped, line.number) if "|" in stripped else None
        if entry is not None:
            entries.append(entry)
        elif entries:
            entries[-1].description.append(stripped)
        elif not text or text[-1] != stripped:
            # The one-line rendering repeats a body's description above each alternative.
            text.append(stripped)
    return text, entries


def _table_row(row: str, number: int) -> Entry | None:
    left, _, right = row.partition("|")
    words = left.split()
    required = bool(words) and words[-1] == _REQUIRED
    name = " ".join(words[:-1] if required else words)
    right = right.strip().rstrip("| ")
    if not right and name and is_type_line(name):
        # `object | |`: the name was lost and the type slid into its cell.
        name, right = "", name
    additional = bool(_ADDITIONAL.fullmatch(name))
    if name and not additional and not _NAME.fullmatch(name):
        return None
    parsed = parse_type(right)
    schema, rest = parsed if parsed else ({}, right)
    description = read_details(rest, schema)
    described = [description] if description else []
    if additional:
        return Entry(None, False, schema, number, described, additional=True)
    return Entry(name or None, required, schema, number, described)
