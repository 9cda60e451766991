"""The alternatives a Redoc page collapsed, restored from the API's own OpenAPI document.

Where a body or response is `anyOf` / `oneOf`, Redoc's text shows the fields and sample
of the first alternative only. Comparing each operation the page shows with the same
operation in the reference document finds every place where the reference offers
alternatives and the page shows one of them; the properties the other alternatives add
are merged in as optional properties (a request body keeps as required only what every
alternative requires), so that the one typed shape accepts each alternative. Nothing is
added where the reference has no alternatives: what the page leaves folded (`{ }`) stays
open, and a property only the reference knows elsewhere is a difference of versions.

Schemas the added properties refer to are copied from the reference's components (and
brought to OpenAPI 3.1, as the Redoc loader writes it).
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.diagnostics import Diagnostics
from generator.loading.overlay import UNPLACED
from generator.normalizing.normalize import normalize

_COMPONENT_REF = "#/components/schemas/"
_JSON = "application/json"
_ADDED = "x-restored-"
"""Names under which restored properties pass through the 3.0 -> 3.1 upgrade."""


@dataclass(frozen=True)
class _Variant:
    """One alternative of a schema, its `allOf` parts merged."""

    properties: dict[str, Any]
    required: frozenset[str]
    additional: Any = None


@dataclass
class Restored:
    """One place where the page showed one alternative of several."""

    operation_id: str
    where: tuple[str | int, ...]
    """Keys from the operation to the schema that gains properties."""
    added: dict[str, Any]
    required: list[str] | None
    """The required list the schema keeps, where the alternatives change it."""
    alternatives: int


@dataclass
class Alternatives:
    reference: dict[str, Any]
    restored: list[Restored] = field(default_factory=list)

    def compare(self, operation_id: str, ours: dict[str, Any], theirs: dict[str, Any]) -> None:
        """Records what `theirs` (an official operation) adds to `ours` (the page's)."""
        body = _media_schema(ours.get("requestBody"))
        official_body = _media_schema(self._resolve(theirs.get("requestBody") or {}))
        if body is not None and official_body is not None:
            self._walk(
                operation_id, ("requestBody", "content", _JSON, "schema"), body, official_body
            )
        for status, response in (ours.get("responses") or {}).items():
            official = self._resolve((theirs.get("responses") or {}).get(status) or {})
            schema, official_schema = _media_schema(response), _media_schema(official)
            if schema is not None and official_schema is not None:
                where = ("responses", status, "content", _JSON, "schema")
                self._walk(operation_id, where, schema, official_schema)

    def upgraded(self) -> dict[str, Any]:
        """The reference components the restored properties need, and those properties,
        all brought to OpenAPI 3.1 (each `Restored.added` is replaced)."""
        needed: dict[str, Any] = {}
        pending = [ref for restored in self.restored for ref in _refs(restored.added)]
        while pending:
            name = pending.pop()
            if name not in needed:
                needed[name] = self.reference["components"]["schemas"][name]
                pending.extend(_refs(needed[name]))
        added = {
            f"{_ADDED}{index}": {"type": "object", "properties": restored.added}
            for index, restored in enumerate(self.restored)
        }
        upgraded = upgrade({**needed, **added})
        for index, restored in enumerate(self.restored):
            restored.added = upgraded.pop(f"{_ADDED}{index}")["properties"]
        return dict(sorted(upgraded.items()))

    def _walk(
        self, operation_id: str, where: tuple[str | int, ...], ours: Any, theirs: Any
    ) -> None:
        if not isinstance(ours, dict):
            return
        if ours.get("type") == "array" and "items" in ours:
            official_items = self._array_items(theirs)
            if official_items is not None:
                self._walk(operation_id, (*where, "items"), ours["items"], official_items)
            return
        variants = self._variants(theirs)
        shown = ours.get("properties")
        if not isinstance(shown, dict) or not variants:
            return
        if len(variants) > 1 and shown:
            self._restore(operation_id, where, ours, variants)
        for name, schema in shown.items():
            official = next((v.properties[name] for v in variants if name in v.properties), None)
            if official is not None:
                self._walk(operation_id, (*where, "properties", name), schema, official)
        additional = next((v.additional for v in variants if isinstance(v.additional, dict)), None)
        if isinstance(ours.get("additionalProperties"), dict) and additional is not None:
            self._walk(
                operation_id,
                (*where, "additionalProperties"),
                ours["additionalProperties"],
                additional,
            )

    def _restore(
        self,
        operation_id: str,
        where: tuple[str | int, ...],
        ours: dict[str, Any],
        variants: list[_Variant],
    ) -> None:
        shown = ours["properties"]
        added: dict[str, Any] = {}
        for variant in variants:
            for name, schema in variant.properties.items():
                if name not in shown and name not in added:
                    added[name] = copy.deepcopy(schema)
        required = [
            name for name in ours.get("required", []) if all(name in v.required for v in variants)
        ]
        kept = required if required != ours.get("required", []) else None
        if added or kept is not None:
            self.restored.append(Restored(operation_id, where, added, kept, len(variants)))

    def _array_items(self, schema: Any) -> Any:
        schema = self._resolve(schema)
        if isinstance(schema, dict) and schema.get("type") == "array":
            return schema.get("items")
        return None

    def _variants(self, schema: Any, depth: int = 0) -> list[_Variant]:
        """The object alternatives a schema allows, each with its `allOf` parts merged."""
        schema = self._resolve(schema)
        if not isinstance(schema, dict) or depth > 20:
            return []
        for key in ("anyOf", "oneOf"):
            if isinstance(schema.get(key), list):
                return [v for member in schema[key] for v in self._variants(member, depth + 1)]
        own = _Variant(
            dict(schema.get("properties") or {}),
            frozenset(schema.get("required") or []),
            schema.get("additionalProperties"),
        )
        combined = [own]
        for part in schema.get("allOf") or []:
            options = self._variants(part, depth + 1) or [_Variant({}, frozenset())]
            combined = [_joined(left, right) for left in combined for right in options]
        return [v for v in combined if v.properties or v.additional is not None]

    def _resolve(self, schema: Any) -> Any:
        seen = 0
        while isinstance(schema, dict) and isinstance(schema.get("$ref"), str) and seen < 50:
            name = schema["$ref"].removeprefix(_COMPONENT_REF)
            schema = self.reference["components"]["schemas"].get(name, {})
            seen += 1
        return schema


def _joined(left: _Variant, right: _Variant) -> _Variant:
    return _Variant(
        {**left.properties, **right.properties},
        left.required | right.required,
        left.additional if left.additional is not None else right.additional,
    )


def _media_schema(holder: Any) -> Any:
    if not isinstance(holder, dict):
        return None
    media = (holder.get("content") or {}).get(_JSON)
    return media.get("schema") if isinstance(media, dict) else None


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_COMPONENT_REF):
            yield ref.removeprefix(_COMPONENT_REF)
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def upgrade(schemas: dict[str, Any]) -> dict[str, Any]:
    """OpenAPI 3.0 component schemas (`nullable: true`) as 3.1 writes them."""
    document = {
        "openapi": "3.0.3",
        "info": {"title": "reference", "version": "0"},
        "paths": {},
        "components": {"schemas": copy.deepcopy(schemas)},
    }
    upgraded: dict[str, Any] = normalize(document, "reference", Diagnostics())["components"][
        "schemas"
    ]
    return upgraded


