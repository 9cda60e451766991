"""Sample payloads as Redoc prints them: JSON with list bullets, nested values folded.

Redoc puts a bullet (`•`, or `- ` in the plain-text rendering) before every member of an
object or array and folds nested values it has not expanded to `{ }` or `[ ]`. Removing
the bullets outside strings leaves JSON; a folded value reads as an empty one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from generator.loading.redoc_text.model import Line


class SampleError(ValueError):
    """The text where a sample should be is not a JSON value."""

    def __init__(self, message: str, end: int) -> None:
        super().__init__(message)
        self.end = end
        """Index of the line after the text taken as the sample."""


@dataclass
class _Scanner:
    in_string: bool = False
    escaped: bool = False
    depth: int = 0
    started: bool = False

    def clean(self, text: str) -> str:
        """`text` without bullets, updating the bracket depth seen so far."""
        kept: list[str] = []
        for index, char in enumerate(text):
            if self.in_string:
                kept.append(char)
                self._string_char(char)
                continue
            if char == "•" or (char == "-" and text[index + 1 : index + 2] in ("", " ")):
                continue
            kept.append(char)
            if char == '"':
                self.in_string = True
            elif char in "{[":
                self.depth += 1
            elif char in "}]":
                self.depth -= 1
            if not char.isspace():
                self.started = True
        return "".join(kept)

    def _string_char(self, char: str) -> None:
        if self.escaped:
            self.escaped = False
        elif char == "\\":
            self.escaped = True
        elif char == '"':
            self.in_string = False

    @property
    def complete(self) -> bool:
        return self.started and self.depth <= 0 and not self.in_string


def read_value(lines: list[Line], start: int) -> tuple[Any, int]:
    """The value whose text begins at `lines[start]`, and the index of the line after it."""
    scanner = _Scanner()
    parts: list[str] = []
    index = start
    while index < len(lines):
        parts.append(scanner.clean(lines[index].text))
        index += 1
        if scanner.complete:
            break
    if not scanner.complete:
        raise SampleError("the sample's brackets never close", index)
    try:
        return json.loads("\n".join(parts)), index
    except json.JSONDecodeError as exc:
        raise SampleError(f"not JSON once its bullets are removed: {exc.msg}", index) from None


def starts_value(text: str) -> bool:
    """Whether a stripped line can open a sample (rather than be a tab or a heading)."""
    if text.startswith(("{", "[", '"')) or text in ("null", "true", "false"):
        return True
    try:
        float(text)
    except ValueError:
        return False
    return True
