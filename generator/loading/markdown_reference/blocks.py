"""The capture cut into blocks at its headings, and the labelled parts and field lists
inside a block."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.diagnostics import pointer
from generator.openapi import HTTP_METHODS

_METHODS = tuple(method.upper() for method in HTTP_METHODS)
_FIELD_TYPES = "string|integer|number|boolean|array|object|any|allOf|anyOf|oneOf|enum"
_HEADING = re.compile(r"(?:^|(?<=\s))(#{1,6}) (?=\S)")
OPERATION_HEAD = re.compile(
    rf"^(?P<method>{'|'.join(_METHODS)}) (?P<path>/\S*)\s*(?P<rest>.*)$", re.DOTALL
)
_FIELD = re.compile(
    rf"(?:^|\s)- (?P<name>[A-Za-z_][\w.-]*): (?P<type>{_FIELD_TYPES})"
    r"(?: \[(?P<format>[\w-]+)\])?(?P<required> \(required\))?(?=\s|$)"
)


@dataclass(frozen=True)
class Block:
    level: int
    text: str
    """Heading and body, without the hashes and without a trailing `---` rule."""
    offset: int


@dataclass
class Section:
    block: Block
    children: list[Block] = field(default_factory=list)


@dataclass(frozen=True)
class Source:
    """The capture's name and text; turns offsets into `file:line` locations."""

    name: str
    text: str

    def at(self, offset: int) -> str:
        return f"{self.name}:{self.text.count(chr(10), 0, offset) + 1}"

    def at_pointer(self, *parts: str | int) -> str:
        return f"{self.name}{pointer(*parts)}"


def split_at_matches(pattern: re.Pattern[str], text: str) -> list[tuple[re.Match[str], str]]:
    """Each match of `pattern` with the text from its end up to the next match."""
    matches = list(pattern.finditer(text))
    ends = [match.start() for match in matches[1:]] + [len(text)]
    # `ends` has one item even when nothing matched; zip stops at the shorter list.
    return [(m, text[m.end() : end].strip()) for m, end in zip(matches, ends, strict=False)]


def read_blocks(text: str) -> list[Block]:
    return [
        Block(len(heading.group(1)), re.sub(r"\s*-{3,}$", "", body), heading.start())
        for heading, body in split_at_matches(_HEADING, text)
    ]


def group_sections(blocks: list[Block]) -> list[Section]:
    sections: list[Section] = []
    for block in blocks:
        if block.level <= 2 or not sections:
            sections.append(Section(block))
        else:
            sections[-1].children.append(block)
    return sections


def is_operation(block: Block) -> bool:
    return OPERATION_HEAD.match(block.text) is not None


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    format: str | None
    required: bool
    description: str


def read_fields(text: str) -> list[Field]:
    return [
        Field(
            name=match.group("name"),
            type=match.group("type"),
            format=match.group("format"),
            required=bool(match.group("required")),
            description=item_text(tail),
        )
        for match, tail in split_at_matches(_FIELD, text)
    ]


def item_text(tail: str) -> str:
    return re.sub(r"^-\s*", "", tail)


def labelled(text: str, labels: tuple[str, ...]) -> tuple[str, dict[str, str]]:
    """Split `text` at the first occurrence of each label, labels appearing in order."""
    pattern = re.compile(r"(?:^|\s)(" + "|".join(map(re.escape, labels)) + r")(?=\s|$)")
    kept: list[re.Match[str]] = []
    for match in pattern.finditer(text):
        # A label repeated or out of order belongs to the text under an earlier label.
        if not kept or labels.index(match.group(1)) > labels.index(kept[-1].group(1)):
            kept.append(match)
    ends = [match.start() for match in kept[1:]] + [len(text)]
    parts = {m.group(1): text[m.end() : end].strip() for m, end in zip(kept, ends, strict=False)}
    return (text[: kept[0].start()] if kept else text).strip(), parts
