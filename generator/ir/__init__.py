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
    AuthClass,
    AuthKind,
    AuthScheme,
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
    Requirement,
    Resource,
    Response,
    ResponseKind,
    Security,
)
from generator.ir.provenance import WEBHOOKS, Disclosed, Provenance

__all__ = [
    "DEFAULT_STYLES",
    "STYLES",
    "WEBHOOKS",
    "Api",
    "AuthClass",
    "AuthKind",
    "AuthScheme",
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
    "Requirement",
    "Resource",
    "Response",
    "ResponseKind",
    "Security",
    "types",
]
