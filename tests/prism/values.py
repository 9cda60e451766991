"""JSON values that satisfy the schemas of an OpenAPI document, built deterministically.

A value is the schema's own example when it has a valid one; otherwise it is built from
the schema: every required property (and, for the `full` variant, every optional one
too), enums' first value, formats' canonical text, numbers inside their bounds. Strings
with a `pattern` are drawn by hypothesis-jsonschema, derandomised. Every value is
checked against its schema before use, so a violation Prism reports is about how the SDK
sent it, never about the value itself.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Mapping, Sequence
from typing import Any, Final

from hypothesis import HealthCheck, find, settings, strategies
from hypothesis.errors import HypothesisException
from hypothesis_jsonschema import from_schema

from tests.prism.schemas import Document, Schema

FULL_DEPTH = 4
"""Below this depth a `full` value includes only required properties: deep optional
structure adds little and recursive schemas would never end."""
MAX_DEPTH = 24
"""Deeper than this a schema is taken for one that never ends."""

_FORMAT_TEXT = {
    "date-time": "2024-05-06T07:08:09Z",
    "date": "2024-05-06",
    "time": "07:08:09Z",
    "uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "email": "ada@example.com",
    "idn-email": "ada@example.com",
    "uri": "https://example.com/sdkgen",
    "url": "https://example.com/sdkgen",
    "uri-reference": "https://example.com/sdkgen",
    "iri": "https://example.com/sdkgen",
    "hostname": "example.com",
    "idn-hostname": "example.com",
    "ipv4": "192.0.2.7",
    "ipv6": "2001:db8::7",
    "byte": "c2RrZ2Vu",
    "binary": "sdkgen",
    "password": "sdkgen-secret",
    "duration": "P1D",
    "regex": "^sdkgen$",
    "json-pointer": "/sdkgen",
}
# Formats hypothesis-jsonschema does not know, drawn as their canonical text.
_CUSTOM_FORMATS = {name: strategies.just(_FORMAT_TEXT[name]) for name in ("byte", "binary", "password", "url")}
_HYPOTHESIS = settings(
    database=None, derandomize=True, max_examples=200, deadline=None,
    suppress_health_check=list(HealthCheck),
)


class _Nothing:
    def __repr__(self) -> str:
        return "<nothing>"


NOTHING: Final[Any] = _Nothing()
"""What `example()` and a failed draw return: no value (None is a value)."""


class UnbuildableSchema(Exception):
    """No value satisfying the schema could be built (the test reports it as such)."""


class _Recursion(Exception):
    """A schema that refers back to itself too deeply to be followed further."""


class ValueBuilder:
    """Values for requests: read-only properties are left out, as a client would."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self._drawn_values: dict[str, object] = {}

    def value(self, schema: Schema, *, full: bool, where: str) -> object:
        """A value satisfying `schema`; `full` includes optional properties."""
        try:
            value = self._value(schema, full, 0, ())
        except _Recursion:
            value = None
        if self.document.is_valid(value, schema):
            return value
        # The rules above miss some combinations (say, `not` or a `oneOf` whose branches
        # overlap); hypothesis-jsonschema searches for a value that fits.
        drawn = self._drawn(schema)
        if drawn is not NOTHING:
            return drawn
        errors = self.document.errors(value, schema)
        raise UnbuildableSchema(f"{where}: no valid value found ({'; '.join(errors[:3])})")

    def example(self, candidates: Sequence[object], schema: Schema) -> object:
        """The first of the candidates that satisfies `schema`, or NOTHING."""
        for candidate in candidates:
            if self.document.is_valid(candidate, schema):
                return copy.deepcopy(candidate)
        return NOTHING

    # -- building ----------------------------------------------------------------------

    def _value(self, schema: Schema, full: bool, depth: int, refs: tuple[str, ...]) -> object:
        if depth > MAX_DEPTH:
            raise _Recursion
        if "$ref" in schema:
            ref = schema["$ref"]
            if refs.count(ref) >= 2:
                raise _Recursion
            return self._value(self.document.resolve(schema), full, depth, (*refs, ref))
        example = self.example(_examples_of(schema), schema)
        if example is not NOTHING:
            return example
        if "const" in schema:
            return copy.deepcopy(schema["const"])
        if "enum" in schema:
            listed = [v for v in schema["enum"] if v is not None] or [None]
            return copy.deepcopy(listed[0])
        if "allOf" in schema:
            return self._value(self._merged(schema), full, depth, refs)
        for keyword in ("oneOf", "anyOf"):
            if keyword in schema:
                return self._alternative(schema, keyword, full, depth, refs)
        kind = _type_of(schema)
        if kind == "object":
            return self._object(schema, full, depth, refs)
        if kind == "array":
            return self._array(schema, full, depth, refs)
        if kind == "string":
            return self._string(schema)
        if kind == "integer":
            return _integer(schema)
        if kind == "number":
            return _number(schema)
        if kind == "boolean":
            return True
        if kind == "null":
            return None
        return "sdkgen"

    def _merged(self, schema: Schema) -> dict[str, Any]:
        """`allOf` folded into one schema: properties and required lists joined, a
        property named twice constrained by both."""
        merged: dict[str, Any] = {k: v for k, v in schema.items() if k != "allOf"}
        for part in schema["allOf"]:
            part = self.document.resolve(part)
            if "allOf" in part:
                part = self._merged(part)
            for key, item in part.items():
                if key == "properties":
                    properties = dict(merged.get("properties", {}))
                    for name, sub in item.items():
                        properties[name] = (
                            {"allOf": [properties[name], sub]} if name in properties else sub
                        )
                    merged["properties"] = properties
                elif key == "required":
                    merged["required"] = sorted({*merged.get("required", []), *item})
                else:
                    merged.setdefault(key, item)
        return merged

    def _alternative(
        self, schema: Schema, keyword: str, full: bool, depth: int, refs: tuple[str, ...]
    ) -> object:
        """The first branch whose value satisfies the whole schema (for `oneOf`: that
        branch alone), preferring non-null branches; a discriminator's tag is set."""
        rest = {k: v for k, v in schema.items() if k not in (keyword, "discriminator")}
        branches = sorted(schema[keyword], key=lambda b: _type_of(self.document.resolve(b)) == "null")
        tags = _discriminator_tags(schema)
        first: object = NOTHING
        for branch in branches:
            try:
                value = self._value({"allOf": [branch, rest]} if rest else branch, full, depth + 1, refs)
            except _Recursion:
                continue
            tag = tags.get(branch.get("$ref", ""))
            if tag is not None and isinstance(value, dict):
                value[schema["discriminator"]["propertyName"]] = tag
            if self.document.is_valid(value, schema):
                return value
            first = value if first is NOTHING else first
        if first is NOTHING:
            raise _Recursion
        return first

    def _object(self, schema: Schema, full: bool, depth: int, refs: tuple[str, ...]) -> dict[str, object]:
        properties: Mapping[str, Schema] = schema.get("properties", {})
        required = set(schema.get("required", []))
        result: dict[str, object] = {}
        for name, sub in properties.items():
            if self.document.resolve(sub).get("readOnly"):
                continue
            if name not in required and not (full and depth < FULL_DEPTH):
                continue
            try:
                result[name] = self._value(sub, full, depth + 1, refs)
            except _Recursion:
                if name in required:
                    raise
        extra = schema.get("additionalProperties")
        wanted = max(schema.get("minProperties", 0), 1 if full and not properties else 0)
        if isinstance(extra, Mapping) and len(result) < wanted:
            for index in range(wanted - len(result)):
                result[f"key{index + 1}"] = self._value(extra, full, depth + 1, refs)
        return result

    def _array(self, schema: Schema, full: bool, depth: int, refs: tuple[str, ...]) -> list[object]:
        prefix = list(schema.get("prefixItems", []))
        items = schema.get("items", {})
        count = max(schema.get("minItems", 0), len(prefix), 1 if full and depth < FULL_DEPTH else 0)
        count = min(count, schema.get("maxItems", count))
        values: list[object] = []
        for index in range(count):
            sub = prefix[index] if index < len(prefix) else items
            values.append(self._value(sub if isinstance(sub, Mapping) else {}, full, depth + 1, refs))
        return values

    def _string(self, schema: Schema) -> str:
        text = _FORMAT_TEXT.get(str(schema.get("format")), "sdkgen")
        low, high = schema.get("minLength", 0), schema.get("maxLength")
        if len(text) < low:
            text += "x" * (low - len(text))
        text = text if high is None else text[:high]
        if "pattern" in schema and not self.document.is_valid(text, schema):
            # Drawing is slow (shrinking runs the check hundreds of times), so only a
            # pattern the canonical text misses gets a drawn string.
            drawn = self._drawn({k: v for k, v in schema.items() if k != "format"} | {"type": "string"})
            if isinstance(drawn, str):
                return drawn
        return text

    def _drawn(self, schema: Schema) -> object:
        """The simplest value hypothesis-jsonschema finds for the schema, or NOTHING."""
        key = json.dumps(schema, sort_keys=True)
        if key not in self._drawn_values:
            self._drawn_values[key] = self._draw(schema)
        drawn = self._drawn_values[key]
        return drawn if drawn is NOTHING else copy.deepcopy(drawn)

    def _draw(self, schema: Schema) -> object:
        # The document's components go along only when the schema refers to them:
        # hypothesis-jsonschema reads all it is given.
        root = {**schema, "components": self.document.components} if "$ref" in json.dumps(schema) else schema
        try:
            strategy = from_schema(dict(root), custom_formats=_CUSTOM_FORMATS)
            value = find(strategy, lambda v: self.document.is_valid(v, schema), settings=_HYPOTHESIS)
        except (HypothesisException, ValueError, TypeError, RecursionError):
            return NOTHING
        return value


