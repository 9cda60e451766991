"""The API as the generated package presents it: resources, operations, models, enums.

Plain frozen dataclasses. Names are final (decided by the naming pass), types are
`generator.ir.types` nodes, and every value a template needs is a field or a computed
property here, so templates stay free of logic and of spec versions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Literal

from generator.ir.provenance import Provenance
from generator.ir.types import (
    AnyType,
    ListOf,
    MapOf,
    ModelRef,
    Type,
    Union,
    annotation,
    contains_file,
    nullable,
    walk,
)

DefaultValue = str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class Default:
    """A default the spec gives that fits its field's type: a scalar, or a list, a map or
    a model holding defaults of their own."""

    value: DefaultValue = None
    """The value of a scalar default."""
    enum: str | None = None
    """The enum class, when the value is one of its members."""
    member: str | None = None
    """That member's name."""
    parse: Literal["date", "datetime", "UUID"] | None = None
    """The class that parses the value, for dates, times and UUIDs written as strings."""
    items: tuple[Default, ...] | None = None
    """A list's items."""
    entries: tuple[tuple[str, Default], ...] | None = None
    """An object's keys and values: a map, or the data of `model`."""
    model: str | None = None
    """The model class `entries` (as on the wire) are validated into."""

    @property
    def mutable(self) -> bool:
        """A list, dict or model: each instance needs its own, made by a factory."""
        return self.items is not None or self.entries is not None

    @property
    def source(self) -> str:
        """The default as Python source."""
        if self.items is not None:
            return f"[{', '.join(item.source for item in self.items)}]"
        if self.entries is not None:
            pairs = ", ".join(
                f"{json.dumps(key, ensure_ascii=False)}: {value.source}"
                for key, value in self.entries
            )
            return f"{self.model}.model_validate({{{pairs}}})" if self.model else f"{{{pairs}}}"
        if self.enum is not None:
            return f"{self.enum}.{self.member}"
        if self.parse == "UUID":
            return f"UUID({json.dumps(self.value, ensure_ascii=False)})"
        if self.parse is not None:
            return f"{self.parse}.fromisoformat({json.dumps(self.value, ensure_ascii=False)})"
        return repr(self.value)


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    wire_name: str
    type: Type
    required: bool
    description: str | None = None
    default: Default | None = None
    deprecated: bool = False

    @property
    def alias(self) -> str | None:
        return self.wire_name if self.wire_name != self.name else None

    @property
    def declared_type(self) -> Type:
        """The type as declared: an optional field may be left out, so it may be None."""
        return self.type if self.required else nullable(self.type)

    @property
    def annotation(self) -> str:
        return annotation(self.declared_type)

    @property
    def default_source(self) -> str:
        """The default as Python source; an optional field without one defaults to None."""
        return self.default.source if self.default is not None else "None"

    @property
    def default_assignment(self) -> str:
        """What follows `=` in the class body: the default, or a factory that makes a
        fresh one for each instance when it is a list, dict or model."""
        if self.default is not None and self.default.mutable:
            return f"Field(default_factory=lambda: {self.default.source})"
        return self.default_source


@dataclass(frozen=True, slots=True)
class Model:
    class_name: str
    module: str
    description: str | None
    fields: tuple[Field, ...]
    origin: str = ""
    """Where the schema is written (a JSON pointer), or the first of the places an inline
    shape written several times appears: what the class's name was made from."""


EnumValue = str | int | float
EnumKind = Literal["str", "int", "float"]
ENUM_BASES: dict[EnumKind, str] = {
    "str": "OpenStrEnum",
    "int": "OpenIntEnum",
    "float": "OpenFloatEnum",
}
"""The runtime base class of each kind of enum; each accepts values it does not list."""


@dataclass(frozen=True, slots=True)
class EnumMember:
    name: str
    value: EnumValue
    """Of the enum's kind: a `float` enum's values are all floats."""


