"""Bring any loaded document to one shape: OpenAPI 3.1 semantics, references checked.

After this step nothing downstream needs to know which version or format a spec came
from: nullability is a `"null"` in `type` (or an `anyOf` member), exclusive bounds are
numbers, every `$ref` is local and resolves, no chain of `$ref`s runs in a circle, and
the document nests at most `MAX_DEPTH` levels (overlays can deepen what the reader
checked), so later stages may walk it recursively.
"""

from __future__ import annotations

from typing import Any

from generator.diagnostics import Diagnostics, SpecError, pointer
from generator.loading.reader import MAX_DEPTH
from generator.openapi import (
    DATA_KEYS,
    SCHEMA_MAP_KEYS,
    child_is_schema,
    follow,
    names_a_schema,
    schema_ref,
)

Where = tuple[str | int, ...]


def normalize(document: dict[str, Any], location: str, diagnostics: Diagnostics) -> dict[str, Any]:
    _check_shape(document, location)
    is_30 = str(document.get("openapi", "")).startswith("3.0")
    schemas = (document.get("components") or {}).get("schemas") or {}
    walker = _Walker(location, diagnostics, upgrade=is_30, schema_names=frozenset(schemas))
    walker.walk(document)
    walker.report()
    document["openapi"] = "3.1.0"
    _check_refs(document, location)
    return document


class _Walker:
    def __init__(
        self,
        location: str,
        diagnostics: Diagnostics,
        *,
        upgrade: bool,
        schema_names: frozenset[str],
    ) -> None:
        self.location = location
        self.diagnostics = diagnostics
        self.upgrade = upgrade
        self.schema_names = schema_names
        self.nullable_in_31: list[Where] = []
        """Where a 3.1 document still says `nullable: true`."""

    def walk(self, document: Any) -> None:
        """Every node in document order, without recursion."""
        stack: list[tuple[Any, Where, bool]] = [(document, (), False)]
        while stack:
            node, where, in_schema = stack.pop()
            if len(where) > MAX_DEPTH:
                raise SpecError(
                    f"{self.location}{pointer(*where[:20])}...",
                    f"nesting deeper than {MAX_DEPTH} levels; refusing it",
                )
            if isinstance(node, list):
                children = [(v, (*where, i), in_schema) for i, v in enumerate(node)]
            elif isinstance(node, dict):
                children = self.mapping(node, where, in_schema)
            else:
                continue
            stack.extend(reversed(children))

    def mapping(
        self, node: dict[str, Any], where: Where, in_schema: bool
    ) -> list[tuple[Any, Where, bool]]:
        if in_schema:
            self.schema(node, where)
        children: list[tuple[Any, Where, bool]] = []
        for key, value in list(node.items()):
            if key == "responses" and not in_schema and isinstance(value, dict):
                # YAML reads `200:` as an integer; status codes are strings in OpenAPI.
                node[key] = value = {str(code): response for code, response in value.items()}
            if in_schema and key in SCHEMA_MAP_KEYS and isinstance(value, dict):
                children.extend((sub, (*where, key, name), True) for name, sub in value.items())
            elif not (in_schema and key in DATA_KEYS):
                parent_key = where[-1] if where else None
                children.append((value, (*where, key), child_is_schema(key, in_schema, parent_key)))
        return children

    def report(self) -> None:
        if self.nullable_in_31:
            count = len(self.nullable_in_31)
            self.diagnostics.note(
                f"{self.location}{pointer(*self.nullable_in_31[0])}",
                f"`nullable: true` (an OpenAPI 3.0 keyword) in a 3.1 document, "
                f"{count} time{'s' if count > 1 else ''}",
                "honoured: the value may be null",
            )

    def schema(self, schema: dict[str, Any], where: Where) -> None:
        items = schema.get("items")
        if isinstance(items, list):
            self.diagnostics.warn(
                f"{self.location}{pointer(*where, 'items')}",
                "`items` is a list (tuple form)",
                "read as a union of its members",
            )
            schema["items"] = {"anyOf": items} if items else {}
        discriminator = schema.get("discriminator")
        if isinstance(discriminator, dict) and isinstance(discriminator.get("mapping"), dict):
            # A mapping may name a schema (`FooItem`) instead of referring to it.
            discriminator["mapping"] = {
                tag: schema_ref(target)
                if isinstance(target, str) and names_a_schema(target, self.schema_names)
                else target
                for tag, target in discriminator["mapping"].items()
            }
        if schema.pop("x-nullable", False) is True:
            schema["nullable"] = True
        if schema.pop("nullable", False) is True:
            # Removed in 3.1, yet real 3.1 descriptions keep it (OpenAI's, 111 times).
            _make_nullable(schema)
            if not self.upgrade:
                self.nullable_in_31.append(where)
        if not self.upgrade:
            return
        for bound, exclusive in (("minimum", "exclusiveMinimum"), ("maximum", "exclusiveMaximum")):
            if schema.get(exclusive) is True and bound in schema:
                schema[exclusive] = schema.pop(bound)
            elif isinstance(schema.get(exclusive), bool):
                del schema[exclusive]


