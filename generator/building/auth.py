"""Security as the spec declares it: the schemes the client takes credentials for, the
requirement each operation makes of them, and the names every scheme gives its
credential.

A requirement lists alternatives, each combining schemes (`[{apiKey: [], appKey: []}]`:
both keys on every request). The client takes a credential for every supported scheme
some requirement names; per request, the runtime sends the first alternative whose
credentials the client holds. A document whose requirements name no scheme at all keeps
the behaviour such specs always had here, disclosed: one scheme (`sdk.toml [auth]
scheme`, else the first defined) goes with every request.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from generator import ir
from generator.building import naming
from generator.config import AuthConfig
from generator.diagnostics import Diagnostics, Disclosure, SpecError, pointer
from generator.openapi import HTTP_METHODS

# Words a scheme's name often ends with that say nothing about its credential.
_SCHEME_WORDS = frozenset({"auth", "authentication", "authorization", "scheme", "security"})


@dataclass(frozen=True)
class SecurityPlan:
    """The document's security as the builder needs it: the schemes, their credentials
    named as the rules want (the naming pass settles them), the API's requirement, and
    each operation's own where it differs."""

    schemes: tuple[ir.AuthScheme, ...]
    default: ir.Security
    operations: dict[tuple[str, str], ir.Security] = field(default_factory=dict)
    """(path, method) -> the operation's requirement, where it differs from `default`."""

    def of(self, path: str, http_method: str) -> ir.Security | None:
        return self.operations.get((path, http_method))


def plan_security(
    document: dict[str, Any], config: AuthConfig, location: str, diagnostics: Diagnostics
) -> SecurityPlan:
    defined = (document.get("components") or {}).get("securitySchemes") or {}
    if not isinstance(defined, dict):
        defined = {}
    if config.scheme is not None and config.scheme not in defined:
        raise SpecError(
            f"{location} (sdk.toml [auth] scheme)",
            f"no security scheme named {config.scheme!r} (have: {', '.join(sorted(defined))})",
        )
    schemes = _Schemes(defined, location, diagnostics)
    read = {
        key: schemes.security(value, where) for key, where, value in _declared(document, location)
    }
    default = read.pop(None, ())
    named = [name for security in (default, *read.values()) for r in security for name in r]
    if not named:
        return _without_requirements(defined, schemes, config, location, diagnostics)
    if config.scheme is not None and config.scheme not in named:
        diagnostics.warn(
            f"{location} (sdk.toml [auth] scheme)",
            f"no security requirement names the scheme {config.scheme!r}",
            "the client takes its credential but sends it with no request",
        )
    primary = config.scheme or named[0]
    used = sorted({*named, *([config.scheme] if config.scheme else [])})
    return SecurityPlan(
        _prepared(schemes, used, config, primary),
        default,
        {key: s for key, s in read.items() if key is not None and s != default},
    )


def _without_requirements(
    defined: dict[str, Any],
    schemes: _Schemes,
    config: AuthConfig,
    location: str,
    diagnostics: Diagnostics,
) -> SecurityPlan:
    """Schemes defined but no requirement naming one (none at all, or `security: []`
    everywhere, as some generated specs say of an API that needs its key): the
    configured scheme, else the first one the client supports, goes with every request."""
    names = [config.scheme] if config.scheme is not None else [str(n) for n in defined]
    chosen = next((n for n in names if schemes.get(n) is not None), None)
    if chosen is None:
        return SecurityPlan((), ())
    diagnostics.note(
        f"{location}{pointer('components', 'securitySchemes', chosen)}",
        "no security requirement names a scheme",
        f"every request carries the {chosen!r} credential",
        disclosure=Disclosure.ASSUMED,
    )
    return SecurityPlan(_prepared(schemes, [chosen], config, chosen), ((chosen,),))


def _declared(
    document: dict[str, Any], location: str
) -> Iterator[tuple[tuple[str, str] | None, str, Any]]:
    """(key, location, requirement list) of the document's `security` (key None) and of
    each operation's ((path, method))."""
    if "security" in document:
        yield None, f"{location}{pointer('security')}", document["security"]
    for path, item in (document.get("paths") or {}).items():
        for method in HTTP_METHODS:
            operation = item.get(method) if isinstance(item, dict) else None
            if isinstance(operation, dict) and "security" in operation:
                where = f"{location}{pointer('paths', path, method, 'security')}"
                yield (str(path), method), where, operation["security"]


def _prepared(
    schemes: _Schemes, names: list[str], config: AuthConfig, primary: str | None
) -> tuple[ir.AuthScheme, ...]:
    """The supported schemes among `names`, the configured one first, then by name;
    sdk.toml's prefix on the primary one, and each credential named as the rules want."""
    found = [s for n in names if (s := schemes.get(n)) is not None]
    found = [_with_prefix(s, config.prefix) if s.scheme_name == primary else s for s in found]
    found.sort(key=lambda s: (s.scheme_name != config.scheme, s.scheme_name))
    roles = Counter(c.role for s in found for c in s.credentials)
    return tuple(_argued(s, roles, s.scheme_name == config.scheme) for s in found)