def actions(restored: list[Restored], components: dict[str, Any]) -> list[dict[str, Any]]:
    """Overlay actions: the copied components, then each operation's added properties."""
    found: list[dict[str, Any]] = []
    if components:
        found.append(
            {
                "target": "$",
                "description": "the official document's schemas the restored fields use",
                "update": {"components": {"schemas": components}},
            }
        )
    for item in restored:
        target = _target(item.operation_id, item.where)
        place = (
            f"{_readable(item.where)}: {item.alternatives} alternatives in the official document"
        )
        if item.required is not None:
            found.append(
                {
                    "target": f'{target}["required"]',
                    "description": f"{place}, so only what each requires stays required",
                    "remove": True,
                }
            )
        update: dict[str, Any] = {}
        if item.added:
            update["properties"] = item.added
        if item.required:
            update["required"] = item.required
        if update:
            added = ", ".join(item.added)
            described = f"{place}; the page shows one" + (f", without {added}" if added else "")
            found.append({"target": target, "description": described, "update": update})
    return found


def _target(operation_id: str, where: tuple[str | int, ...]) -> str:
    return f'$["{UNPLACED}"]["{operation_id}"]' + "".join(f'["{key}"]' for key in where)


def _readable(where: tuple[str | int, ...]) -> str:
    """`responses/200/content/application/json/schema/properties/results/items` as
    `response results[]`."""
    if where[:1] == ("requestBody",):
        head, rest = "request body", where[4:]
    else:
        head, rest = "response", where[5:]
    parts: list[str] = []
    keys = iter(rest)
    for key in keys:
        if key == "properties":
            parts.append(f".{next(keys)}")
        elif key == "items":
            parts.append("[]")
        elif key == "additionalProperties":
            parts.append("{*}")
    path = "".join(parts).lstrip(".")
    return f"{head} {path}" if path else head
