"""The client constructor's credential arguments and the credentials object it builds."""

from __future__ import annotations

from dataclasses import dataclass

from generator import ir
from generator.rendering.literals import py_string, security_literal


@dataclass(frozen=True)
class SchemeView:
    name: str
    """The scheme's name in the spec."""
    arguments: tuple[str, ...]


@dataclass(frozen=True)
class ClientView:
    auth_imports: str | None
    """The runtime auth classes the client module imports."""
    credential_params: tuple[str, ...]
    credential_reads: tuple[tuple[str, str, bool], ...]
    """(argument, environment variable read when it is not given, whether it is sent in
    an HTTP header) for each credential."""
    auth_expression: str
    env_doc: str
    schemes: tuple[SchemeView, ...]


def client_view(api: ir.Api) -> ClientView:
    base_env = f"`{api.package.env_prefix}_BASE_URL`"
    credentials = api.credentials
    if not credentials:
        return ClientView(None, (), (), "None", base_env, ())
    classes = sorted({s.runtime_class for s in api.schemes} | {"Credentials", "read_credential"})
    by_scheme = ", ".join(
        f"{py_string(s.scheme_name)}: ({_construction(s)} if {_guard(s)} else None)"
        for s in api.schemes
    )
    return ClientView(
        ", ".join(classes),
        tuple(c.argument for c in credentials),
        tuple((c.argument, c.env_var, c.argument in _header_arguments(api)) for c in credentials),
        f"Credentials({{{by_scheme}}}, security={security_literal(api.security)})",
        ", ".join(f"`{c.env_var}`" for c in credentials) + f", {base_env}",
        tuple(
            SchemeView(s.scheme_name, tuple(c.argument for c in s.credentials)) for s in api.schemes
        ),
    )


def _header_arguments(api: ir.Api) -> frozenset[str]:
    """The credential arguments some scheme sends in a header (a cookie is one too); a
    header cannot carry a line break or, in httpx, a non-ASCII character."""
    return frozenset(
        c.argument
        for s in api.schemes
        if s.runtime_class == "BearerAuth"
        or (s.runtime_class == "ApiKeyAuth" and s.location != "query")
        for c in s.credentials
    )


def _guard(scheme: ir.AuthScheme) -> str:
    """The scheme is usable when its credentials are given (an OAuth2 client id and
    secret may be left out)."""
    return " and ".join(f"{c.argument} is not None" for c in scheme.credentials if not c.optional)


def _construction(scheme: ir.AuthScheme) -> str:
    """The call that builds the scheme's runtime auth object from the constructor's
    arguments."""
    if scheme.runtime_class == "BearerAuth":
        return f"BearerAuth({scheme.credential('api_key').argument})"
    if scheme.runtime_class == "BasicAuth":
        username, password = (scheme.credential(r).argument for r in ("username", "password"))
        return f"BasicAuth({username}, {password})"
    if scheme.runtime_class == "OAuth2PasswordAuth":
        a = {c.role: c.argument for c in scheme.credentials}
        return (
            f"OAuth2PasswordAuth({py_string(scheme.token_url or '')}, {a['username']}, "
            f"{a['password']}, client_id={a['client_id']}, client_secret={a['client_secret']})"
        )
    parameter = scheme.parameter or "Authorization"
    return (
        f"ApiKeyAuth({py_string(parameter)}, {py_string(scheme.location)}, "
        f"{scheme.credential('api_key').argument}, prefix={py_string(scheme.prefix)})"
    )
