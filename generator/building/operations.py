"""Paths and operations -> `ir.Operation`s: parameters, bodies, responses."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from generator import ir
from generator.building import naming
from generator.building.defaults import default_for
from generator.building.edits import replaced
from generator.building.schemas import SchemaTranslator
from generator.diagnostics import Diagnostics, pointer
from generator.ir import types as t
from generator.openapi import HTTP_METHODS

# Headers the runtime sets itself; a parameter for one would fight it.
_MANAGED_HEADERS = {"content-type", "accept", "authorization", "user-agent", "content-length"}
_IDEMPOTENCY_HEADERS = {"idempotency-key", "x-idempotency-key"}
_NO_CONTENT = {"204", "205"}
_STATUS_KEY = re.compile(r"[1-5][0-9][0-9]|[1-5][xX][xX]|default")
_BINARY_MEDIA = re.compile(r"^(application/(octet-stream|pdf|zip|gzip)|image/|audio/|video/)")
# Answers read as text: `text/*`, and XML or YAML under any type.
_TEXT_MEDIA = re.compile(
    r"^(text/|application/(xml|yaml|x-yaml)\b|[^;]*\+(xml|yaml)\b)", re.IGNORECASE
)
_EVENT_STREAM = "text/event-stream"
# The body property by which OpenAI-style APIs ask for an event stream instead of JSON.
_STREAM_FLAG = "stream"


@dataclass(frozen=True, slots=True)
class RawOperation:
    """An operation as found in the spec, before it has a resource and method name."""

    operation_id: str
    http_method: str
    path: str
    spec: dict[str, Any]
    path_parameters: tuple[Any, ...]
    where: str
    tags: tuple[str, ...]


def collect(document: dict[str, Any], location: str) -> list[RawOperation]:
    found = []
    for path, item in (document.get("paths") or {}).items():
        if not isinstance(item, dict):
            continue
        for method in HTTP_METHODS:
            spec = item.get(method)
            if not isinstance(spec, dict):
                continue
            where = f"{location}{pointer('paths', path, method)}"
            operation_id = spec.get("operationId") or f"{method}_{path}"
            tags = spec.get("tags")
            found.append(
                RawOperation(
                    str(operation_id),
                    method,
                    path,
                    spec,
                    tuple(item.get("parameters") or ()),
                    where,
                    tuple(str(tag) for tag in tags) if isinstance(tags, list) else (),
                )
            )
    return found


class OperationBuilder:
    def __init__(
        self,
        document: dict[str, Any],
        translator: SchemaTranslator,
        diagnostics: Diagnostics,
        envelope: str | None,
    ) -> None:
        self.document = document
        self.types = translator
        self.diagnostics = diagnostics
        self.envelope = envelope

    def build(self, raw: RawOperation) -> ir.Operation | None:
        """The operation, or None (with a warning at its location) when a part of it has
        a shape no OpenAPI document can have."""
        try:
            return self._build(raw)
        except (TypeError, AttributeError, ValueError, LookupError) as exc:
            self.diagnostics.warn(raw.where, f"malformed operation: {_shape_error(exc)}", "skipped")
            return None

    def _build(self, raw: RawOperation) -> ir.Operation:
        # Inline schemas are named after the operation: its id without FastAPI's
        # path-and-method suffix (`ListMonitorsSortOrder`, not `ListMonitorsApiV1...`).
        hint = naming.pascal_case(
            naming.operation_stem(raw.operation_id, raw.http_method, raw.path)
        )
        parameters, idempotency = self.parameters(raw, hint)
        body = self.body(raw, hint)
        if body is not None and body.fields:
            taken = {p.name for p in parameters}
            clashing = [f for f in body.fields if f.name in taken]
            if clashing:
                self.diagnostics.warn(
                    raw.where,
                    "body fields share names with parameters: "
                    + ", ".join(f.wire_name for f in clashing),
                    "body accepted as `body=` only",
                )
                body = dataclasses.replace(body, fields=())
        response = self.response(raw, hint, body)
        spec = raw.spec
        return ir.Operation(
            name="",  # the naming pass names methods, knowing all of a resource's
            operation_id=raw.operation_id,
            http_method=raw.http_method,
            path=raw.path,
            summary=_text(spec.get("summary")),
            description=_text(spec.get("description")),
            parameters=parameters,
            body=body,
            response=response,
            deprecated=bool(spec.get("deprecated")),
            idempotency_header=idempotency,
        )

    # -- parameters --------------------------------------------------------------------

    def parameters(
        self, raw: RawOperation, hint: str
    ) -> tuple[tuple[ir.Parameter, ...], str | None]:
        merged: dict[tuple[str, str], dict[str, Any]] = {}
        for level in (raw.path_parameters, raw.spec.get("parameters") or []):
            # An operation's parameter overrides its path's; twice in one list is a fault.
            own: set[tuple[str, str]] = set()
            for param in level:
                resolved = self.deref(param, raw.where)
                if isinstance(resolved, dict) and "name" in resolved and "in" in resolved:
                    key = (str(resolved["in"]), str(resolved["name"]))
                    if key in own:
                        self.diagnostics.note(
                            f"{raw.where}/parameters/{key[1]}",
                            f"{key[0]} parameter {key[1]!r} is declared twice",
                            "the last declaration kept",
                        )
                    own.add(key)
                    merged[key] = resolved
        order = {n: i for i, n in enumerate(re.findall(r"{([^}]+)}", raw.path))}
        idempotency = None
        kept = []
        for (location, wire), param in merged.items():
            where = f"{raw.where}/parameters/{wire}"
            if location not in ("path", "query", "header", "cookie"):
                self.diagnostics.warn(
                    raw.where, f"parameter {wire!r} has unknown location {location!r}", "skipped"
                )
                continue
            if location == "header" and wire.lower() in _IDEMPOTENCY_HEADERS:
                idempotency = wire
                continue
            if location == "header" and wire.lower() in _MANAGED_HEADERS:
                self.diagnostics.note(
                    where, f"header parameter {wire!r} is one the client sets itself", "ignored"
                )
                continue
            if location == "path" and wire not in order:
                self.diagnostics.warn(
                    where, f"path parameter {wire!r} is not in the path {raw.path!r}", "skipped"
                )
                continue
            self._note_faults(location, wire, param, where)
            kept.append((location, wire, param))
        # Path parameters first, in template order, then required before optional, then
        # by location and name: the order the spec lists them in changes nothing.
        kept.sort(
            key=lambda t: (t[0] != "path", order.get(t[1], 0), not t[2].get("required"), t[0], t[1])
        )
        result = []
        for location, wire, param in kept:
            schema = param.get("schema")
            content_type = None
            if schema is None and isinstance(param.get("content"), dict) and param["content"]:
                media_type, media = next(iter(param["content"].items()))
                schema = (media or {}).get("schema")
                content_type = str(media_type) if is_json_media(str(media_type)) else None
            where = f"{raw.where}/parameters/{wire}"
            type_ = self.types.translate(schema or {}, f"{hint}{naming.pascal_case(wire)}", where)
            required = location == "path" or bool(param.get("required"))
            style, explode = self._style(param, location, where)  # type: ignore[arg-type]
            result.append(
                ir.Parameter(
                    name=naming.parameter_name(wire),
                    wire_name=wire,
                    location=location,  # type: ignore[arg-type]
                    type=type_,
                    required=required,
                    description=_text(param.get("description")),
                    default=None
                    if required
                    else _signature_default(
                        default_for(schema, type_, self.types.definition, where, self.diagnostics)
                    ),
                    explode=explode,
                    style=style,
                    deprecated=bool(param.get("deprecated")),
                    allow_reserved=location == "query" and param.get("allowReserved") is True,
                    content_type=content_type,
                )
            )
        missing = set(order) - {p.wire_name for p in result if p.location == "path"}
        for wire in sorted(missing, key=order.__getitem__):
            self.diagnostics.warn(
                raw.where, f"path parameter {wire!r} is not declared", "added as a string"
            )
            result.insert(
                order[wire],
                ir.Parameter(naming.parameter_name(wire), wire, "path", t.STR, True),
            )
        return tuple(result), idempotency

    def _note_faults(self, location: str, wire: str, param: dict[str, Any], where: str) -> None:
        """What the spec says that a parameter's place overrules, said where it is."""
        if location == "path" and param.get("required") is not True:
            self.diagnostics.note(
                where, f"path parameter {wire!r} is not marked required", "required, as in any path"
            )
        schema = param.get("schema")
        if (location == "path" or param.get("required")) and (
            isinstance(schema, dict) and "default" in schema
        ):
            self.diagnostics.note(
                where,
                f"required parameter {wire!r} has a default ({schema['default']!r})",
                "ignored: the caller always passes it",
            )

    def _style(
        self, param: dict[str, Any], location: ir.ParameterLocation, where: str
    ) -> tuple[ir.ParameterStyle, bool]:
        """The parameter's style (one OpenAPI defines for its location, else the
        location's default, with a warning) and whether it explodes."""
        default = ir.DEFAULT_STYLES[location]
        style = param.get("style", default)
        if style not in ir.STYLES[location]:
            self.diagnostics.warn(
                where,
                f"parameter style {style!r} is not defined for {location} parameters",
                f"sent in the {default} style",
            )
            style = default
        explode = param.get("explode")
        return style, explode if isinstance(explode, bool) else style == "form"

    # -- request body ------------------------------------------------------------------

    def body(self, raw: RawOperation, hint: str) -> ir.Body | None:
        spec = self.deref(raw.spec.get("requestBody"), raw.where)
        if (
            not isinstance(spec, dict)
            or not isinstance(spec.get("content"), dict)
            or not spec["content"]
        ):
            return None
        media_type = _pick_request_media(spec["content"])
        schema = (spec["content"][media_type] or {}).get("schema") or {}
        if _is_empty_closed_object(self.resolve_schema(schema, raw.where)):
            return None  # `{properties: {}, additionalProperties: false}`: nothing to send
        encoding = _encoding(media_type)
        if encoding == "json" and not is_json_media(media_type):
            media_type = "application/json"  # `*/*`: whatever the server takes; JSON it is
        where = f"{raw.where}/requestBody"
        required = bool(spec.get("required"))
        if encoding in ("binary", "text"):
            plain: t.Type = t.BYTES if encoding == "binary" else t.STR
            return ir.Body(
                encoding, media_type, plain, required, description=_text(spec.get("description"))
            )
        type_ = self.types.translate(schema, f"{hint}Body", where)
        fields: tuple[ir.Field, ...] = ()
        model = None
        if isinstance(type_, t.ModelRef):
            model = type_.name
            fields = tuple(
                replaced(f, name=naming.argument_name(f.name))
                for f in self.types.model(model).fields
            )
            if encoding == "multipart":
                fields = tuple(
                    _as_file_field(f, self.resolve_schema(schema, where)) for f in fields
                )
        elif encoding == "multipart":
            self.diagnostics.warn(where, "multipart body is not an object", "sent as form fields")
        return ir.Body(
            encoding, media_type, type_, required, fields, model, _text(spec.get("description"))
        )

    # -- response ----------------------------------------------------------------------

    def response(self, raw: RawOperation, hint: str, body: ir.Body | None) -> ir.Response:
        responses = self.responses(raw)
        success = sorted(code for code in responses if code.startswith("2"))
        if not success and "default" in responses:
            success = ["default"]
        redirects = sorted(code for code in responses if code.startswith("3"))
        if not success and redirects:
            # Its result is the redirect itself: the client follows none (the credentials
            # would go wherever the redirect points).
            spec = self.deref(responses[redirects[0]], raw.where)
            description = _text(spec.get("description")) if isinstance(spec, dict) else None
            return ir.Response("redirect", t.NONE, redirects[0], description=description)
        chosen = None
        for code in success:
            if code in _NO_CONTENT:
                continue  # a body declared on 204/205 never arrives
            resolved = self.deref(responses[code], raw.where)
            if isinstance(resolved, dict) and resolved.get("content"):
                chosen = (code, resolved)
                break
        if chosen is None:
            return ir.Response("none", t.NONE, success[0] if success else "204")
        code, spec = chosen
        content: dict[str, Any] = spec["content"]
        media_type = _pick_response_media(content)
        schema = (content[media_type] or {}).get("schema") or {}
        where = f"{raw.where}/responses/{code}"
        description = _text(spec.get("description"))
        if media_type == _EVENT_STREAM:
            event = self.types.translate(schema, f"{hint}Event", where)
            return ir.Response("sse", event, code, description=description)
        if _BINARY_MEDIA.match(media_type) or (
            isinstance(schema, dict) and schema.get("format") == "binary"
        ):
            binary = sorted(m for m in content if m != _EVENT_STREAM and not is_json_media(m))
            accept = ", ".join(binary)
            return ir.Response("binary", t.BYTES, code, description=description, accept=accept)
        if _TEXT_MEDIA.match(media_type) and not is_json_media(media_type):
            return ir.Response("text", t.STR, code, description=description, accept=media_type)
        envelope = None
        resolved_schema = self.resolve_schema(schema, where)
        if (
            self.envelope
            and isinstance(resolved_schema, dict)
            and self.envelope in (resolved_schema.get("properties") or {})
        ):
            envelope = self.envelope
            schema = resolved_schema["properties"][envelope]
            where = f"{where}/properties/{envelope}"
        type_ = self.types.translate(schema, f"{hint}Response", where)
        events = None
        if _EVENT_STREAM in content and _has_stream_flag(body):
            event_schema = (content[_EVENT_STREAM] or {}).get("schema") or {}
            events = self.types.translate(event_schema, f"{hint}Event", where)
        json_accept = None if media_type == "application/json" else media_type
        return ir.Response("json", type_, code, envelope, description, json_accept, events)

    def responses(self, raw: RawOperation) -> dict[str, Any]:
        """The responses keyed by status code, range (`2XX`) or `default`; any other key
        (`abcdef`, `20O`) is reported and left out."""
        found = {}
        for key, value in (raw.spec.get("responses") or {}).items():
            code = str(key)
            if _STATUS_KEY.fullmatch(code):
                found[code if code == "default" else code.upper()] = value
            elif not code.startswith("x-"):
                self.diagnostics.warn(
                    f"{raw.where}/responses/{code.replace('~', '~0').replace('/', '~1')}",
                    f"response key {code!r} is not a status code (100-599, 1XX-5XX or default)",
                    "ignored",
                )
        return found

    # -- helpers -----------------------------------------------------------------------

    def deref(self, node: Any, where: str) -> Any:
        while isinstance(node, dict) and isinstance(node.get("$ref"), str):
            node = self.types.resolve(node["$ref"], where)
        return node

    def resolve_schema(self, schema: Any, where: str) -> Any:
        """The schema behind `$ref`s and single-member allOfs, merged if it is an allOf."""
        schema = self.deref(schema, where)
        if isinstance(schema, dict) and schema.get("allOf"):
            return self.types.merge_all_of(schema, where)
        return schema


