"""Renders the SDK runtime templates (`templates/runtime/`) into a package directory."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import jinja2

RUNTIME_TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "runtime"

# A template whose first line is `{# render-if: NAME #}` is skipped when the context
# value NAME is falsy (the lead's renderer honours the same marker).
_RENDER_IF = re.compile(r"\{#\s*render-if:\s*([A-Za-z_][A-Za-z0-9_]*)\s*#\}")


@dataclass(frozen=True)
class PackageInfo:
    name: str
    version: str
    env_prefix: str
    title: str
    credential_names: str = "frozenset()"
    """A Python literal: the names the spec's security schemes give credentials."""


@dataclass(frozen=True)
class WebhookInfo:
    signature_header: str
    signature_prefix: str = ""
    timestamp_header: str | None = None


def runtime_environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(RUNTIME_TEMPLATES),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )


def render_runtime(
    dest: Path,
    name: str,
    env_prefix: str,
    webhooks: WebhookInfo | None = None,
    webhook_events: Sequence[str] = (),
    *,
    version: str = "0.1.0",
    title: str | None = None,
) -> list[Path]:
    """Writes every runtime module into `dest` (the package directory, created if
    needed) and returns the files written, sorted."""
    dest.mkdir(parents=True, exist_ok=True)
    context = {
        "pkg": PackageInfo(name, version, env_prefix, title or name.title()),
        "webhooks": webhooks,
        "webhook_events": sorted(webhook_events),
    }
    environment = runtime_environment()
    written = []
    for template_path in sorted(RUNTIME_TEMPLATES.glob("*.py.jinja")):
        condition = _RENDER_IF.match(template_path.read_text(encoding="utf-8"))
        if condition and not context[condition.group(1)]:
            continue
        template = environment.get_template(template_path.name)
        target = dest / template_path.name.removesuffix(".jinja")
        target.write_text(template.render(context), encoding="utf-8")
        written.append(target)
    return written
