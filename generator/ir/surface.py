"""The public surface of a package: what a caller can type, derived from the IR.

Every generated package records its surface (`api.json`, machine-readable, and
`api.md` for people). Regeneration compares the recorded surface with the new one, so
a change is judged by what it does to code written against the package, whether the
spec or the generator caused it. The record also holds the names the package gave,
which the naming pass honours next time: each name in it with what it stands for (an
operation, a schema's place, a wire name), and, where a collision changed a name, the
name the rules wanted.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from generator import ir
from generator.ir import types as t
from generator.json_text import indented_json

FORMAT = 1
"""Version of the `api.json` layout."""
NAMING = 2
"""Version of the rules that name resources and methods: names recorded under other
rules are not kept (the naming pass decides them afresh, and each rename is reported)."""

EXCEPTIONS = (
    "APIClientClosedError",
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APIStreamError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "InvalidParameterError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
)
"""The exception classes every package's runtime defines."""

Use = Literal["input", "output"]
_USES: tuple[Use, ...] = ("input", "output")


@dataclass(frozen=True, slots=True)
class Argument:
    """One argument a method takes (besides the request options every method takes)."""

    name: str
    wire: str
    """What it carries: `path:id`, `query:limit`, `body:name` (a body field), `body`."""
    type: t.Type
    """The type the caller passes, as the signature declares it."""
    required: bool
    positional: bool
    default: str | None = None
    """Python source of the default of an optional argument (`NOT_GIVEN` for a body
    field left out of the body)."""

    @property
    def annotation(self) -> str:
        return t.annotation(self.type)


@dataclass(frozen=True, slots=True)
class Method:
    call: str
    """What a caller types, without arguments: `client.items.list`."""
    operation: str
    """What it does, whatever its name: `GET /items`."""
    arguments: tuple[Argument, ...]
    returns: t.Type
    returns_text: str
    """The return annotation as printed (a stream or page type wraps `returns`)."""
    doc: str = ""
    deprecated: bool = False


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    wire: str
    type: t.Type
    """As declared: an optional field's type admits None."""
    required: bool
    default: str | None = None
    doc: str = ""

    @property
    def annotation(self) -> str:
        return t.annotation(self.type)


@dataclass(frozen=True, slots=True)
class Model:
    name: str
    origin: str
    """Where its schema is (a JSON pointer): the same class under another name is a rename."""
    fields: tuple[Field, ...]
    uses: frozenset[Use]
    """How methods reach it: in what callers send, in what they receive, or not at all."""
    doc: str = ""


@dataclass(frozen=True, slots=True)
class Enum:
    name: str
    origin: str
    members: tuple[tuple[str, ir.EnumValue], ...]
    """(member name, value) pairs."""
    doc: str = ""
    kind: ir.EnumKind = "str"
    """What its values are: strings, integers or numbers."""

    @property
    def base(self) -> str:
        return ir.ENUM_BASES[self.kind]


@dataclass(frozen=True, slots=True)
class ClientArgument:
    """A credential the client constructors take."""

    name: str
    env_var: str
    """The environment variable read when it is not given."""
    identity: str = ""
    """What it stands for (`credential:appKeyAuth api_key`), for the naming pass."""


