"""The error body the Error Handling prose describes, typed from its examples."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from generator.loading.markdown_reference.blocks import Block, Section
from generator.loading.markdown_reference.words import split_heading, split_status_heading

_ERROR_FIELDS = re.compile(r"format with (?P<names>[\w ,]+?) fields")
_EXAMPLE = re.compile(r"Example: (\{.*\})\s*$", re.DOTALL)


def error_body_schema(section: Section) -> dict[str, Any] | None:
    """The error body the Error Handling section describes, typed from its examples."""
    _, body = split_heading(section.block.text)
    names_match = _ERROR_FIELDS.search(body)
    if not names_match:
        return None
    names = [n for n in re.split(r",?\s+and\s+|,\s*", names_match.group("names")) if n]
    examples = [_example(child) for child in section.children]
    properties = {name: _example_type(name, examples) for name in names}
    return {
        "type": "object",
        "description": body,
        "properties": properties,
        "required": names,
    }


def _example(block: Block) -> dict[str, Any]:
    match = _EXAMPLE.search(block.text)
    if not match:
        return {}
    try:
        value = json.loads(match.group(1))
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


def _example_type(name: str, examples: Iterable[dict[str, Any]]) -> dict[str, Any]:
    kinds = {type(example[name]) for example in examples if name in example}
    if kinds == {int}:
        return {"type": "integer"}
    if kinds == {str}:
        return {"type": "string"}
    return {}


def error_descriptions_by_status(section: Section) -> dict[str, str]:
    descriptions = {}
    for child in section.children:
        split = split_status_heading(child.text)
        if split:
            title, body = split
            text = _EXAMPLE.sub("", body).strip()
            descriptions[title.split(" ")[0]] = f"{title}. {text}".strip()
    return descriptions
