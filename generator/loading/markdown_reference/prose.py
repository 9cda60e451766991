"""Document-level facts read from the prose: info, security scheme and tags."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostics
from generator.loading.line_breaks import restore_lists
from generator.loading.markdown_reference.blocks import Block, Section, Source
from generator.loading.markdown_reference.raw import RawOperation
from generator.loading.markdown_reference.words import (
    singular,
    split_heading,
    split_status_heading,
    split_tag_heading,
)

_TITLE_FACTS = re.compile(
    r"^(?P<title>.*?)(?: Version: (?P<version>\S+))?(?: Base URL: (?P<url>\S+))?\s*$"
)
_KEY_FORMAT = re.compile(r"Format: ([^\s<]*(?:<[^>]*>)?)")


def read_info(
    title: Block | None, prose: list[Section], source: Source, diagnostics: Diagnostics
) -> tuple[dict[str, Any], str | None]:
    facts = _TITLE_FACTS.match(title.text) if title else None
    name = (facts.group("title") if facts else "") or Path(source.name).stem
    version = facts.group("version") if facts else None
    if not version:
        diagnostics.warn(
            source.at(title.offset if title else 0), "no `Version:` in the title", "version 0.0.0"
        )
    info: dict[str, Any] = {"title": name.removesuffix(" Reference"), "version": version or "0.0.0"}
    description = "\n\n".join(_markdown(sections) for sections in _by_heading(prose))
    if description:
        info["description"] = description
    return info, facts.group("url") if facts else None


def _by_heading(prose: list[Section]) -> list[list[Section]]:
    """The sections grouped by heading, in order of first appearance: a reference that
    writes `## Authentication` twice gets one section, holding both."""
    groups: dict[str, list[Section]] = {}
    for section in prose:
        groups.setdefault(split_heading(section.block.text)[0].lower(), []).append(section)
    return list(groups.values())


def _markdown(sections: list[Section]) -> str:
    """Prose sections under the first one's heading, with the heading and list breaks
    the capture lost put back."""
    lines = []
    for number, section in enumerate(sections):
        blocks = [(2, section.block), *((3, child) for child in section.children)]
        for level, block in blocks:
            title, body = split_status_heading(block.text) or split_heading(block.text)
            heading = [] if level == 2 and number > 0 else [f"{'#' * level} {title}"]
            lines += [*heading, restore_lists(body)]
    return "\n\n".join(line for line in lines if line)


def security_scheme(prose: list[Section]) -> dict[str, Any] | None:
    """HTTP bearer, described by the first Authentication section (and any key format)."""
    auth = [s for s in prose if split_heading(s.block.text)[0].lower().startswith("auth")]
    texts = [block.text for section in auth for block in (section.block, *section.children)]
    if not any("bearer" in text.lower() for text in texts):
        return None
    description = split_heading(auth[0].block.text)[1]
    formats = sorted({m.group(1) for text in texts for m in _KEY_FORMAT.finditer(text)})
    if formats:
        description += " API key format: " + ", ".join(f"`{f}`" for f in formats) + "."
    return {"type": "http", "scheme": "bearer", "description": description}


def tag_object(section: Section, raws: list[RawOperation]) -> dict[str, Any]:
    vocabulary = {
        singular(word) for raw in raws for word in re.findall(r"[a-z0-9]+", raw.path.lower())
    }
    name, description = split_tag_heading(section.block.text, vocabulary)
    return {"name": name, "description": description} if description else {"name": name}