@dataclass(frozen=True, slots=True)
class Surface:
    package: str
    client_classes: tuple[str, str]
    """The sync and async client classes."""
    client_arguments: tuple[ClientArgument, ...]
    """The credentials the constructors take."""
    methods: tuple[Method, ...]
    models: tuple[Model, ...]
    enums: tuple[Enum, ...]
    resources: tuple[tuple[str, str], ...] = ()
    """(attribute path from the client, `projects.spaces`; what it groups: its tag, path
    segment or collection path)."""
    exceptions: tuple[str, ...] = EXCEPTIONS
    webhook_events: tuple[str, ...] = ()
    """The values of `WebhookEvent`, when the API sends webhooks."""
    renamed: tuple[ir.GivenName, ...] = ()
    """Names a collision changed from what the rules wanted."""
    naming: int = NAMING
    """The version of the rules that named its resources and methods."""

    def name_record(self) -> dict[str, tuple[str, str]]:
        """identity -> (name given, name wanted) for every name the package gave: what
        the naming pass keeps (see `generator.building.scope`). Resource and method
        names given under other naming rules are left out."""
        current = self.naming == NAMING
        given = [
            (f"resource:{identity}", path.rsplit(".", 1)[-1])
            for path, identity in self.resources
            if current
        ]
        given += [(a.identity, a.name) for a in self.client_arguments if a.identity]
        for method in self.methods:
            if current:
                given.append((f"method:{method.operation}", method.call.rsplit(".", 1)[1]))
            given += [
                (f"argument:{method.operation} {a.wire}", a.name)
                for a in method.arguments
                if a.wire != "body"
            ]
        for model in self.models:
            given.append((f"class:{model.origin}", model.name))
            given += [(f"field:{model.origin} {f.wire}", f.name) for f in model.fields]
        for enum in self.enums:
            given.append((f"class:{enum.origin}", enum.name))
            given += [(f"member:{enum.origin} {json.dumps(v)}", n) for n, v in enum.members]
        wanted = {g.identity: g.wanted for g in self.renamed}
        return {identity: (name, wanted.get(identity, name)) for identity, name in given}


# -- from the IR -----------------------------------------------------------------------


def surface_of(api: ir.Api) -> Surface:
    methods = [m for resource in api.every_resource for m in _methods(resource)]
    uses = _uses(api, methods)
    return Surface(
        package=api.package.name,
        client_classes=(api.package.client_class, api.package.async_client_class),
        client_arguments=tuple(
            ClientArgument(c.argument, c.env_var, f"credential:{s.scheme_name} {c.role}")
            for s in api.schemes
            for c in s.credentials
        ),
        methods=tuple(sorted(methods, key=lambda m: m.call)),
        models=tuple(
            Model(
                m.class_name,
                m.origin,
                tuple(_field(f) for f in sorted(m.fields, key=lambda f: f.name)),
                uses.get(m.class_name, frozenset()),
                digest(m.description),
            )
            for m in api.models
        ),
        enums=tuple(
            Enum(
                e.class_name,
                e.origin,
                tuple((m.name, m.value) for m in e.members),
                digest(e.description),
                e.kind,
            )
            for e in api.enums
        ),
        resources=tuple(sorted((".".join(r.path), r.identity) for r in api.every_resource)),
        webhook_events=api.webhook_events,
        renamed=tuple(g for g in api.given_names if g.name != g.wanted),
    )


def _methods(resource: ir.Resource) -> list[Method]:
    found = []
    for op in resource.operations:
        call = f"{resource.call}.{op.name}"
        operation = f"{op.http_method.upper()} {op.path}"
        returns, text = _returns(op)
        doc = digest(op.summary, op.description)
        found.append(Method(call, operation, arguments_of(op), returns, text, doc, op.deprecated))
    return found


def arguments_of(op: ir.Operation) -> tuple[Argument, ...]:
    """The arguments of the method for `op`, as a caller passes them: path parameters
    positional, the rest by keyword; an object body's properties one keyword each."""
    found = [
        Argument(p.name, f"{p.location}:{p.wire_name}", p.declared_type, True, True)
        for p in op.path_parameters
    ]
    found += [
        Argument(
            p.name,
            f"{p.location}:{p.wire_name}",
            p.declared_type,
            p.required,
            False,
            None if p.required else (p.default.source if p.default else "None"),
        )
        for p in op.parameters
        if p.location != "path"
    ]
    body = op.body
    if body is not None and body.fields:
        found += [
            Argument(
                f.name,
                f"body:{f.wire_name}",
                f.type,
                f.required and body.required,
                False,
                None if f.required and body.required else "NOT_GIVEN",
            )
            for f in body.fields
        ]
        if body.model is not None and body.encoding != "multipart":
            model = t.nullable(t.ModelRef(body.model))
            found.append(Argument("body", "body", model, False, False, "None"))
    elif body is not None:
        declared = body.type if body.required else t.nullable(body.type)
        found.append(
            Argument(
                "body", "body", declared, body.required, False, None if body.required else "None"
            )
        )
    return tuple(found)


