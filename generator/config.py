"""`sdk.toml`: what one spec folder asks the generator to build.

Every key is documented in README.md ("sdk.toml reference"). Unknown keys are errors,
so a typo never silently changes an SDK.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from generator.diagnostics import SpecError

CONFIG_FILE = "sdk.toml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceConfig(_Strict):
    path: str
    """The captured document, relative to the spec folder."""
    format: str = "openapi"
    overlays: tuple[str, ...] = ()
    """OpenAPI Overlay 1.0 documents applied in order, relative to the spec folder."""
    options: dict[str, Any] = Field(default_factory=dict)
    """Passed to the loader as they are."""


class PackageConfig(_Strict):
    name: str
    """Distribution and import name (a Python identifier, e.g. `eddytor`)."""
    version: str = "0.1.0"
    client_class: str | None = None
    """Sync client class name; the async one is `Async` + this. Defaults to the API title."""
    base_url: str | None = None
    """Default base URL; defaults to the spec's first server."""
    env_prefix: str | None = None
    """Prefix of the environment variables the client reads (`<PREFIX>_API_KEY`,
    `<PREFIX>_BASE_URL`); defaults to the package name in upper case."""
    description: str | None = None
    formatter: Literal["ruff", "black"] = "ruff"

    @field_validator("name")
    @classmethod
    def _identifier(cls, value: str) -> str:
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", value):
            raise ValueError("must be a lower-case Python identifier, e.g. `my_api`")
        return value

    @field_validator("version")
    @classmethod
    def _version(cls, value: str) -> str:
        if not re.fullmatch(r"[0-9]+(\.[0-9]+)*([a-z0-9.+-]*)", value):
            raise ValueError("must be a version number such as `1.2.0`")
        return value

    @field_validator("env_prefix")
    @classmethod
    def _env_prefix(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"[A-Z][A-Z0-9_]*", value):
            raise ValueError("must be upper case letters, digits and `_`, e.g. `MY_API`")
        return value


class AuthConfig(_Strict):
    scheme: str | None = None
    """Name of the security scheme the client's credential feeds; defaults to the first."""
    prefix: str | None = None
    """Text put before the credential in its header, e.g. `"ApiKey "`; overrides the
    scheme's own (`Bearer ` for http bearer, none for apiKey)."""


class ResponseConfig(_Strict):
    envelope: str | None = None
    """Property that wraps every success payload (`{"status": "ok", "results": ...}`);
    methods return that property's value, typed."""


class PaginationConfig(_Strict):
    """Declares a pagination style for operations the spec does not make obvious."""

    style: Literal["offset", "page", "cursor", "start"]
    operations: tuple[str, ...] = ("*",)
    """operationIds (or `*`) this applies to; an operation needs the named parameters."""
    items: str | None = None
    """Response property holding the page's items; `None` when the response is a list."""
    limit_param: str = "limit"
    offset_param: str = "offset"
    page_param: str = "page"
    page_size_param: str = "page_size"
    cursor_param: str = "cursor"
    next_cursor: str = "next_cursor"
    """Response property holding the next cursor (`cursor` style)."""
    has_more: str | None = None
    """Response property saying whether more pages follow (`cursor` style)."""
    start_param: str = "start"
    end_param: str | None = None
    """`start` style: the parameter that bounds a newest-first listing from above; with
    it, a listing read without `start` walks down from the newest item."""
    id_field: str = "id"
    """Integer item property the `start` / `end` parameters refer to."""


class WebhookConfig(_Strict):
    signature_header: str
    """Header carrying the HMAC-SHA256 signature of the raw body."""
    signature_prefix: str = ""
    """Text before the hex digest in that header, e.g. `"sha256="`."""
    timestamp_header: str | None = None


class BreakingConfig(_Strict):
    acknowledged: tuple[str, ...] = ()
    """Breaking changes accepted on purpose, as `sdkgen diff --json` ids."""


class SdkConfig(_Strict):
    source: SourceConfig
    package: PackageConfig
    auth: AuthConfig = AuthConfig()
    response: ResponseConfig = ResponseConfig()
    pagination: tuple[PaginationConfig, ...] = ()
    webhooks: WebhookConfig | None = None
    breaking: BreakingConfig = BreakingConfig()


def load_config(folder: Path) -> SdkConfig:
    """Read `folder/sdk.toml`; every problem becomes one `SpecError` line."""
    path = folder / CONFIG_FILE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SpecError(str(path), "no sdk.toml in this spec folder") from None
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(str(path), f"invalid TOML: {exc}") from None
    try:
        return SdkConfig.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise SpecError(f"{path}:{where}", first["msg"]) from None


def config_for_file(spec_file: Path) -> SdkConfig:
    """A config for a bare spec file given on the command line (no sdk.toml)."""
    stem = re.sub(r"[^a-z0-9_]+", "_", spec_file.stem.lower()).strip("_") or "api"
    if stem[0].isdigit():
        stem = f"api_{stem}"
    return SdkConfig(
        source=SourceConfig(path=spec_file.name),
        package=PackageConfig(name=stem),
    )
