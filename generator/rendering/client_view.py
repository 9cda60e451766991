"""The client constructor's credential arguments and the auth object it builds."""

from __future__ import annotations

from dataclasses import dataclass

from generator import ir
from generator.rendering.literals import py_string


@dataclass(frozen=True)
class ClientView:
    auth_class: str | None
    credential_params: tuple[str, ...]
    credential_env: tuple[tuple[str, str], ...]
    """(argument, environment variable) pairs read when the argument is not given."""
    auth_expression: str
    env_doc: str


def client_view(api: ir.Api) -> ClientView:
    auth = api.auth
    base_env = f"`{api.package.env_prefix}_BASE_URL`"
    if auth is None:
        return ClientView(None, (), (), "None", base_env)
    params = tuple(c.argument for c in auth.credentials)
    env = tuple((c.argument, c.env_var) for c in auth.credentials)
    guard = " and ".join(f"{p} is not None" for p in params[:2])
    doc = ", ".join(f"`{c.env_var}`" for c in auth.credentials) + f", {base_env}"
    # Parenthesised: black and ruff then wrap the keyword argument the same way.
    return ClientView(
        auth.runtime_class, params, env, f"({_construction(auth)} if {guard} else None)", doc
    )


def _construction(auth: ir.Auth) -> str:
    """The call that builds the runtime auth object from the constructor's arguments."""
    if auth.runtime_class == "BearerAuth":
        return "BearerAuth(api_key)"
    if auth.runtime_class == "BasicAuth":
        return "BasicAuth(username, password)"
    if auth.runtime_class == "OAuth2PasswordAuth":
        return (
            f"OAuth2PasswordAuth({py_string(auth.token_url or '')}, username, password, "
            "client_id=client_id, client_secret=client_secret)"
        )
    parameter = auth.parameter or "Authorization"
    return (
        f"ApiKeyAuth({py_string(parameter)}, {py_string(auth.location)}, api_key, "
        f"prefix={py_string(auth.prefix)})"
    )