def _returns(op: ir.Operation) -> tuple[t.Type, str]:
    """The type a call returns, and its annotation: a page wraps the body; both forms
    where `stream=True` turns the JSON answer into a stream of events."""
    kind = op.response.kind
    if op.pagination is not None:
        page = op.pagination
        body = op.response.type
        return body, f"{page.page_class}[{t.annotation(page.item_type)}, {t.annotation(body)}]"
    events = op.response.events
    if events is not None:
        answer = op.response.type
        text = f"{t.annotation(answer)} | Stream[{t.annotation(events)}]"
        return t.union([answer, events]), text
    if kind == "binary":
        return t.BYTES, "BinaryResponse"
    if kind == "sse":
        return op.response.type, f"Stream[{t.annotation(op.response.type)}]"
    if kind == "text":
        return t.STR, "str"
    if kind == "redirect":
        return t.NONE, "Redirect"
    return op.response.type, t.annotation(op.response.type)


def _field(field: ir.Field) -> Field:
    return Field(
        field.name,
        field.wire_name,
        field.declared_type,
        field.required,
        None if field.required else field.default_source,
        digest(field.description),
    )


def digest(*texts: str | None) -> str:
    """A short fingerprint of documentation: enough to tell that it changed."""
    joined = "\n\n".join(text for text in texts if text)
    return hashlib.sha256(joined.encode()).hexdigest()[:12] if joined else ""


def _uses(api: ir.Api, methods: list[Method]) -> dict[str, frozenset[Use]]:
    """For each model, whether callers build it (it is in some argument, at any depth),
    read it (in some return), or both."""
    fields = {m.class_name: [f.type for f in m.fields] for m in api.models}
    inputs = _reached([a.type for m in methods for a in m.arguments], fields)
    outputs = _reached([m.returns for m in methods], fields)
    reached_by: tuple[tuple[Use, set[str]], ...] = (("input", inputs), ("output", outputs))
    return {
        name: frozenset(use for use, reached in reached_by if name in reached) for name in fields
    }


def _reached(roots: Iterable[t.Type], fields: Mapping[str, list[t.Type]]) -> set[str]:
    seen: set[str] = set()
    stack = [name for root in roots for name in t.classes(root)]
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        stack += [inner for type_ in fields.get(name, ()) for inner in t.classes(type_)]
    return seen


# -- JSON ------------------------------------------------------------------------------


def to_json(surface: Surface) -> str:
    data = {
        "format": FORMAT,
        "package": surface.package,
        "clients": list(surface.client_classes),
        "credentials": [[a.name, a.env_var, a.identity] for a in surface.client_arguments],
        "methods": [_method_json(m) for m in surface.methods],
        "models": [_model_json(m) for m in surface.models],
        "enums": [
            {
                "name": e.name,
                "origin": e.origin,
                **({"kind": e.kind} if e.kind != "str" else {}),
                "members": [list(p) for p in e.members],
                "doc": e.doc,
            }
            for e in surface.enums
        ],
        "exceptions": list(surface.exceptions),
        "webhook_events": list(surface.webhook_events),
        "resources": [list(pair) for pair in surface.resources],
        "renamed": [[g.identity, g.name, g.wanted] for g in surface.renamed],
        "naming": surface.naming,
    }
    return _dump(data)


# One encoder for the thousands of one-line values: `json.dumps` with any argument of its
# own builds a new encoder per call, which cost more than the encoding itself.
_ONE_LINE = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


def _dump(data: dict[str, Any]) -> str:
    """Indented JSON, but each type tree, argument, field and name on one line: a
    regeneration's diff then shows one line per change."""
    compact: list[str] = []

    def inline(value: Any) -> str:
        compact.append(_ONE_LINE.encode(value))
        return f"\x00{len(compact) - 1}\x00"

    for method in data["methods"]:
        method["arguments"] = [inline(a) for a in method["arguments"]]
        method["returns"] = inline(method["returns"])
    for model in data["models"]:
        model["fields"] = [inline(f) for f in model["fields"]]
    for enum in data["enums"]:
        enum["members"] = [inline(m) for m in enum["members"]]
    data["resources"] = [inline(r) for r in data["resources"]]
    data["renamed"] = [inline(n) for n in data["renamed"]]
    data["credentials"] = [inline(c) for c in data["credentials"]]
    text = indented_json(data, indent=1)
    return re.sub(r'"\\u0000(\d+)\\u0000"', lambda m: compact[int(m.group(1))], text) + "\n"