def _argued(scheme: ir.AuthScheme, roles: Counter[str], configured: bool) -> ir.AuthScheme:
    """The scheme with each credential named for its role (`api_key`), or, where other
    schemes' credentials have that role too, after its scheme (`app_key`), except on the
    configured scheme, which keeps the plain names."""
    credentials = tuple(
        dataclasses.replace(
            c,
            argument=c.role
            if roles[c.role] == 1 or configured
            else derived_argument(scheme.scheme_name, scheme.kind, c.role),
        )
        for c in scheme.credentials
    )
    return dataclasses.replace(scheme, credentials=credentials)


def derived_argument(scheme_name: str, kind: ir.AuthKind, role: str) -> str:
    """The argument named after its scheme, for a role several schemes share:
    `appKeyAuth` -> `app_key`, `bearerAuth` -> `bearer_token`, `basicAuth` ->
    `basic_username`."""
    words = [w.lower() for w in naming.ascii_words(scheme_name)] or ["scheme"]
    while len(words) > 1 and words[-1] in _SCHEME_WORDS:
        words.pop()
    if role != "api_key":
        words.append(role)
    elif words[-1] not in ("key", "token"):
        words.append("token" if kind == "bearer" else "key")
    return naming.parameter_name("_".join(words))


def _with_prefix(scheme: ir.AuthScheme, prefix: str | None) -> ir.AuthScheme:
    if prefix is None or scheme.kind not in ("api_key", "bearer"):
        return scheme
    # The runtime's BearerAuth writes `Bearer <token>`; any other prefix is a key.
    runtime: ir.AuthClass = (
        "BearerAuth" if scheme.kind == "bearer" and prefix == "Bearer " else "ApiKeyAuth"
    )
    return dataclasses.replace(scheme, prefix=prefix, runtime_class=runtime)


class _Schemes:
    """The document's security schemes, each read once (and reported once)."""

    def __init__(self, defined: dict[str, Any], location: str, diagnostics: Diagnostics) -> None:
        self.defined = defined
        self.location = location
        self.diagnostics = diagnostics
        self.read: dict[str, ir.AuthScheme | None] = {}
        self.undefined: set[str] = set()

    def get(self, name: str) -> ir.AuthScheme | None:
        """The scheme, or None when the client cannot send it (reported)."""
        if name not in self.read:
            where = f"{self.location}{pointer('components', 'securitySchemes', name)}"
            self.read[name] = _scheme(name, self.defined.get(name), where, self.diagnostics)
        return self.read[name]

    def security(self, requirements: Any, where: str) -> ir.Security:
        """A requirement list as alternatives; one the client can never meet (a scheme
        undefined or unsupported) is left out."""
        if not isinstance(requirements, list):
            self.diagnostics.warn(where, "security is not a list of requirements", "ignored")
            return ()
        alternatives: list[ir.Requirement] = []
        for index, requirement in enumerate(requirements):
            if not isinstance(requirement, dict):
                self.diagnostics.warn(f"{where}/{index}", "requirement is not a mapping", "ignored")
                continue
            names = tuple(sorted(str(name) for name in requirement))
            if all(self._sendable(name, f"{where}/{index}") for name in names):
                alternatives.append(names)
        return tuple(dict.fromkeys(alternatives))

    def _sendable(self, name: str, where: str) -> bool:
        if name in self.defined:
            return self.get(name) is not None
        if name not in self.undefined:
            self.undefined.add(name)
            self.diagnostics.warn(
                where,
                f"security requirement names undefined scheme {name!r}",
                "requirements with it are left out",
            )
        return False


def _scheme(name: str, scheme: Any, where: str, diagnostics: Diagnostics) -> ir.AuthScheme | None:
    if not isinstance(scheme, dict) or "$ref" in scheme:
        diagnostics.warn(where, f"security scheme {name!r} is not an inline object", "ignored")
        return None
    kind = scheme.get("type")
    description = scheme.get("description")

    def credentials(*roles: str) -> tuple[ir.Credential, ...]:
        return tuple(ir.Credential(role, "", role) for role in roles)

    if kind == "apiKey":
        location = scheme.get("in", "header")
        return ir.AuthScheme(
            "api_key",
            name,
            "ApiKeyAuth",
            credentials("api_key"),
            location=location if location in ("header", "query", "cookie") else "header",
            parameter=scheme.get("name"),
            description=description,
        )
    if kind == "http" and str(scheme.get("scheme", "")).lower() == "basic":
        return ir.AuthScheme(
            "basic", name, "BasicAuth", credentials("username", "password"), description=description
        )
    if kind == "oauth2" and "password" in (scheme.get("flows") or {}):
        return ir.AuthScheme(
            "oauth2_password",
            name,
            "OAuth2PasswordAuth",
            credentials("username", "password", "client_id", "client_secret"),
            token_url=scheme["flows"]["password"].get("tokenUrl", ""),
            description=description,
        )
    if kind in ("http", "oauth2", "openIdConnect"):
        if kind != "http":
            diagnostics.note(
                where,
                f"security scheme {name!r} ({kind}) has no password flow",
                "the client takes an access token",
            )
        return ir.AuthScheme(
            "bearer",
            name,
            "BearerAuth",
            credentials("api_key"),
            prefix="Bearer ",
            description=description,
        )
    diagnostics.warn(
        where,
        f"security scheme {name!r} of type {kind!r} is not supported",
        "operations that require it get no credential from the client",
    )
    return None


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