def _examples_of(schema: Schema) -> list[object]:
    examples = schema.get("examples")
    found = list(examples) if isinstance(examples, list) else []
    if "example" in schema:
        found.append(schema["example"])
    return found


def _discriminator_tags(schema: Schema) -> dict[str, str]:
    """`$ref` of a branch -> the tag value that selects it."""
    discriminator = schema.get("discriminator")
    if not isinstance(discriminator, Mapping):
        return {}
    tags = {ref: tag for tag, ref in discriminator.get("mapping", {}).items()}
    for branch in schema.get("oneOf", schema.get("anyOf", [])):
        ref = branch.get("$ref", "")
        if ref and ref not in tags:
            tags[ref] = ref.rsplit("/", 1)[-1]
    return tags


def _type_of(schema: Schema) -> str | None:
    kind = schema.get("type")
    if isinstance(kind, list):
        concrete = [k for k in kind if k != "null"]
        return concrete[0] if concrete else "null"
    if kind is not None:
        return str(kind)
    if "properties" in schema or "additionalProperties" in schema:
        return "object"
    if "items" in schema or "prefixItems" in schema:
        return "array"
    return None


def _bounds(schema: Schema, step: float) -> tuple[float, float]:
    low, high = -math.inf, math.inf
    if "minimum" in schema:
        low = schema["minimum"]
    if isinstance(schema.get("exclusiveMinimum"), (int, float)):
        low = max(low, schema["exclusiveMinimum"] + step)
    if "maximum" in schema:
        high = schema["maximum"]
    if isinstance(schema.get("exclusiveMaximum"), (int, float)):
        high = min(high, schema["exclusiveMaximum"] - step)
    return low, high


def _integer(schema: Schema) -> int:
    low, high = _bounds(schema, 1)
    value = math.ceil(max(1, low))
    if value > high:
        value = math.floor(high)
    multiple = schema.get("multipleOf")
    if isinstance(multiple, int) and multiple > 0 and value % multiple:
        value += multiple - value % multiple
    return int(value)


def _number(schema: Schema) -> float:
    low, high = _bounds(schema, 0.001)
    value = min(max(1.5, low), high)
    multiple = schema.get("multipleOf")
    if isinstance(multiple, (int, float)) and multiple > 0:
        value = math.ceil(value / multiple) * multiple
    return float(value)
