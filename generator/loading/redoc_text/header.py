"""The page header: API title and version, description, and the Authentication section."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from generator.diagnostics import Diagnostics
from generator.loading.redoc_text.model import Line, Scheme

_TITLE_VERSION = re.compile(r"(?P<title>.+?) \((?P<version>[^()]+)\)")
_DOWNLOAD_LINK = "Download OpenAPI specification"
_AUTHENTICATION = "Authentication"
_SCHEME_TYPE = re.compile(r"Security Scheme Type:? (?P<kind>.+)")
_SCHEME_KINDS = {"OAuth2": "oauth2", "API Key": "apiKey", "HTTP": "http"}
_FLOW = re.compile(r"(?P<flow>\w+) OAuth Flow")
_FLOW_URLS = {
    "Token URL": "tokenUrl",
    "Authorization URL": "authorizationUrl",
    "Refresh URL": "refreshUrl",
}
_API_KEY_NAME = re.compile(r"(?P<where>Header|Query|Cookie) parameter name:? (?P<name>\S+)")
_HTTP_SCHEME = re.compile(r"HTTP Authorization Scheme:? (?P<scheme>\S+)")
_BEARER_FORMAT = re.compile(r"Bearer format:? \"?(?P<format>[^\"]+)\"?")
_SCOPE = re.compile(r"(?P<scope>\S+) - (?P<description>.*)")


@dataclass
class Header:
    title: str
    version: str
    description: str
    schemes: list[Scheme] = field(default_factory=list)


def read_header(lines: list[Line], location: str, diagnostics: Diagnostics) -> Header:
    texts = [line.stripped for line in lines if line.stripped]
    titled = [(i, m) for i, t in enumerate(texts) if (m := _TITLE_VERSION.fullmatch(t))]
    if titled:
        title_at, match = titled[0]
        title, version = match.group("title"), match.group("version")
    else:
        diagnostics.warn(
            location,
            "no `Title (version)` line in the page header",
            "title taken from the first line, version 0.0.0",
        )
        title_at, title, version = 0, (texts[0] if texts else "API"), "0.0.0"
    auth_at = texts.index(_AUTHENTICATION) if _AUTHENTICATION in texts else len(texts)
    described = [t for t in texts[title_at + 1 : auth_at] if not t.startswith(_DOWNLOAD_LINK)]
    schemes = _schemes(lines, texts[auth_at + 1 :], location, diagnostics)
    return Header(title, version, "\n".join(described), schemes)


def _schemes(
    lines: list[Line], texts: list[str], location: str, diagnostics: Diagnostics
) -> list[Scheme]:
    starts = [i - 1 for i, t in enumerate(texts) if i > 0 and _SCHEME_TYPE.fullmatch(t)]
    schemes: list[Scheme] = []
    for start, end in itertools.pairwise([*starts, len(texts)]):
        definition = _scheme(texts[start + 1 : end])
        if definition is None:
            at = next((line.number for line in lines if line.stripped == texts[start]), 0)
            diagnostics.warn(
                f"{location}:{at}",
                f"security scheme {texts[start]!r} of a kind this loader does not read",
                "skipped",
            )
            continue
        schemes.append(Scheme(texts[start], definition))
    return schemes


def _scheme(texts: list[str]) -> dict[str, Any] | None:
    kind_match = _SCHEME_TYPE.fullmatch(texts[0])
    kind = _SCHEME_KINDS.get(kind_match.group("kind").strip()) if kind_match else None
    if kind == "oauth2":
        return {"type": "oauth2", "flows": _flows(texts[1:])}
    if kind == "apiKey":
        key = next((m for t in texts if (m := _API_KEY_NAME.fullmatch(t))), None)
        if key is None:
            return None
        return {"type": "apiKey", "in": key.group("where").lower(), "name": key.group("name")}
    if kind == "http":
        scheme = next((m.group("scheme") for t in texts if (m := _HTTP_SCHEME.fullmatch(t))), None)
        if scheme is None:
            return None
        bearer = next(
            (m.group("format") for t in texts if (m := _BEARER_FORMAT.fullmatch(t))), None
        )
        return {"type": "http", "scheme": scheme, **({"bearerFormat": bearer} if bearer else {})}
    return None


def _flows(texts: list[str]) -> dict[str, Any]:
    flows: dict[str, Any] = {}
    current: dict[str, Any] = {}
    for text in texts:
        label, _, value = text.partition(": ")
        if flow := _FLOW.fullmatch(text):
            current = flows.setdefault(flow.group("flow"), {"scopes": {}})
        elif label in _FLOW_URLS:
            current[_FLOW_URLS[label]] = value.strip()
        elif scope := _SCOPE.fullmatch(text):
            current.setdefault("scopes", {})[scope.group("scope")] = scope.group("description")
    return flows
