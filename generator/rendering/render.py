"""The IR -> the files of a package, as text (formatting is a separate step).

Jinja2 is set up for Python source: no HTML autoescaping, but a `finalize` guard that
refuses any plain string reaching the output. Everything a template prints must pass
through one of the filters in `generator.rendering.literals`, each of which turns a value into
source that is safe in its position (a string literal, a docstring body, an identifier,
a comment), so spec text can never close a literal or a docstring, or become code.
"""

from __future__ import annotations

import contextlib
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2

from generator import ir
from generator.ir import types as t
from generator.ir.surface import Surface
from generator.ir.surface import to_json as surface_json
from generator.rendering.api_report import api_report
from generator.rendering.client_view import client_view
from generator.rendering.imports import import_groups
from generator.rendering.literals import (
    Code,
    comment,
    docstring,
    html_comment,
    identifier,
    markdown,
    markdown_code,
    markdown_inline,
    py_literal,
    py_string,
    source,
)
from generator.rendering.methods import resource_view

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
_RENDER_IF = re.compile(r"^\{#\s*render-if:\s*(\w+)\s*#\}\n?")


def _guard(value: Any) -> Any:
    if value is None or value == "":
        return ""
    if isinstance(value, (Code, int, float)):
        return value
    raise jinja2.TemplateError(
        f"template printed {value!r} without a filter (py_string, docstring, identifier, ...)"
    )


@dataclass(frozen=True)
class RenderedFile:
    path: str
    text: str


