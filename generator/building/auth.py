"""The security scheme the client's credential feeds, and the names every scheme gives
its credential."""

from __future__ import annotations

from typing import Any

from generator import ir
from generator.config import AuthConfig
from generator.diagnostics import Diagnostics, SpecError


def choose_auth(
    document: dict[str, Any],
    config: AuthConfig,
    env_prefix: str,
    location: str,
    diagnostics: Diagnostics,
) -> ir.Auth | None:
    """The scheme the client's credentials feed, the runtime class that sends them, and
    the constructor arguments (with their environment variables) that carry them."""
    schemes = document.get("components", {}).get("securitySchemes") or {}
    if not schemes:
        return None
    if config.scheme is not None:
        if config.scheme not in schemes:
            raise SpecError(
                f"{location} (sdk.toml [auth] scheme)",
                f"no security scheme named {config.scheme!r} (have: {', '.join(sorted(schemes))})",
            )
        name = config.scheme
    else:
        name = _first_used(document, schemes)
    scheme = schemes[name]
    if isinstance(scheme, dict) and "$ref" in scheme:
        diagnostics.warn(location, f"security scheme {name!r} is a reference", "ignored")
        return None
    return _auth(name, scheme, config, env_prefix, location, diagnostics)


def credential_names(document: dict[str, Any]) -> tuple[str, ...]:
    """The parameter names of every `apiKey` security scheme, lower-cased and sorted: a
    spec may call a credential anything (`X-Customer`, `sig`), and a caller may send one
    the client does not manage through `extra_headers` or `extra_query`. Other kinds
    travel in `Authorization`, which is always redacted."""
    schemes = (document.get("components") or {}).get("securitySchemes") or {}
    return tuple(
        sorted(
            {
                scheme["name"].lower()
                for scheme in schemes.values()
                if isinstance(scheme, dict)
                and scheme.get("type") == "apiKey"
                and isinstance(scheme.get("name"), str)
                and scheme["name"]
            }
        )
    )


def _first_used(document: dict[str, Any], schemes: dict[str, Any]) -> str:
    requirements = list(document.get("security") or [])
    for item in (document.get("paths") or {}).values():
        for op in item.values() if isinstance(item, dict) else ():
            if isinstance(op, dict):
                requirements.extend(op.get("security") or [])
    for requirement in requirements:
        for name in requirement if isinstance(requirement, dict) else ():
            if name in schemes:
                return str(name)
    return str(next(iter(schemes)))


def _auth(
    name: str,
    scheme: dict[str, Any],
    config: AuthConfig,
    env_prefix: str,
    location: str,
    diagnostics: Diagnostics,
) -> ir.Auth | None:
    kind = scheme.get("type")
    description = scheme.get("description")

    def credentials(*arguments: str) -> tuple[ir.Credential, ...]:
        return tuple(ir.Credential(a, f"{env_prefix}_{a.upper()}") for a in arguments)

    if kind == "apiKey":
        return ir.Auth(
            "api_key",
            name,
            "ApiKeyAuth",
            credentials("api_key"),
            location=scheme.get("in", "header"),
            parameter=scheme.get("name"),
            prefix=config.prefix or "",
            description=description,
        )
    if kind == "http" and str(scheme.get("scheme", "")).lower() == "basic":
        return ir.Auth(
            "basic", name, "BasicAuth", credentials("username", "password"), description=description
        )
    if kind == "oauth2" and "password" in (scheme.get("flows") or {}):
        token_url = scheme["flows"]["password"].get("tokenUrl", "")
        return ir.Auth(
            "oauth2_password",
            name,
            "OAuth2PasswordAuth",
            credentials("username", "password", "client_id", "client_secret"),
            token_url=token_url,
            description=description,
        )
    if kind in ("http", "oauth2", "openIdConnect"):
        if kind != "http":
            diagnostics.note(
                location,
                f"security scheme {name!r} ({kind}) has no password flow",
                "the client takes an access token",
            )
        prefix = config.prefix if config.prefix is not None else "Bearer "
        # The runtime's BearerAuth writes `Bearer <token>`; any other prefix is a key.
        runtime_class: ir.AuthClass = "BearerAuth" if prefix == "Bearer " else "ApiKeyAuth"
        return ir.Auth(
            "bearer",
            name,
            runtime_class,
            credentials("api_key"),
            prefix=prefix,
            description=description,
        )
    diagnostics.warn(
        location,
        f"security scheme {name!r} of type {kind!r} is not supported",
        "client sends no credentials",
    )
    return None
