"""Bring any loaded document to one shape: OpenAPI 3.1 semantics, references checked.

After this step nothing downstream needs to know which version or format a spec came
from: nullability is a `"null"` in `type` (or an `anyOf` member), exclusive bounds are
numbers, every `$ref` is local and resolves.
"""

from __future__ import annotations

import functools
from typing import Any

from pydantic import ValidationError

from generator.diagnostics import Diagnostics, SpecError, pointer
from generator.pointers import follow
from generator.schema_keys import DATA_KEYS, SCHEMA_MAP_KEYS, child_is_schema

MAX_VALIDATION_WARNINGS = 20


def normalize(document: dict[str, Any], location: str, diagnostics: Diagnostics) -> dict[str, Any]:
    is_30 = str(document.get("openapi", "")).startswith("3.0")
    _Walker(location, diagnostics, upgrade=is_30).node(document, [], in_schema=False)
    document["openapi"] = "3.1.0"
    _check_refs(document, location)
    _validate(document, location, diagnostics)
    return document


class _Walker:
    def __init__(self, location: str, diagnostics: Diagnostics, *, upgrade: bool) -> None:
        self.location = location
        self.diagnostics = diagnostics
        self.upgrade = upgrade

    def node(self, node: Any, where: list[str | int], in_schema: bool) -> None:
        if isinstance(node, list):
            for i, value in enumerate(node):
                self.node(value, [*where, i], in_schema)
            return
        if not isinstance(node, dict):
            return
        if in_schema:
            self.schema(node, where)
        for key, value in list(node.items()):
            if key == "responses" and not in_schema and isinstance(value, dict):
                # YAML reads `200:` as an integer; status codes are strings in OpenAPI.
                node[key] = value = {str(code): response for code, response in value.items()}
            if in_schema and key in SCHEMA_MAP_KEYS and isinstance(value, dict):
                for name, sub in value.items():
                    self.node(sub, [*where, key, name], True)
            elif not (in_schema and key in DATA_KEYS):
                parent_key = where[-1] if where else None
                self.node(value, [*where, key], child_is_schema(key, in_schema, parent_key))

    def schema(self, schema: dict[str, Any], where: list[str | int]) -> None:
        items = schema.get("items")
        if isinstance(items, list):
            self.diagnostics.warn(
                f"{self.location}{pointer(*where, 'items')}",
                "`items` is a list (tuple form)",
                "read as a union of its members",
            )
            schema["items"] = {"anyOf": items} if items else {}
        if schema.pop("x-nullable", False) is True:
            schema["nullable"] = True
        if not self.upgrade:
            return
        if schema.pop("nullable", False) is True:
            _make_nullable(schema)
        for bound, exclusive in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
            if schema.get(exclusive) is True and bound in schema:
                schema[exclusive] = schema.pop(bound)
            elif isinstance(schema.get(exclusive), bool):
                del schema[exclusive]


def _make_nullable(schema: dict[str, Any]) -> None:
    kind = schema.get("type")
    if isinstance(kind, str):
        schema["type"] = [kind, "null"]
        if "enum" in schema and None not in schema["enum"]:
            schema["enum"] = [*schema["enum"], None]
    elif isinstance(kind, list):
        if "null" not in kind:
            kind.append("null")
    else:
        # A $ref or a composition: nullable wraps the whole thing.
        inner = {
            k: schema.pop(k) for k in list(schema) if k not in ("description", "title", "default")
        }
        schema["anyOf"] = [inner, {"type": "null"}]


def _check_refs(document: dict[str, Any], location: str) -> None:
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(document, ())]
    while stack:
        node, where = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                _resolve_local(document, ref, f"{location}{pointer(*where)}")
            stack.extend((v, (*where, k)) for k, v in node.items() if k != "$ref")
        elif isinstance(node, list):
            stack.extend((v, (*where, i)) for i, v in enumerate(node))


def _resolve_local(document: dict[str, Any], ref: str, where: str) -> Any:
    if not ref.startswith("#"):
        raise SpecError(where, f"$ref {ref!r} points outside the document and was not bundled")
    try:
        return follow(document, ref)
    except LookupError as missing:
        raise SpecError(where, f"$ref {ref!r} does not resolve (no {missing.args[0]!r})") from None


def _validate(document: dict[str, Any], location: str, diagnostics: Diagnostics) -> None:
    # Imported here: the OpenAPI model classes take a while to build and only this needs them.
    from openapi_pydantic.v3.v3_1 import OpenAPI

    try:
        OpenAPI.model_validate(document)
    except ValidationError as exc:
        errors = exc.errors()
        for error in errors[:MAX_VALIDATION_WARNINGS]:
            parts = [p for p in error["loc"] if p not in _model_class_names()]
            diagnostics.warn(
                f"{location}{pointer(*parts)}",
                f"not valid OpenAPI 3.1: {error['msg']}",
                "generating anyway",
            )
        if len(errors) > MAX_VALIDATION_WARNINGS:
            diagnostics.warn(
                location, f"{len(errors) - MAX_VALIDATION_WARNINGS} more validation errors"
            )


@functools.cache
def _model_class_names() -> frozenset[str]:
    """Names pydantic puts in error locations for union members; a JSON pointer has none."""
    from openapi_pydantic.v3 import v3_1

    return frozenset(name for name in dir(v3_1) if name[:1].isupper())
