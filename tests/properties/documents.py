"""Hypothesis strategies: random but valid OpenAPI 3.0 and 3.1 documents.

What they cover: nested objects, arrays, maps, unions (anyOf, oneOf, oneOf with a
discriminator), string and integer enums, const, allOf inheritance, nullable (3.0
`nullable`, 3.1 type lists), recursion through `$ref`, names that are Python keywords,
builtins, pydantic internals or that collide after normalisation, and parameters in every
location and style. Shapes stay drawable by hypothesis-jsonschema: a reference that may
recurse only sits where it can be left out (an optional property, array items), and
numbers are bounded so that they survive a trip through a float.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

Schema = dict[str, Any]

# Names a generated package must survive: keywords, builtins, pydantic and SDK internals,
# names that only differ in case or punctuation, and text that tries to end a literal.
ODD_NAMES = (
    "class",
    "def",
    "None",
    "True",
    "from",
    "import",
    "lambda",
    "async",
    "await",
    "self",
    "cls",
    "list",
    "dict",
    "type",
    "id",
    "str",
    "int",
    "float",
    "bool",
    "print",
    "object",
    "model_config",
    "model_fields",
    "model_dump",
    "model_validate",
    "schema",
    "json",
    "copy",
    "construct",
    "validate",
    "fields",
    "to_dict",
    "to_json",
    "options",
    "timeout",
    "body",
    "extra_headers",
    "__init__",
    "__class__",
    "_private",
    "__dunder__",
    "Any",
    "Literal",
    "Field",
    "BaseModel",
    "datetime",
    "date",
    "UUID",
    "typing",
    "pydantic",
    "1st",
    "9",
    "a b",
    "a-b",
    "a_b",
    "aB",
    "AB",
    "a.b",
    "$ref",
    "@type",
    'q"uote',
    "it's",
    "back\\slash",
    "{{ x }}",
    "{% if %}",
    '"""',
    "'''",
    "#comment",
    "ünïcødé",
    "日本語",
    "",
)
_COMPONENT_NAMES = (
    "Pet",
    "pet",
    "PET",
    "pets",
    "Pet_2",
    "Pet2",
    "class",
    "None",
    "list",
    "type",
    "Model",
    "BaseModel",
    "Field",
    "Any",
    "Literal",
    "Enum",
    "OpenStrEnum",
    "Self",
    "Client",
    "Response",
    "Error",
    "a.b",
    "a-b",
    "a_b",
    "1st",
    "_x",
    "X",
    "x",
    "Annotated",
    "Union",
)
_TOKEN = st.text(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", min_size=1, max_size=12
)
names = st.one_of(st.sampled_from(ODD_NAMES), st.text(min_size=1, max_size=10))
component_names = st.one_of(
    st.sampled_from(_COMPONENT_NAMES),
    st.text(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", min_size=1, max_size=10
    ),
)
header_names = st.one_of(
    st.sampled_from(["X-Request-ID", "x-request-id", "X-Class", "If-Match", "From"]), _TOKEN
)
NUMBER_BOUND = 1_000_000
"""Numbers stay within this, so an integral value read as a float comes back equal."""


@dataclass(frozen=True)
class Context:
    """What a schema may refer to. Components are numbers while drawing (so that the
    strategies, cached per context, are shared by every document) and get their names
    when the document is put together."""

    version: str
    """"3.0.3" or "3.1.0": decides how nullability is written."""
    components: int
    objects: tuple[int, ...] = ()
    """Components that are open objects: allOf may build on them."""

    def ref(self, index: int) -> Schema:
        return {"$ref": index}


# -- schemas ---------------------------------------------------------------------------

_STRING_FORMATS = st.sampled_from([None, "date", "date-time", "uuid", "email"])


@st.composite
def primitives(draw: st.DrawFn) -> Schema:
    kind = draw(st.sampled_from(["string", "integer", "number", "boolean"]))
    schema: Schema = {"type": kind}
    if kind == "string" and (fmt := draw(_STRING_FORMATS)):
        schema["format"] = fmt
    if kind == "number":
        schema |= {"minimum": -NUMBER_BOUND, "maximum": NUMBER_BOUND}
    return schema


