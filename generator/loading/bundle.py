"""Bundling: one self-contained document out of a root file and the files it `$ref`s.

External references in schema positions become named entries under
`components/schemas` (so a schema used in many places stays one model); every other
external reference (a path item, a parameter, a response) is inlined. A `#/...`
reference inside another file means that file's own document, so it is treated like an
external one. References inside the root that stay local are left for later checks.

Files are read only inside the folder the spec may read from (`generator.loading.inputs`),
at most `MAX_TOTAL_CHARACTERS` of text in all, and never from another host. A referenced
schema is walked after the one that refers to it, not inside it, so a chain of thousands
of files, each referring to the next, costs no stack.
"""

from __future__ import annotations

import copy
import re
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from generator.diagnostics import SpecError, pointer
from generator.loading.inputs import input_file
from generator.loading.reader import MAX_DEPTH, MAX_NODES, parse_text, read_text
from generator.openapi import SCHEMA_MAP_KEYS, child_is_schema, follow, names_a_schema, schema_ref

MAX_TOTAL_CHARACTERS = 256 << 20
"""All the files of one spec together: 90 times DigitalOcean's 2.9 MB tree of 2,907
files, the largest multi-file description in the shared corpus; each file is also held
to the reader's own limit."""


REFERENCED_FILES = "x-sdkgen-referenced-files"
"""Key under which the bundled document lists the other files it was read from (their
resolved paths), for the pipeline's change stamp; the pipeline takes it out."""


