"""Redoc's one-line type notation, read into JSON Schema.

Redoc prints a schema as `string <uuid> (Whodunit Id)`, `Array of strings (States)`,
`integer or number (Maximum)`, `Name (object) or Other (object)` or
`(EmojiIcon (object or null)) or (CustomIcon (object or null))`, then constraints and
`Default:` / `Enum:` / `Value:` details; in the one-line rendering the description follows
on the same line.
"""

from __future__ import annotations

import json
import re
from typing import Any

_BASE_TYPES: dict[str, dict[str, Any]] = {
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "number": {"type": "number"},
    "boolean": {"type": "boolean"},
    "object": {"type": "object"},
    "array": {"type": "array"},
    "null": {"type": "null"},
    "any": {},
}
_WORD = re.compile(r"[A-Za-z_][\w.\-]*")
_FORMAT = re.compile(r" <([\w\-]+)>")
_TITLE = re.compile(r" \(([^()]+)\)")
# A title worth keeping as a model name; generated names such as `Pick_X.a-or-b_` are not.
_READABLE_TITLE = re.compile(r"[A-Za-z][A-Za-z0-9 ]*")
_NULL: dict[str, Any] = {"type": "null"}
_DECODER = json.JSONDecoder()


def parse_type(text: str) -> tuple[dict[str, Any], str] | None:
    """The schema a type expression at the start of `text` describes, and the text after it."""
    reader = _Reader(text)
    schema = reader.type_expression()
    if schema is None:
        return None
    if match := reader.match(_FORMAT):
        _set_format(schema, match.group(1))
    if (match := reader.match(_TITLE)) and _READABLE_TITLE.fullmatch(match.group(1)):
        _set_title(schema, match.group(1))
    return schema, reader.rest.strip()


def _set_title(schema: dict[str, Any], title: str) -> None:
    """`Array of objects (SortField)` names the items; `Array of strings (States)` the array."""
    items = schema.get("items")
    if isinstance(items, dict) and items.get("type") == "object" and "title" not in items:
        items["title"] = title
    else:
        schema["title"] = title


def is_type_line(text: str) -> bool:
    """Whether `text` is a whole line holding only a type (with constraints or a pattern)."""
    parsed = parse_type(text)
    if parsed is None:
        return False
    rest = parsed[1]
    return not rest or rest.startswith("[") or " " not in rest


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    @property
    def rest(self) -> str:
        return self.text[self.pos :]

    def accept(self, token: str) -> bool:
        if self.text.startswith(token, self.pos):
            self.pos += len(token)
            return True
        return False

    def match(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        found = pattern.match(self.text, self.pos)
        if found:
            self.pos = found.end()
        return found

    def type_expression(self) -> dict[str, Any] | None:
        first = self.atom()
        if first is None:
            return None
        alternatives = [first]
        while True:
            before = self.pos
            following = self.atom() if self.accept(" or ") else None
            if following is None:
                self.pos = before
                return _combine(alternatives)
            alternatives.append(following)

    def atom(self) -> dict[str, Any] | None:
        start = self.pos
        if self.accept("Array of "):
            items = self.type_expression()
            if items is not None:
                return {"type": "array", "items": items} if items else {"type": "array"}
        elif self.accept("("):
            inner = self.type_expression()
            if inner is not None and self.accept(")"):
                return inner
        elif word := self.match(_WORD):
            # Plural after `Array of`: `strings`, `objects`.
            base = _BASE_TYPES.get(word.group(0).removesuffix("s"))
            if base is not None:
                return dict(base)
            named = self.type_expression() if self.accept(" (") else None
            if named is not None and self.accept(")"):
                if _READABLE_TITLE.fullmatch(word.group(0)):
                    named["title"] = word.group(0)
                return named
        self.pos = start
        return None


def _combine(alternatives: list[dict[str, Any]]) -> dict[str, Any]:
    unique: list[dict[str, Any]] = []
    for schema in alternatives:
        if schema not in unique:
            unique.append(schema)
    nullable = _NULL in unique
    others = [s for s in unique if s != _NULL]
    if len(others) > 1 and all(s in ({"type": "integer"}, {"type": "number"}) for s in others):
        others = [{"type": "number"}]
    if not others:
        return dict(_NULL)
    core = others[0] if len(others) == 1 else {"anyOf": others}
    return {"anyOf": [core, dict(_NULL)]} if nullable else core


def _set_format(schema: dict[str, Any], fmt: str) -> None:
    if "anyOf" in schema:
        for member in schema["anyOf"]:
            if member != _NULL:
                _set_format(member, fmt)
    elif schema.get("type") == "array" and isinstance(schema.get("items"), dict):
        _set_format(schema["items"], fmt)
    elif "type" in schema:
        schema["format"] = fmt


def read_details(text: str, schema: dict[str, Any]) -> str:
    """Apply the constraints and `Default:`/`Enum:`/`Value:` details at the start of `text`
    to `schema`; returns what follows them (a description, in the one-line rendering)."""
    rest = text.strip()
    while rest:
        remaining = _read_detail(rest, schema)
        if remaining is None:
            break
        rest = remaining.strip()
    return rest


def _read_detail(text: str, schema: dict[str, Any]) -> str | None:
    target = schema.get("items", schema) if text.startswith("Items ") else schema
    label, _, value_text = text.removeprefix("Items ").partition(": ")
    if label == "Default" and value_text:
        value, rest = _one_value(value_text)
        schema["default"] = value
        return rest
    if label == "Enum" and value_text:
        values, rest = _many_values(value_text)
        target["enum"] = values
        return rest
    if label == "Value" and value_text:
        value, rest = _one_value(value_text)
        target["enum"] = [value]
        return rest
    if text.startswith("[ "):
        return _after_brackets(text)
    if text.startswith(("^", "[")):
        # A pattern; Redoc shortens long ones with `...`, so it is not kept.
        return text.partition(" ")[2]
    return None


def _one_value(text: str) -> tuple[Any, str]:
    try:
        value, end = _DECODER.raw_decode(text)
    except json.JSONDecodeError:
        word, _, rest = text.partition(" ")
        return word, rest
    return value, text[end:]


def _many_values(text: str) -> tuple[list[Any], str]:
    values: list[Any] = []
    rest = text
    while rest:
        try:
            value, end = _DECODER.raw_decode(rest)
        except json.JSONDecodeError:
            break
        if isinstance(value, (dict, list)):
            break
        values.append(value)
        rest = rest[end:].lstrip()
    return values, rest


def _after_brackets(text: str) -> str:
    depth = 0
    for index, char in enumerate(text):
        depth += {"[": 1, "]": -1}.get(char, 0)
        if depth == 0:
            return text[index + 1 :]
    return ""