@st.composite
def enums(draw: st.DrawFn) -> Schema:
    if draw(st.booleans()):
        words = draw(
            st.lists(
                st.one_of(st.sampled_from(ODD_NAMES), st.text(max_size=8)),
                min_size=1,
                max_size=6,
                unique=True,
            )
        )
        return {"type": "string", "enum": words}
    numbers = draw(st.lists(st.integers(-5, 5), min_size=1, max_size=4, unique=True))
    return {"type": "integer", "enum": numbers}


def nullable(schema: Schema, ctx: Context) -> Schema:
    """`schema` that also admits null, written the way the document's version says."""
    if ctx.version.startswith("3.0"):
        return {**schema, "nullable": True} if "type" in schema else schema
    if isinstance(schema.get("type"), str):
        out = {**schema, "type": [schema["type"], "null"]}
        if "enum" in schema:
            out["enum"] = [*schema["enum"], None]
        return out
    return {"anyOf": [schema, {"type": "null"}]}


@functools.cache  # building the strategy tree costs more than drawing from it
def schemas(ctx: Context, depth: int, may_recurse: bool) -> st.SearchStrategy[Schema]:
    """A schema; `may_recurse`: the position may be left empty, so a `$ref` is safe here."""
    leaves: list[st.SearchStrategy[Schema]] = [primitives(), enums()]
    if may_recurse and ctx.components:
        leaves.append(st.integers(0, ctx.components - 1).map(ctx.ref))
    if depth <= 0:
        return st.one_of(*leaves)
    inner = depth - 1
    return st.one_of(
        *leaves,
        objects(ctx, inner),
        arrays(ctx, inner),
        maps(ctx, inner),
        unions(ctx, inner),
        st.builds(nullable, schemas(ctx, inner, may_recurse=False), st.just(ctx)),
        *([const_values()] if ctx.version.startswith("3.1") else []),
        *([all_of(ctx, inner)] if ctx.objects else []),
    )


@st.composite
def objects(draw: st.DrawFn, ctx: Context, depth: int, closed: bool | None = None) -> Schema:
    wire_names = draw(st.lists(names, min_size=1, max_size=4, unique=True))
    required = [n for n in wire_names if draw(st.booleans())]
    properties = {n: draw(schemas(ctx, depth, may_recurse=n not in required)) for n in wire_names}
    schema: Schema = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    if closed if closed is not None else draw(st.booleans()):
        schema["additionalProperties"] = False
    if draw(st.booleans()):
        schema["description"] = draw(names)
    return schema


@st.composite
def arrays(draw: st.DrawFn, ctx: Context, depth: int) -> Schema:
    return {"type": "array", "items": draw(schemas(ctx, depth, may_recurse=True)), "maxItems": 3}


@st.composite
def maps(draw: st.DrawFn, ctx: Context, depth: int) -> Schema:
    return {
        "type": "object",
        "additionalProperties": draw(schemas(ctx, depth, may_recurse=False)),
        "maxProperties": 3,
    }


@st.composite
def unions(draw: st.DrawFn, ctx: Context, depth: int) -> Schema:
    keyword = draw(st.sampled_from(["anyOf", "oneOf"]))
    members = draw(st.lists(schemas(ctx, depth, may_recurse=False), min_size=2, max_size=3))
    if keyword == "oneOf":
        members = _exclusive(members)
    return {keyword: members}


def _exclusive(members: list[Schema]) -> list[Schema]:
    """oneOf members that no single value satisfies twice: one member per JSON type,
    so that a drawn value always matches exactly one (JSON Schema's oneOf)."""
    seen: set[str] = set()
    kept = []
    for member in members:
        kind = member.get("type")
        if isinstance(kind, str) and kind not in seen and kind not in ("integer", "number"):
            seen.add(kind)
            kept.append(member)
    return kept if len(kept) >= 2 else [{"type": "string"}, {"type": "boolean"}]


@st.composite
def const_values(draw: st.DrawFn) -> Schema:
    return {"const": draw(st.one_of(st.sampled_from(ODD_NAMES), st.integers(-3, 3), st.booleans()))}


@st.composite
def all_of(draw: st.DrawFn, ctx: Context, depth: int) -> Schema:
    base = draw(st.sampled_from(ctx.objects))
    extension = draw(objects(ctx, depth, closed=False))
    return {"allOf": [ctx.ref(base), extension]}


