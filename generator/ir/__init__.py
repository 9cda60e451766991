"""The intermediate model: what the templates render, and nothing about where it came from.

Plain frozen dataclasses. Names are final (decided by `naming`), types are resolved,
and every value a template needs is a field or a computed property here, so templates
stay free of logic and of spec versions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# -- types -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TypeRef:
    """A Python type annotation, with what it needs imported."""

    annotation: str
    models: frozenset[str] = frozenset()
    """Class names of models and enums the annotation mentions."""
    imports: frozenset[str] = frozenset()
    """Standard imports it needs, as `module:name` (`datetime:datetime`)."""
    is_none: bool = False
    nullable: bool = False
    is_model: bool = False
    """A single model class: parse with its own `model_validate_json`."""
    item: TypeRef | None = None
    """The element type when this is a list."""
    is_class: bool = False
    """mypy reads the annotation as an expression of type `type[T]` (a class or a
    generic alias), so it can be passed as `cast_to` without a cast."""

    @property
    def or_none(self) -> str:
        return self.annotation if self.nullable or self.is_none else f"{self.annotation} | None"


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    wire_name: str
    type: TypeRef
    required: bool
    description: str | None = None
    default: str | None = None
    """Python source of the default value, when the spec gives one."""
    deprecated: bool = False

    @property
    def alias(self) -> str | None:
        return self.wire_name if self.wire_name != self.name else None

    @property
    def annotation(self) -> str:
        return self.type.annotation if self.required else self.type.or_none


@dataclass(frozen=True, slots=True)
class Model:
    class_name: str
    module: str
    description: str | None
    fields: tuple[Field, ...]
    extra_type: TypeRef | None = None
    """Type of additional properties when the spec constrains them."""


@dataclass(frozen=True, slots=True)
class EnumMember:
    name: str
    value: str


@dataclass(frozen=True, slots=True)
class Enum:
    class_name: str
    module: str
    description: str | None
    members: tuple[EnumMember, ...]
    documented_open: bool = False
    """The spec says the set is open (`etc.`); every string enum accepts unknown values."""


# -- operations ------------------------------------------------------------------------

ParameterLocation = Literal["path", "query", "header", "cookie"]


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str
    wire_name: str
    location: ParameterLocation
    type: TypeRef
    required: bool
    description: str | None = None
    default: str | None = None
    explode: bool = True
    style: str = "form"
    """OpenAPI serialisation style: form, simple, label, spaceDelimited, pipeDelimited..."""
    deprecated: bool = False

    @property
    def annotation(self) -> str:
        return self.type.annotation if self.required else self.type.or_none


BodyEncoding = Literal["json", "form", "multipart", "binary", "text"]


@dataclass(frozen=True, slots=True)
class Body:
    encoding: BodyEncoding
    media_type: str
    type: TypeRef
    required: bool
    fields: tuple[Field, ...] = ()
    """Fields offered as keyword arguments (object bodies); empty otherwise."""
    model: str | None = None
    """The model class accepted as `body=` when the body is an object."""
    description: str | None = None

    @property
    def file_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if "FileTypes" in f.type.annotation)

    @property
    def data_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if "FileTypes" not in f.type.annotation)


ResponseKind = Literal["json", "binary", "sse", "text", "none"]


@dataclass(frozen=True, slots=True)
class Response:
    kind: ResponseKind
    type: TypeRef
    status: str
    envelope: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class Pagination:
    style: Literal["offset", "page", "cursor", "start"]
    item_type: TypeRef
    items_path: str | None
    """Dotted path to the list in the (unwrapped) response; None: the response is the list."""
    params: tuple[tuple[str, str], ...]
    """Keyword arguments of the runtime strategy, as (name, Python literal) pairs."""

    @property
    def strategy(self) -> str:
        return {
            "offset": "OffsetPagination",
            "page": "PagePagination",
            "cursor": "CursorPagination",
            "start": "StartPagination",
        }[self.style]


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
    example_call: str = ""
    """A one-line example call with required arguments, for docs."""

    @property
    def types(self) -> tuple[TypeRef, ...]:
        """Every type the operation's method mentions."""
        types = [p.type for p in self.parameters] + [self.response.type]
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
    attribute: str
    class_name: str
    module: str
    description: str
    operations: tuple[Operation, ...]

    @property
    def models(self) -> frozenset[str]:
        names: set[str] = set()
        for op in self.operations:
            names.update(*(t.models for t in op.types))
            if op.body is not None and op.body.model:
                names.add(op.body.model)
        return frozenset(names)


# -- the API ---------------------------------------------------------------------------

AuthKind = Literal["api_key", "bearer", "basic", "oauth2_password"]


@dataclass(frozen=True, slots=True)
class Auth:
    kind: AuthKind
    scheme_name: str
    location: Literal["header", "query", "cookie"] = "header"
    parameter: str | None = None
    """Wire name of the key for api_key auth."""
    prefix: str = ""
    token_url: str | None = None
    description: str | None = None


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
class Api:
    package: Package
    auth: Auth | None
    resources: tuple[Resource, ...]
    models: tuple[Model, ...]
    enums: tuple[Enum, ...]
    model_modules: tuple[tuple[str, tuple[str, ...]], ...]
    """Module name -> the classes it defines; mutually recursive models share a module."""
    webhook_events: tuple[str, ...] = ()
    uses_discriminators: bool = False

    @property
    def operation_count(self) -> int:
        return sum(len(r.operations) for r in self.resources)