def _method_json(method: Method) -> dict[str, Any]:
    return {
        "call": method.call,
        "operation": method.operation,
        "arguments": [
            {
                "name": a.name,
                "wire": a.wire,
                "type": t.to_json(a.type),
                "required": a.required,
                "positional": a.positional,
                **({"default": a.default} if a.default is not None else {}),
            }
            for a in method.arguments
        ],
        "returns": t.to_json(method.returns),
        "returns_text": method.returns_text,
        "doc": method.doc,
        "deprecated": method.deprecated,
    }


def _model_json(model: Model) -> dict[str, Any]:
    return {
        "name": model.name,
        "origin": model.origin,
        "uses": sorted(model.uses),
        "doc": model.doc,
        "fields": [
            {
                "name": f.name,
                "wire": f.wire,
                "type": t.to_json(f.type),
                "required": f.required,
                **({"default": f.default} if f.default is not None else {}),
                "doc": f.doc,
            }
            for f in model.fields
        ],
    }


def from_json(text: str) -> Surface:
    """The surface `to_json` wrote; `ValueError` for anything else (an older layout, a
    hand-edited file that no longer parses)."""
    try:
        data = json.loads(text)
        if data.get("format") != FORMAT:
            raise ValueError(f"api.json format {data.get('format')!r}, expected {FORMAT}")
        return Surface(
            package=str(data["package"]),
            client_classes=(str(data["clients"][0]), str(data["clients"][1])),
            # Packages written before credentials had identities list (name, env_var).
            client_arguments=tuple(ClientArgument(*map(str, c)) for c in data["credentials"]),
            methods=tuple(_method_from(m) for m in data["methods"]),
            models=tuple(_model_from(m) for m in data["models"]),
            enums=tuple(_enum_from(e) for e in data["enums"]),
            exceptions=tuple(str(x) for x in data["exceptions"]),
            webhook_events=tuple(str(x) for x in data.get("webhook_events", ())),
            resources=tuple((str(a), str(tag)) for a, tag in data["resources"]),
            renamed=tuple(ir.GivenName(str(i), str(n), str(w)) for i, n, w in data["renamed"]),
            # Packages written before the naming rules were versioned carry none.
            naming=int(data.get("naming", 1)),
        )
    except (KeyError, IndexError, TypeError, AttributeError) as exc:
        raise ValueError(f"api.json is malformed ({type(exc).__name__}: {exc})") from None


def _enum_from(data: Mapping[str, Any]) -> Enum:
    kind = data.get("kind", "str")
    if kind not in ir.ENUM_BASES:
        raise ValueError(f"api.json: unknown enum kind {kind!r}")
    return Enum(
        str(data["name"]),
        str(data["origin"]),
        tuple((str(n), _enum_value(v)) for n, v in data["members"]),
        str(data.get("doc", "")),
        kind,
    )


def _enum_value(value: Any) -> ir.EnumValue:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return value
    raise ValueError(f"api.json: enum value {value!r} is not a string or a number")


def _method_from(data: Mapping[str, Any]) -> Method:
    return Method(
        str(data["call"]),
        str(data["operation"]),
        tuple(
            Argument(
                str(a["name"]),
                str(a["wire"]),
                t.from_json(a["type"]),
                bool(a["required"]),
                bool(a["positional"]),
                a.get("default"),
            )
            for a in data["arguments"]
        ),
        t.from_json(data["returns"]),
        str(data["returns_text"]),
        str(data.get("doc", "")),
        bool(data.get("deprecated", False)),
    )


def _model_from(data: Mapping[str, Any]) -> Model:
    return Model(
        str(data["name"]),
        str(data["origin"]),
        tuple(
            Field(
                str(f["name"]),
                str(f["wire"]),
                t.from_json(f["type"]),
                bool(f["required"]),
                f.get("default"),
                str(f.get("doc", "")),
            )
            for f in data["fields"]
        ),
        frozenset(use for use in _USES if use in data["uses"]),
        str(data.get("doc", "")),
    )
