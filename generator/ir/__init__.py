"""The IR: the one contract between building and everything after it.

`generator.ir.types` holds the type nodes; `generator.ir.api` the API made of them;
`generator.ir.provenance` what the API states beyond its source. All are immutable;
every name in them is final.
"""

from generator.ir import types
from generator.ir.api import (
    DEFAULT_STYLES,
    STYLES,
    Api,
    Auth,
    AuthClass,
    AuthKind,
    Body,
    BodyEncoding,
    Credential,
    Default,
    Enum,
    EnumMember,
    Field,
    GivenName,
    Model,
    Operation,
    Package,
    Pagination,
    Parameter,
    ParameterLocation,
    ParameterStyle,
    Resource,
    Response,
    ResponseKind,
)
from generator.ir.provenance import WEBHOOKS, Disclosed, Provenance

__all__ = [
    "DEFAULT_STYLES",
    "STYLES",
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
    "EnumMember",
    "Field",
    "GivenName",
    "Model",
    "Operation",
    "Package",
    "Pagination",
    "Parameter",
    "ParameterLocation",
    "ParameterStyle",
    "Provenance",
    "Resource",
    "Response",
    "ResponseKind",
    "types",
]
