"""OpenAPI Overlay 1.0: targeted updates and removals applied to any loaded document.

Also the placement step that follows overlays: loaders that cannot see an operation's
HTTP method and path put it under `x-sdkgen-unplaced` (operationId -> operation), an
overlay adds `x-sdkgen-method` and `x-sdkgen-path` to it, and `place_operations` moves
it into `paths`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jsonpath_ng import DatumInContext
from jsonpath_ng.exceptions import JSONPathError
from jsonpath_ng.ext.parser import parse as parse_jsonpath

from generator.diagnostics import Diagnostics, SpecError, pointer
from generator.loading.reader import check_size, read_document
from generator.openapi import HTTP_METHODS

UNPLACED = "x-sdkgen-unplaced"
METHOD_KEY = "x-sdkgen-method"
PATH_KEY = "x-sdkgen-path"


def load_overlay(path: Path) -> dict[str, Any]:
    overlay = read_document(path)
    location = str(path)
    check_size(overlay, location)  # JSON is not checked as it is read; merging recurses
    if not isinstance(overlay, dict) or "overlay" not in overlay:
        raise SpecError(location, "not an Overlay document: no `overlay` version field")
    if not str(overlay["overlay"]).startswith("1."):
        raise SpecError(location, f"unsupported Overlay version {overlay['overlay']!r}")
    if not isinstance(overlay.get("actions"), list):
        raise SpecError(location, "an Overlay needs an `actions` list")
    return overlay


def apply_overlay(
    document: dict[str, Any], overlay: dict[str, Any], location: str, diagnostics: Diagnostics
) -> None:
    """Apply every action in order, in place. An action matching nothing is a warning."""
    for index, action in enumerate(overlay["actions"]):
        where = f"{location}{pointer('actions', index)}"
        if not isinstance(action, dict) or not isinstance(action.get("target"), str):
            raise SpecError(where, "an action needs a `target` JSONPath string")
        try:
            expression = parse_jsonpath(action["target"])
        except JSONPathError as exc:
            raise SpecError(where, f"invalid JSONPath {action['target']!r}: {exc}") from None
        matches = expression.find(document)
        if not matches:
            diagnostics.warn(where, f"target {action['target']} matches nothing", "action skipped")
            continue
        if action.get("remove") is True:
            _remove(matches)
        elif "update" in action:
            for match in matches:
                _update(match, action["update"], where)
        else:
            raise SpecError(where, "an action needs `update` or `remove: true`")
    # An update nests its value under its target: the next overlay's JSONPath search and
    # everything after loading may rely on the document staying within the limits.
    check_size(document, location)


def _update(match: DatumInContext, update: Any, where: str) -> None:
    target = match.value
    if isinstance(target, dict) and isinstance(update, dict):
        _merge(target, update)
    elif isinstance(target, list):
        target.extend(update if isinstance(update, list) else [update])
    else:
        raise SpecError(where, f"cannot update a {type(target).__name__} at {match.full_path}")


def _merge(target: dict[str, Any], update: dict[str, Any]) -> None:
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        elif isinstance(value, list) and isinstance(target.get(key), list):
            target[key].extend(value)
        else:
            target[key] = value


def _remove(matches: list[DatumInContext]) -> None:
    # Remove list items from the highest index down so earlier removals do not shift later ones.
    def sort_key(match: DatumInContext) -> int:
        index = getattr(match.path, "index", None)
        return int(index) if isinstance(index, int) else -1

    for match in sorted(matches, key=sort_key, reverse=True):
        parent = match.context.value if match.context is not None else None
        if isinstance(parent, dict):
            for key in [k for k, v in parent.items() if v is match.value]:
                del parent[key]
        elif isinstance(parent, list):
            parent[:] = [v for v in parent if v is not match.value]


def place_operations(document: dict[str, Any], location: str, diagnostics: Diagnostics) -> None:
    """Move each unplaced operation that now has a method and path into `paths`."""
    unplaced = document.pop(UNPLACED, None) or {}
    paths = document.setdefault("paths", {})
    for operation_id in sorted(unplaced):
        operation = unplaced[operation_id]
        where = f"{location}{pointer(UNPLACED, operation_id)}"
        method = str(operation.pop(METHOD_KEY, "")).lower()
        path = operation.pop(PATH_KEY, None)
        if method not in HTTP_METHODS or not isinstance(path, str) or not path.startswith("/"):
            diagnostics.warn(where, "no HTTP method and path for this operation", "skipped")
            continue
        item = paths.setdefault(path, {})
        if method in item:
            diagnostics.warn(where, f"{method.upper()} {path} is already taken", "skipped")
            continue
        _add_template_parameters(operation, path, item)
        item[method] = operation
        diagnostics.note(where, f"method and path {method.upper()} {path} taken from overlay")


def _add_template_parameters(operation: dict[str, Any], path: str, item: dict[str, Any]) -> None:
    declared = {
        p.get("name")
        for p in [*operation.get("parameters", []), *item.get("parameters", [])]
        if isinstance(p, dict) and p.get("in") == "path"
    }
    for name in re.findall(r"{([^}/]+)}", path):
        if name not in declared:
            operation.setdefault("parameters", []).append(
                {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
            )
