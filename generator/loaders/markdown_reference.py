"""`markdown-reference`: a Markdown API reference whose line breaks were lost.

The capture is one long line. Its `#` headings survive, so the text is cut at them: the
`#` title carries the version and base URL, `##` sections are either prose (auth, rate
limits, errors, webhook events) or a tag whose `### METHOD /path` blocks are operations,
and `## Schemas` holds one `### Name` block per schema. Inside a block, fixed labels
(`Auth:`, `Parameters:`, `Type:`, ...) and list items (`- name: type (required) - text`)
are the only structure left, so each block is read with patterns for its kind.

What the capture lost is recovered where its own text makes it plain, and recorded:
path parameters are read from the path template, a `$ref` flattened to `allOf` is
resolved by the words the property shares with one schema's name, a string property
carrying an enum schema's description becomes that enum, and the error format the prose
describes replaces the error schema the operations name. Array item types, which the
capture never gives, are left open for an overlay.
"""

from __future__ import annotations

import dataclasses
import http
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.diagnostics import Diagnostics, SpecError, pointer
from generator.loaders.reader import read_text

OPENAPI_VERSION = "3.1.0"
SECURITY_SCHEME = "bearerAuth"
ERROR_SCHEMA = "ErrorResponse"
JSON_MEDIA = "application/json"
BINARY_MEDIA = "application/octet-stream"
_SCHEMA_REF = "#/components/schemas/"
_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
_FIELD_TYPES = "string|integer|number|boolean|array|object|any|allOf|anyOf|oneOf|enum"
_PRIMITIVE_TYPES = frozenset({"string", "integer", "number", "boolean", "object"})
# Formats the capture writes for unsigned integers; they also bound the value below.
_UNSIGNED_FORMATS = frozenset({"uint8", "uint16", "uint32", "uint64"})
# Words a schema name adds to what it describes ("AppMetadata" and "AppMetadataResponse"
# are both "app metadata"), ignored when matching a property against schema names.
_GENERIC_NAME_WORDS = frozenset({"response", "request", "payload", "body", "kind", "info"})
# An operationId keeps a summary's words up to the first of these ("Add a value to a
# fixed domain" -> add_value): what follows says where, not what.
_OPERATION_ID_STOP_WORDS = frozenset(
    {"to", "for", "from", "on", "in", "into", "within", "that", "whose", "is"}
)
_ARTICLES = frozenset({"a", "an", "the"})

_HEADING = re.compile(r"(?:^|(?<=\s))(#{1,6}) (?=\S)")
_OPERATION_HEAD = re.compile(
    rf"^(?P<method>{'|'.join(_METHODS)}) (?P<path>/\S*)\s*(?P<rest>.*)$", re.DOTALL
)
_TITLE_FACTS = re.compile(
    r"^(?P<title>.*?)(?: Version: (?P<version>\S+))?(?: Base URL: (?P<url>\S+))?\s*$"
)
_FIELD = re.compile(
    rf"(?:^|\s)- (?P<name>[A-Za-z_][\w.-]*): (?P<type>{_FIELD_TYPES})"
    r"(?: \[(?P<format>[\w-]+)\])?(?P<required> \(required\))?(?=\s|$)"
)
_PARAMETER = re.compile(
    r"(?:^|\s)- (?P<name>[\w.-]+) \[(?P<location>path|query|header|cookie)\] (?P<type>\w+)"
    r"(?: \[(?P<format>[\w-]+)\])?(?: \((?P<presence>required|optional)\))?(?=\s|$)"
)
_RESPONSE = re.compile(r"(?:^|\s)(?P<status>[1-5]\d\d|default):(?=\s|$)")
_BODY = re.compile(
    r"^Content-Type: (?P<media>[\w.+-]+/[\w.+-]+)(?:; ?[\w-]+=[\w.-]+)*"
    r"\s+Schema: (?P<schema>\S+)\s*(?P<fields>.*)$",
    re.DOTALL,
)
_TEMPLATE_NAME = re.compile(r"{([^}/]+)}")
_ERROR_FIELDS = re.compile(r"format with (?P<names>[\w ,]+?) fields")
_EXAMPLE = re.compile(r"Example: (\{.*\})\s*$", re.DOTALL)
# "Token for next page, null if no more results": an optional field that may be null.
_MENTIONS_NULL = re.compile(r"\bnull\b")
_KEY_FORMAT = re.compile(r"Format: ([^\s<]*(?:<[^>]*>)?)")


