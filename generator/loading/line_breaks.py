"""Lists put back into prose that a capture flattened onto one line.

A capture that lost its line breaks runs a Markdown list into its paragraph:
`Two token types: - **JWT** — ... - **API key** — ...`, or `1. Onboard ... 2. Connect
...`. The markers survive, so the list does too where they are unambiguous: bullets
(` - `, ` * `) when the first follows a colon or a sentence's end and another follows,
and numbers when they count up from 1. Text in backticks is never split. The last item
runs to the end of the paragraph: nothing marks where a flattened list ended.
"""

from __future__ import annotations

import re

_BULLET = re.compile(r"(?:^| )[-*] (?=\S)")
_NUMBER = re.compile(r"(?:^| )(\d{1,2})\. (?=\S)")
_CODE = re.compile(r"`[^`]*`")
# What may end the text before a list's first bullet: a colon, or a sentence's end.
_LIST_LEAD = re.compile(r"(?:^|[:.!?)*])$")


def restore_lists(text: str) -> str:
    """`text` with flattened bullet and numbered lists broken back into lines."""
    if "\n" in text:
        return text  # the capture kept its breaks: nothing to restore
    return _numbered(_bulleted(text))


def _bulleted(text: str) -> str:
    starts = [m.start() for m in _BULLET.finditer(text) if not _in_code(text, m.start())]
    while starts and not _LIST_LEAD.search(text[: starts[0]].rstrip()):
        starts.pop(0)
    if len(starts) < 2:
        return text
    lead = text[: starts[0]].strip()
    items = [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)])]
    bullet = items[0][0]
    lines = [f"{bullet} {item[2:].strip()}" for item in items]
    return (f"{lead}\n\n" if lead else "") + "\n".join(lines)


def _numbered(text: str) -> str:
    if "\n" in text:
        return text
    found = [m for m in _NUMBER.finditer(text) if not _in_code(text, m.start())]
    run = _counting_run(found)
    if len(run) < 2:
        return text
    starts = [m.start(1) for m in run]
    lead = text[: starts[0]].strip()
    items = [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)])]
    return (f"{lead}\n\n" if lead else "") + "\n".join(items)


def _counting_run(found: list[re.Match[str]]) -> list[re.Match[str]]:
    """The markers that count 1, 2, 3, ... in order (others are numbers in the prose)."""
    run: list[re.Match[str]] = []
    for match in found:
        if int(match.group(1)) == len(run) + 1:
            run.append(match)
    return run


def _in_code(text: str, position: int) -> bool:
    return any(m.start() < position < m.end() for m in _CODE.finditer(text))
