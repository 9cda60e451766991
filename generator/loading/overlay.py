"""OpenAPI Overlay 1.0: targeted updates and removals applied to any loaded document.

Also the placement step that follows overlays: loaders that cannot see an operation's
HTTP method and path put it under `x-sdkgen-unplaced` (operationId -> operation), an
overlay adds `x-sdkgen-method` and `x-sdkgen-path` to it, and `place_operations` moves
it into `paths`; `x-sdkgen-unplaced-reason` says why one is left without them.

Whatever an overlay changes is a fact the source does not state: each action is reported
as an assumption about the operation or schema it changes, so the package can say so.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jsonpath_ng import DatumInContext
from jsonpath_ng.exceptions import JSONPathError
from jsonpath_ng.ext.parser import parse as parse_jsonpath

from generator.diagnostics import Diagnostics, Disclosure, SpecError, Subject, pointer
from generator.loading.reader import check_size, read_document
from generator.openapi import HTTP_METHODS

UNPLACED = "x-sdkgen-unplaced"
METHOD_KEY = "x-sdkgen-method"
PATH_KEY = "x-sdkgen-path"
REASON_KEY = "x-sdkgen-unplaced-reason"


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
    info = overlay.get("info")
    title = info.get("title") if isinstance(info, dict) else None
    statement = f"from overlay {Path(location).name}" + (f": {title}" if title else "")
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
        if _only_explains(action):
            continue
        described = str(action.get("description") or "")
        for subject in _subjects(document, matches, action.get("update")):
            diagnostics.note(
                where, statement, described, disclosure=Disclosure.ASSUMED, subject=subject
            )
    # An update nests its value under its target: the next overlay's JSONPath search and
    # everything after loading may rely on the document staying within the limits.
    check_size(document, location)


def _only_explains(action: dict[str, Any]) -> bool:
    """Whether the action only says why an operation has no route: it adds no fact."""
    update = action.get("update")
    return isinstance(update, dict) and bool(update) and set(update) <= {REASON_KEY}


def _subjects(
    document: dict[str, Any], matches: list[DatumInContext], update: Any
) -> list[Subject | None]:
    """What an action changed, each once, in the order matched."""
    found: list[Subject | None] = []
    for match in matches:
        parts = _keys(match)
        if parts == ["components", "schemas"] and isinstance(update, dict):
            subjects: list[Subject | None] = [Subject("schema", str(name)) for name in update]
        else:
            subjects = [_subject(document, parts)]
        found.extend(subject for subject in subjects if subject not in found)
    return found


def _keys(match: DatumInContext) -> list[str | int]:
    """The keys from the document's root to a match."""
    keys: list[str | int] = []
    datum: DatumInContext | None = match
    while datum is not None:
        fields = getattr(datum.path, "fields", None)
        index = getattr(datum.path, "index", None)
        if fields:
            keys.append(fields[0])
        elif isinstance(index, int):
            keys.append(index)
        datum = datum.context
    return keys[::-1]


def _subject(document: dict[str, Any], keys: list[str | int]) -> Subject | None:
    if keys[:2] == ["components", "schemas"] and len(keys) >= 3:
        return Subject("schema", str(keys[2]))
    if keys[:1] == ["webhooks"]:
        return Subject("webhooks")
    if keys[:1] == [UNPLACED] and len(keys) >= 2:
        operation = _child(document, UNPLACED, keys[1])
        named = operation.get("operationId") if isinstance(operation, dict) else None
        return Subject("operation", named if isinstance(named, str) else str(keys[1]))
    if keys[:1] == ["paths"] and len(keys) >= 3 and keys[2] in HTTP_METHODS:
        operation = _child(document, "paths", keys[1], keys[2])
        named = operation.get("operationId") if isinstance(operation, dict) else None
        return Subject("operation", named) if isinstance(named, str) else None
    return None


def _child(node: Any, *keys: str | int) -> Any:
    for key in keys:
        node = node.get(key) if isinstance(node, dict) else None
    return node


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
    for key in sorted(unplaced):
        operation = unplaced[key]
        where = f"{location}{pointer(UNPLACED, key)}"
        method = str(operation.pop(METHOD_KEY, "")).lower()
        path = operation.pop(PATH_KEY, None)
        reason = operation.pop(REASON_KEY, None)
        operation_id = str(operation.get("operationId") or key)
        if operation_id != key:
            diagnostics.rename_subject(
                Subject("operation", key), Subject("operation", operation_id)
            )
        if method not in HTTP_METHODS or not isinstance(path, str) or not path.startswith("/"):
            diagnostics.warn(
                where,
                "no HTTP method and path for this operation",
                f"left out: {reason}" if reason else "left out",
                disclosure=Disclosure.LEFT_OUT,
                subject=Subject("operation", operation_id),
            )
            continue
        item = paths.setdefault(path, {})
        if method in item:
            diagnostics.warn(
                where,
                f"{method.upper()} {path} is already taken",
                "left out",
                disclosure=Disclosure.LEFT_OUT,
                subject=Subject("operation", operation_id),
            )
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