@functools.cache
def environment() -> jinja2.Environment:
    """One environment per process: compiling the templates is most of rendering's cost
    for a small API, and the environment keeps no state between packages."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
        finalize=_guard,
        # Templates do not change while a process runs: no stat() per file rendered.
        auto_reload=False,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters.update(
        py_string=py_string,
        docstring=docstring,
        comment=comment,
        identifier=identifier,
        source=source,
        py_literal=py_literal,
        # Jinja's own tojson escapes for HTML and prints `null`; Python wants literals.
        tojson=py_literal,
        markdown=markdown,
        markdown_inline=markdown_inline,
        markdown_code=markdown_code,
        html_comment=html_comment,
    )
    return env


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between runs, in Jinja's own per-user temporary folder:
    compiling them was a third of rendering a mid-sized API. Each entry is checked
    against its template's source, so an edited template is compiled again; a cache that
    cannot be written costs only that compile."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    try:
        return _BytecodeCache()
    except (OSError, RuntimeError):  # no private temporary folder to be had
        return None


def render_api(api: ir.Api, surface: Surface, spec_json: str, webhooks: Any) -> list[RenderedFile]:
    """Every file of the package (the three parts below, which `generate` renders side by
    side on two cores)."""
    return [
        *render_package(api, spec_json, webhooks),
        *render_models(api),
        *render_records(api, surface),
    ]


def render_package(api: ir.Api, spec_json: str, webhooks: Any) -> list[RenderedFile]:
    """The package but its model modules and surface records: runtime, client, resources,
    README, `openapi.json`."""
    env = environment()
    pkg = api.package
    context: dict[str, Any] = {
        "api": api,
        "pkg": pkg,
        "webhooks": webhooks,
        "webhook_events": list(api.webhook_events),
        # Walks every type of the API: worked out once, not per template asking.
        "uses_discriminators": api.uses_discriminators,
    }
    files: list[RenderedFile] = []
    # The runtime templates print these bare, so each is checked or escaped here.
    runtime_package = SimpleNamespace(
        name=identifier(pkg.name),
        version=Code(pkg.version),
        env_prefix=identifier(pkg.env_prefix),
        title=docstring(pkg.title),
        credential_names=_string_set(api.credential_names),
        # What the webhook module's signature scheme rests on that the source does not state.
        webhook_assumptions=docstring(
            f"{api.provenance.source}: {'; '.join(api.provenance.webhooks)}"
            if api.provenance.webhooks
            else ""
        ),
    )

    def add(template: str, path: str, **extra: Any) -> None:
        values = {**context, **extra}
        files.append(RenderedFile(path, env.get_template(template).render(**values)))

    for name, condition in _runtime_templates():
        if condition and not context.get(condition):
            continue
        add(f"runtime/{name}", f"{pkg.name}/{name.removesuffix('.jinja')}", pkg=runtime_package)
    context["client"] = client_view(api)
    context["paged"] = next(
        (op for r in api.every_resource for op in r.operations if op.pagination is not None),
        None,
    )
    operations = [op for r in api.every_resource for op in r.operations]
    # The Errors section's example: a plain read where the API has one.
    context["error_example"] = next(
        (op for op in operations if op.http_method == "get" and op.pagination is None),
        operations[0] if operations else None,
    )
    add("package/pyproject.toml.jinja", "pyproject.toml")
    add("package/README.md.jinja", "README.md")
    add("package/init.py.jinja", f"{pkg.name}/__init__.py")
    add("package/client.py.jinja", f"{pkg.name}/_client.py")
    add("package/resources_init.py.jinja", f"{pkg.name}/resources/__init__.py")
    module_of = {cls: module for module, names in api.model_modules for cls in names}
    views = [resource_view(resource, module_of) for resource in api.every_resource]
    for resource, view in zip(api.every_resource, views):
        add(
            "package/resource.py.jinja",
            f"{pkg.name}/resources/{resource.module}.py",
            resource=resource,
            view=view,
        )
    add("package/models_init.py.jinja", f"{pkg.name}/models/__init__.py")
    if context["uses_discriminators"]:
        add("package/unions.py.jinja", f"{pkg.name}/_unions.py")
    if any(view.uses_fields for view in views):
        add("package/fields.py.jinja", f"{pkg.name}/_fields.py")
    files.append(RenderedFile(f"{pkg.name}/py.typed", ""))
    files.append(RenderedFile("openapi.json", spec_json))
    return files


def render_records(api: ir.Api, surface: Surface) -> list[RenderedFile]:
    """The package's public surface written down: `api.md` for people, `api.json` for
    the next regeneration."""
    return [
        RenderedFile("api.md", api_report(surface, markdown(api.package.api_name))),
        RenderedFile("api.json", surface_json(surface)),
    ]


def render_models(api: ir.Api) -> list[RenderedFile]:
    """The model modules, most of a large API's files."""
    template = environment().get_template("package/model_module.py.jinja")
    pkg = api.package
    module_of = {cls: module for module, names in api.model_modules for cls in names}
    classes = {m.class_name: m for m in api.models} | {e.class_name: e for e in api.enums}
    files: list[RenderedFile] = []
    for module, names in api.model_modules:
        members = [classes[name] for name in names]
        needed = sorted(
            {
                dep
                for m in members
                if isinstance(m, ir.Model)
                for f in m.fields
                for dep in t.classes(f.type)
            }
            - set(names)
        )
        std, runtime = import_groups(_model_imports(members), depth=2)
        text = template.render(
            api=api,
            pkg=pkg,
            members=members,
            imports=[(module_of[d], d) for d in needed],
            std_imports=std + runtime,
            base_imports=", ".join(
                sorted({m.base if isinstance(m, ir.Enum) else "BaseModel" for m in members})
            ),
        )
        files.append(RenderedFile(f"{pkg.name}/models/{module}.py", text))
    return files


def _string_set(values: tuple[str, ...]) -> Code:
    """A `frozenset` literal of strings (`frozenset()` when empty, not a dict)."""
    if not values:
        return Code("frozenset()")
    return Code("frozenset({" + ", ".join(py_string(v) for v in values) + "})")


@functools.cache
def _runtime_templates() -> list[tuple[str, str | None]]:
    """Runtime template names, each with the context value its `render-if` names."""
    found = []
    for path in sorted((TEMPLATES / "runtime").glob("*.jinja")):
        condition = _RENDER_IF.match(path.read_text(encoding="utf-8"))
        found.append((path.name, condition.group(1) if condition else None))
    return found


def _model_imports(members: list[ir.Model | ir.Enum]) -> set[t.Import]:
    found: set[t.Import] = set()
    for member in members:
        if isinstance(member, ir.Model):
            found.update(*(t.imports(f.declared_type) for f in member.fields))
            if any(f.alias is not None for f in member.fields):
                found |= {t.Import("typing", "Annotated"), t.Import("pydantic", "Field")}
            if any(f.default is not None and f.default.mutable for f in member.fields):
                found.add(t.Import("pydantic", "Field"))
    return found