@dataclass
class _Bundler:
    root: Path
    """The entry document."""
    folder: Path
    """The folder every referenced file must lie in."""
    documents: dict[Path, Any] = field(default_factory=dict)
    characters_read: int = 0
    pending: deque[tuple[str, Path, str]] = field(default_factory=deque)
    """Schemas named but not walked yet: (component name, file, fragment)."""
    schemas: dict[str, Any] = field(default_factory=dict)
    schema_names: dict[tuple[Path, str], str] = field(default_factory=dict)
    inlining: list[tuple[Path, str]] = field(default_factory=list)
    reserved: set[str] = field(default_factory=set)
    """Names the root's own components/schemas already use."""
    nodes: int = 0
    depth: int = 0
    inlined: dict[tuple[Path, str], tuple[Any, int]] = field(default_factory=dict)
    """Each inlined target once, with its size in nodes."""

    def document(self, path: Path) -> Any:
        if path not in self.documents:
            text = read_text(path)
            self.characters_read += len(text)
            if self.characters_read > MAX_TOTAL_CHARACTERS:
                raise SpecError(
                    str(path),
                    f"the spec's files hold more than {MAX_TOTAL_CHARACTERS:,} characters; "
                    "refusing to read more",
                )
            self.documents[path] = parse_text(text, str(path))
        return self.documents[path]

    def target(self, path: Path, fragment: str, where: str) -> Any:
        try:
            return follow(self.document(path), fragment)
        except LookupError:
            raise SpecError(where, f"$ref target {path.name}#{fragment} does not exist") from None

    def resolve(self, ref: str, base: Path, where: str) -> tuple[Path, str]:
        file_part, _, fragment = ref.partition("#")
        if not file_part:
            return base, fragment
        path = input_file(self.folder, unquote(file_part), base.parent, where, f"$ref {ref!r}")
        return path, fragment

    def walk(self, node: Any, base: Path, in_schema: bool, where: list[str | int]) -> Any:
        self.count(base, where)
        if isinstance(node, list):
            self.depth += 1
            try:
                return [self.walk(v, base, in_schema, [*where, i]) for i, v in enumerate(node)]
            finally:
                self.depth -= 1
        if not isinstance(node, dict):
            return node
        self.depth += 1
        try:
            return self.walk_mapping(node, base, in_schema, where)
        finally:
            self.depth -= 1

    def count(self, base: Path, where: list[str | int]) -> None:
        """Bounds the bundled document: inlined `$ref`s can multiply a few kilobytes of
        files into billions of nodes, and deep nesting would exhaust the stack."""
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise SpecError(
                f"{base.name}{pointer(*where)}",
                f"document expands to more than {MAX_NODES:,} nodes through $refs; refusing it",
            )
        if self.depth > MAX_DEPTH:
            raise SpecError(
                f"{base.name}{pointer(*where[:20])}...",
                f"nesting deeper than {MAX_DEPTH} levels; refusing it",
            )

    def walk_mapping(
        self, node: dict[str, Any], base: Path, in_schema: bool, where: list[str | int]
    ) -> Any:
        ref = node.get("$ref")
        if isinstance(ref, str) and (base != self.root or not ref.startswith("#")):
            return self.external(ref, base, in_schema, f"{base.name}{pointer(*where)}")
        out: dict[str, Any] = {}
        for key, value in node.items():
            child_in_schema = child_is_schema(key, in_schema, where[-1] if where else None)
            if in_schema and key in SCHEMA_MAP_KEYS and isinstance(value, dict):
                out[key] = self.schema_map(value, base, [*where, key])
            elif in_schema and key == "discriminator" and isinstance(value, dict):
                out[key] = self.discriminator(value, base, [*where, key])
            else:
                out[key] = self.walk(value, base, child_in_schema, [*where, key])
        return out

    def schema_map(self, mapping: dict[str, Any], base: Path, where: list[str | int]) -> Any:
        """`properties` and the like; the whole map may itself be a reference."""
        ref = mapping.get("$ref")
        if isinstance(ref, str) and (base != self.root or not ref.startswith("#")):
            location = f"{base.name}{pointer(*where)}"
            base, fragment = self.resolve(ref, base, location)
            mapping = self.target(base, fragment, location)
            if not isinstance(mapping, dict):
                raise SpecError(location, f"$ref {ref!r} must point at a mapping of schemas")
        return {k: self.walk(v, base, True, [*where, k]) for k, v in mapping.items()}

    def discriminator(self, value: dict[str, Any], base: Path, where: list[str | int]) -> Any:
        """A discriminator's mapping names schemas the way `$ref`s do, so it is bundled
        the same way: a file reference becomes the component the bundler chose for it."""
        mapping = value.get("mapping")
        if not isinstance(mapping, dict):
            return value
        location = f"{base.name}{pointer(*where)}"
        own = self.component_names(base)
        bundled = {}
        for tag, ref in mapping.items():
            if isinstance(ref, str) and names_a_schema(ref, own):
                # A schema's name: one of this file's own components, else the root's
                # (the normaliser makes it a reference).
                if base != self.root and ref in own:
                    ref = schema_ref(self.schema_name(base, f"/components/schemas/{ref}", location))
            elif isinstance(ref, str) and (base != self.root or not ref.startswith("#")):
                path, fragment = self.resolve(ref, base, location)
                ref = schema_ref(self.schema_name(path, fragment, location))
            bundled[tag] = ref
        return {**value, "mapping": bundled}

    def component_names(self, path: Path) -> frozenset[str]:
        """The names under a file's `components/schemas`."""
        document = self.document(path)
        components = document.get("components") if isinstance(document, dict) else None
        schemas = components.get("schemas") if isinstance(components, dict) else None
        return frozenset(schemas) if isinstance(schemas, dict) else frozenset()

    def external(self, ref: str, base: Path, in_schema: bool, where: str) -> Any:
        path, fragment = self.resolve(ref, base, where)
        if in_schema:
            return {"$ref": f"#/components/schemas/{self.schema_name(path, fragment, where)}"}
        key = (path, fragment)
        if key in self.inlined:
            # Counted before it is copied, so that refs to refs to refs (a few kilobytes
            # standing for billions of nodes) are refused before they cost anything.
            subtree, size = self.inlined[key]
            self.nodes += size
            self.count(base, [])
            return copy.deepcopy(subtree)
        if key in self.inlining:
            raise SpecError(where, f"$ref {ref!r} refers back to itself through inlined files")
        self.inlining.append(key)
        try:
            target = self.target(path, fragment, where)
            before = self.nodes
            subtree = self.walk(target, path, False, _fragment_parts(fragment))
        finally:
            self.inlining.pop()
        self.inlined[key] = (subtree, self.nodes - before)
        return subtree

    def schema_name(self, path: Path, fragment: str, where: str) -> str:
        key = (path, fragment)
        if key in self.schema_names:
            return self.schema_names[key]
        if path == self.root and fragment.startswith("/components/schemas/"):
            name = fragment.rsplit("/", 1)[-1]
            self.schema_names[key] = name
            return name
        base_name = _schema_name_hint(path, fragment)
        name, n = base_name, 1
        while name in self.schemas or name in self.reserved:
            n += 1
            name = f"{base_name}{n}"
        self.schema_names[key] = name
        self.schemas[name] = self.target(path, fragment, where)
        self.pending.append((name, path, fragment))
        return name

    def walk_pending(self) -> None:
        """Each named schema in turn, from the depth of `components/schemas`; walking one
        may name more."""
        while self.pending:
            name, path, fragment = self.pending.popleft()
            self.depth = 2
            self.schemas[name] = self.walk(
                self.schemas[name], path, True, _fragment_parts(fragment)
            )


def _fragment_parts(fragment: str) -> list[str | int]:
    return [p for p in fragment.strip("/").split("/") if p] if fragment else []


def _schema_name_hint(path: Path, fragment: str) -> str:
    last = fragment.rstrip("/").rsplit("/", 1)[-1] if fragment.strip("/") else path.stem
    return re.sub(r"[^A-Za-z0-9_]+", "_", unquote(last)).strip("_") or "Schema"


def bundle(root: Path, document: dict[str, Any], folder: Path) -> dict[str, Any]:
    """Return `document` (read from `root`) with every external `$ref` brought inside;
    the files it refers to must lie in `folder`."""
    bundler = _Bundler(root=root.resolve(), folder=folder.resolve())
    bundler.documents[bundler.root] = document
    components = document.get("components")
    existing = components.get("schemas") if isinstance(components, dict) else None
    if isinstance(existing, dict):
        bundler.reserved = set(existing)
    result = bundler.walk(document, bundler.root, False, [])
    bundler.walk_pending()
    if bundler.schemas:
        components = result.setdefault("components", {})
        schemas = components.setdefault("schemas", {})
        for name in bundler.schemas:
            schemas[name] = bundler.schemas[name]
    referenced = sorted(p for p in bundler.documents if p != bundler.root)
    if referenced:
        result[REFERENCED_FILES] = [str(p) for p in referenced]
    return result  # type: ignore[no-any-return]
