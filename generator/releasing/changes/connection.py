"""Differences in how the client connects: servers and security schemes.

Servers: the default server (the first; `/` when none is listed) is the SDK client's
default base URL. Changing it is *breaking*: without any change to their code, callers'
requests go somewhere else, and callers who pass their own `base_url` (a proxy, a
self-hosted instance) may need a new path. Other servers only appear in documentation,
so adding or removing one is docs-only. Server variables are substituted with their
defaults before comparing.

Security schemes: added = additive, removed = breaking (the client no longer sends that
credential), changed type/location/name/scheme/flows = breaking, description = docs.
"""

from __future__ import annotations

from typing import Any

from generator.releasing.changes.model import Kind
from generator.releasing.changes.record import Recorder

AUTH_KEYS = ("type", "scheme", "in", "name", "bearerFormat", "flows", "openIdConnectUrl")


def compare_servers(old: Any, new: Any, recorder: Recorder) -> None:
    old_urls, new_urls = _server_urls(old), _server_urls(new)
    old_default, new_default = (old_urls or ["/"])[0], (new_urls or ["/"])[0]
    if old_default != new_default:
        message = f"default base URL changed from `{old_default}` to `{new_default}`"
        recorder.add("server.default:base_url", Kind.BREAKING, ("servers",), "new", message)
    for url in sorted(set(old_urls[1:]) - set(new_urls[1:])):
        message = f"server `{url}` is no longer listed"
        recorder.add(f"server.removed:{url}", Kind.DOCS, ("servers",), "old", message)
    for url in sorted(set(new_urls[1:]) - set(old_urls[1:])):
        message = f"server `{url}` was added"
        recorder.add(f"server.added:{url}", Kind.DOCS, ("servers",), "new", message)


def _server_urls(document: Any) -> list[str]:
    servers = document.get("servers") if isinstance(document, dict) else None
    if not isinstance(servers, list):
        return []
    return [_expanded(s) for s in servers if isinstance(s, dict) and isinstance(s.get("url"), str)]


def _expanded(server: dict[str, Any]) -> str:
    url = str(server["url"])
    variables = server.get("variables")
    for name, variable in (variables if isinstance(variables, dict) else {}).items():
        if isinstance(variable, dict) and "default" in variable:
            url = url.replace(f"{{{name}}}", str(variable["default"]))
    return url


def compare_auth(old: Any, new: Any, recorder: Recorder) -> None:
    old_schemes, new_schemes = _schemes(old), _schemes(new)
    for name in sorted(old_schemes.keys() | new_schemes.keys()):
        where = ("components", "securitySchemes", name)
        before, after = old_schemes.get(name), new_schemes.get(name)
        if after is None:
            message = f"auth scheme `{name}` was removed"
            recorder.add(f"auth.removed:{name}", Kind.BREAKING, where, "old", message)
        elif before is None:
            message = f"auth scheme `{name}` ({_describe(after)}) was added"
            recorder.add(f"auth.added:{name}", Kind.ADDITIVE, where, "new", message)
        else:
            _compare_scheme(name, before, after, recorder)


def _compare_scheme(
    name: str, before: dict[str, Any], after: dict[str, Any], recorder: Recorder
) -> None:
    where = ("components", "securitySchemes", name)
    changed = [key for key in AUTH_KEYS if before.get(key) != after.get(key)]
    if changed:
        message = (
            f"auth scheme `{name}` changed from {_describe(before)} to "
            f"{_describe(after)} ({', '.join(changed)})"
        )
        recorder.add(f"auth.changed:{name}", Kind.BREAKING, where, "new", message)
    if before.get("description") != after.get("description"):
        message = f"auth scheme `{name}`: description changed"
        recorder.add(f"auth.docs:{name}", Kind.DOCS, where, "new", message)


def _schemes(document: Any) -> dict[str, dict[str, Any]]:
    components = document.get("components") if isinstance(document, dict) else None
    schemes = components.get("securitySchemes") if isinstance(components, dict) else None
    if not isinstance(schemes, dict):
        return {}
    return {name: value for name, value in schemes.items() if isinstance(value, dict)}


def _describe(scheme: dict[str, Any]) -> str:
    """E.g. "apiKey in header `X-API-Key`", "http bearer", "oauth2"."""
    kind = str(scheme.get("type", "?"))
    if kind == "apiKey":
        return f"apiKey in {scheme.get('in', '?')} `{scheme.get('name', '?')}`"
    if kind == "http":
        return f"http {scheme.get('scheme', '?')}"
    return kind
