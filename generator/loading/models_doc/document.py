"""The OpenAPI document assembled from the page's models and enums."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostics, Disclosure, SpecError, Subject
from generator.loading.models_doc.derive import derive
from generator.loading.models_doc.enums import enum_schemas
from generator.loading.models_doc.page import Model, Page, PageReader
from generator.loading.models_doc.python_types import BUILTIN_NAMES, JsonObject, names_in
from generator.loading.models_doc.table import Field, object_schema, row_fields
from generator.loading.reader import read_text

_EXTRA_ALLOW = re.compile(r"""extra\s*=\s*["']allow["']""")
_KNOWN_OPTIONS = frozenset({"title", "version"})
_DEFAULT_VERSION = "0.0.0"
_NO_TABLE = "the page lists no fields for this model"


def load(source: Path, options: Mapping[str, Any], diagnostics: Diagnostics) -> dict[str, Any]:
    location = str(source)
    for key in sorted(set(options) - _KNOWN_OPTIONS):
        diagnostics.warn(location, f"unknown source option {key!r}", "ignored")
    page = PageReader(location, diagnostics).read(read_text(source))
    if not page.models:
        raise SpecError(location, "no data models found (a model name on its own line)")
    fields = _table_fields(page, location, diagnostics)
    _adopt_missing(page, _references(fields), location, diagnostics)
    models = _unique_models(page.models, location, diagnostics)
    schemas = _model_schemas(models, fields, location, diagnostics)
    if any(_EXTRA_ALLOW.search(paragraph) for paragraph in page.intro):
        # The page says every model keeps fields it does not list.
        for schema in schemas.values():
            schema["additionalProperties"] = True
    schemas.update(enum_schemas(page, fields, location, diagnostics))
    version = _option(options, "version", location)
    if version is None:
        diagnostics.note(location, "the page gives no API version", f"using {_DEFAULT_VERSION}")
    info: JsonObject = {
        "title": _option(options, "title", location) or page.title or source.stem,
        "version": version or _DEFAULT_VERSION,
    }
    if page.intro:
        info["description"] = "\n\n".join(page.intro)
    return {
        "openapi": "3.1.0",
        "info": info,
        "paths": {},
        "components": {"schemas": dict(sorted(schemas.items()))},
    }


def _option(options: Mapping[str, Any], key: str, location: str) -> str | None:
    value = options.get(key)
    if value is not None and not isinstance(value, str):
        raise SpecError(location, f"source option {key!r} must be a string")
    return value


def _unique_models(
    models: list[Model], location: str, diagnostics: Diagnostics
) -> dict[str, Model]:
    unique: dict[str, Model] = {}
    for model in models:
        if model.name in unique:
            diagnostics.warn(
                f"{location}:{model.line}", f"model {model.name} named twice", "first kept"
            )
            continue
        unique[model.name] = model
    return unique


def _vocabulary(page: Page) -> tuple[str, ...]:
    names = {*BUILTIN_NAMES, *(model.name for model in page.models)}
    names |= {name for group in page.enum_groups for name in group.names}
    return tuple(sorted(names, key=lambda name: (-len(name), name)))


def _table_fields(page: Page, location: str, diagnostics: Diagnostics) -> dict[str, list[Field]]:
    vocabulary = _vocabulary(page)
    return {
        model.name: [
            item
            for line, row in model.rows
            for item in row_fields(line, row, vocabulary, location, diagnostics)
        ]
        for model in page.models
        if model.rows is not None
    }


def _references(fields: Mapping[str, list[Field]]) -> dict[str, int]:
    """Each type name the tables use, with the first line that uses it."""
    first_use: dict[str, int] = {}
    for items in fields.values():
        for item in items:
            for name in names_in(item.annotation):
                first_use[name] = min(first_use.get(name, item.line), item.line)
    return first_use


def _model_schemas(
    models: Mapping[str, Model],
    fields: Mapping[str, list[Field]],
    location: str,
    diagnostics: Diagnostics,
) -> dict[str, JsonObject]:
    tabled = {
        name: object_schema(fields[name], models[name].description, location, diagnostics)
        for name in sorted(fields)
    }
    schemas = dict(tabled)
    for name in sorted(set(models) - set(tabled)):
        derived = derive(models[name], tabled)
        schemas[name] = derived.schema
        diagnostics.note(
            f"{location}:{models[name].line}",
            _NO_TABLE + ("; it is given another model's" if derived.borrowed else ""),
            f"derived: {derived.how}",
            disclosure=Disclosure.ASSUMED if derived.borrowed else None,
            subject=Subject("schema", name),
        )
    return schemas


def _adopt_missing(
    page: Page, references: Mapping[str, int], location: str, diagnostics: Diagnostics
) -> None:
    """Give referenced names the page never headed a model, using unattached prose."""
    known = {model.name for model in page.models}
    known |= {name for group in page.enum_groups for name in group.names}
    missing = sorted(set(references) - known - set(BUILTIN_NAMES))
    if len(missing) == 1 and len(page.orphans) == 1:
        # Exactly one name lost its heading and one paragraph lost its model: a pair.
        orphan = page.orphans[0]
        page.models.append(Model(missing[0], orphan.line, orphan.text))
        diagnostics.warn(
            f"{location}:{orphan.line}",
            "the model is referenced but has no heading; this is the one paragraph "
            "that belongs to no model",
            "taken as its description",
            disclosure=Disclosure.ASSUMED,
            subject=Subject("schema", missing[0]),
        )
        return
    for orphan in page.orphans:
        diagnostics.warn(f"{location}:{orphan.line}", "paragraph belongs to no model", "skipped")
    for name in missing:
        page.models.append(Model(name, references[name]))
        diagnostics.warn(
            f"{location}:{references[name]}", f"{name} is referenced but not on the page"
        )