# --- Blocks: the text between one heading and the next ---------------------------------


@dataclass(frozen=True)
class _Block:
    level: int
    text: str
    """Heading and body, without the hashes and without a trailing `---` rule."""
    offset: int


@dataclass
class _Section:
    block: _Block
    children: list[_Block] = field(default_factory=list)


@dataclass(frozen=True)
class _Source:
    """The capture's name and text; turns offsets into `file:line` locations."""

    name: str
    text: str

    def at(self, offset: int) -> str:
        return f"{self.name}:{self.text.count(chr(10), 0, offset) + 1}"

    def at_pointer(self, *parts: str | int) -> str:
        return f"{self.name}{pointer(*parts)}"


def _cut(pattern: re.Pattern[str], text: str) -> list[tuple[re.Match[str], str]]:
    """Each match of `pattern` with the text from its end up to the next match."""
    matches = list(pattern.finditer(text))
    ends = [match.start() for match in matches[1:]] + [len(text)]
    # `ends` has one item even when nothing matched; zip stops at the shorter list.
    return [(m, text[m.end() : end].strip()) for m, end in zip(matches, ends, strict=False)]


def _blocks(text: str) -> list[_Block]:
    return [
        _Block(len(heading.group(1)), re.sub(r"\s*-{3,}$", "", body), heading.start())
        for heading, body in _cut(_HEADING, text)
    ]


def _sections(blocks: list[_Block]) -> list[_Section]:
    sections: list[_Section] = []
    for block in blocks:
        if block.level <= 2 or not sections:
            sections.append(_Section(block))
        else:
            sections[-1].children.append(block)
    return sections


def _is_operation(block: _Block) -> bool:
    return _OPERATION_HEAD.match(block.text) is not None


# --- Words: splitting names and prose the same way so they can be compared --------------


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _words(text: str) -> list[str]:
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text)
    spaced = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1 \2", spaced)
    return [_singular(word) for word in re.findall(r"[a-z0-9]+", spaced.lower())]


def _name_core(name: str) -> frozenset[str]:
    words = set(_words(name))
    return frozenset(words - _GENERIC_NAME_WORDS or words)


def _sentence_case(words: list[str], start: int) -> int:
    return next((i for i in range(start, len(words)) if not words[i][:1].islower()), len(words))


def _split_heading(text: str) -> tuple[str, str]:
    """Cut a prose heading from the paragraph the lost line break joined it to.

    A Title Case heading ends where a sentence starts (a capitalised word followed by a
    lower-case one); a sentence-case heading ends at its next capitalised word.
    """
    words = text.split(" ")
    if len(words) > 1 and words[1][:1].islower():
        end = _sentence_case(words, 2)
    else:
        end = next((i for i in range(1, len(words)) if _starts_body(words, i)), len(words))
    return " ".join(words[:end]), " ".join(words[end:])


def _starts_body(words: list[str], i: int) -> bool:
    word = words[i]
    if not word[:1].isalpha() or word.endswith((":", ",")):
        return True
    following = words[i + 1] if i + 1 < len(words) else ""
    return word[:1].isupper() and following[:1].islower()


def _split_status_heading(text: str) -> tuple[str, str] | None:
    status, _, rest = text.partition(" ")
    if not status.isdigit():
        return None
    try:
        phrase = http.HTTPStatus(int(status)).phrase
    except ValueError:
        return None
    if not rest.startswith(phrase):
        return None
    return f"{status} {phrase}", rest[len(phrase) :].strip()


def _split_tag_heading(text: str, vocabulary: set[str]) -> tuple[str, str]:
    """A tag heading's words are the words of its operations' paths ("Azure", not
    "Azure Browse"), which tells it apart from the description that follows."""
    words = text.split(" ")
    end = 1
    while end < len(words) and words[end].isalnum() and _singular(words[end].lower()) in vocabulary:
        end += 1
    return " ".join(words[:end]), " ".join(words[end:])


# --- Lists inside a block ---------------------------------------------------------------


@dataclass(frozen=True)
class _Field:
    name: str
    type: str
    format: str | None
    required: bool
    description: str


def _fields(text: str) -> list[_Field]:
    return [
        _Field(
            name=match.group("name"),
            type=match.group("type"),
            format=match.group("format"),
            required=bool(match.group("required")),
            description=_item_text(tail),
        )
        for match, tail in _cut(_FIELD, text)
    ]


def _item_text(tail: str) -> str:
    return re.sub(r"^-\s*", "", tail)


