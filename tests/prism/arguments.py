"""Arguments for every generated method, built from the spec and typed like a caller's.

For each operation there are up to three calls: `required` (only what the spec requires),
`full` (every optional parameter and body property too) and, where the method offers a
whole-body model, `model` (the full body passed as `body=<Model>`). Values come from the
operation's examples when they satisfy their schemas, otherwise from the schemas
(`values.py`). They are then validated into the method's own annotated types, so the SDK
sends `datetime`s, enums and models exactly as it would for a caller.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import pydantic

from generator import ir
from generator.ir import types as t
from tests.prism.schemas import Document, Schema
from tests.prism.values import NOTHING, ValueBuilder

Variant = Literal["required", "full", "model"]

SAMPLE_FILE = ("sdkgen.txt", b"sdkgen contract test\n", "text/plain")


class PlanError(Exception):
    """The spec asks for something the generated method cannot send."""


@dataclass(frozen=True)
class CallPlan:
    variant: Variant
    args: tuple[object, ...]
    kwargs: dict[str, object] = field(default_factory=dict)


def spec_operation(document: Document, op: ir.Operation) -> Mapping[str, Any]:
    found: Mapping[str, Any] = document.document["paths"][op.path][op.http_method]
    return found


def plans_for(
    op: ir.Operation,
    method: Callable[..., object],
    document: Document,
    spec_op: Mapping[str, Any] | None = None,
) -> list[CallPlan]:
    """The calls to make for `op`. `spec_op` is the operation the values are built from
    (by default the one the SDK was generated from)."""
    spec_op = spec_op if spec_op is not None else spec_operation(document, op)
    hints = typing.get_type_hints(method, include_extras=True)
    builder = ValueBuilder(document)
    plans = [
        _plan(variant, op, hints, document, spec_op, builder) for variant in ("required", "full")
    ]
    if op.body is not None and op.body.model and op.body.fields and op.body.encoding != "multipart":
        plans.append(_plan("model", op, hints, document, spec_op, builder))
    return plans


def _plan(
    variant: Variant,
    op: ir.Operation,
    hints: Mapping[str, Any],
    document: Document,
    spec_op: Mapping[str, Any],
    builder: ValueBuilder,
) -> CallPlan:
    full = variant != "required"
    parameters = _spec_parameters(document, spec_op)
    args: list[object] = []
    kwargs: dict[str, object] = {}
    for p in op.parameters:
        spec_param = parameters.get((p.location, _wire_key(p.location, p.wire_name)))
        if not (p.required or (full and spec_param is not None)):
            continue
        value = _typed(_parameter_value(p, spec_param, builder, full), hints[p.name], p.name)
        if p.location == "path":
            args.append(value)
        else:
            kwargs[p.name] = value
    # An optional body is left out of the `required` call: the SDK then sends none.
    if op.body is not None and (full or op.body.required):
        kwargs.update(_body_arguments(variant, op.body, hints, document, spec_op, builder))
    return CallPlan(variant, tuple(args), kwargs)


def _wire_key(location: str, wire_name: str) -> str:
    return wire_name.lower() if location == "header" else wire_name


def _parameter_schema(spec_param: Mapping[str, Any]) -> Schema:
    """The parameter's schema, or its content's (`content: {application/json: ...}`)."""
    if "schema" in spec_param:
        return dict(spec_param["schema"])
    for media in (spec_param.get("content") or {}).values():
        return dict((media or {}).get("schema", {}))
    return {"type": "string"}


def _spec_parameters(
    document: Document, spec_op: Mapping[str, Any]
) -> dict[tuple[str, str], Mapping[str, Any]]:
    found: dict[tuple[str, str], Mapping[str, Any]] = {}
    for raw in spec_op.get("parameters", []):
        param = document.resolve(raw)
        found[(param["in"], _wire_key(param["in"], param["name"]))] = param
    return found


def _parameter_value(
    p: ir.Parameter, spec_param: Mapping[str, Any] | None, builder: ValueBuilder, full: bool
) -> object:
    schema: Schema = _parameter_schema(spec_param or {})
    if p.location == "path":
        # An empty path segment is not a value the server can route.
        schema = {"allOf": [schema, {"not": {"const": ""}}]}
    example = builder.example(_examples(spec_param or {}), schema)
    if example is not NOTHING:
        return example
    return builder.value(schema, full=full, where=f"parameter {p.wire_name}")


def _examples(holder: Mapping[str, Any]) -> list[object]:
    """Examples of a parameter or media type object, the singular one first."""
    found = [holder["example"]] if "example" in holder else []
    examples = holder.get("examples")
    if isinstance(examples, Mapping):
        found += [e["value"] for e in examples.values() if isinstance(e, Mapping) and "value" in e]
    return found


def _body_arguments(
    variant: Variant,
    body: ir.Body,
    hints: Mapping[str, Any],
    document: Document,
    spec_op: Mapping[str, Any],
    builder: ValueBuilder,
) -> dict[str, object]:
    if body.encoding == "binary":
        return {"body": SAMPLE_FILE[1]}
    media = _media(document, spec_op, body)
    schema: Schema = media.get("schema", {})
    value = builder.example(_examples(media), schema) if variant != "required" else NOTHING
    if value is NOTHING:
        value = builder.value(schema, full=variant != "required", where="request body")
    if body.encoding == "text":
        return {"body": value if isinstance(value, str) else str(value)}
    if not body.fields or variant == "model":
        return {"body": _typed(value, hints["body"], "body")}
    if not isinstance(value, Mapping):
        raise PlanError(f"body fields offered as keywords, but the body is {value!r}")
    return _field_arguments(body, value, hints)


def _media(document: Document, spec_op: Mapping[str, Any], body: ir.Body) -> Mapping[str, Any]:
    request_body = document.resolve(spec_op.get("requestBody", {}))
    content: Mapping[str, Any] = request_body.get("content", {})
    if body.media_type in content:
        media: Mapping[str, Any] = content[body.media_type]
        return media
    # A cross-check against another document: the same encoding under its own media type.
    return next(iter(content.values()), {})


def _field_arguments(
    body: ir.Body, value: Mapping[str, object], hints: Mapping[str, Any]
) -> dict[str, object]:
    by_wire = {f.wire_name: f for f in body.fields}
    unknown = sorted(set(value) - set(by_wire))
    if unknown:
        raise PlanError(f"the body needs properties the method has no keyword for: {unknown}")
    kwargs: dict[str, object] = {}
    for wire, item in value.items():
        f = by_wire[wire]
        name = f.name  # body fields are named as the method's keywords
        if f in body.file_fields:
            kwargs[name] = [SAMPLE_FILE] if t.list_item(f.type) is not None else SAMPLE_FILE
        else:
            kwargs[name] = _typed(item, hints[name], name)
    return kwargs


def _typed(value: object, hint: Any, name: str) -> object:
    """`value` (JSON) validated into the method's annotation, as a caller would pass it."""
    try:
        return pydantic.TypeAdapter(_without_not_given(hint)).validate_python(value)
    except pydantic.ValidationError as exc:
        raise PlanError(
            f"`{name}`: the spec's value {value!r} does not fit the SDK's type: {exc}"
        ) from None


def _without_not_given(hint: Any) -> Any:
    """The annotation less its `NotGiven` member: a caller passes a value or nothing."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        kept = tuple(a for a in typing.get_args(hint) if getattr(a, "__name__", "") != "NotGiven")
        # Built from a tuple at run time, where `X | Y` cannot take Annotated members.
        return kept[0] if len(kept) == 1 else typing.Union[kept]  # noqa: UP007
    return hint
