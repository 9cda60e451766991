"""`markdown-reference`: a Markdown API reference whose line breaks were lost.

The capture is one long line. Its `#` headings survive, so the text is cut at them: the
`#` title carries the version and base URL, `##` sections are either prose (auth, rate
limits, errors, webhook events) or a tag whose `### METHOD /path` blocks are operations,
and `## Schemas` holds one `### Name` block per schema. Inside a block, fixed labels
(`Auth:`, `Parameters:`, `Type:`, ...) and list items (`- name: type (required) - text`)
are the only structure left, so each block is read with patterns for its kind.

What the capture lost is recovered where its own text makes it plain, and recorded:
path parameters are read from the path template, a `$ref` flattened to `allOf` is
resolved by the words the property shares with one schema's name, a string property
carrying an enum schema's description becomes that enum, and the error format the prose
describes replaces the error schema the operations name. Array item types, which the
capture never gives, are left open for an overlay.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostics, SpecError
from generator.loading.markdown_reference.blocks import Source
from generator.loading.markdown_reference.capture import build_context, read_capture
from generator.loading.markdown_reference.document import build_document
from generator.loading.reader import read_text

__all__ = ["load"]


def load(source: Path, options: Mapping[str, Any], diagnostics: Diagnostics) -> dict[str, Any]:
    if options:
        raise SpecError(str(source), f"markdown-reference takes no options (got {sorted(options)})")
    text = read_text(source)
    capture = read_capture(text)
    if not capture.tags:
        raise SpecError(str(source), "no operations: no `### METHOD /path` heading found")
    return build_document(capture, build_context(capture, Source(source.name, text), diagnostics))