def _labelled(text: str, labels: tuple[str, ...]) -> tuple[str, dict[str, str]]:
    """Split `text` at the first occurrence of each label, labels appearing in order."""
    pattern = re.compile(r"(?:^|\s)(" + "|".join(map(re.escape, labels)) + r")(?=\s|$)")
    kept: list[re.Match[str]] = []
    for match in pattern.finditer(text):
        # A label repeated or out of order belongs to the text under an earlier label.
        if not kept or labels.index(match.group(1)) > labels.index(kept[-1].group(1)):
            kept.append(match)
    ends = [match.start() for match in kept[1:]] + [len(text)]
    parts = {m.group(1): text[m.end() : end].strip() for m, end in zip(kept, ends, strict=False)}
    return (text[: kept[0].start()] if kept else text).strip(), parts


# --- Schemas ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _RawSchema:
    name: str
    description: str
    type: str
    fields: list[_Field]
    enum: list[str]

    @property
    def is_enum(self) -> bool:
        return bool(self.enum)


def _raw_schema(block: _Block) -> _RawSchema:
    name, _, rest = block.text.partition(" ")
    description, parts = _labelled(rest, ("Type:", "Properties:", "Enum:"))
    enum = [value.strip() for value in parts.get("Enum:", "").split(",") if value.strip()]
    return _RawSchema(
        name=name,
        description=description,
        type=parts.get("Type:", "object").split(" ")[0] or "object",
        fields=_fields(parts.get("Properties:", "")),
        enum=enum,
    )


@dataclass
class _Context:
    """What every part of the build reads: the capture, the schemas, and the diagnostics."""

    source: _Source
    diagnostics: Diagnostics
    schemas: dict[str, _RawSchema]
    enum_by_description: dict[str, str]
    error_descriptions: dict[str, str]
    error_component: dict[str, Any] | None
    """The error body the prose describes; 4xx/5xx responses refer to it when present."""
    error_schema: str | None
    replaced_error_schemas: set[str] = field(default_factory=set)


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": _SCHEMA_REF + name}


def _schema_component(raw: _RawSchema, context: _Context) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": raw.type}
    if raw.description:
        schema["description"] = raw.description
    if raw.is_enum:
        schema["enum"] = raw.enum
    if raw.type == "object" and raw.fields:
        where = ("components", "schemas", raw.name, "properties")
        schema["properties"] = {
            f.name: _property(f, raw.name, (*where, f.name), context) for f in raw.fields
        }
        required = [f.name for f in raw.fields if f.required]
        if required:
            schema["required"] = required
    return schema


def _property(
    item: _Field, owner: str, where: tuple[str, ...], context: _Context
) -> dict[str, Any]:
    enum_name = context.enum_by_description.get(item.description) if item.type == "string" else None
    if enum_name:
        context.diagnostics.note(
            context.source.at_pointer(*where),
            f"string property carries the description of enum {enum_name}",
            f"typed as {enum_name}",
        )
        return _ref(enum_name)
    schema = _property_type(item, owner, where, context)
    if not item.required and _MENTIONS_NULL.search(item.description):
        schema = _nullable(schema)
    if item.description:
        schema["description"] = item.description
    return schema


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if isinstance(schema.get("type"), str):
        return {**schema, "type": [schema["type"], "null"]}
    if "$ref" in schema:
        return {"anyOf": [schema, {"type": "null"}]}
    return schema  # already any JSON, null included


def _property_type(
    item: _Field, owner: str, where: tuple[str, ...], context: _Context
) -> dict[str, Any]:
    location = context.source.at_pointer(*where)
    if item.type in _PRIMITIVE_TYPES:
        return _primitive(item.type, item.format)
    if item.type == "array":
        context.diagnostics.warn(location, "array without an item type", "items typed as any JSON")
        return {"type": "array", "items": {}}
    if item.type == "enum":
        context.diagnostics.warn(location, "enum without its values", "typed as string")
        return {"type": "string"}
    if item.type == "allOf":
        return _resolved_reference(item, owner, location, context)
    context.diagnostics.warn(location, f"type given as `{item.type}`", "typed as any JSON")
    return {}