def _make_nullable(schema: dict[str, Any]) -> None:
    kind = schema.get("type")
    if isinstance(kind, str):
        schema["type"] = [kind, "null"]
        if isinstance(schema.get("enum"), list) and None not in schema["enum"]:
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


# Where the builder walks: each of these must be a mapping (of mappings) when present.
_MAPPINGS = (
    ("paths",),
    ("webhooks",),
    ("components",),
    ("components", "schemas"),
    ("components", "parameters"),
    ("components", "responses"),
    ("components", "requestBodies"),
    ("components", "securitySchemes"),
)


def _check_shape(document: dict[str, Any], location: str) -> None:
    """The document's skeleton has the shapes OpenAPI gives it, or one located error;
    deeper mistakes are caught where each operation or schema is built."""
    for path in _MAPPINGS:
        node: Any = document
        for key in path:
            node = node.get(key) if isinstance(node, dict) else None
        if node is None:
            continue
        if not isinstance(node, dict):
            raise SpecError(
                f"{location}{pointer(*path)}", f"expected a mapping, found {_json_type(node)}"
            )
        if path[-1] in ("paths", "webhooks"):
            for key, item in node.items():
                if not isinstance(item, dict):
                    raise SpecError(
                        f"{location}{pointer(*path, key)}",
                        f"expected a path item (a mapping), found {_json_type(item)}",
                    )


def _json_type(value: object) -> str:
    names = {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)


def _check_refs(document: dict[str, Any], location: str) -> None:
    """Every `$ref` resolves, and following `$ref` after `$ref` ends at something that is
    not one: a circle of references (`A: {$ref: B}`, `B: {$ref: A}`) names nothing, so it
    is as fatal as a reference to nothing, wherever it is (schemas, parameters, ...)."""
    ends: set[str] = set()
    """References already followed to something that is not a reference."""
    stack: list[tuple[Any, Where]] = [(document, ())]
    while stack:
        node, where = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref not in ends:
                _follow_chain(document, ref, f"{location}{pointer(*where)}", ends)
            children = [(v, (*where, k)) for k, v in node.items() if k != "$ref"]
        elif isinstance(node, list):
            children = [(v, (*where, i)) for i, v in enumerate(node)]
        else:
            continue
        stack.extend(reversed(children))  # document order: the first use is named


def _follow_chain(document: dict[str, Any], ref: str, where: str, ends: set[str]) -> None:
    chain = [ref]
    target = _resolve_local(document, ref, where)
    while isinstance(target, dict) and isinstance(target.get("$ref"), str):
        ref = target["$ref"]
        if ref in ends:
            break
        if ref in chain:
            circle = " -> ".join([*chain[chain.index(ref) :], ref])
            raise SpecError(where, f"reference cycle with no schema in it: {circle}")
        chain.append(ref)
        target = _resolve_local(document, ref, where)
    ends.update(chain)


def _resolve_local(document: dict[str, Any], ref: str, where: str) -> Any:
    if not ref.startswith("#"):
        raise SpecError(where, f"$ref {ref!r} points outside the document and was not bundled")
    try:
        return follow(document, ref)
    except LookupError as missing:
        raise SpecError(where, f"$ref {ref!r} does not resolve (no {missing.args[0]!r})") from None