@st.composite
def tagged_unions(draw: st.DrawFn, ctx: Context, variants: list[int]) -> dict[int, Schema]:
    """Object variants told apart by a `kind` property, and (last) their oneOf with a
    discriminator."""
    tags = draw(
        st.lists(
            st.sampled_from(ODD_NAMES).filter(bool),
            min_size=len(variants),
            max_size=len(variants),
            unique=True,
        )
    )
    out: dict[int, Schema] = {}
    for index, tag in zip(variants, tags):
        variant = draw(objects(ctx, 1, closed=False))
        variant["properties"]["kind"] = {"type": "string", "enum": [tag]}
        variant["required"] = sorted({*variant.get("required", []), "kind"})
        out[index] = variant
    out[variants[-1] + 1] = {
        "oneOf": [ctx.ref(i) for i in variants],
        "discriminator": {
            "propertyName": "kind",
            "mapping": {tag: ctx.ref(i)["$ref"] for i, tag in zip(variants, tags)},
        },
    }
    return out


# -- components ------------------------------------------------------------------------


@st.composite
def components(draw: st.DrawFn, version: str) -> tuple[list[str], dict[int, Schema]]:
    """Names and component schemas by number, none a bare `$ref` (that could make an
    alias cycle, which is not a valid document), some referring to each other and to
    themselves; the last few may be a discriminated union and its variants."""
    plain = draw(st.integers(1, 5))
    variants = draw(st.sampled_from([0, 0, 2, 3]))
    count = plain + variants + (1 if variants else 0)
    found_names = draw(st.lists(component_names, min_size=count, max_size=count, unique=True))
    object_indices = tuple(i for i in range(plain) if draw(st.booleans()))
    ctx = Context(version, count)
    found: dict[int, Schema] = {i: draw(objects(ctx, 2, closed=False)) for i in object_indices}
    ctx = Context(version, count, object_indices)
    for index in range(plain):
        if index not in found:
            found[index] = draw(
                st.one_of(schemas(ctx, 2, may_recurse=False), enums(), objects(ctx, 2))
            )
    if variants:
        found |= draw(tagged_unions(Context(version, count), list(range(plain, plain + variants))))
    return found_names, found


# -- operations ------------------------------------------------------------------------

_STYLES = {
    "path": ["simple", "label", "matrix"],
    "query": ["form", "spaceDelimited", "pipeDelimited"],
    "header": ["simple"],
    "cookie": ["form"],
}


@st.composite
def parameters(draw: st.DrawFn, location: str, name: str) -> Schema:
    style = draw(st.sampled_from(_STYLES[location]))
    array = style in ("spaceDelimited", "pipeDelimited") or draw(st.booleans())
    item = draw(st.one_of(primitives(), enums()).filter(lambda s: s.get("format") != "email"))
    schema = {"type": "array", "items": item} if array else item
    param: Schema = {"name": name, "in": location, "schema": schema}
    if location == "path" or draw(st.booleans()):
        param["required"] = True
    if style != _STYLES[location][0] or draw(st.booleans()):
        param["style"] = style
    if array and style not in ("spaceDelimited", "pipeDelimited") and draw(st.booleans()):
        param["explode"] = draw(st.booleans())
    return param


@st.composite
def deep_object_parameter(draw: st.DrawFn, name: str) -> Schema:
    fields = draw(st.lists(_TOKEN, min_size=1, max_size=3, unique=True))
    return {
        "name": name,
        "in": "query",
        "style": "deepObject",
        "explode": True,
        "schema": {"type": "object", "properties": {f: {"type": "string"} for f in fields}},
    }


_PATH_PARAM = st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=8).filter(
    lambda n: n != "_"
)
_QUERY_NAMES = st.one_of(names, st.sampled_from(["page[size]", "filter.name", "a b", "x-y"]))