def _signature_default(default: ir.Default | None) -> ir.Default | None:
    """A default a method's signature can show. A signature shares its defaults between
    calls, so a list or dict one is left to the server: it applies its default to an
    argument left out, which is what `None` sends."""
    return None if default is None or default.mutable else default


def _shape_error(exc: Exception) -> str:
    """What a crash on a wrongly shaped node says, in words about the document."""
    text = str(exc)
    if isinstance(exc, (AttributeError, TypeError)):
        return f"a value has the wrong JSON type ({text})"
    return text


def _is_empty_closed_object(schema: Any) -> bool:
    return (
        isinstance(schema, dict)
        and schema.get("additionalProperties") is False
        and not schema.get("properties")
        and not any(k in schema for k in ("allOf", "anyOf", "oneOf", "items"))
    )


def _as_file_field(field: ir.Field, schema: Any) -> ir.Field:
    prop = (
        (schema.get("properties") or {}).get(field.wire_name, {})
        if isinstance(schema, dict)
        else {}
    )
    if not isinstance(prop, dict):
        return field
    items = prop.get("items") if prop.get("type") == "array" else None
    if prop.get("format") == "binary" or field.type == t.BYTES:
        return dataclasses.replace(field, type=t.FILE, default=None)
    if isinstance(items, dict) and items.get("format") == "binary":
        return dataclasses.replace(field, type=t.ListOf(t.FILE), default=None)
    return field