@dataclass(frozen=True, slots=True)
class Enum:
    class_name: str
    module: str
    description: str | None
    members: tuple[EnumMember, ...]
    origin: str = ""
    """As `Model.origin`."""
    documented_open: bool = False
    """The spec says the set is open (`etc.`); every enum accepts unknown values."""
    kind: EnumKind = "str"

    @property
    def base(self) -> str:
        return ENUM_BASES[self.kind]


# -- operations ------------------------------------------------------------------------

ParameterLocation = Literal["path", "query", "header", "cookie"]
ParameterStyle = Literal[
    "matrix", "label", "simple", "form", "spaceDelimited", "pipeDelimited", "deepObject"
]

DEFAULT_STYLES: dict[ParameterLocation, ParameterStyle] = {
    "path": "simple",
    "query": "form",
    "header": "simple",
    "cookie": "form",
}
"""Each location's style when the spec names none (the runtime assumes the same)."""

STYLES: dict[ParameterLocation, frozenset[ParameterStyle]] = {
    "path": frozenset({"simple", "label", "matrix"}),
    "query": frozenset({"form", "spaceDelimited", "pipeDelimited", "deepObject"}),
    "header": frozenset({"simple"}),
    "cookie": frozenset({"form"}),
}
"""The styles OpenAPI 3.1 defines for each location."""


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    wire_name: str
    location: ParameterLocation
    type: Type
    required: bool
    description: str | None = None
    default: Default | None = None
    explode: bool | None = None
    """Whether arrays and objects explode; None: the style's default (form's only)."""
    style: ParameterStyle | None = None
    """OpenAPI serialisation style, one of `STYLES[location]`; None: the location's."""
    deprecated: bool = False
    allow_reserved: bool = False
    """A query value's reserved characters (`/`, `:`, `,`...) are sent unencoded."""
    content_type: str | None = None
    """The JSON media type of a parameter given by `content`: sent as JSON text."""

    @property
    def declared_type(self) -> Type:
        return self.type if self.required else nullable(self.type)

    @property
    def annotation(self) -> str:
        return annotation(self.declared_type)

    @property
    def structured(self) -> bool:
        """Whether a value can be an array or an object, whose form depends on the style."""
        return any(isinstance(node, (ListOf, MapOf, ModelRef, AnyType)) for node in walk(self.type))

    @property
    def wire_style(self) -> tuple[ParameterStyle, bool]:
        """The style and explode flag in force, defaults filled in."""
        style = self.style or DEFAULT_STYLES[self.location]
        return style, style == "form" if self.explode is None else self.explode

    @property
    def styled(self) -> bool:
        """Whether the parameter is sent otherwise than its location's default style
        sends its values."""
        if self.allow_reserved or self.content_type is not None:
            return True
        if self.location != "path" and not self.structured:
            return False  # a scalar reads the same in every query, header or cookie style
        style, explode = self.wire_style
        return style != DEFAULT_STYLES[self.location] or explode != (style == "form")


BodyEncoding = Literal["json", "form", "multipart", "binary", "text"]


@dataclass(frozen=True, slots=True)
class Body:
    encoding: BodyEncoding
    media_type: str
    type: Type
    required: bool
    fields: tuple[Field, ...] = ()
    """The body's properties offered as keyword arguments (object bodies), each named as
    the argument is; empty otherwise."""
    model: str | None = None
    """The model class accepted as `body=` when the body is an object."""
    description: str | None = None

    @property
    def file_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if contains_file(f.type))

    @property
    def data_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if not contains_file(f.type))


ResponseKind = Literal["json", "binary", "sse", "text", "none", "redirect"]
"""What the method returns: a parsed body, a download, events, text, nothing, or (an
operation documented to answer only with redirects) the redirect, not followed."""


@dataclass(frozen=True, slots=True)
class Response:
    kind: ResponseKind
    type: Type
    status: str
    envelope: str | None = None
    description: str | None = None
    accept: str | None = None
    """The media types the method reads (its `Accept` header), where they are not what
    the kind implies: JSON's `application/json`, an event stream's, any for binary."""
    events: Type | None = None
    """The type of each event, when the body's `stream` flag turns the answer into an
    event stream (`text/event-stream` offered beside JSON, the OpenAI way)."""