@st.composite
def operations(draw: st.DrawFn, ctx: Context, tags: list[str]) -> tuple[str, str, Schema]:
    """(path, method, operation)."""
    segments = draw(st.lists(_TOKEN, min_size=1, max_size=3))
    path_params = draw(st.lists(_PATH_PARAM, max_size=2, unique=True))
    path = "/" + "/".join([*segments, *(f"{{{p}}}" for p in path_params)])
    params = [draw(parameters("path", p)) for p in path_params]
    for location, wire_names in (
        ("query", _QUERY_NAMES),
        ("header", header_names),
        ("cookie", _TOKEN),
    ):
        for wire in draw(st.lists(wire_names, max_size=2, unique=True)):
            params.append(draw(parameters(location, wire)))
    if draw(st.booleans()):
        params.append(draw(deep_object_parameter("filter")))
    unique = {(p["in"], p["name"].lower() if p["in"] == "header" else p["name"]): p for p in params}
    method = draw(st.sampled_from(["get", "post", "put", "patch", "delete"]))
    operation: Schema = {"parameters": list(unique.values()), "responses": draw(responses(ctx))}
    if draw(st.booleans()):
        operation["operationId"] = draw(names.filter(bool))
    if tags:
        operation["tags"] = [draw(st.sampled_from(tags))] if draw(st.booleans()) else []
    if method != "get" and draw(st.booleans()):
        operation["requestBody"] = draw(request_bodies(ctx))
    return path, method, operation


@st.composite
def request_bodies(draw: st.DrawFn, ctx: Context) -> Schema:
    media = draw(
        st.sampled_from(
            ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"]
        )
    )
    if media == "application/json":
        schema = draw(schemas(ctx, 2, may_recurse=True))
    elif media == "multipart/form-data":
        schema = {
            "type": "object",
            "required": ["file"],
            "properties": {
                "file": {"type": "string", "format": "binary"},
                "note": {"type": "string"},
            },
        }
    else:
        fields = draw(st.lists(names, min_size=1, max_size=4, unique=True))
        schema = {"type": "object", "properties": {f: draw(primitives()) for f in fields}}
    return {"required": draw(st.booleans()), "content": {media: {"schema": schema}}}


@st.composite
def responses(draw: st.DrawFn, ctx: Context) -> Schema:
    kind = draw(st.sampled_from(["json", "json", "none", "text", "binary"]))
    if kind == "none":
        return {"204": {"description": "nothing"}}
    media = {
        "json": "application/json",
        "text": "text/plain",
        "binary": "application/octet-stream",
    }[kind]
    schema = draw(schemas(ctx, 2, may_recurse=True)) if kind == "json" else {"type": "string"}
    return {"200": {"description": draw(names), "content": {media: {"schema": schema}}}}


# -- documents -------------------------------------------------------------------------


VERSIONS = ("3.0.3", "3.1.0")


@st.composite
def documents(draw: st.DrawFn, version: str | None = None) -> Schema:
    version = version or draw(st.sampled_from(VERSIONS))
    component_names_, numbered = draw(components(version))
    ctx = Context(
        version, len(numbered), tuple(i for i, s in numbered.items() if _is_open_object(s))
    )
    tags = draw(
        st.lists(
            st.one_of(names.filter(bool), st.sampled_from(["Pets", "pets", "PETS"])),
            max_size=3,
            unique=True,
        )
    )
    paths: dict[str, Schema] = {}
    for path, method, operation in draw(st.lists(operations(ctx, tags), min_size=1, max_size=3)):
        paths.setdefault(path, {})[method] = operation
    document = {
        "openapi": version,
        "info": {"title": draw(names), "version": "1.0", "description": draw(names)},
        "servers": [{"url": "https://api.example.com/v1"}],
        "paths": paths,
        "components": {"schemas": {component_names_[i]: s for i, s in sorted(numbered.items())}},
    }
    named: Schema = _named(document, component_names_)
    return named


def _named(node: Any, component_names_: list[str]) -> Any:
    """Numbered references (`{"$ref": 2}`) as JSON pointers to the named components."""
    if isinstance(node, list):
        return [_named(v, component_names_) for v in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if isinstance(value, int) and not isinstance(value, bool) and key == "$ref":
            out[key] = _pointer(component_names_[value])
        elif key == "mapping" and value and all(type(i) is int for i in value.values()):
            out[key] = {tag: _pointer(component_names_[i]) for tag, i in value.items()}
        else:
            out[key] = _named(value, component_names_)
    return out


def _pointer(name: str) -> str:
    return "#/components/schemas/" + name.replace("~", "~0").replace("/", "~1")


def _is_open_object(schema: Schema) -> bool:
    return (
        schema.get("type") == "object"
        and isinstance(schema.get("properties"), dict)
        and bool(schema["properties"])
        and "additionalProperties" not in schema
    )
