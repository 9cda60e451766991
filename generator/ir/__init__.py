"""The IR: the one contract between building and everything after it.

`generator.ir.types` holds the type nodes; `generator.ir.api` the API made of them. Both
are immutable; every name in them is final.
"""

from generator.ir import types
from generator.ir.api import (
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
    Resource,
    Response,
    ResponseKind,
)

__all__ = [
    "Api",
    "Auth",
    "AuthClass",
    "AuthKind",
    "Body",
    "BodyEncoding",
    "Credential",
    "Default",
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
    "Resource",
    "Response",
    "ResponseKind",
    "types",
]