@dataclass(frozen=True, slots=True)
class Pagination:
    style: Literal["offset", "page", "cursor", "start"]
    item_type: Type
    items_path: str | None
    """Dotted path to the list in the (unwrapped) response; None: the response is the list."""
    params: tuple[tuple[str, str], ...]
    """Keyword arguments of the runtime strategy, as (name, Python literal) pairs."""

    @property
    def strategy(self) -> str:
        """The runtime class that computes the next page's query."""
        return {
            "offset": "OffsetPagination",
            "page": "PagePagination",
            "cursor": "CursorPagination",
            "start": "StartPagination",
        }[self.style]

    @property
    def page_class(self) -> str:
        """The runtime page class of the sync client; the async one is `Async` + this."""
        return {
            "offset": "SyncOffsetPage",
            "page": "SyncPageNumberPage",
            "cursor": "SyncCursorPage",
            "start": "SyncStartPage",
        }[self.style]

    @property
    def async_page_class(self) -> str:
        return "Async" + self.page_class.removeprefix("Sync")


@dataclass(frozen=True, slots=True)
class Operation:
    name: str
    operation_id: str
    http_method: str
    path: str
    summary: str | None
    description: str | None
    parameters: tuple[Parameter, ...]
    body: Body | None
    response: Response
    deprecated: bool = False
    pagination: Pagination | None = None
    idempotency_header: str | None = None
    security: Security | None = None
    """The operation's own requirement where it differs from the API's (`()`: none)."""
    example_call: str = ""
    """A one-line example call with required arguments, for docs."""
    example_imports: tuple[str, ...] = ()
    """The import lines the example call's values need."""

    @property
    def types(self) -> tuple[Type, ...]:
        """Every type the operation's method mentions."""
        types = [p.type for p in self.parameters] + [self.response.type]
        if self.response.events is not None:
            types.append(self.response.events)
        if self.body is not None:
            types += [self.body.type, *(f.type for f in self.body.fields)]
        if self.pagination is not None:
            types.append(self.pagination.item_type)
        return tuple(types)

    @property
    def path_parameters(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == "path")

    def in_location(self, location: ParameterLocation) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == location)


@dataclass(frozen=True, slots=True)
class Resource:
    identity: str
    """What it groups, whatever it is called: its tag, else its first path segment, else
    (a nested collection) its path."""
    attribute: str
    path: tuple[str, ...]
    """The attributes that reach it from the client: (`projects`, `spaces`)."""
    class_name: str
    async_class_name: str
    raw_class_name: str
    """The class of `with_raw_response`, whose methods return the HTTP response."""
    async_raw_class_name: str
    module: str
    description: str
    operations: tuple[Operation, ...]
    children: tuple[Resource, ...] = ()
    """Its sub-resources, each an attribute of it (`client.projects.spaces`)."""

    @property
    def call(self) -> str:
        """What a caller types to reach it: `client.projects.spaces`."""
        return ".".join(("client", *self.path))

    @property
    def tree(self) -> tuple[Resource, ...]:
        """It and every resource below it, parents first."""
        return (self, *(r for child in self.children for r in child.tree))


# -- the API ---------------------------------------------------------------------------

AuthKind = Literal["api_key", "bearer", "basic", "oauth2_password"]
AuthClass = Literal["ApiKeyAuth", "BearerAuth", "BasicAuth", "OAuth2PasswordAuth"]

Requirement = tuple[str, ...]
"""The security schemes one requirement combines: every one of them is sent."""
Security = tuple[Requirement, ...]
"""Alternative requirements, in the spec's order; `()` needs no credential at all, and an
empty requirement among them makes credentials optional."""


