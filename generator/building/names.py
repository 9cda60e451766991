"""The naming pass: every name the generated package exposes, decided in one place.

The builder leaves classes under provisional keys and every other name as the rules of
`naming` want it. This pass settles each scope (the package's classes, the client's
resources and their sub-resources, a resource's methods, a method's arguments, a
model's fields, an enum's members) with one collision check, `Scope.settle` (see
`generator.building.scope`); resources and methods are named in `resource_names`.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from generator import ir
from generator.building import naming
from generator.building.auth import derived_argument
from generator.building.edits import replaced
from generator.building.examples import Examples
from generator.building.modules import group_modules
from generator.building.resource_names import Renamer, name_resources, resource_places
from generator.building.resources import DraftResource
from generator.building.schemas import ClassEntry, Place
from generator.building.scope import NameRecord, Scope, numbered_class, unhidden
from generator.ir import types as t


@dataclass(frozen=True)
class AskedNames:
    """Names an overlay (`x-sdkgen-name`) or sdk.toml (`[names]`) asks for."""

    methods: Mapping[str, str] = field(default_factory=dict)
    """By operation: `GET /items/{id}`."""
    resources: Mapping[str, str] = field(default_factory=dict)
    """By what a resource groups: its tag, path segment or collection path."""
    classes: Mapping[str, str] = field(default_factory=dict)
    """By component schema name."""


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
    asked: AskedNames = AskedNames()


# Runtime names the generated modules import beside the API's own classes: a model named
# like one would replace it where both are imported (tests/building/test_reserved_names.py
# keeps this list in step with the runtime).
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
        "SyncOffsetPage",
        "AsyncOffsetPage",
        "SyncPageNumberPage",
        "AsyncPageNumberPage",
        "SyncCursorPage",
        "AsyncCursorPage",
        "SyncStartPage",
        "AsyncStartPage",
        "OpenStrEnum",
        "OpenIntEnum",
        "OpenFloatEnum",
        "UnknownVariant",
        "UNKNOWN_TAG",
        "Param",
        "Redirect",
        "given",
        "files_of",
        "discriminator_of",
        "is_object",
        "is_array",
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
        "InvalidParameterError",
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
    places = resource_places(draft.resources, draft.asked.resources, record, given)
    class_scope = Scope(
        record,
        given,
        reserved={
            draft.package.client_class,
            draft.package.async_client_class,
            *PACKAGE_NAMES,
            *naming.RESERVED_CLASS_NAMES,
            *(
                f"{prefix}{place.class_name}{suffix}"
                for place in places.values()
                for prefix in ("", "Async")
                for suffix in ("", "WithRawResponse")
            ),
        },
        numbered=numbered_class,
    )
    class_places = _absolute_places(draft.classes)
    class_names, origins = _class_names(
        draft.classes, class_places, class_scope, draft.asked.classes
    )
    enums = [
        _named_enum(entry.definition, class_names[key], origins[key], record, given)
        for key, entry in draft.classes.items()
        if isinstance(entry.definition, ir.Enum)
    ]
    rename = Renamer(class_names, {e.class_name: e for e in enums})
    models = [
        _named_fields(rename.model(entry.definition, class_names[key], origins[key]), record, given)
        for key, entry in draft.classes.items()
        if isinstance(entry.definition, ir.Model)
    ]
    resources = name_resources(
        draft.resources,
        places,
        rename,
        {m.class_name: m for m in models},
        draft.asked.methods,
        record,
        given,
        Examples(
            draft.package.name,
            {m.class_name: m for m in models},
            {e.class_name: e for e in enums},
        ),
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
        resources=resources,
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


# -- classes ---------------------------------------------------------------------------

Origin = tuple[str, str]
"""(JSON pointer, name hint) of a place, absolute."""


def _absolute_places(classes: Mapping[str, ClassEntry]) -> dict[str, list[Origin]]:
    """Every place of every class with its pointer and hint made absolute, best first.

    A class's places are made from its parents' (each parent first, depth first), with a
    stack of its own: an inline shape nested in many others never nears the recursion
    limit. A class met again inside itself adds no place."""
    found: dict[str, list[Origin]] = {}
    for root in classes:
        if root in found:
            continue
        found[root] = []
        stack = [(root, _parents(classes[root]))]
        while stack:
            key, parents = stack[-1]
            parent = next(parents, None)
            if parent is not None:
                if parent not in found:
                    found[parent] = []
                    stack.append((parent, _parents(classes[parent])))
                continue
            stack.pop()
            absolute = {
                origin for place in classes[key].places for origin in _absolute(place, found)
            }
            found[key] = sorted(absolute, key=_place_order)
    return found


def _parents(entry: ClassEntry) -> Iterator[str]:
    return (place.parent for place in entry.places if place.parent is not None)


def _place_order(origin: Origin) -> tuple[int, str]:
    """Places a shape is named after, best first: the least nested (a response itself
    before the item of another's list), then by pointer."""
    return origin[0].count("/"), origin[0]


def _absolute(place: Place, found: Mapping[str, list[Origin]]) -> list[Origin]:
    if place.parent is None:
        return [(place.pointer, place.hint)]
    return [(pointer + place.pointer, hint + place.hint) for pointer, hint in found[place.parent]]


def _class_names(
    classes: Mapping[str, ClassEntry],
    places: Mapping[str, list[Origin]],
    scope: Scope,
    asked: Mapping[str, str],
) -> tuple[dict[str, str], dict[str, str]]:
    """(class name, origin) by provisional key. Components claim their names first (the
    one `asked` for them, else their own), in name order, then inline shapes in the
    order of where they first appear. A shape written in several places is named after
    the first, unless the package recorded a name for another of them, which it then
    keeps."""
    chosen: dict[str, tuple[str, str]] = {}  # key -> (identity, wanted)
    for key, entry in classes.items():
        if entry.definition is None:
            continue
        if entry.component is not None:
            pointer = places[key][0][0]
            name = asked.get(entry.component, entry.component)
            chosen[key] = (f"class:{pointer}", naming.class_name(name))
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
            replaced(m, name=members[f"member:{origin} {json.dumps(m.value)}"])
            for m in enum.members
        ),
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
        [(f"field:{model.origin} {f.wire_name}", unhidden(f.name, used)) for f in ordered]
    )
    # Fields in name order: the order the spec lists properties in changes nothing (a
    # model's fields are keyword arguments, so their order is only how they read).
    return dataclasses.replace(
        model,
        fields=tuple(
            sorted(
                (
                    replaced(f, name=names[f"field:{model.origin} {f.wire_name}"])
                    for f in model.fields
                ),
                key=lambda f: f.name,
            )
        ),
    )
