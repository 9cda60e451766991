"""The IR: the one contract between building and everything after it.

`generator.ir.types` holds the type nodes; `generator.ir.api` the API made of them;
`generator.ir.provenance` what the API states beyond its source. All are immutable;
every name in them is final.
"""

from generator.ir import types
from generator.ir.api import (
    ENUM_BASES,
    Api,
    Auth,
    AuthClass,
    AuthKind,
    Body,
    BodyEncoding,
    Credential,
    Default,
    Enum,
    EnumKind,
    EnumMember,
    EnumValue,
    Field,
    GivenName,
    Model,
    Operation,
    Package,
    Pagination,
    Parameter,
    ParameterLocation,
    Resource,
    Response,
    ResponseKind,
)
from generator.ir.provenance import WEBHOOKS, Disclosed, Provenance

__all__ = [
    "ENUM_BASES",
    "WEBHOOKS",
    "Api",
    "Auth",
    "AuthClass",
    "AuthKind",
    "Body",
    "BodyEncoding",
    "Credential",
    "Default",
    "Disclosed",
    "Enum",
    "EnumKind",
    "EnumMember",
    "EnumValue",
    "Field",
    "GivenName",
    "Model",
    "Operation",
    "Package",
    "Pagination",
    "Parameter",
    "ParameterLocation",
    "Provenance",
    "Resource",
    "Response",
    "ResponseKind",
    "types",
]
