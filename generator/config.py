"""`sdk.toml`: what one spec folder asks the generator to build.

Every key is documented in README.md ("sdk.toml reference"). Unknown keys are errors,
so a typo never silently changes an SDK.
"""

from __future__ import annotations

import builtins
import keyword
import re
import sys
import tomllib
import unicodedata
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from generator.diagnostics import Diagnostic, Level, SpecError
from generator.loading.reader import peek_title, read_text

CONFIG_FILE = "sdk.toml"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SourceConfig(_Strict):
    path: str
    """The captured document, relative to the spec folder."""
    root: str = "."
    """The folder every input file (the source, overlays, files a `$ref` names) must lie
    in, relative to the spec folder; widen it (`".."`) for specs that share files."""
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
        if problem := package_name_problem(value):
            raise ValueError(f"{problem}; choose another, e.g. `{value}_client`")
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
    total: str | None = None
    """`offset` style: response property (dotted path) holding the listing's total number
    of items; found by name when not given (`total`, `total_count`, `totalCount`...)."""
    total_pages: str | None = None
    """`page` style: response property (dotted path) holding the number of pages."""
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


class NamesConfig(_Strict):
    """Names chosen by hand, overriding the naming rules (see README, "Names")."""

    methods: dict[str, str] = Field(default_factory=dict)
    """Method name by operation, written `METHOD /path` (`"GET /users/me" = "retrieve_me"`)."""
    resources: dict[str, str] = Field(default_factory=dict)
    """Resource attribute by what it groups: a tag, a first path segment, or the path of
    a nested collection (`"User Groups" = "groups"`)."""
    models: dict[str, str] = Field(default_factory=dict)
    """Class name by component schema name (`"UserRead" = "User"`)."""


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
    names: NamesConfig = NamesConfig()
    breaking: BreakingConfig = BreakingConfig()


def load_config(folder: Path) -> SdkConfig:
    """Read `folder/sdk.toml`; every problem becomes one `SpecError` line."""
    path = folder / CONFIG_FILE
    if not path.exists():
        raise SpecError(str(path), "no sdk.toml in this spec folder")
    try:
        raw = tomllib.loads(read_text(path))
    except tomllib.TOMLDecodeError as exc:
        raise SpecError(str(path), f"invalid TOML: {exc}") from None
    try:
        return SdkConfig.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise SpecError(f"{path}:{where}", first["msg"]) from None


def config_for_file(spec_file: Path) -> tuple[SdkConfig, Diagnostic | None]:
    """A config for a bare spec file given on the command line (no sdk.toml): the package
    is named after the API's `info.title`, or the file where it has none; with a warning
    when that name had to change."""
    title = peek_title(read_text(spec_file))
    wanted = _slug(title or "") or _slug(spec_file.stem) or "api"
    name, renamed = wanted, None
    if problem := package_name_problem(wanted):
        name = f"{wanted}_client"
        origin = "info.title" if _slug(title or "") else "the file name"
        renamed = Diagnostic(
            Level.WARNING,
            str(spec_file),
            f"package name `{wanted}` (from {origin}) {problem.removeprefix(f'`{wanted}` ')}",
            f"named `{name}`; choose a name with --name",
        )
    config = SdkConfig(source=SourceConfig(path=spec_file.name), package=PackageConfig(name=name))
    return config, renamed


def package_named(package: PackageConfig, name: str) -> PackageConfig:
    """`package` renamed to `name` (from `--name`), checked as sdk.toml names are."""
    try:
        return PackageConfig.model_validate({**package.model_dump(), "name": name})
    except ValidationError as exc:
        problem = exc.errors()[0]["msg"].removeprefix("Value error, ")
        raise SpecError("--name", f"{name!r}: {problem}") from None


_MAX_NAME = 40
"""Characters of a package name made from a title: `import` lines stay readable."""


def _slug(text: str) -> str:
    """A package name from free text: `Überweisungen API` -> `uberweisungen`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    if len(words) > 1 and words[-1] == "api":
        words.pop()
    name = "_".join(words)
    if len(name) > _MAX_NAME:
        name = name[: _MAX_NAME + 1].rsplit("_", 1)[0][:_MAX_NAME]
    return f"api_{name}" if name[:1].isdigit() else name


# The generated package depends on httpx and pydantic, which bring these in; a package of
# one of these names would stand in for the real one wherever it is imported.
_DEPENDENCIES = frozenset(
    {
        "httpx",
        "httpcore",
        "h11",
        "anyio",
        "sniffio",
        "certifi",
        "idna",
        "pydantic",
        "pydantic_core",
        "annotated_types",
        "typing_extensions",
        "typing_inspection",
    }
)
# Removed from the standard library since Python 3.11, the oldest the package supports,
# where they still exist.
_FORMER_STDLIB = frozenset(
    {
        "asynchat", "asyncore", "distutils", "imp", "smtpd", "aifc", "audioop", "cgi",
        "cgitb", "chunk", "crypt", "imghdr", "lib2to3", "mailcap", "msilib", "nis",
        "nntplib", "ossaudiodev", "pipes", "sndhdr", "spwd", "sunau", "telnetlib", "uu",
        "xdrlib",
    }
)  # fmt: skip


def package_name_problem(name: str) -> str | None:
    """Why `name` cannot name a package (`import name` would fail, or hide a module or
    a builtin the package or its user needs), or None."""
    if keyword.iskeyword(name):
        return f"`{name}` is a Python keyword (`import {name}` is a syntax error)"
    if name in sys.stdlib_module_names or name in _FORMER_STDLIB:
        return f"`{name}` would hide the standard library module `{name}`"
    if name in _DEPENDENCIES:
        return f"`{name}` would hide `{name}`, which the package itself depends on"
    if name in vars(builtins):
        return f"`{name}` would hide the builtin `{name}` where the package is imported"
    return None
