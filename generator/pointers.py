"""Following a `$ref`'s fragment (a JSON pointer, RFC 6901) into a document."""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote


def follow(document: Any, fragment: str) -> Any:
    """The node at `fragment` (`/components/schemas/Pet`, with or without the leading
    `#`); `LookupError` carrying the first part that is not there."""
    node = document
    path = fragment.lstrip("#").strip("/")
    for raw in path.split("/") if path else []:
        # A fragment is percent-encoded first (it is part of a URI), then ~-escaped.
        part = unquote(raw).replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            raise LookupError(part)
    return node
