"""Turning spec text into text that is safe where it is printed: Python source (string
literals, docstrings, comments, identifiers) and Markdown (README.md, CHANGELOG.md).

Each function returns `Code`, the only kind of string the template guard lets through.
"""

from __future__ import annotations

import html
import json
import keyword
import re
from collections.abc import Iterable

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


# -- Markdown ----------------------------------------------------------------------------
# Spec prose keeps its Markdown (paragraphs, lists, emphasis, links, code) but never
# becomes HTML: every `<` outside code is `&lt;`, so no tag, comment or script survives
# (`&` is left alone: an entity only ever spells a character). What counts as code is
# decided conservatively, so that a renderer can never see as Markdown what was left raw
# as code: a code span within one line (not one a table would split at `|`), a fenced
# block opened at the start of a line. A fence the text leaves open is closed where the
# text ends, so nothing that follows is swallowed; a backtick that opens no code span is
# `&#96;`; links to schemes other than http, https and mailto lose their link syntax.

_FENCE_OPEN = re.compile(r"^(`{3,}|~{3,})")
_FENCE_CLOSE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*$")
_BACKTICKS = re.compile(r"`+")
# Characters that move or hide text without showing: C0 and C1 controls (tab and newline
# kept), bidirectional marks, overrides and isolates.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_LINK_TARGET = re.compile(r"(\]\(\s*)([^\s)]*)")
_REFERENCE_DEFINITION = re.compile(r"^( {0,3})(\[[^\]]+\]:\s*)(\S*)")
_SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


def markdown(value: object) -> Code:
    """Spec prose as Markdown blocks starting at the beginning of a line (a description)."""
    out: list[str] = []
    fence = ""
    for line in _plain(value).strip().split("\n"):
        if fence:
            out.append(line)
            closing = _FENCE_CLOSE.match(line)
            if closing and closing.group(1)[0] == fence[0] and len(closing.group(1)) >= len(fence):
                fence = ""
        elif (opened := _FENCE_OPEN.match(line)) and not (
            opened.group(1)[0] == "`" and "`" in line[opened.end() :]
        ):
            fence = opened.group(1)
            out.append(line)
        else:
            out.append(_prose(line))
    if fence:
        out.append(fence)
    return Code("\n".join(out))


def markdown_inline(value: object) -> Code:
    """Spec text on one line of Markdown (a heading, a list item, a sentence)."""
    text = _prose(" ".join(_plain(value).split()))
    # An odd run of backslashes at the end would escape whatever the template prints next.
    trailing = len(text) - len(text.rstrip("\\"))
    return Code(text + "\\" if trailing % 2 else text)


def markdown_code(value: object) -> Code:
    """Text as one Markdown code span, delimiters included: shown exactly, never read as
    Markdown or HTML, whatever backticks it holds (in a table cell too: there a `|`
    splits the span, so a `<` next to one is `&lt;`)."""
    text = " ".join(_plain(value).split())
    if not text:
        return Code("")
    if "|" in text:
        text = text.replace("<", "&lt;")
    longest = max((len(run) for run in _BACKTICKS.findall(text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text[0] == "`" or text[-1] == "`" else ""
    return Code(f"{fence}{pad}{text}{pad}{fence}")


def html_comment(value: object) -> Code:
    """One line inside `<!-- ... -->`: no `--`, so the text cannot end the comment."""
    text = str(comment(value))
    while "--" in text:
        text = text.replace("--", "- -")
    return Code(text)


def _plain(value: object) -> str:
    text = str(value or "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    return _INVISIBLE.sub("", text)


def _prose(line: str) -> str:
    """One line of Markdown outside code blocks: its code spans as they are, the rest
    made inert."""
    parts: list[str] = []
    position = 0
    for start, end in _code_spans(line):
        parts.append(_inert(line[position:start]))
        span = line[start:end]
        parts.append(span.replace("<", "&lt;") if "|" in span else span)
        position = end
    parts.append(_inert(line[position:]))
    return "".join(parts)


def _code_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each code span: a run of backticks up to the next run of the same
    length. A backslash before a run escapes its first backtick."""
    spans: list[tuple[int, int]] = []
    runs = list(_BACKTICKS.finditer(line))
    index = 0
    while index < len(runs):
        start, end = runs[index].span()
        backslashes = start - len(line[:start].rstrip("\\"))
        start += backslashes % 2
        closing = next(
            (j for j in range(index + 1, len(runs)) if len(runs[j].group()) == end - start),
            None,
        )
        if start == end or closing is None:
            index += 1
            continue
        spans.append((start, runs[closing].end()))
        index = closing + 1
    return spans


def _inert(text: str) -> str:
    text = text.replace("<", "&lt;").replace("`", "&#96;")
    text = _LINK_TARGET.sub(_unlinked, text)
    definition = _REFERENCE_DEFINITION.match(text)
    if definition and not _safe_target(definition.group(3)):
        text = f"{definition.group(1)}\\{text[len(definition.group(1)) :]}"
    return text


def _unlinked(match: re.Match[str]) -> str:
    """`](javascript:...)` becomes `]\\(javascript:...)`, which Markdown does not link."""
    if _safe_target(match.group(2)):
        return match.group(0)
    return "]\\(" + match.group(0)[2:]


def _safe_target(target: str) -> bool:
    """A relative link, or one to http, https or mailto. Entities and the whitespace and
    controls browsers ignore are removed first, as a browser would (`java&#9;script:`)."""
    decoded = re.sub(r"[\x00-\x20]", "", html.unescape(target)).lstrip("<")
    scheme = _SCHEME.match(decoded)
    return scheme is None or scheme.group(1).lower() in _SAFE_SCHEMES


def py_literal(value: object) -> Code:
    """A Python literal for a scalar from the spec or the config (None, bool, number, str)."""
    if value is None or isinstance(value, (bool, int)):
        return Code(repr(value))
    if isinstance(value, float) and value == value and value not in (float("inf"), float("-inf")):
        return Code(repr(value))
    return py_string(value)


def py_tuple(items: Iterable[str]) -> Code:
    """A tuple of Python source items, with the trailing comma only where one item needs
    it (a formatter keeps any other trailing comma as a sign to put items one a line)."""
    parts = list(items)
    return Code(f"({parts[0]},)" if len(parts) == 1 else f"({', '.join(parts)})")


def security_literal(security: Iterable[Iterable[str]]) -> Code:
    """A security requirement: a tuple of alternatives, each a tuple of scheme names."""
    return py_tuple(py_tuple(py_string(name) for name in r) for r in security)
