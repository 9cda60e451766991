"""The naming pass: every name the generated package exposes, decided in one place.

The builder leaves classes under provisional keys and every other name as the rules of
`naming` want it. This pass settles each scope (the package's classes, the client's
resources, a resource's methods, a method's arguments, a model's fields, an enum's
members) with one collision check, `Scope.settle`:

- a name the rules want that is already taken in its scope, or that would hide a name
  the generated code uses there, is changed (a number added, or a trailing `_`);
- who keeps the plain name does not depend on the document's order: each scope settles
  its names in the sorted order of what they stand for;
- a name the package gave before (its recorded names, read from its `api.json`) is kept
  while the rules still want the same thing for it, so that adding to a spec renames
  nothing that was there.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from generator import ir
from generator.building import naming
from generator.building.auth import derived_argument
from generator.building.modules import group_modules
from generator.building.schemas import ClassEntry, Place
from generator.ir import types as t

NameRecord = Mapping[str, tuple[str, str]]
"""identity -> (name given, name the rules wanted), as a package recorded them."""


@dataclass(frozen=True)
class DraftResource:
    tag: str
    description: str
    operations: tuple[ir.Operation, ...]
    """Built operations, unnamed, their arguments named as the rules want."""


@dataclass(frozen=True)
class Draft:
    """The API as built, before the naming pass."""

    package: ir.Package
    schemes: tuple[ir.AuthScheme, ...]
    security: ir.Security
    resources: tuple[DraftResource, ...]
    classes: Mapping[str, ClassEntry]
    components: Mapping[str, t.Type]
    webhook_events: tuple[str, ...]


class Scope:
    """One namespace: its names differ from each other and from the reserved ones."""

    def __init__(
        self,
        record: NameRecord,
        given: list[ir.GivenName],
        reserved: Iterable[str] = (),
        numbered: Callable[[str, int], str] | None = None,
    ) -> None:
        self._record = record
        self._given = given
        self._taken = set(reserved)
        self._numbered = numbered or _numbered_snake

    def settle(
        self,
        wanted: list[tuple[str, str]],
        alternatives: Mapping[str, Iterable[str]] | None = None,
    ) -> dict[str, str]:
        """identity -> name for (identity, wanted name) pairs listed in the order that
        decides who keeps a plain name. Recorded names go first while the rules still
        want the same for them (the wanted name, or one of the identity's `alternatives`:
        other names the rules would give it with other neighbours)."""
        names: dict[str, str] = {}
        for identity, want in sorted(wanted):
            recorded = self._record.get(identity)
            acceptable = {want, *(alternatives or {}).get(identity, ())}
            if (
                recorded is not None
                and recorded[1] in acceptable
                and recorded[0] not in self._taken
            ):
                names[identity] = recorded[0]
                self._taken.add(recorded[0])
        for identity, want in wanted:
            if identity not in names:
                candidate, n = want, 1
                while candidate in self._taken:
                    n += 1
                    candidate = self._numbered(want, n)
                names[identity] = candidate
                self._taken.add(candidate)
        self._given += [ir.GivenName(i, names[i], w) for i, w in wanted]
        return names

    def recorded(self, identity: str) -> str | None:
        """The name the rules wanted for `identity` when the package recorded it."""
        found = self._record.get(identity)
        return found[1] if found is not None else None


def _numbered_snake(name: str, n: int) -> str:
    return f"{name}{n}" if name[-1:].isupper() else f"{name}_{n}"


def _numbered_class(name: str, n: int) -> str:
    return f"{name}{n}"


# Names the generated modules import or define beside the API's own classes: a model
# named like one would replace it where both are imported.
PACKAGE_NAMES = frozenset(
    {
        "SyncResource",
        "AsyncResource",
        "to_raw_response_wrapper",
        "async_to_raw_response_wrapper",
        "BinaryResponse",
        "AsyncBinaryResponse",
        "Stream",
        "AsyncStream",
        "OffsetPagination",
        "PagePagination",
        "CursorPagination",
        "StartPagination",
        "OpenStrEnum",
        "given",
        "files_of",
        "discriminator_of",
        "APIClientClosedError",
        "APIConnectionError",
        "APIError",
        "APIStatusError",
        "APIStreamError",
        "APITimeoutError",
        "APIResponseValidationError",
        "AuthenticationError",
        "BadRequestError",
        "ConflictError",
        "InternalServerError",
        "NotFoundError",
        "PermissionDeniedError",
        "RateLimitError",
        "UnprocessableEntityError",
        "WebhookEvent",
        "WebhookVerificationError",
    }
)


def name_api(draft: Draft, record: NameRecord) -> ir.Api:
    """The final IR: every name settled, every type naming its final classes."""
    given: list[ir.GivenName] = []
    resources = _resource_names(draft, record, given)
    class_scope = Scope(
        record,
        given,
        reserved={
            draft.package.client_class,
            draft.package.async_client_class,
            *PACKAGE_NAMES,
            *naming.RESERVED_CLASS_NAMES,
            *(
                f"{prefix}{cls}{suffix}"
                for _, cls in resources
                for prefix in ("", "Async")
                for suffix in ("", "WithRawResponse")
            ),
        },
        numbered=_numbered_class,
    )
    places = _absolute_places(draft.classes)
    class_names, origins = _class_names(draft.classes, places, class_scope)
    enums = [
        _named_enum(entry.definition, class_names[key], origins[key], record, given)
        for key, entry in draft.classes.items()
        if isinstance(entry.definition, ir.Enum)
    ]
    rename = _Renamer(class_names, {e.class_name: e for e in enums})
    models = [
        _named_fields(rename.model(entry.definition, class_names[key], origins[key]), record, given)
        for key, entry in draft.classes.items()
        if isinstance(entry.definition, ir.Model)
    ]
    model_fields = {m.class_name: m for m in models}
    named_resources = tuple(
        _named_resource(draft_resource, attribute, cls, rename, model_fields, record, given)
        for draft_resource, (attribute, cls) in zip(draft.resources, resources)
    )
    modules = group_modules(
        [*(m.class_name for m in models), *(e.class_name for e in enums)],
        {m.class_name: set().union(*(t.classes(f.type) for f in m.fields)) for m in models},
    )
    module_of = {cls: module for module, classes in modules for cls in classes}
    return ir.Api(
        package=draft.package,
        schemes=_named_credentials(draft, record, given),
        security=draft.security,
        resources=named_resources,
        models=tuple(
            sorted(
                (dataclasses.replace(m, module=module_of[m.class_name]) for m in models),
                key=lambda m: m.class_name,
            )
        ),
        enums=tuple(
            sorted(
                (dataclasses.replace(e, module=module_of[e.class_name]) for e in enums),
                key=lambda e: e.class_name,
            )
        ),
        model_modules=tuple(modules),
        webhook_events=draft.webhook_events,
        components=tuple(
            sorted((name, rename.type(type_)) for name, type_ in draft.components.items())
        ),
        given_names=tuple(sorted(given, key=lambda g: g.identity)),
    )


# -- credentials -----------------------------------------------------------------------

# What the client constructors take and use besides the credentials, and `LOG`, whose
# environment variable (`<PREFIX>_LOG`) the debug log reads.
_CLIENT_NAMES = frozenset(
    {
        "self",
        "base_url",
        "timeout",
        "max_retries",
        "default_headers",
        "default_query",
        "http_client",
        "retry_non_idempotent",
        "log",
        "os",
        "httpx",
        "super",
    }
)


def _named_credentials(
    draft: Draft, record: NameRecord, given: list[ir.GivenName]
) -> tuple[ir.AuthScheme, ...]:
    """Each credential's constructor argument and environment variable. A credential
    keeps a recorded name that was either of the two its rules give it (its role's,
    `api_key`, or its scheme's, `app_key`)."""
    scope = Scope(record, given, reserved=_CLIENT_NAMES)

    def identity(scheme: ir.AuthScheme, credential: ir.Credential) -> str:
        return f"credential:{scheme.scheme_name} {credential.role}"

    # In the schemes' order (the configured one first, then by name): it decides who
    # keeps a plain name two want.
    pairs = [(s, c) for s in draft.schemes for c in s.credentials]
    names = scope.settle(
        [(identity(s, c), c.argument) for s, c in pairs],
        {
            identity(s, c): (c.role, derived_argument(s.scheme_name, s.kind, c.role))
            for s, c in pairs
        },
    )
    prefix = draft.package.env_prefix
    return tuple(
        dataclasses.replace(
            scheme,
            credentials=tuple(
                dataclasses.replace(
                    c,
                    argument=names[identity(scheme, c)],
                    env_var=f"{prefix}_{names[identity(scheme, c)].upper()}",
                )
                for c in scheme.credentials
            ),
        )
        for scheme in draft.schemes
    )


# -- resources -------------------------------------------------------------------------


def _resource_names(
    draft: Draft, record: NameRecord, given: list[ir.GivenName]
) -> list[tuple[str, str]]:
    """(attribute, class name) per draft resource, in draft order."""
    scope = Scope(record, given, reserved=naming.RESERVED_RESOURCE_NAMES)
    tags = sorted(r.tag for r in draft.resources)
    attributes = scope.settle([(f"resource:{tag}", naming.resource_name(tag)) for tag in tags])
    named = []
    for resource in draft.resources:
        attribute = attributes[f"resource:{resource.tag}"]
        # From the settled attribute: tags differing only in case (`Responses`,
        # `responses`) must not give two classes one name.
        named.append((attribute, f"{naming.class_name(attribute, 'Default')}Resource"))
    return named


# -- classes ---------------------------------------------------------------------------

Origin = tuple[str, str]
"""(JSON pointer, name hint) of a place, absolute."""


def _absolute_places(classes: Mapping[str, ClassEntry]) -> dict[str, list[Origin]]:
    """Every place of every class with its pointer and hint made absolute, best first."""
    found: dict[str, list[Origin]] = {}

    def places(key: str) -> list[Origin]:
        if key not in found:
            found[key] = []  # a class met again inside itself adds no place
            absolute: set[Origin] = set()
            for place in classes[key].places:
                absolute.update(_absolute(place, places))
            found[key] = sorted(absolute, key=_place_order)
        return found[key]

    for key in classes:
        places(key)
    return found


def _place_order(origin: Origin) -> tuple[int, str]:
    """Places a shape is named after, best first: the least nested (a response itself
    before the item of another's list), then by pointer."""
    return origin[0].count("/"), origin[0]


def _absolute(place: Place, places: Callable[[str], list[Origin]]) -> list[Origin]:
    if place.parent is None:
        return [(place.pointer, place.hint)]
    return [(pointer + place.pointer, hint + place.hint) for pointer, hint in places(place.parent)]


def _class_names(
    classes: Mapping[str, ClassEntry], places: Mapping[str, list[Origin]], scope: Scope
) -> tuple[dict[str, str], dict[str, str]]:
    """(class name, origin) by provisional key. Components claim their names first, in
    name order, then inline shapes in the order of where they first appear. A shape
    written in several places is named after the first, unless the package recorded a
    name for another of them, which it then keeps."""
    chosen: dict[str, tuple[str, str]] = {}  # key -> (identity, wanted)
    for key, entry in classes.items():
        if entry.definition is None:
            continue
        if entry.component is not None:
            pointer = places[key][0][0]
            chosen[key] = (f"class:{pointer}", naming.class_name(entry.component))
            continue
        candidates = [(f"class:{p}", naming.class_name(h)) for p, h in places[key]]
        chosen[key] = next((c for c in candidates if scope.recorded(c[0]) == c[1]), candidates[0])
    components = sorted(
        (k for k in chosen if classes[k].component is not None),
        key=lambda k: classes[k].component or "",
    )
    inline = sorted((k for k in chosen if classes[k].component is None), key=lambda k: chosen[k])
    names = scope.settle([chosen[k] for k in components + inline])
    return (
        {k: names[identity] for k, (identity, _) in chosen.items()},
        {k: identity.removeprefix("class:") for k, (identity, _) in chosen.items()},
    )


def _named_enum(
    enum: ir.Enum,
    name: str,
    origin: str,
    record: NameRecord,
    given: list[ir.GivenName],
) -> ir.Enum:
    scope = Scope(record, given)
    members = scope.settle(
        [(f"member:{origin} {json.dumps(m.value)}", m.name) for m in enum.members]
    )
    return dataclasses.replace(
        enum,
        class_name=name,
        origin=origin,
        members=tuple(
            dataclasses.replace(m, name=members[f"member:{origin} {json.dumps(m.value)}"])
            for m in enum.members
        ),
    )


class _Renamer:
    """Provisional class keys in types and defaults -> final class and member names."""

    def __init__(self, class_names: Mapping[str, str], enums: Mapping[str, ir.Enum]) -> None:
        self.class_names = class_names
        self.enums = enums

    def type(self, type_: t.Type) -> t.Type:
        return t.rename_classes(type_, self.class_names)

    def default(self, default: ir.Default | None) -> ir.Default | None:
        if default is None or default.enum is None:
            return default
        enum = self.enums[self.class_names[default.enum]]
        member = next(m.name for m in enum.members if m.value == default.value)
        return dataclasses.replace(default, enum=enum.class_name, member=member)

    def field(self, field: ir.Field) -> ir.Field:
        return dataclasses.replace(
            field, type=self.type(field.type), default=self.default(field.default)
        )

    def model(self, model: ir.Model, name: str, origin: str) -> ir.Model:
        return dataclasses.replace(
            model,
            class_name=name,
            origin=origin,
            fields=tuple(self.field(f) for f in model.fields),
        )


def _named_fields(model: ir.Model, record: NameRecord, given: list[ir.GivenName]) -> ir.Model:
    """A field named like a name its class's annotations use (`date: date | None`) would
    hide that name in the class body, where pydantic and mypy read the annotations."""
    used = frozenset().union(*(t.used_names(f.type) for f in model.fields))
    scope = Scope(record, given, reserved=naming.RESERVED_FIELD_NAMES | used)
    # A property whose wire name is already a good field name keeps it: models accept
    # fields by name as well as by wire name, so `aB` named `a_b` beside a property
    # `a_b` would take the other's value.
    ordered = sorted(model.fields, key=lambda f: (f.name != f.wire_name, f.wire_name))
    names = scope.settle(
        [(f"field:{model.origin} {f.wire_name}", _unhidden(f.name, used)) for f in ordered]
    )
    # Fields in name order: the order the spec lists properties in changes nothing (a
    # model's fields are keyword arguments, so their order is only how they read).
    return dataclasses.replace(
        model,
        fields=tuple(
            sorted(
                (
                    dataclasses.replace(f, name=names[f"field:{model.origin} {f.wire_name}"])
                    for f in model.fields
                ),
                key=lambda f: f.name,
            )
        ),
    )


def _unhidden(name: str, used: frozenset[str]) -> str:
    return f"{name}_" if name in used else name


# -- operations ------------------------------------------------------------------------


def _named_resource(
    draft: DraftResource,
    attribute: str,
    class_name: str,
    rename: _Renamer,
    models: Mapping[str, ir.Model],
    record: NameRecord,
    given: list[ir.GivenName],
) -> ir.Resource:
    operations = [_renamed_operation(op, rename, models) for op in draft.operations]
    method_names = _method_names(operations, attribute, record, given)
    named = []
    for op in operations:
        op = _named_arguments(dataclasses.replace(op, name=method_names[_id(op)]), record, given)
        named.append(dataclasses.replace(op, example_call=_example_call(attribute, op)))
    return ir.Resource(
        tag=draft.tag,
        attribute=attribute,
        class_name=class_name,
        async_class_name=f"Async{class_name}",
        raw_class_name=f"{class_name}WithRawResponse",
        async_raw_class_name=f"Async{class_name}WithRawResponse",
        module=attribute,
        description=draft.description,
        operations=tuple(sorted(named, key=lambda o: o.name)),
    )


def _id(op: ir.Operation) -> str:
    """What an operation is, whatever it is called: its method and path."""
    return f"{op.http_method.upper()} {op.path}"


def _renamed_operation(
    op: ir.Operation, rename: _Renamer, models: Mapping[str, ir.Model]
) -> ir.Operation:
    body = op.body
    if body is not None:
        model = rename.class_names.get(body.model) if body.model else None
        fields = tuple(rename.field(f) for f in body.fields)
        if model is not None:
            # Each argument takes its field's settled name (as an argument).
            final = {f.wire_name: f.name for f in models[model].fields}
            fields = tuple(
                dataclasses.replace(f, name=naming.argument_name(final[f.wire_name]))
                for f in fields
            )
        body = dataclasses.replace(body, type=rename.type(body.type), model=model, fields=fields)
    pagination = op.pagination
    if pagination is not None:
        pagination = dataclasses.replace(pagination, item_type=rename.type(pagination.item_type))
    return dataclasses.replace(
        op,
        parameters=tuple(
            dataclasses.replace(p, type=rename.type(p.type), default=rename.default(p.default))
            for p in op.parameters
        ),
        body=body,
        response=dataclasses.replace(
            op.response,
            type=rename.type(op.response.type),
            events=None if op.response.events is None else rename.type(op.response.events),
        ),
        pagination=pagination,
    )


def _method_names(
    operations: list[ir.Operation], resource: str, record: NameRecord, given: list[ir.GivenName]
) -> dict[str, str]:
    """Method name by operation id: short names (without the resource's words) where
    they stay unique within the resource, full ones where not; never a name the class
    body's annotations use. A method keeps a recorded name that was either of its two."""
    short = {
        _id(op): naming.method_name(op.operation_id, op.http_method, op.path, resource)
        for op in operations
    }
    full = {
        _id(op): naming.method_name(op.operation_id, op.http_method, op.path, "")
        for op in operations
    }
    counts = Counter(short.values())
    wanted = {i: short[i] if counts[short[i]] == 1 else full[i] for i in short}
    # Builtin types keep their method names: annotations then say `builtins.list`.
    used = (
        frozenset().union(*(t.used_names(type_) for op in operations for type_ in op.types))
        - t.BUILTIN_NAMES
    )
    # Each paginated method has an `<name>_iter` companion, which no method may take.
    companions = {f"{wanted[_id(op)]}_iter" for op in operations if op.pagination is not None}
    scope = Scope(record, given, reserved=naming.RESERVED_METHOD_NAMES | used | companions)
    names = scope.settle(
        [(f"method:{i}", _unhidden(wanted[i], used)) for i in sorted(wanted)],
        {f"method:{i}": (_unhidden(short[i], used), _unhidden(full[i], used)) for i in wanted},
    )
    return {i: names[f"method:{i}"] for i in wanted}


def _named_arguments(
    op: ir.Operation, record: NameRecord, given: list[ir.GivenName]
) -> ir.Operation:
    """Parameters and body-field arguments: unique in the method, never hiding a name the
    method's body uses (`list` where it says `cast_to=list[str]`)."""
    body_types = [op.response.type] + ([op.pagination.item_type] if op.pagination else [])
    body_types += [op.response.events] if op.response.events is not None else []
    used = frozenset().union(*(t.used_names(type_) for type_ in body_types))
    scope = Scope(record, given, reserved=naming.RESERVED_PARAMETER_NAMES | used)
    fields = op.body.fields if op.body is not None else ()
    wanted = [
        (f"argument:{_id(op)} {p.location}:{p.wire_name}", _unhidden(p.name, used))
        for p in op.parameters
    ] + [(f"argument:{_id(op)} body:{f.wire_name}", _unhidden(f.name, used)) for f in fields]
    names = scope.settle(wanted)
    parameters = tuple(
        dataclasses.replace(p, name=names[f"argument:{_id(op)} {p.location}:{p.wire_name}"])
        for p in op.parameters
    )
    body = op.body
    if body is not None:
        named = (
            dataclasses.replace(f, name=names[f"argument:{_id(op)} body:{f.wire_name}"])
            for f in fields
        )
        body = dataclasses.replace(body, fields=tuple(sorted(named, key=lambda f: f.name)))
    return dataclasses.replace(op, parameters=parameters, body=body)


def _example_call(resource: str, op: ir.Operation) -> str:
    args = [f"{p.name}={_example_value(p.type)}" for p in op.parameters if p.required]
    if op.body is not None:
        if op.body.fields:
            args += [f"{f.name}={_example_value(f.type)}" for f in op.body.fields if f.required]
        elif op.body.required:
            args.append(f"body={_example_value(op.body.type)}")
    return f"client.{resource}.{op.name}({', '.join(args)})"


_SAMPLES = {
    "str": '"string"',
    "int": "1",
    "float": "1.0",
    "bool": "True",
    "bytes": 'b"data"',
}


def _example_value(type_: t.Type) -> str:
    type_ = t.non_null(type_)
    if isinstance(type_, t.Primitive):
        return _SAMPLES.get(type_.name) or json.dumps(type_.name)
    if isinstance(type_, t.File):
        return 'open("file.bin", "rb")'
    if isinstance(type_, t.ListOf):
        return f"[{_example_value(type_.item)}]"
    if isinstance(type_, t.MapOf):
        return "{}"
    if isinstance(type_, t.LiteralOf):
        return t.literal_source(type_.values[0])
    return "..."
