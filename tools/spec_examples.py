"""The examples a spec gives (component schemas, request bodies, responses), each paired
with the type the generator made of its schema, as cases for `package_checks`.

Examples that break their own schema (checked with jsonschema, the whole document as the
registry) are the spec's fault and are counted, not checked.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import referencing
from referencing.jsonschema import DRAFT202012

from generator import ir
from generator.building import build_api
from generator.diagnostics import Diagnostics, pointer
from generator.ir import types as t
from generator.pipeline import resolve_input


@dataclass(frozen=True)
class ExampleCase:
    """One example from the spec and the generated type it must parse as."""

    where: str
    annotation: str
    models: tuple[str, ...]
    imports: tuple[str, ...]
    """`module:name`; a module of the generated package starts with a dot (`._types`)."""
    value: Any

    @classmethod
    def of(cls, where: str, type_: t.Type, value: Any) -> ExampleCase:
        return cls(
            where,
            t.annotation(type_),
            tuple(sorted(t.classes(type_))),
            tuple(
                sorted(f"{'.' if i.runtime else ''}{i.module}:{i.name}" for i in t.imports(type_))
            ),
            value,
        )


@dataclass
class ExampleCases:
    cases: list[ExampleCase] = field(default_factory=list)
    invalid_in_spec: list[str] = field(default_factory=list)
    """Examples that break their own schema: the spec's fault, not checked."""


_DOCUMENT_URI = "urn:sdkgen:spec"


def example_cases(target: Path, document: dict[str, Any]) -> ExampleCases:
    """Every JSON example of a component schema, request body or response in `document`
    (the normalised spec), paired with the type the generator gave that schema."""
    spec = resolve_input(target)
    location = str(spec.source)
    api = build_api(document, spec.config, location, Diagnostics())
    registry = referencing.Registry().with_resource(
        _DOCUMENT_URI, DRAFT202012.create_resource(document)
    )
    found = ExampleCases()
    for where, schema_ref, type_, value in _examples(document, api):
        validator = jsonschema.Draft202012Validator(
            {"$ref": _DOCUMENT_URI + schema_ref}, registry=registry
        )
        try:
            valid = validator.is_valid(value)
        except (jsonschema.exceptions.SchemaError, referencing.exceptions.Unresolvable):
            valid = False
        if not valid:
            found.invalid_in_spec.append(where)
            continue
        found.cases.append(ExampleCase.of(where, type_, value))
    return found


def _examples(document: dict[str, Any], api: ir.Api) -> Iterator[tuple[str, str, t.Type, Any]]:
    """(location, schema pointer, generated type, example value) for every example."""
    components = dict(api.components)
    for name, schema in (document.get("components", {}).get("schemas") or {}).items():
        component = pointer("components", "schemas", name)
        for index, value in enumerate(_schema_examples(schema)):
            yield f"{component}/example[{index}]", component, components[name], value
    for resource in api.every_resource:
        for op in resource.operations:
            spec = document["paths"][op.path][op.http_method]
            at = ("paths", op.path, op.http_method)
            if op.response.kind == "json" and op.response.envelope is None:
                yield from _media_examples(
                    document,
                    spec["responses"][op.response.status],
                    (*at, "responses", op.response.status),
                    op.response.type,
                )
            if op.body is not None and op.body.encoding == "json" and "requestBody" in spec:
                # A body that may be left out is `None` in the method: so is a null example.
                body = op.body.type if op.body.required else t.nullable(op.body.type)
                yield from _media_examples(
                    document, spec["requestBody"], (*at, "requestBody"), body
                )


def _schema_examples(schema: Any) -> list[Any]:
    if not isinstance(schema, dict):
        return []
    listed = schema.get("examples")
    found = list(listed) if isinstance(listed, list) else []
    return [schema["example"], *found] if "example" in schema else found


def _media_examples(
    document: dict[str, Any], holder: Any, at: tuple[str, ...], type_: t.Type
) -> Iterator[tuple[str, str, t.Type, Any]]:
    holder = _deref(document, holder)
    content = holder.get("content") if isinstance(holder, dict) else None
    for media, entry in (content or {}).items():
        if "json" not in media or not isinstance(entry, dict) or "schema" not in entry:
            continue
        schema_at = pointer(*at, "content", media, "schema")
        if "example" in entry:
            yield f"{pointer(*at, 'content', media)}/example", schema_at, type_, entry["example"]
        for name, example in (entry.get("examples") or {}).items():
            example = _deref(document, example)
            if isinstance(example, dict) and "value" in example:
                where = pointer(*at, "content", media, "examples", name)
                yield where, schema_at, type_, example["value"]
        return  # the generated method parses the first JSON media type only


def _deref(document: dict[str, Any], node: Any) -> Any:
    for _ in range(20):  # a chain of references; a longer one is left unresolved
        if not (isinstance(node, dict) and isinstance(node.get("$ref"), str)):
            return node
        target: Any = document
        for raw in node["$ref"].lstrip("#").strip("/").split("/"):
            part = raw.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, dict) or part not in target:
                return None
            target = target[part]
        node = target
    return node
