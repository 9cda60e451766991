"""Reading one JSON or YAML file into plain Python data, with errors a user can act on."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml

from generator.diagnostics import SpecError

# A document bigger than this once YAML aliases are expanded is refused: anchors let a
# few kilobytes stand for billions of nodes ("billion laughs"), and everything after
# loading walks the expanded tree.
MAX_NODES = 5_000_000
# Deeper nesting than this is refused before it can exhaust the interpreter's stack.
MAX_DEPTH = 200

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_BOOL = "tag:yaml.org,2002:bool"


class _YamlLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """YAML 1.1 turns `2024-10-01` into a date; OpenAPI documents are JSON data, so a date
    stays the string it is (and can be written back out as JSON)."""

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]]

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_TIMESTAMP, _BOOL)]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }


# YAML 1.1 also reads `yes`, `no`, `on` and `off` as booleans (an `enum: [yes, no]` would
# lose its strings); JSON, and so OpenAPI, knows only true and false.
_YamlLoader.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def read_text(path: Path) -> str:
    """A source file's text; a file that cannot be read is one `SpecError` line."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SpecError(str(path), "file not found") from None
    except UnicodeDecodeError as exc:
        raise SpecError(str(path), f"not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise SpecError(str(path), exc.strerror or "cannot be read") from None


def read_document(path: Path) -> Any:
    """Parse `path` as JSON (by content, whatever its suffix) or YAML."""
    return parse_text(read_text(path), str(path))


def parse_text(text: str, location: str) -> Any:
    # JSON first where it looks like JSON: faster, and it reads surrogate-pair escapes
    # YAML parsers refuse. A `.json` file stops there; anything else may be YAML in flow
    # style (`{openapi: 3.1.0, ...}`), which JSON rejects.
    if text.lstrip().startswith(("{", "[")):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            if location.endswith(".json"):
                where = f"{location}:{exc.lineno}:{exc.colno}"
                raise SpecError(where, f"invalid JSON: {exc.msg}") from None
        except RecursionError:
            raise SpecError(location, "nesting deeper than the parser can follow") from None
    _check_flow_depth(text, location)
    try:
        data = yaml.load(text, Loader=_YamlLoader)  # noqa: S506 - a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{location}:{mark.line + 1}:{mark.column + 1}" if mark else location
        raise SpecError(where, f"invalid YAML: {exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise SpecError(location, f"invalid YAML: {exc}") from None
    except RecursionError:
        raise SpecError(location, "nesting deeper than the parser can follow") from None
    # JSON cannot alias; YAML can, so only YAML needs its expanded size checked.
    check_size(data, location)
    return data


_BRACKETS = re.compile(r"[\[\]{}]")


def _check_flow_depth(text: str, location: str) -> None:
    """PyYAML's C parser recurses into flow collections (`[[[...]]]`) in C, where a few
    tens of thousands of levels crash the process instead of raising. Brackets inside
    quoted strings are counted too, which can only make this stricter."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        depth = depth + 1 if match.group() in "[{" else max(depth - 1, 0)
        if depth > MAX_DEPTH:
            line = text.count("\n", 0, match.start()) + 1
            raise SpecError(
                f"{location}:{line}", f"nesting deeper than {MAX_DEPTH} levels; refusing it"
            )


def check_size(data: Any, location: str) -> None:
    """Refuse documents whose expanded size or depth would make later steps unbounded."""
    count = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise SpecError(
                location,
                f"document expands to more than {MAX_NODES:,} nodes "
                "(YAML anchors and aliases?); refusing to process it",
            )
        if depth > MAX_DEPTH:
            raise SpecError(location, f"nesting deeper than {MAX_DEPTH} levels; refusing it")
        if isinstance(node, dict):
            stack.extend((value, depth + 1) for value in node.values())
        elif isinstance(node, list):
            stack.extend((value, depth + 1) for value in node)
