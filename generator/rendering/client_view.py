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
    prefix = api.package.env_prefix
    auth = api.auth
    base_env = f"`{prefix}_BASE_URL`"
    if auth is None:
        return ClientView(None, (), (), "None", base_env)
    if auth.kind == "api_key":
        params: tuple[str, ...] = ("api_key",)
        expression = (
            f"ApiKeyAuth({py_string(auth.parameter or 'Authorization')}, "
            f"{py_string(auth.location)}, api_key, prefix={py_string(auth.prefix)})"
        )
        cls = "ApiKeyAuth"
    elif auth.kind == "bearer":
        params = ("api_key",)
        expression = (
            "BearerAuth(api_key)"
            if auth.prefix == "Bearer "
            else (
                f'ApiKeyAuth("Authorization", "header", api_key, prefix={py_string(auth.prefix)})'
            )
        )
        cls = "BearerAuth" if auth.prefix == "Bearer " else "ApiKeyAuth"
    elif auth.kind == "basic":
        params = ("username", "password")
        expression = "BasicAuth(username, password)"
        cls = "BasicAuth"
    else:
        params = ("username", "password", "client_id", "client_secret")
        expression = (
            f"OAuth2PasswordAuth({py_string(auth.token_url or '')}, username, password, "
            "client_id=client_id, client_secret=client_secret)"
        )
        cls = "OAuth2PasswordAuth"
    guard = " and ".join(f"{p} is not None" for p in params[:2])
    env = tuple((p, f"{prefix}_{p.upper()}") for p in params)
    doc = ", ".join(f"`{name}`" for _, name in env) + f", {base_env}"
    # Parenthesised: black and ruff then wrap the keyword argument the same way.
    return ClientView(cls, params, env, f"({expression} if {guard} else None)", doc)
