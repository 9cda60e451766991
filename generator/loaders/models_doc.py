"""Loader for `models-doc`: the "Data Models" page of a vendor's Python SDK, as text.

The page names pydantic models, each optionally followed by a one-sentence description
and a Field/Type/Description table whose cells lost their separators
(`idUUIDProduct UUID`). Enum values appear only in prose. There are no endpoints, so the
result is an OpenAPI document with empty `paths` and one component schema per model and
enum. Models the page names without a table are derived from a sibling model where the
name says how (`...Summary`, `...Create`) or typed as open objects otherwise.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostics, SpecError
from generator.loaders.reader import read_text

JsonObject = dict[str, Any]

_TABLE_HEADER = "FieldTypeDescription"
_MODEL_NAME = re.compile(r"[A-Z][A-Za-z0-9]*")
_ENUMS_LINE = re.compile(r"Enums?:\s*(?P<names>[A-Z][A-Za-z0-9]*(?:\s*,\s*[A-Z][A-Za-z0-9]*)*)")
# No trailing "_": otherwise `start_datedate` could also read as `start_` + `date`.
_FIELD_NAME = r"[a-z](?:[a-z0-9_]*[a-z0-9])?"
_FIELD_CELL = re.compile(rf"{_FIELD_NAME}(?: / {_FIELD_NAME})*")
# A name outside the vocabulary is only taken as a type where more type syntax follows
# it; elsewhere (even at the end of a row) the description may have run into it.
_UNKNOWN_TYPE_NAME = re.compile(r"[A-Z][A-Za-z0-9]*(?=\s*[|\]]| / )")
_UNION_BAR = re.compile(r"\s*\|\s*")
_ARG_COMMA = re.compile(r"\s*,\s*")
_CELL_SLASH = re.compile(r" / ")
_PARENTHESES = re.compile(r"\(([^()]*)\)")
_ENUM_VALUE = re.compile(r"[A-Za-z0-9_.:-]+")
_OPEN_SET_MARKERS = ("etc.", "etc", "...")
_EXTRA_ALLOW = re.compile(r"""extra\s*=\s*["']allow["']""")
_SENTENCE_END = (".", "!", "?", ":")

_SCALARS: dict[str, JsonObject] = {
    "UUID": {"type": "string", "format": "uuid"},
    "str": {"type": "string"},
    "int": {"type": "integer"},
    "float": {"type": "number"},
    "bool": {"type": "boolean"},
    "datetime": {"type": "string", "format": "date-time"},
    "date": {"type": "string", "format": "date"},
    "Any": {},
    "None": {"type": "null"},
}
_GENERICS = ("list", "dict")
_BUILTIN_NAMES = (*_SCALARS, *_GENERICS)
# Fields a server assigns to a record; an input ("create") model does not carry them.
_SERVER_ASSIGNED = frozenset({"id", "created_at", "updated_at"})
# A table-less model whose name is a tabled model's stem plus one of these is a variant
# of that model; "Response" is dropped from a tabled name to find its stem.
_SUMMARY_SUFFIX = "Summary"
_CREATE_SUFFIX = "Create"
_RESPONSE_SUFFIX = "Response"
_KNOWN_OPTIONS = frozenset({"title", "version"})
_DEFAULT_VERSION = "0.0.0"


# --- the page, as blocks -------------------------------------------------------------


@dataclass(frozen=True)
class _Paragraph:
    line: int
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join(self.lines)


@dataclass
class _Model:
    name: str
    line: int
    description: str | None = None
    rows: list[tuple[int, str]] | None = None
    """`(line, text)` per table row; `None` when the page gives the model no table."""


@dataclass
class _EnumGroup:
    names: tuple[str, ...]
    line: int
    description: str | None = None


@dataclass
class _Page:
    title: str | None = None
    intro: list[str] = field(default_factory=list)
    models: list[_Model] = field(default_factory=list)
    enum_groups: list[_EnumGroup] = field(default_factory=list)
    orphans: list[_Paragraph] = field(default_factory=list)
    """Prose that follows a model already described: a paragraph whose heading was lost."""


def _paragraphs(text: str) -> Iterator[_Paragraph]:
    start = 0
    lines: list[str] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if line and not lines:
            start = number
        if line:
            lines.append(line)
        elif lines:
            yield _Paragraph(start, tuple(lines))
            lines = []
    if lines:
        yield _Paragraph(start, tuple(lines))


def _is_heading(paragraph: _Paragraph) -> bool:
    """A section title such as "Product Models": one line, title case, no full stop."""
    line = paragraph.lines[0]
    words = line.split()
    return (
        len(paragraph.lines) == 1
        and not line.endswith(_SENTENCE_END)
        and all(not word[0].isalpha() or word[0].isupper() for word in words)
    )


def _is_sentence(paragraph: _Paragraph) -> bool:
    return paragraph.lines[-1].endswith(_SENTENCE_END)


class _PageReader:
    """Sorts the page's paragraphs into models, tables, enum groups and loose prose."""

    def __init__(self, location: str, diagnostics: Diagnostics) -> None:
        self.page = _Page()
        self._location = location
        self._diagnostics = diagnostics
        self._table_owner: _Model | None = None
        self._wants_prose: _Model | _EnumGroup | None = None

    def read(self, text: str) -> _Page:
        for paragraph in _paragraphs(text):
            self._read_paragraph(paragraph)
        return self.page

    def _read_paragraph(self, paragraph: _Paragraph) -> None:
        first = paragraph.lines[0]
        single = len(paragraph.lines) == 1
        enums = _ENUMS_LINE.fullmatch(first) if single else None
        if first == _TABLE_HEADER:
            self._read_table(paragraph)
        elif enums:
            names = tuple(name.strip() for name in enums["names"].split(","))
            group = _EnumGroup(names, paragraph.line)
            self.page.enum_groups.append(group)
            self._table_owner, self._wants_prose = None, group
        elif single and _MODEL_NAME.fullmatch(first):
            model = _Model(first, paragraph.line)
            self.page.models.append(model)
            self._table_owner = self._wants_prose = model
        elif self._wants_prose is not None and not _is_heading(paragraph):
            self._wants_prose.description = paragraph.text
            self._wants_prose = None
        elif not self.page.models and not self.page.enum_groups:
            self._read_preamble(paragraph)
        elif _is_heading(paragraph):
            self._table_owner = self._wants_prose = None
        else:
            self.page.orphans.append(paragraph)

    def _read_preamble(self, paragraph: _Paragraph) -> None:
        if _is_sentence(paragraph):
            self.page.intro.append(paragraph.text)
        elif not self.page.intro:
            # The last line before the introduction is the page's own heading; lines
            # above it are site chrome ("Skip to main content").
            self.page.title = paragraph.text

    def _read_table(self, paragraph: _Paragraph) -> None:
        owner = self._table_owner
        self._table_owner = self._wants_prose = None
        if owner is None or owner.rows is not None:
            self._diagnostics.warn(
                f"{self._location}:{paragraph.line}",
                "field table with no model name above it",
                "skipped",
            )
            return
        owner.rows = [
            (paragraph.line + offset, row)
            for offset, row in enumerate(paragraph.lines[1:], start=1)
        ]


# --- Python annotations --------------------------------------------------------------


@dataclass(frozen=True)
class _Named:
    name: str
    args: tuple[_PyType, ...] = ()


@dataclass(frozen=True)
class _Union:
    members: tuple[_PyType, ...]


_PyType = _Named | _Union


class _TypeReader:
    """Reads a type annotation at a position in a row, longest vocabulary match first."""

    def __init__(self, text: str, vocabulary: tuple[str, ...]) -> None:
        self._text = text
        self._vocabulary = vocabulary

    def cell(self, pos: int) -> tuple[list[_PyType], int] | None:
        """A Type cell: one annotation, or several joined by " / " for packed rows."""
        first = self.union(pos)
        if first is None:
            return None
        types, end = [first[0]], first[1]
        while (slash := _CELL_SLASH.match(self._text, end)) and (
            following := self.union(slash.end())
        ):
            types.append(following[0])
            end = following[1]
        return types, end

    def union(self, pos: int) -> tuple[_PyType, int] | None:
        first = self._atom(pos)
        if first is None:
            return None
        members, end = [first[0]], first[1]
        while (bar := _UNION_BAR.match(self._text, end)) and (following := self._atom(bar.end())):
            members.append(following[0])
            end = following[1]
        return (members[0] if len(members) == 1 else _Union(tuple(members))), end

    def _atom(self, pos: int) -> tuple[_Named, int] | None:
        name = self._name(pos)
        if name is None:
            return None
        end = pos + len(name)
        if name in _GENERICS and self._text.startswith("[", end):
            arguments = self._arguments(end + 1)
            if arguments is not None:
                return _Named(name, arguments[0]), arguments[1]
        return _Named(name), end

    def _arguments(self, pos: int) -> tuple[tuple[_PyType, ...], int] | None:
        args: list[_PyType] = []
        while (argument := self.union(pos)) is not None:
            args.append(argument[0])
            pos = argument[1]
            if self._text.startswith("]", pos):
                return tuple(args), pos + 1
            comma = _ARG_COMMA.match(self._text, pos)
            if comma is None:
                return None
            pos = comma.end()
        return None

    def _name(self, pos: int) -> str | None:
        known = next((name for name in self._vocabulary if self._text.startswith(name, pos)), "")
        unknown = _UNKNOWN_TYPE_NAME.match(self._text, pos)
        name = max(known, unknown.group() if unknown else "", key=len)
        return name or None


def _names_in(annotation: _PyType) -> Iterator[str]:
    if isinstance(annotation, _Union):
        for member in annotation.members:
            yield from _names_in(member)
        return
    yield annotation.name
    for argument in annotation.args:
        yield from _names_in(argument)


def _is_nullable(annotation: _PyType) -> bool:
    return isinstance(annotation, _Union) and _Named("None") in annotation.members


def _json_schema(annotation: _PyType) -> JsonObject:
    if isinstance(annotation, _Union):
        return _union_schema(annotation)
    if annotation.name == "list":
        items = {"items": _json_schema(annotation.args[0])} if annotation.args else {}
        return {"type": "array", **items}
    if annotation.name == "dict":
        values = _json_schema(annotation.args[1]) if len(annotation.args) == 2 else True
        return {"type": "object", "additionalProperties": values}
    if annotation.name in _SCALARS:
        return copy.deepcopy(_SCALARS[annotation.name])
    return {"$ref": f"#/components/schemas/{annotation.name}"}


def _union_schema(annotation: _Union) -> JsonObject:
    null = _Named("None")
    # `None` goes last whatever its place in the annotation: `X | None` reads as X first.
    members = [member for member in annotation.members if member != null]
    if null in annotation.members:
        members.append(null)
    return {"anyOf": [_json_schema(member) for member in members]}


# --- table rows ----------------------------------------------------------------------


@dataclass(frozen=True)
class _Field:
    name: str
    annotation: _PyType
    description: str
    line: int


@dataclass(frozen=True)
class _Split:
    names: tuple[str, ...]
    types: tuple[_PyType, ...]
    description: str

    @property
    def plausibility(self) -> tuple[bool, int]:
        """Lower is likelier: a description opening in upper case, then the shortest name.

        Descriptions usually open with a capital; when neither candidate's does, a shorter
        field name is likelier than a description that starts with a type's name
        ("countintinteger count" is `count: int`, not `countint: int`).
        """
        opening = self.description[:1]
        return (not opening or opening.islower(), len(" / ".join(self.names)))


def _splits(row: str, vocabulary: tuple[str, ...]) -> list[_Split]:
    """Every way to read `row` as field name(s), type(s) and description."""
    reader = _TypeReader(row, vocabulary)
    found = []
    for end in range(1, len(row)):
        cell = row[:end]
        if not _FIELD_CELL.fullmatch(cell) or (typed := reader.cell(end)) is None:
            continue
        names, types = tuple(cell.split(" / ")), tuple(typed[0])
        if len(types) in (1, len(names)):
            found.append(_Split(names, types, row[typed[1] :].strip()))
    return found


def _row_fields(
    line: int, row: str, vocabulary: tuple[str, ...], location: str, diagnostics: Diagnostics
) -> list[_Field]:
    candidates = _splits(row, vocabulary)
    if not candidates:
        diagnostics.warn(f"{location}:{line}", f"cannot split table row {row!r}", "skipped")
        return []
    best = min(candidates, key=lambda split: split.plausibility)
    rivals = [split for split in candidates if split.plausibility[0] == best.plausibility[0]]
    if len(rivals) > 1:
        diagnostics.note(
            f"{location}:{line}",
            f"table row {row!r} splits {len(rivals)} equally plausible ways",
            f"read as field {' / '.join(best.names)!r}",
        )
    types = best.types * len(best.names) if len(best.types) == 1 else best.types
    return [
        _Field(name, annotation, best.description, line)
        for name, annotation in zip(best.names, types, strict=True)
    ]


def _is_required(annotation: _PyType) -> bool:
    # Judgement: a collection without `| None` is still left optional, because SDK
    # models default collections to empty and list responses commonly omit them.
    is_collection = isinstance(annotation, _Named) and annotation.name == "list"
    return not _is_nullable(annotation) and not is_collection


def _object_schema(
    fields: list[_Field], description: str | None, location: str, diagnostics: Diagnostics
) -> JsonObject:
    properties: JsonObject = {}
    required = []
    for item in fields:
        if item.name in properties:
            diagnostics.warn(
                f"{location}:{item.line}", f"field {item.name!r} listed twice", "first kept"
            )
            continue
        described = {"description": item.description} if item.description else {}
        properties[item.name] = {**_json_schema(item.annotation), **described}
        if _is_required(item.annotation):
            required.append(item.name)
    schema: JsonObject = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    if description:
        schema["description"] = description
    return schema


# --- enums ---------------------------------------------------------------------------


@dataclass
class _EnumValues:
    values: list[str] = field(default_factory=list)
    open_set: bool = False
    seen: bool = False


def _prose_values(description: str) -> tuple[list[str], bool] | None:
    """Values listed in the description's last parenthesis that lists bare words."""
    for group in reversed(_PARENTHESES.findall(description)):
        items = [item.strip().removeprefix("and ").removeprefix("or ") for item in group.split(",")]
        open_set = items[-1] in _OPEN_SET_MARKERS
        values = items[:-1] if open_set else items
        if values and all(_ENUM_VALUE.fullmatch(value) for value in values):
            return values, open_set
    return None


def _collect_enum_values(
    enum_names: set[str], fields: Mapping[str, list[_Field]]
) -> dict[str, _EnumValues]:
    collected = {name: _EnumValues() for name in enum_names}
    # Sorted by model and field so that merged values do not follow the page's order.
    ordered = [
        item
        for _, items in sorted(fields.items())
        for item in sorted(items, key=lambda each: each.name)
    ]
    for item in ordered:
        for name in sorted(set(_names_in(item.annotation)) & enum_names):
            entry = collected[name]
            entry.seen = True
            found = _prose_values(item.description)
            if found is not None:
                entry.values.extend(v for v in found[0] if v not in entry.values)
                entry.open_set |= found[1]
    return collected


def _enum_schema(
    name: str, group: _EnumGroup, values: _EnumValues, location: str, diagnostics: Diagnostics
) -> JsonObject:
    where = f"{location}:{group.line}"
    schema: JsonObject = {"type": "string"}
    description = group.description or ""
    if not values.values:
        reason = "no field's description" if values.seen else "no field"
        diagnostics.warn(where, f"enum {name}: {reason} lists its values", "typed as a string")
    else:
        schema["enum"] = list(values.values)
    if values.open_set:
        schema["x-sdkgen-open-enum"] = True
        description = f"{description} Open set: other values than these may occur.".strip()
        diagnostics.note(where, f"enum {name}: the page ends its values with 'etc.'", "marked open")
    if description:
        schema["description"] = description
    return schema


# --- models without a table ----------------------------------------------------------


@dataclass(frozen=True)
class _Derived:
    schema: JsonObject
    how: str


def _stems(tabled: Mapping[str, JsonObject]) -> dict[str, str]:
    """Stem -> tabled model: `Product` -> Product, `ProductRefresh` -> ProductRefreshResponse."""
    stems = {name: name for name in tabled}
    for name in sorted(tabled):
        stem = name.removesuffix(_RESPONSE_SUFFIX)
        if stem and stem != name:
            stems.setdefault(stem, name)
    return stems


def _parent(name: str, stems: Mapping[str, str]) -> tuple[str, str] | None:
    """The tabled model whose stem begins `name`, and the rest of `name`."""
    matches = [stem for stem in stems if name.startswith(stem) and name != stem]
    if not matches:
        return None
    stem = max(matches, key=len)
    return stems[stem], name[len(stem) :]


def _subset(
    properties: JsonObject, names: list[str], required: list[str], description: str | None
) -> JsonObject:
    schema: JsonObject = {
        "type": "object",
        "properties": {name: copy.deepcopy(properties[name]) for name in names},
    }
    if required:
        schema["required"] = required
    if description:
        schema["description"] = description
    return schema


def _open_object(description: str | None) -> JsonObject:
    schema: JsonObject = {"type": "object", "additionalProperties": True}
    if description:
        schema["description"] = description
    return schema


def _listed_fields(description: str | None, properties: JsonObject) -> list[str]:
    """Field names the description lists in parentheses ("reference (id, name)")."""
    found = _prose_values(description or "")
    if found is None or found[1] or not all(name in properties for name in found[0]):
        return []
    return found[0]


def _variant(model: _Model, parent_name: str, suffix: str, parent: JsonObject) -> _Derived | None:
    properties: JsonObject = parent["properties"]
    if suffix == _SUMMARY_SUFFIX:
        return _Derived(
            _subset(properties, list(properties), [], model.description),
            f"all fields of {parent_name}, each optional (a summary carries a subset)",
        )
    if suffix == _CREATE_SUFFIX:
        kept = [name for name in properties if name not in _SERVER_ASSIGNED]
        dropped = ", ".join(name for name in properties if name in _SERVER_ASSIGNED)
        return _Derived(
            _subset(properties, kept, [], model.description),
            f"fields of {parent_name} without server-assigned ones ({dropped or 'none'}), "
            "each optional (the page does not say which inputs are required)",
        )
    listed = _listed_fields(model.description, properties)
    if not listed:
        return None
    required = [name for name in parent.get("required", []) if name in listed]
    return _Derived(
        _subset(properties, listed, required, model.description),
        f"fields {', '.join(listed)} of {parent_name}, as its description lists them",
    )


def _derive(model: _Model, tabled: Mapping[str, JsonObject]) -> _Derived:
    parent = _parent(model.name, _stems(tabled))
    if parent is not None:
        derived = _variant(model, parent[0], parent[1], tabled[parent[0]])
        if derived is not None:
            return derived
    return _Derived(_open_object(model.description), "no fields given: an open object")


def _adopt_missing(
    page: _Page, references: Mapping[str, int], location: str, diagnostics: Diagnostics
) -> None:
    """Give referenced names the page never headed a model, using unattached prose."""
    known = {model.name for model in page.models}
    known |= {name for group in page.enum_groups for name in group.names}
    missing = sorted(set(references) - known - set(_BUILTIN_NAMES))
    if len(missing) == 1 and len(page.orphans) == 1:
        # Exactly one name lost its heading and one paragraph lost its model: a pair.
        orphan = page.orphans[0]
        page.models.append(_Model(missing[0], orphan.line, orphan.text))
        diagnostics.warn(
            f"{location}:{orphan.line}",
            f"{missing[0]} is referenced but has no heading; this is the one paragraph "
            "that belongs to no model",
            f"taken as the description of {missing[0]}",
        )
        return
    for orphan in page.orphans:
        diagnostics.warn(f"{location}:{orphan.line}", "paragraph belongs to no model", "skipped")
    for name in missing:
        page.models.append(_Model(name, references[name]))
        diagnostics.warn(
            f"{location}:{references[name]}", f"{name} is referenced but not on the page"
        )


# --- the document --------------------------------------------------------------------


def _option(options: Mapping[str, Any], key: str, location: str) -> str | None:
    value = options.get(key)
    if value is not None and not isinstance(value, str):
        raise SpecError(location, f"source option {key!r} must be a string")
    return value


def _unique_models(
    models: list[_Model], location: str, diagnostics: Diagnostics
) -> dict[str, _Model]:
    unique: dict[str, _Model] = {}
    for model in models:
        if model.name in unique:
            diagnostics.warn(
                f"{location}:{model.line}", f"model {model.name} named twice", "first kept"
            )
            continue
        unique[model.name] = model
    return unique


def _vocabulary(page: _Page) -> tuple[str, ...]:
    names = {*_BUILTIN_NAMES, *(model.name for model in page.models)}
    names |= {name for group in page.enum_groups for name in group.names}
    return tuple(sorted(names, key=lambda name: (-len(name), name)))


def _table_fields(page: _Page, location: str, diagnostics: Diagnostics) -> dict[str, list[_Field]]:
    vocabulary = _vocabulary(page)
    return {
        model.name: [
            item
            for line, row in model.rows
            for item in _row_fields(line, row, vocabulary, location, diagnostics)
        ]
        for model in page.models
        if model.rows is not None
    }


def _references(fields: Mapping[str, list[_Field]]) -> dict[str, int]:
    """Each type name the tables use, with the first line that uses it."""
    first_use: dict[str, int] = {}
    for items in fields.values():
        for item in items:
            for name in _names_in(item.annotation):
                first_use[name] = min(first_use.get(name, item.line), item.line)
    return first_use


def _model_schemas(
    models: Mapping[str, _Model],
    fields: Mapping[str, list[_Field]],
    location: str,
    diagnostics: Diagnostics,
) -> dict[str, JsonObject]:
    tabled = {
        name: _object_schema(fields[name], models[name].description, location, diagnostics)
        for name in sorted(fields)
    }
    schemas = dict(tabled)
    for name in sorted(set(models) - set(tabled)):
        derived = _derive(models[name], tabled)
        schemas[name] = derived.schema
        diagnostics.note(
            f"{location}:{models[name].line}",
            f"model {name} has no field table",
            f"derived: {derived.how}",
        )
    return schemas


def _enum_schemas(
    page: _Page, fields: Mapping[str, list[_Field]], location: str, diagnostics: Diagnostics
) -> dict[str, JsonObject]:
    groups = {name: group for group in page.enum_groups for name in group.names}
    collected = _collect_enum_values(set(groups), fields)
    return {
        name: _enum_schema(name, groups[name], collected[name], location, diagnostics)
        for name in sorted(groups)
    }


def load(source: Path, options: Mapping[str, Any], diagnostics: Diagnostics) -> dict[str, Any]:
    location = str(source)
    for key in sorted(set(options) - _KNOWN_OPTIONS):
        diagnostics.warn(location, f"unknown source option {key!r}", "ignored")
    page = _PageReader(location, diagnostics).read(read_text(source))
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
    schemas.update(_enum_schemas(page, fields, location, diagnostics))
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