@dataclass(frozen=True, slots=True)
class Credential:
    """One credential the client's constructor takes."""

    argument: str
    """The keyword argument (`api_key`, `username`, `app_key`)."""
    env_var: str
    """The environment variable read when the argument is not given."""
    role: str
    """What it is to its scheme's runtime class (`api_key`, `username`, `password`,
    `client_id`, `client_secret`): the name it has when no other scheme wants it."""

    @property
    def optional(self) -> bool:
        """The scheme works without it (an OAuth2 client id and secret)."""
        return self.role in ("client_id", "client_secret")


@dataclass(frozen=True, slots=True)
class AuthScheme:
    """A security scheme the client takes credentials for."""

    kind: AuthKind
    scheme_name: str
    """The scheme's name in the spec, which requirements refer to."""
    runtime_class: AuthClass
    """The runtime class that puts the credentials on a request."""
    credentials: tuple[Credential, ...]
    location: Literal["header", "query", "cookie"] = "header"
    parameter: str | None = None
    """Wire name of the key for api_key auth."""
    prefix: str = ""
    token_url: str | None = None
    description: str | None = None

    def credential(self, role: str) -> Credential:
        return next(c for c in self.credentials if c.role == role)


@dataclass(frozen=True, slots=True)
class Package:
    name: str
    """Import and distribution name."""
    version: str
    title: str
    description: str | None
    client_class: str
    async_client_class: str
    env_prefix: str
    base_url: str
    api_version: str

    @property
    def api_name(self) -> str:
        """The title fit for "the ... API" (`Eddytor API` -> `Eddytor`)."""
        name = self.title.strip()
        for suffix in (" API", " Api", " api"):
            name = name.removesuffix(suffix)
        return name or self.title


@dataclass(frozen=True, slots=True)
class GivenName:
    """A name the naming pass gave, recorded in the package so a later generation can
    keep it (see `generator.building.names`)."""

    identity: str
    """What the name stands for, independent of names: `method:GET /pets`,
    `class:#/components/schemas/Pet`, `field:#/components/schemas/Pet name`..."""
    name: str
    wanted: str
    """The name the rules asked for; it differs from `name` after a collision."""


@dataclass(frozen=True, slots=True)
class Api:
    package: Package
    schemes: tuple[AuthScheme, ...]
    """The security schemes the client takes credentials for, by scheme name."""
    security: Security
    """The requirement of every operation that declares none of its own."""
    resources: tuple[Resource, ...]
    """The client's resources; each holds its sub-resources."""
    models: tuple[Model, ...]
    enums: tuple[Enum, ...]
    model_modules: tuple[tuple[str, tuple[str, ...]], ...]
    """Module name -> the classes it defines; mutually recursive models share a module."""
    webhook_events: tuple[str, ...] = ()
    components: tuple[tuple[str, Type], ...] = ()
    """What each component schema became, by schema name."""
    given_names: tuple[GivenName, ...] = ()
    credential_names: tuple[str, ...] = ()
    """Lower-cased header, query and cookie names that any security scheme of the spec
    gives a credential, whether the client uses it or not: the debug log redacts them."""
    provenance: Provenance = field(default_factory=Provenance)
    """What the package states beyond its source and leaves out of it."""

    @property
    def credentials(self) -> tuple[Credential, ...]:
        """Every credential the constructors take, scheme by scheme."""
        return tuple(c for scheme in self.schemes for c in scheme.credentials)

    @property
    def every_resource(self) -> tuple[Resource, ...]:
        """Every resource, sub-resources included, each after its parent."""
        return tuple(r for top in self.resources for r in top.tree)

    @property
    def operation_count(self) -> int:
        return sum(len(r.operations) for r in self.every_resource)

    @property
    def uses_discriminators(self) -> bool:
        """Some type is a tagged union, so the package needs its `_unions` module."""
        types = [f.type for m in self.models for f in m.fields]
        types += [type_ for r in self.every_resource for op in r.operations for type_ in op.types]
        return any(
            isinstance(node, Union) and node.discriminator is not None
            for type_ in types
            for node in walk(type_)
        )
