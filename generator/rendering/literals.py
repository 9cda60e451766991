"""Turning spec text into Python source that is safe where it is printed.

Each function returns `Code`, the only kind of string the template guard lets through.
"""

from __future__ import annotations

import json
import keyword

import jinja2


class Code(str):
    """Text already made safe for its place in Python source."""


def py_string(value: object) -> Code:
    """A Python string literal; JSON's escapes are all valid in Python. Characters that
    do not print (controls, bidi overrides, line separators) are escaped too, so the
    source reads as it runs."""
    text = json.dumps(str(value), ensure_ascii=False)
    return Code(text if text.isprintable() else _escape_invisible(text))


def _escape_invisible(text: str) -> str:
    return "".join(ch if ch.isprintable() else _escape(ch) for ch in text)


def _escape(ch: str) -> str:
    code = ord(ch)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def docstring(value: object, indent: int = 0) -> Code:
    """Text safe inside a triple-quoted docstring: no closing quotes, no escapes."""
    # Backslashes doubled first, so every backslash left in front of a quote is one of
    # ours; then runs of three quotes, and a quote at the very end, which would otherwise
    # run into the closing ones.
    text = str(value or "").strip().replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    if text.endswith('"') and not _escaped_at_end(text):
        text = text[:-1] + '\\"'
    if not text.replace("\n", "").replace("\t", "").isprintable():
        text = "".join(ch if ch in "\n\t" or ch.isprintable() else _escape(ch) for ch in text)
    if indent:
        pad = " " * indent
        text = "\n".join(pad + line if line.strip() else "" for line in text.split("\n")).lstrip()
        if "\n" in text:  # closing quotes of a multi-line docstring go on their own line
            text += "\n" + pad
    return Code(text)


def _escaped_at_end(text: str) -> bool:
    """Whether the final quote of `text` is already escaped (an odd run of backslashes)."""
    backslashes = len(text[:-1]) - len(text[:-1].rstrip("\\"))
    return backslashes % 2 == 1


def comment(value: object) -> Code:
    """One line of text for a `#` comment, without characters that do not print."""
    text = " ".join(str(value or "").split())
    return Code(text if text.isprintable() else "".join(ch for ch in text if ch.isprintable()))


def identifier(value: object) -> Code:
    """A name the IR decided; checked again here because a bad one would be code."""
    text = str(value)
    if not all(part.isidentifier() and not keyword.iskeyword(part) for part in text.split(".")):
        raise jinja2.TemplateError(f"not a Python identifier: {text!r}")
    return Code(text)


def source(value: object) -> Code:
    """Source the IR built itself (annotations, default literals); printed as it is."""
    return Code(str(value))


def markdown(value: object) -> Code:
    """Spec prose for README.md; Markdown renders it, Python never runs it."""
    return Code(str(value or "").strip())


def py_literal(value: object) -> Code:
    """A Python literal for a scalar from the spec or the config (None, bool, number, str)."""
    if value is None or isinstance(value, (bool, int)):
        return Code(repr(value))
    if isinstance(value, float) and value == value and value not in (float("inf"), float("-inf")):
        return Code(repr(value))
    return py_string(value)