def _encoding(media_type: str) -> ir.BodyEncoding:
    if media_type == "application/x-www-form-urlencoded":
        return "form"
    if media_type.startswith("multipart/"):
        return "multipart"
    if "json" in media_type or media_type == "*/*":
        return "json"
    if media_type.startswith("text/"):
        return "text"
    return "binary"


def is_json_media(media_type: str) -> bool:
    """Whether a media type holds a JSON document: `application/json`, any `*/json` or
    `*+json` (`text/json`, `application/problem+json`), parameters aside."""
    essence = media_type.partition(";")[0].strip().lower()
    return essence.endswith(("/json", "+json"))


def _has_stream_flag(body: ir.Body | None) -> bool:
    return body is not None and any(
        f.wire_name == _STREAM_FLAG and t.non_null(f.type) == t.BOOL for f in body.fields
    )


def _pick_request_media(content: dict[str, Any]) -> str:
    for preferred in (
        "application/json",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ):
        if preferred in content:
            return preferred
    json_like = sorted(m for m in content if "json" in m)
    return json_like[0] if json_like else next(iter(content))


def _pick_response_media(content: dict[str, Any]) -> str:
    if "application/json" in content:
        return "application/json"
    json_like = sorted(m for m in content if is_json_media(m)) or sorted(
        m for m in content if "json" in m
    )
    return json_like[0] if json_like else next(iter(content))


def _text(value: Any) -> str | None:
    return str(value).strip() or None if value else None


__all__ = ["OperationBuilder", "RawOperation", "collect"]
