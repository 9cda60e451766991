"""What `sdkgen diff OLD NEW --format json` calls breaking, placed on the surface.

The JSON is `{"summary": {...}, "changes": [{"id", "kind", "message", "subject", ...}]}`,
where `subject` names what a caller types (`client.items.list(limit)`, `Slot.start`).
Output from before `subject` existed names operations (`operations`: operationIds or
`METHOD /path`) and JSON pointers (`location`) instead: `Placer` puts such a change on
the surface as closely as it can (a field, an argument, a return, else the methods named).
That placement is coarser than a subject, so its figures are approximate.
"""

from __future__ import annotations

import itertools
import json
import re
import subprocess
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tools.history.surface import Method, Surface

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


@dataclass(frozen=True)
class DiffChange:
    id: str
    message: str
    subjects: tuple[str, ...]
    """Where the change sits on the surface: one subject, or (old output) where it was placed."""


@dataclass(frozen=True)
class DiffResult:
    breaking: list[DiffChange]
    with_subjects: bool
    """False for output from before `subject` existed (placed per method and model)."""


def run_diff(root: Path, old_spec: Path, new_spec: Path) -> dict[str, Any]:
    command = [sys.executable, "-m", "generator.cli", "diff", str(old_spec), str(new_spec)]
    done = subprocess.run(
        [*command, "--format", "json"], cwd=root, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"sdkgen diff failed ({done.returncode}): {done.stderr.strip()}")
    payload: dict[str, Any] = json.loads(done.stdout)
    return payload


def breaking_changes(payload: Mapping[str, Any], placer: Placer) -> DiffResult:
    changes = [c for c in payload["changes"] if c["kind"] == "breaking"]
    with_subjects = all("subject" in change for change in payload["changes"])
    found = [
        DiffChange(
            change["id"],
            change["message"],
            (change["subject"],) if with_subjects else placer.place(change),
        )
        for change in changes
    ]
    return DiffResult(found, with_subjects)


class Placer:
    """Places a change of the old JSON (operations and JSON pointers) on the surfaces.

    A pointer into `#/components/schemas/<name>` starts at the class of that name (case
    and punctuation ignored), one into a response at the class the method returns; each
    property on the pointer then leads to the field of that name and on to the one class
    its type names. A pointer into a request body that ends on a property names that
    argument. Anything else names the methods of `operations` (their paginating twins
    included).
    """

    def __init__(self, old: Surface, new: Surface, documents: Iterable[Mapping[str, Any]]):
        self._sides = {"old": (old, new), "new": (new, old)}
        self._surfaces = self._sides["new"]
        self._routes: dict[str, str] = {}
        for document in documents:
            self._routes.update(_routes(document))

    def place(self, change: Mapping[str, Any]) -> tuple[str, ...]:
        """Subjects on the side the change's `document` names (`new` when absent)."""
        self._surfaces = self._sides[str(change.get("document", "new"))]
        segments = _segments(str(change.get("location", "")))
        if segments[:2] == ["components", "schemas"] and len(segments) > 2:
            placed = self._walk(self._class_named(segments[2]), _properties(segments[3:]))
            if placed:
                return (placed,)
        found = {m.path: m for key in change.get("operations", []) for m in self._methods(key)}
        methods = [found[path] for path in sorted(found)]
        properties = (
            _properties(segments[segments.index("schema") + 1 :]) if "schema" in segments else []
        )
        if "requestBody" in segments and properties:
            return _distinct(f"{m.path}({_snake(properties[0])})" for m in methods)
        if "responses" in segments and properties:
            return _distinct(
                self._walk(_only(m.returns.names() & self._model_names()), properties)
                or f"{m.path}()"
                for m in methods
            )
        if "responses" in segments:
            return _distinct(f"{m.path}()" for m in methods)
        return _distinct(m.path for m in methods)

    def _walk(self, start: str | None, properties: list[str]) -> str | None:
        subject, current = start, start
        for name in properties:
            model = next((s.models[current] for s in self._surfaces if current in s.models), None)
            if model is None:
                break
            field = next(
                (f for f in model.fields.values() if _squash(f.name) == _squash(name)), None
            )
            if field is None:
                break
            subject = f"{model.name}.{field.name}"
            current = _only(field.type.names() & self._model_names())
        return subject

    def _class_named(self, schema: str) -> str | None:
        for surface in self._surfaces:
            for name in [*surface.models, *surface.enums]:
                if _squash(name) == _squash(schema):
                    return name
        return None

    def _model_names(self) -> set[str]:
        return {name for surface in self._surfaces for name in surface.models}

    def _methods(self, key: str) -> list[Method]:
        route = self._routes.get(key, key)
        return [m for m in self._surfaces[0].methods.values() if m.route == route]


def load_document(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8-sig")
    document: dict[str, Any] = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    return document


def _routes(document: Mapping[str, Any]) -> dict[str, str]:
    """operationId -> `METHOD /path`."""
    routes = {}
    for path, item in (document.get("paths") or {}).items():
        for method in HTTP_METHODS:
            operation = item.get(method) if isinstance(item, dict) else None
            if isinstance(operation, dict) and "operationId" in operation:
                routes[str(operation["operationId"])] = f"{method.upper()} {path}"
    return routes


def _properties(segments: list[str]) -> list[str]:
    """The property names along a pointer (`properties/<name>`), in order."""
    return [name for key, name in itertools.pairwise(segments) if key == "properties"]


def _distinct(subjects: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(subjects)))


def _only(names: set[str]) -> str | None:
    return next(iter(names)) if len(names) == 1 else None


def _segments(pointer: str) -> list[str]:
    if not pointer.startswith("#/"):
        return []
    return [part.replace("~1", "/").replace("~0", "~") for part in pointer[2:].split("/")]


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).replace("-", "_").lower()


def _squash(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())