def _primitive(type_name: str, format_name: str | None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": type_name}
    if format_name:
        schema["format"] = format_name
    if format_name in _UNSIGNED_FORMATS:
        schema["minimum"] = 0
    return schema


# --- Resolving a reference the capture flattened to `allOf` -----------------------------


def _resolved_reference(
    item: _Field, owner: str, location: str, context: _Context
) -> dict[str, Any]:
    candidates = _reference_candidates(item, owner, context.schemas)
    if len(candidates) == 1:
        context.diagnostics.note(
            location, "`allOf` in place of a reference", f"resolved to {candidates[0]} by name"
        )
        return _ref(candidates[0])
    detail = f"candidates {', '.join(candidates)}" if candidates else "no schema name matches"
    context.diagnostics.warn(
        location, f"`allOf` in place of a reference; {detail}", "typed as any JSON"
    )
    return {}


def _reference_candidates(item: _Field, owner: str, schemas: Mapping[str, _RawSchema]) -> list[str]:
    """Schemas the property plainly means, most specific evidence first.

    1. every word of the schema's name is in the property's name or description, and at
       least one is in its name (`fromSeatType` -> SeatType, `usage` "Token usage" ->
       TokenUsage);
    2. the same, also counting the owning schema's name (ColumnDomainResponse.`domain`
       -> ColumnDomainPayload);
    3. an enum schema whose name ends with the property's name (`action` -> AIAction).
    Within a tier the candidates sharing most words with the property's name win, then
    the more specific names. A tie stops the search: guessing between two is worse than
    `{}`.
    """
    names = set(_words(item.name))
    described = names | set(_words(item.description))
    others = {name: raw for name, raw in schemas.items() if name != owner}
    for context_words in (described, described | set(_words(owner))):
        found = [n for n in others if _name_core(n) <= context_words and _name_core(n) & names]
        if found:
            return _most_specific(found, names)
    tail = _words(item.name)
    return sorted(n for n, raw in others.items() if raw.is_enum and _words(n)[-len(tail) :] == tail)


def _most_specific(candidates: list[str], names: set[str]) -> list[str]:
    """Those sharing most words with the property's name, then with the longest names."""

    def evidence(candidate: str) -> tuple[int, int]:
        core = _name_core(candidate)
        return len(core & names), len(core)

    best = max(evidence(candidate) for candidate in candidates)
    return sorted(candidate for candidate in candidates if evidence(candidate) == best)


# --- Errors: the format the prose describes ---------------------------------------------


def _error_component(section: _Section) -> dict[str, Any] | None:
    """The error body the Error Handling section describes, typed from its examples."""
    _, body = _split_heading(section.block.text)
    names_match = _ERROR_FIELDS.search(body)
    if not names_match:
        return None
    names = [n for n in re.split(r",?\s+and\s+|,\s*", names_match.group("names")) if n]
    examples = [_example(child) for child in section.children]
    properties = {name: _example_type(name, examples) for name in names}
    return {
        "type": "object",
        "description": body,
        "properties": properties,
        "required": names,
    }


def _example(block: _Block) -> dict[str, Any]:
    match = _EXAMPLE.search(block.text)
    if not match:
        return {}
    try:
        value = json.loads(match.group(1))
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


def _example_type(name: str, examples: Iterable[dict[str, Any]]) -> dict[str, Any]:
    kinds = {type(example[name]) for example in examples if name in example}
    if kinds == {int}:
        return {"type": "integer"}
    if kinds == {str}:
        return {"type": "string"}
    return {}


def _error_descriptions(section: _Section) -> dict[str, str]:
    descriptions = {}
    for child in section.children:
        split = _split_status_heading(child.text)
        if split:
            title, body = split
            text = _EXAMPLE.sub("", body).strip()
            descriptions[title.split(" ")[0]] = f"{title}. {text}".strip()
    return descriptions


# --- Operations -------------------------------------------------------------------------

_OPERATION_LABELS = ("Auth:", "Parameters:", "Request Body:", "Responses:")


@dataclass(frozen=True)
class _RawOperation:
    method: str
    path: str
    summary: str
    parts: dict[str, str]
    tag: str
    offset: int

    @property
    def where(self) -> tuple[str, ...]:
        return ("paths", self.path, self.method.lower())


def _raw_operation(block: _Block, tag: str) -> _RawOperation:
    head = _OPERATION_HEAD.match(block.text)
    assert head is not None  # only operation blocks are passed in
    summary, parts = _labelled(head.group("rest"), _OPERATION_LABELS)
    return _RawOperation(
        head.group("method"), head.group("path"), summary, parts, tag, block.offset
    )


def _operation(raw: _RawOperation, operation_id: str, context: _Context) -> dict[str, Any]:
    operation: dict[str, Any] = {"operationId": operation_id, "tags": [raw.tag]}
    if raw.summary:
        operation["summary"] = raw.summary
    auth = raw.parts.get("Auth:", "")
    if auth and auth != "None":
        operation["description"] = f"Auth: {auth}."
    parameters = _parameters(raw, context)
    if parameters:
        operation["parameters"] = parameters
    body = _request_body(raw, context)
    if body:
        operation["requestBody"] = body
    operation["responses"] = _responses(raw, context)
    return operation


def _operation_id(raw: _RawOperation) -> str:
    text = re.sub(r"'s\b", "", re.sub(r"\([^)]*\)", " ", raw.summary))
    tokens = [t for t in re.findall(r"[a-z0-9]+", text.lower()) if t not in _ARTICLES]
    cut = next(
        (i for i, t in enumerate(tokens) if i >= 2 and t in _OPERATION_ID_STOP_WORDS), len(tokens)
    )
    if cut:
        return "_".join(tokens[:cut])
    literal = [s for s in raw.path.split("/") if s and not s.startswith("{")]
    return "_".join([raw.method.lower(), *re.findall(r"[a-z0-9]+", " ".join(literal).lower())])


def _operation_ids(raws: list[_RawOperation], context: _Context) -> list[str]:
    """One id per operation, from its summary; a clash gets the method, then a number."""
    taken: set[str] = set()
    ids = []
    for raw in raws:
        base = _operation_id(raw)
        chosen = base
        if chosen in taken:
            chosen = f"{base}_{raw.method.lower()}"
            counter = 2
            while chosen in taken:
                chosen, counter = f"{base}_{counter}", counter + 1
            context.diagnostics.note(
                context.source.at_pointer(*raw.where),
                f"operationId {base!r} already taken",
                f"named {chosen!r}",
            )
        taken.add(chosen)
        ids.append(chosen)
    return ids


# --- Parameters -------------------------------------------------------------------------


def _listed_parameters(text: str) -> list[tuple[re.Match[str], str]]:
    return [(match, _item_text(tail)) for match, tail in _cut(_PARAMETER, text)]


def _parameters(raw: _RawOperation, context: _Context) -> list[dict[str, Any]]:
    listed = _listed_parameters(raw.parts.get("Parameters:", ""))
    declared = {m.group("name"): (m, text) for m, text in listed if m.group("location") == "path"}
    template = _TEMPLATE_NAME.findall(raw.path)
    parameters = []
    for name in template:
        if name in declared:
            parameters.append(_parameter(*declared[name], context))
            continue
        context.diagnostics.note(
            context.source.at_pointer(*raw.where, "parameters", len(parameters)),
            f"path parameter {name!r} is not listed",
            "taken from the path template as a required string",
        )
        parameters.append(
            {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        )
    for match, text in listed:
        if match.group("location") != "path":
            parameters.append(_parameter(match, text, context))
        elif match.group("name") not in template:
            context.diagnostics.warn(
                context.source.at(raw.offset),
                f"path parameter {match.group('name')!r} is not in {raw.path}",
                "skipped",
            )
    return parameters


def _parameter(match: re.Match[str], description: str, context: _Context) -> dict[str, Any]:
    location = match.group("location")
    parameter: dict[str, Any] = {
        "name": match.group("name"),
        "in": location,
        "required": location == "path" or match.group("presence") == "required",
    }
    if description:
        parameter["description"] = description
    type_name = match.group("type")
    if type_name in _PRIMITIVE_TYPES:
        parameter["schema"] = _primitive(type_name, match.group("format"))
    else:
        context.diagnostics.warn(
            context.source.at(match.start()), f"parameter type `{type_name}`", "typed as any JSON"
        )
        parameter["schema"] = {}
    return parameter


# --- Request bodies ---------------------------------------------------------------------


def _request_body(raw: _RawOperation, context: _Context) -> dict[str, Any] | None:
    text = raw.parts.get("Request Body:")
    if text is None:
        return None
    match = _BODY.match(text)
    where = (*raw.where, "requestBody")
    if not match:
        context.diagnostics.warn(
            context.source.at_pointer(*where), "request body not understood", "skipped"
        )
        return None
    media = match.group("media")
    schema_where = (*where, "content", media, "schema")
    schema = _body_schema(
        match.group("schema"), match.group("fields"), media, schema_where, context
    )
    return {"required": True, "content": {media: {"schema": schema}}}


def _body_schema(
    name: str, fields_text: str, media: str, where: tuple[str, ...], context: _Context
) -> dict[str, Any]:
    if name in context.schemas:
        return _ref(name)
    if name != "object":
        context.diagnostics.warn(
            context.source.at_pointer(*where),
            f"body schema {name} is not among the schemas",
            "built from the fields listed with the operation",
        )
    fields = _fields(fields_text)
    properties = {}
    for item in fields:
        item_where = (*where, "properties", item.name)
        if media == "multipart/form-data" and _is_file_field(item):
            properties[item.name] = _file_field(item, item_where, context)
        else:
            properties[item.name] = _property(item, "", item_where, context)
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    required = [item.name for item in fields if item.required]
    if required:
        schema["required"] = required
    return schema


def _is_file_field(item: _Field) -> bool:
    mentions = set(_words(item.name)) | set(_words(item.description))
    return item.type in {"string", "array"} and "file" in mentions


def _file_field(item: _Field, where: tuple[str, ...], context: _Context) -> dict[str, Any]:
    binary = {"type": "string", "format": "binary"}
    schema: dict[str, Any] = (
        {"type": "array", "items": binary} if item.type == "array" else dict(binary)
    )
    context.diagnostics.note(
        context.source.at_pointer(*where),
        f"multipart {item.type} field described as file content",
        "typed as binary" + (" files" if item.type == "array" else ""),
    )
    if item.description:
        schema["description"] = item.description
    return schema


# --- Responses --------------------------------------------------------------------------


def _responses(raw: _RawOperation, context: _Context) -> dict[str, Any]:
    text = raw.parts.get("Responses:", "")
    responses: dict[str, Any] = {}
    for match, tail in _cut(_RESPONSE, text):
        status = match.group("status")
        responses[status] = _response(status, tail, (*raw.where, "responses", status), context)
    if not any(status.startswith("2") for status in responses):
        context.diagnostics.warn(
            context.source.at(raw.offset), "no success response listed", "returns nothing"
        )
    error_schema = context.error_schema
    if error_schema:
        rate_limit = context.error_descriptions.get("429")
        if rate_limit:
            responses.setdefault("429", _rate_limited(rate_limit, error_schema))
        responses.setdefault("default", _error_response("Any other error.", error_schema))
    return responses


def _response(status: str, text: str, where: tuple[str, ...], context: _Context) -> dict[str, Any]:
    named = text[1:].strip() if text.startswith("→") else None
    error_schema = context.error_schema
    if status[0] in "45" and error_schema:
        if named and named != error_schema:
            context.replaced_error_schemas.add(named)
        own_text = None if named else text
        description = context.error_descriptions.get(status) or own_text or _phrase(status)
        return _error_response(description, error_schema)
    if named:
        schema = _named_schema(named, where, context)
        return {"description": _phrase(status), "content": {JSON_MEDIA: {"schema": schema}}}
    if "binary" in text.lower():
        binary = {"type": "string", "format": "binary"}
        return {"description": text, "content": {BINARY_MEDIA: {"schema": binary}}}
    return {"description": text or _phrase(status)}


def _named_schema(name: str, where: tuple[str, ...], context: _Context) -> dict[str, Any]:
    if name in context.schemas:
        return _ref(name)
    location = context.source.at_pointer(*where)
    if name == "array":
        context.diagnostics.warn(
            location, "array response without an item type", "items typed as any JSON"
        )
        return {"type": "array", "items": {}}
    if name in _PRIMITIVE_TYPES:
        return {"type": name}
    context.diagnostics.warn(
        location, f"response schema {name} is not among the schemas", "typed as any JSON"
    )
    return {}


def _phrase(status: str) -> str:
    try:
        return http.HTTPStatus(int(status)).phrase
    except ValueError:
        return "Response"


def _error_response(description: str, schema: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {JSON_MEDIA: {"schema": _ref(schema)}},
    }


def _rate_limited(description: str, schema: str) -> dict[str, Any]:
    response = _error_response(description, schema)
    retry_after = {"description": "Seconds to wait before retrying.", "schema": {"type": "integer"}}
    return {**response, "headers": {"Retry-After": retry_after}}


# --- Webhooks ---------------------------------------------------------------------------


def _webhooks(section: _Section, context: _Context) -> dict[str, Any]:
    _, body = _split_heading(section.block.text)
    if "signature" in body.lower() and not re.search(r"\bX-[\w-]+", body):
        context.diagnostics.warn(
            context.source.at(section.block.offset),
            "webhook payloads are signed, but neither the header nor the algorithm is named",
            "left to sdk.toml [webhooks]",
        )
    hooks = {}
    for child in section.children:
        name, _, description = child.text.partition(" ")
        where = ("webhooks", name, "post", "requestBody")
        context.diagnostics.warn(
            context.source.at_pointer(*where),
            "event payload not described",
            "typed as an open object",
        )
        hooks[name] = {"post": _webhook_operation(name, description)}
    return hooks


def _webhook_operation(name: str, description: str) -> dict[str, Any]:
    payload = {"type": "object", "description": f"The `{name}` event (fields not documented)."}
    operation: dict[str, Any] = {"operationId": "_".join(re.findall(r"[a-z0-9]+", name.lower()))}
    if description:
        operation["summary"] = description.split(". ")[0].rstrip(".")
        operation["description"] = description
    operation["requestBody"] = {"required": True, "content": {JSON_MEDIA: {"schema": payload}}}
    operation["responses"] = {"200": {"description": "Any 2xx status acknowledges the event."}}
    return operation


# --- Document-level facts: info, servers, security, tags --------------------------------


def _info(
    title: _Block | None, prose: list[_Section], source: _Source, diagnostics: Diagnostics
) -> tuple[dict[str, Any], str | None]:
    facts = _TITLE_FACTS.match(title.text) if title else None
    name = (facts.group("title") if facts else "") or Path(source.name).stem
    version = facts.group("version") if facts else None
    if not version:
        diagnostics.warn(
            source.at(title.offset if title else 0), "no `Version:` in the title", "version 0.0.0"
        )
    info: dict[str, Any] = {"title": name.removesuffix(" Reference"), "version": version or "0.0.0"}
    description = "\n\n".join(_markdown(section) for section in prose)
    if description:
        info["description"] = description
    return info, facts.group("url") if facts else None


def _markdown(section: _Section) -> str:
    """A prose section with the heading breaks the capture lost put back."""
    lines = []
    for level, block in [(2, section.block), *((3, child) for child in section.children)]:
        title, body = _split_status_heading(block.text) or _split_heading(block.text)
        lines += [f"{'#' * level} {title}", body]
    return "\n\n".join(line for line in lines if line)


def _security_scheme(prose: list[_Section]) -> dict[str, Any] | None:
    """HTTP bearer, described by the first Authentication section (and any key format)."""
    auth = [s for s in prose if _split_heading(s.block.text)[0].lower().startswith("auth")]
    texts = [block.text for section in auth for block in (section.block, *section.children)]
    if not any("bearer" in text.lower() for text in texts):
        return None
    description = _split_heading(auth[0].block.text)[1]
    formats = sorted({m.group(1) for text in texts for m in _KEY_FORMAT.finditer(text)})
    if formats:
        description += " API key format: " + ", ".join(f"`{f}`" for f in formats) + "."
    return {"type": "http", "scheme": "bearer", "description": description}


def _tag(section: _Section, raws: list[_RawOperation]) -> dict[str, Any]:
    vocabulary = {
        _singular(word) for raw in raws for word in re.findall(r"[a-z0-9]+", raw.path.lower())
    }
    name, description = _split_tag_heading(section.block.text, vocabulary)
    return {"name": name, "description": description} if description else {"name": name}


# --- The document -----------------------------------------------------------------------


@dataclass
class _Capture:
    """The capture's sections sorted by kind."""

    title: _Block | None
    prose: list[_Section]
    tags: list[_Section]
    schemas: list[_Block]
    webhooks: list[_Section]
    errors: _Section | None


def _capture(text: str) -> _Capture:
    sections = _sections(_blocks(text))
    title = next((s.block for s in sections if s.block.level == 1), None)
    capture = _Capture(title, [], [], [], [], None)
    for section in sections:
        heading = section.block.text
        if any(_is_operation(child) for child in section.children):
            capture.tags.append(section)
        elif heading.startswith("Schemas"):
            capture.schemas += section.children
        elif heading.startswith("Webhook"):
            capture.webhooks.append(section)
        elif section.block.level == 2:
            capture.prose.append(section)
            if heading.startswith("Error") and capture.errors is None:
                capture.errors = section
    return capture


def _context(capture: _Capture, source: _Source, diagnostics: Diagnostics) -> _Context:
    schemas: dict[str, _RawSchema] = {}
    for block in capture.schemas:
        raw = _raw_schema(block)
        if raw.name in schemas:
            diagnostics.warn(
                source.at(block.offset), f"schema {raw.name} listed twice", "first kept"
            )
            continue
        schemas[raw.name] = raw
    enum_by_description = {
        raw.description: raw.name for raw in schemas.values() if raw.is_enum and raw.description
    }
    error = _error_component(capture.errors) if capture.errors else None
    errors = _error_descriptions(capture.errors) if capture.errors else {}
    error_name = _free_name(ERROR_SCHEMA, schemas) if error else None
    return _Context(source, diagnostics, schemas, enum_by_description, errors, error, error_name)


def _free_name(name: str, taken: Mapping[str, object]) -> str:
    return next(
        f"{name}{n or ''}" for n in range(len(taken) + 1) if f"{name}{n or ''}" not in taken
    )


def load(source: Path, options: Mapping[str, Any], diagnostics: Diagnostics) -> dict[str, Any]:
    if options:
        raise SpecError(str(source), f"markdown-reference takes no options (got {sorted(options)})")
    text = read_text(source)
    capture = _capture(text)
    if not capture.tags:
        raise SpecError(str(source), "no operations: no `### METHOD /path` heading found")
    return _document(capture, _context(capture, _Source(source.name, text), diagnostics))


def _document(capture: _Capture, context: _Context) -> dict[str, Any]:
    info, url = _info(capture.title, capture.prose, context.source, context.diagnostics)
    document: dict[str, Any] = {"openapi": OPENAPI_VERSION, "info": info}
    if url:
        document["servers"] = [{"url": url}]
    scheme = _security_scheme(capture.prose)
    if scheme:
        document["security"] = [{SECURITY_SCHEME: []}]
    tags, raws = _tags_and_operations(capture, context)
    document["tags"] = tags
    document["paths"] = _paths(raws, context)
    if capture.webhooks:
        document["webhooks"] = {
            k: v for s in capture.webhooks for k, v in _webhooks(s, context).items()
        }
    schemas = {name: _schema_component(raw, context) for name, raw in context.schemas.items()}
    if context.error_component and context.error_schema:
        schemas[context.error_schema] = context.error_component
    components: dict[str, Any] = {"schemas": dict(sorted(schemas.items()))}
    if scheme:
        components["securitySchemes"] = {SECURITY_SCHEME: scheme}
        _note_unauthenticated(raws, context)
    _warn_replaced_error_schemas(context)
    document["components"] = components
    return document


def _tags_and_operations(
    capture: _Capture, context: _Context
) -> tuple[list[dict[str, Any]], list[_RawOperation]]:
    tags, raws = [], []
    for section in capture.tags:
        operations = [child for child in section.children if _is_operation(child)]
        for child in section.children:
            if not _is_operation(child):
                context.diagnostics.warn(
                    context.source.at(child.offset),
                    "heading among operations is not an operation",
                    "skipped",
                )
        untagged = [_raw_operation(block, "") for block in operations]
        tag = _tag(section, untagged)
        tags.append(tag)
        raws += [dataclasses.replace(raw, tag=tag["name"]) for raw in untagged]
    return tags, raws


def _paths(raws: list[_RawOperation], context: _Context) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for raw, operation_id in zip(raws, _operation_ids(raws, context), strict=True):
        item = paths.setdefault(raw.path, {})
        method = raw.method.lower()
        if method in item:
            context.diagnostics.warn(
                context.source.at(raw.offset), f"{raw.method} {raw.path} listed twice", "first kept"
            )
            continue
        item[method] = _operation(raw, operation_id, context)
    return paths


def _note_unauthenticated(raws: list[_RawOperation], context: _Context) -> None:
    unauthenticated = sum(1 for raw in raws if raw.parts.get("Auth:") == "None")
    if unauthenticated:
        context.diagnostics.note(
            context.source.name,
            f"{unauthenticated} operations say `Auth: None`, but the Authentication section "
            "says endpoints take a bearer token",
            "the bearer requirement applies to every operation",
        )


def _warn_replaced_error_schemas(context: _Context) -> None:
    documented = "{" + ", ".join((context.error_component or {}).get("required", [])) + "}"
    for name in sorted(context.replaced_error_schemas):
        raw = context.schemas.get(name)
        fields = f" {{{', '.join(f.name for f in raw.fields)}}}" if raw else ""
        context.diagnostics.warn(
            context.source.at_pointer("components", "schemas", name),
            f"operations give {name}{fields} as their error body, but the Error Handling "
            f"section says every error is {documented} and its examples agree",
            f"4xx/5xx responses use {context.error_schema}; {name} kept as a schema",
        )
