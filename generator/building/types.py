"""Schemas -> Python types, registering a model or enum class wherever one is needed."""

from __future__ import annotations

import dataclasses
import datetime
import json
import math
import re
import uuid
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from generator import ir
from generator.building import naming
from generator.diagnostics import Diagnostics, SpecError, pointer
from generator.openapi import follow
from generator.rendering.literals import py_string

ANY = ir.TypeRef("Any", imports=frozenset({"typing:Any"}), nullable=True)
NONE = ir.TypeRef("None", is_none=True)
FILE = ir.TypeRef("FileTypes", imports=frozenset({"runtime:FileTypes"}))
_PRIMITIVES = {
    "string": ir.TypeRef("str", is_class=True),
    "integer": ir.TypeRef("int", is_class=True),
    "number": ir.TypeRef("float", is_class=True),
    "boolean": ir.TypeRef("bool", is_class=True),
    "null": NONE,
}
_STRING_FORMATS = {
    "date": ir.TypeRef("date", imports=frozenset({"datetime:date"}), is_class=True),
    "date-time": ir.TypeRef("datetime", imports=frozenset({"datetime:datetime"}), is_class=True),
    "uuid": ir.TypeRef("UUID", imports=frozenset({"uuid:UUID"}), is_class=True),
    "binary": ir.TypeRef("bytes", is_class=True),
}
_COMPONENT_PREFIX = "#/components/schemas/"


def list_of(item: ir.TypeRef) -> ir.TypeRef:
    # mypy reads `list[X]` as `type[list[X]]`, so a generic alias needs no cast.
    return ir.TypeRef(
        f"list[{item.annotation}]", item.models, item.imports, item=item, is_class=True
    )


def dict_of(value: ir.TypeRef) -> ir.TypeRef:
    imports = value.imports | (ANY.imports if value is ANY else frozenset())
    return ir.TypeRef(f"dict[str, {value.annotation}]", value.models, imports, is_class=True)


def nullable(inner: ir.TypeRef) -> ir.TypeRef:
    if inner.nullable or inner.is_none:
        return inner
    return ir.TypeRef(f"{inner.annotation} | None", inner.models, inner.imports, nullable=True)


def union(
    members: list[ir.TypeRef],
    discriminator: str | None = None,
    tags: tuple[tuple[str, str], ...] = (),
) -> ir.TypeRef:
    """`A | B`; with a discriminator, a tagged union pydantic can dispatch on."""
    unique: dict[str, ir.TypeRef] = {}
    for member in members:
        unique.setdefault(member.annotation, member)
    if any(m.annotation == "Any" for m in unique.values()):
        return ANY
    has_none = any(m.is_none for m in unique.values())
    real = [m for m in unique.values() if not m.is_none]
    if not real:
        return NONE
    models = frozenset().union(*(m.models for m in real))
    imports = frozenset().union(*(m.imports for m in real))
    if len(real) == 1:
        result = real[0]
    elif discriminator and tags:
        tagged = ", ".join(f"Annotated[{cls}, Tag({json.dumps(tag)})]" for tag, cls in tags)
        annotation = f"Annotated[Union[{tagged}], Discriminator(discriminator_of({json.dumps(discriminator)}))]"
        imports |= {
            "typing:Annotated",
            "typing:Union",
            "pydantic:Discriminator",
            "pydantic:Tag",
            "runtime:discriminator_of",
        }
        result = ir.TypeRef(annotation, models, imports)
    else:
        result = ir.TypeRef(" | ".join(m.annotation for m in real), models, imports)
    return nullable(result) if has_none else result


@dataclass
class SchemaTranslator:
    document: dict[str, Any]
    location: str
    diagnostics: Diagnostics
    taken_classes: set[str] = field(default_factory=set)
    models: dict[str, ir.Model] = field(default_factory=dict)
    enums: dict[str, ir.Enum] = field(default_factory=dict)
    components: dict[str, ir.TypeRef] = field(default_factory=dict)
    in_progress: set[str] = field(default_factory=set)
    edges: dict[str, set[str]] = field(default_factory=dict)
    """Model class -> the model classes its fields mention (for module grouping)."""
    uses_discriminators: bool = False
    inline_classes: dict[str, ir.TypeRef] = field(default_factory=dict)
    """Inline schemas already given a class, by their content: the same shape written out
    in several places (a common response, a repeated enum) becomes one class."""
    component_classes: dict[str, str] = field(default_factory=dict)
    """Class names reserved for component schemas, so inline schemas never take them."""

    def __post_init__(self) -> None:
        schemas = self.document.get("components", {}).get("schemas", {}) or {}
        for name in schemas:
            self.component_classes[name] = self.claim_class(name)

    # -- entry points ------------------------------------------------------------------

    def all_components(self) -> None:
        schemas = self.document.get("components", {}).get("schemas", {}) or {}
        for name in schemas:
            where = f"{self.location}{pointer('components', 'schemas', name)}"
            try:
                self.component(name, where)
            except (TypeError, AttributeError, ValueError, LookupError) as exc:
                # A keyword holding a value of the wrong JSON type (`properties: 1.5`).
                self.diagnostics.warn(where, f"malformed schema ({exc})", "typed as Any")
                self.components[name] = ANY

    def component(self, name: str, where: str) -> ir.TypeRef:
        if name in self.components:
            return self.components[name]
        schemas = self.document.get("components", {}).get("schemas", {}) or {}
        if name not in schemas:
            raise SpecError(where, f"$ref to missing schema {name!r}")
        if name in self.in_progress:
            self.diagnostics.warn(where, f"schema {name!r} is an alias of itself", "typed as Any")
            return ANY
        self.in_progress.add(name)
        try:
            schema_where = f"{self.location}{pointer('components', 'schemas', name)}"
            result = self.translate(schemas[name], name, schema_where, component=name)
        finally:
            self.in_progress.discard(name)
        self.components[name] = result
        return result

    # -- translation -------------------------------------------------------------------

    def translate(
        self, schema: Any, hint: str, where: str, component: str | None = None
    ) -> ir.TypeRef:
        if schema is True or schema is None or schema == {}:
            return ANY
        if schema is False or not isinstance(schema, dict):
            self.diagnostics.warn(where, "schema is not an object", "typed as Any")
            return ANY
        if "$ref" in schema:
            return self.reference(schema, hint, where)
        if "const" in schema:
            return self.literal([schema["const"]])
        if "enum" in schema:
            return self.enum(schema, hint, where, component)
        for key in ("oneOf", "anyOf"):
            if isinstance(schema.get(key), list) and schema[key]:
                return self.choice(schema, key, hint, where)
        if isinstance(schema.get("allOf"), list) and schema["allOf"]:
            return self.all_of(schema, hint, where, component)
        kind = schema.get("type")
        if isinstance(kind, list):
            return self.type_list(schema, kind, hint, where, component)
        if kind == "object" or (
            kind is None and ("properties" in schema or "additionalProperties" in schema)
        ):
            return self.object(schema, hint, where, component)
        if kind == "array":
            item = self.translate(schema.get("items", {}), f"{hint}Item", f"{where}/items")
            return list_of(item)
        if kind == "string":
            return _STRING_FORMATS.get(str(schema.get("format")), _PRIMITIVES["string"])
        if kind in _PRIMITIVES:
            return _PRIMITIVES[kind]
        if kind is not None:
            self.diagnostics.warn(where, f"unknown type {kind!r}", "typed as Any")
        return ANY

    def reference(self, schema: dict[str, Any], hint: str, where: str) -> ir.TypeRef:
        ref = schema["$ref"]
        if (
            isinstance(ref, str)
            and ref.startswith(_COMPONENT_PREFIX)
            and "/" not in ref[len(_COMPONENT_PREFIX) :]
        ):
            name = unquote(ref[len(_COMPONENT_PREFIX) :]).replace("~1", "/").replace("~0", "~")
            return self.component(name, where)
        target = self.resolve(ref, where)
        return self.translate(target, hint, where)

    def resolve(self, ref: str, where: str, seen: frozenset[str] = frozenset()) -> Any:
        if ref in seen:
            raise SpecError(
                where, f"reference cycle with no schema in it: {' -> '.join(sorted(seen))}"
            )
        node = follow(self.document, ref)
        if isinstance(node, dict) and isinstance(node.get("$ref"), str) and len(node) == 1:
            return self.resolve(node["$ref"], where, seen | {ref})
        return node

    def literal(self, values: list[Any]) -> ir.TypeRef:
        if values == [None]:
            return NONE
        rendered = ", ".join(repr(v) for v in values if v is not None)
        result = ir.TypeRef(f"Literal[{rendered}]", imports=frozenset({"typing:Literal"}))
        return nullable(result) if None in values else result

    def enum(
        self, schema: dict[str, Any], hint: str, where: str, component: str | None
    ) -> ir.TypeRef:
        values = schema["enum"] if isinstance(schema["enum"], list) else []
        present = [v for v in values if v is not None]
        is_null = None in values or (
            isinstance(schema.get("type"), list) and "null" in schema["type"]
        )
        if not present:
            return NONE if is_null else ANY
        if not all(isinstance(v, str) for v in present):
            if all(isinstance(v, bool) for v in present):
                result = _PRIMITIVES["boolean"]
            elif all(isinstance(v, (int, float, str)) for v in present):
                result = self.literal(present)
            else:
                result = ANY
            return nullable(result) if is_null else result
        if component is None:
            key = "enum:" + json.dumps(present, sort_keys=True)
            if key in self.inline_classes:
                known = self.inline_classes[key]
                return nullable(known) if is_null else known
        class_name = self.class_for(hint, component)
        member_names = naming.dedupe([naming.enum_member_name(v) for v in dict.fromkeys(present)])
        self.enums[class_name] = ir.Enum(
            class_name=class_name,
            module="",
            description=_description(schema),
            members=tuple(
                ir.EnumMember(n, v) for n, v in zip(member_names, dict.fromkeys(present))
            ),
            documented_open=bool(schema.get("x-sdkgen-open-enum")),
        )
        result = ir.TypeRef(class_name, frozenset({class_name}), is_class=True)
        if component is None:
            self.inline_classes[key] = result
        return nullable(result) if is_null else result

    def choice(self, schema: dict[str, Any], key: str, hint: str, where: str) -> ir.TypeRef:
        members = [
            self.translate(member, f"{hint}{index}" if index else hint, f"{where}/{key}/{index}")
            for index, member in enumerate(schema[key])
        ]
        discriminator = schema.get("discriminator")
        tags: tuple[tuple[str, str], ...] = ()
        prop = None
        if isinstance(discriminator, dict) and isinstance(discriminator.get("propertyName"), str):
            prop = discriminator["propertyName"]
            tags = self.discriminator_tags(schema[key], discriminator, members)
            if tags:
                self.uses_discriminators = True
        result = union(members, prop, tags)
        if isinstance(schema.get("type"), list) and "null" in schema["type"]:
            result = nullable(result)
        return result

    def discriminator_tags(
        self, raw_members: list[Any], discriminator: dict[str, Any], members: list[ir.TypeRef]
    ) -> tuple[tuple[str, str], ...]:
        mapping = discriminator.get("mapping") or {}
        by_ref = {ref: tag for tag, ref in mapping.items() if isinstance(ref, str)}
        tags = []
        for raw, member in zip(raw_members, members):
            if not member.is_model or not isinstance(raw, dict) or "$ref" not in raw:
                return ()
            ref = raw["$ref"]
            tag = by_ref.get(ref)
            if tag is None:
                # No mapping: a member that pins the property to one value is tagged by it
                # (that is what the wire carries); otherwise by its schema name.
                tag = self._pinned_value(raw, discriminator.get("propertyName", ""))
            tags.append((str(tag or ref.rsplit("/", 1)[-1]), member.annotation))
        return tuple(tags)

    def _pinned_value(self, member: dict[str, Any], prop: str) -> object:
        target = self.resolve(member["$ref"], "")
        if isinstance(target, dict) and "allOf" in target:
            target = self.merge_all_of(target, "", set())
        schema = (target.get("properties") or {}).get(prop) if isinstance(target, dict) else None
        if not isinstance(schema, dict):
            return None
        if "const" in schema:
            return schema["const"]
        values = schema.get("enum")
        return values[0] if isinstance(values, list) and len(values) == 1 else None

    def type_list(
        self, schema: dict[str, Any], kinds: list[Any], hint: str, where: str, component: str | None
    ) -> ir.TypeRef:
        members = [
            self.translate({**schema, "type": k}, hint, where, component)
            for k in kinds
            if k != "null"
        ]
        result = union(members) if members else NONE
        return nullable(result) if "null" in kinds else result

    def all_of(
        self, schema: dict[str, Any], hint: str, where: str, component: str | None
    ) -> ir.TypeRef:
        parts = [p for p in schema["allOf"] if not _only_annotations(p)]
        own = {k: v for k, v in schema.items() if k != "allOf"}
        if not _only_annotations(own):
            parts.append(own)
        if len(parts) == 1:
            # `allOf: [{$ref: X}, {description: ...}]`: X, described (or constrained).
            return self.translate(parts[0], hint, f"{where}/allOf", component)
        if not parts:
            return ANY
        kinds = {self._kind_of(p, where) for p in parts}
        if kinds - {"object", None}:
            # Not objects to merge: a constrained string, array... The first part says it.
            return self.translate(parts[0], hint, f"{where}/allOf/0", component)
        merged = self.merge_all_of(schema, where, set())
        return self.object(merged, hint, where, component)

    def _kind_of(self, schema: Any, where: str) -> str | None:
        """The JSON type a schema (behind any `$ref`s) stands for, if it says."""
        while isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            schema = self.resolve(schema["$ref"], where)
        if not isinstance(schema, dict):
            return None
        kind = schema.get("type")
        if isinstance(kind, list):
            kind = next((k for k in kind if k != "null"), None)
        if kind is None and ("properties" in schema or "allOf" in schema):
            return "object"
        return str(kind) if kind is not None else None

    def merge_all_of(self, schema: dict[str, Any], where: str, seen: set[str]) -> dict[str, Any]:
        """One object schema out of an allOf chain: properties and required united."""
        properties: dict[str, Any] = {}
        required: list[str] = []
        additional: Any = None
        for part in [*schema.get("allOf", []), {k: v for k, v in schema.items() if k != "allOf"}]:
            if isinstance(part, dict) and "$ref" in part:
                if part["$ref"] in seen:
                    continue
                part = self.merge_all_of(
                    self.resolve(part["$ref"], where), where, seen | {part["$ref"]}
                )
            elif isinstance(part, dict) and "allOf" in part:
                part = self.merge_all_of(part, where, seen)
            if not isinstance(part, dict):
                continue
            properties.update(part.get("properties") or {})
            required.extend(r for r in part.get("required") or [] if r not in required)
            if "additionalProperties" in part:
                additional = part["additionalProperties"]
        merged: dict[str, Any] = {"type": "object", "properties": properties, "required": required}
        for key in ("description", "title"):
            if key in schema:
                merged[key] = schema[key]
        if additional is not None:
            merged["additionalProperties"] = additional
        return merged

    def object(
        self, schema: dict[str, Any], hint: str, where: str, component: str | None
    ) -> ir.TypeRef:
        properties = schema.get("properties") or {}
        extra = schema.get("additionalProperties", True)
        open_object = extra in (True, None, {})
        if component is not None and open_object and not properties:
            properties = {}  # a named open object is still a model: callers import it by name
        elif not isinstance(properties, dict) or not properties:
            value = (
                ANY
                if open_object or extra is False
                else self.translate(extra, f"{hint}Value", f"{where}/additionalProperties")
            )
            return dict_of(value)
        key = None
        if component is None:
            key = "object:" + json.dumps(schema, sort_keys=True, default=str)
            if key in self.inline_classes:
                return self.inline_classes[key]
        class_name = self.class_for(hint, component)
        result = ir.TypeRef(class_name, frozenset({class_name}), is_model=True, is_class=True)
        if component is not None:
            self.components[component] = result  # before the fields: they may refer back
        elif key is not None:
            self.inline_classes[key] = result
        required = set(schema.get("required") or [])
        wire_names = list(properties)
        names = naming.dedupe([naming.field_name(w) for w in wire_names])
        fields = []
        for name, wire in zip(names, wire_names):
            prop = properties[wire]
            prop_where = f"{where}/properties/{wire}"
            prop_type = self.translate(prop, f"{class_name}{naming.pascal_case(wire)}", prop_where)
            fields.append(
                ir.Field(
                    name=name,
                    wire_name=wire,
                    type=prop_type,
                    required=wire in required,
                    description=_description(prop),
                    default=self.default(prop, prop_type, prop_where),
                    deprecated=bool(isinstance(prop, dict) and prop.get("deprecated")),
                )
            )
        fields = _unshadow_fields(fields)
        self.edges[class_name] = set().union(*(f.type.models for f in fields)) if fields else set()
        self.models[class_name] = ir.Model(
            class_name=class_name,
            module="",
            description=_description(schema),
            fields=tuple(fields),
        )
        return result

    def default(self, schema: Any, type_: ir.TypeRef, where: str) -> str | None:
        """Python source for a default that fits the type; one that does not (or a list
        or object, which a field cannot share between instances) is dropped, said once."""
        if not isinstance(schema, dict) or "default" not in schema:
            return None
        value = schema["default"]
        if value is None:
            return "None" if type_.nullable else None
        if type_.annotation.removesuffix(" | None") in self.enums and isinstance(value, str):
            enum = self.enums[type_.annotation.removesuffix(" | None")]
            members = {m.value: m.name for m in enum.members}
            source = f"{enum.class_name}.{members[value]}" if value in members else None
        else:
            source = _scalar_default(type_.annotation.removesuffix(" | None"), value)
        if source is None:
            self.diagnostics.note(
                where,
                f"default {value!r} does not fit {type_.annotation}",
                "left out; the field defaults to None",
            )
        return source

    def class_for(self, hint: str, component: str | None) -> str:
        if component is not None and component in self.component_classes:
            return self.component_classes.pop(component)  # a component claims its name once
        return self.claim_class(hint)

    def claim_class(self, hint: str) -> str:
        name = naming.class_name(hint)
        candidate, n = name, 1
        while candidate in self.taken_classes:
            n += 1
            candidate = f"{name}{n}"
        self.taken_classes.add(candidate)
        return candidate


# Keys that describe or constrain a schema without saying what it is.
_ANNOTATION_KEYS = frozenset(
    {
        "description",
        "title",
        "example",
        "examples",
        "default",
        "nullable",
        "deprecated",
        "readOnly",
        "writeOnly",
        "maxLength",
        "minLength",
        "pattern",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "multipleOf",
        "maxItems",
        "minItems",
        "uniqueItems",
        "maxProperties",
        "minProperties",
        "externalDocs",
        "xml",
        "format",
        "$comment",
        "discriminator",
    }
)


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _unshadow_fields(fields: list[ir.Field]) -> list[ir.Field]:
    """A field named like a name its class's annotations use (`date: date | None`) would
    hide that name in the class body, where pydantic and mypy read the annotations."""
    used = {
        name
        for f in fields
        for name in _IDENTIFIER.findall(f.type.annotation + " " + (f.default or ""))
    }
    clashing = {f.name for f in fields if f.name in used}
    if not clashing:
        return fields
    taken = {f.name for f in fields} | used
    renamed = []
    for f in fields:
        if f.name in clashing:
            name = naming.dedupe([f"{f.name}_"], taken=taken)[0]
            taken.add(name)
            f = dataclasses.replace(f, name=name)
        renamed.append(f)
    return renamed


def _only_annotations(schema: Any) -> bool:
    return isinstance(schema, dict) and all(
        k in _ANNOTATION_KEYS or k.startswith("x-") for k in schema
    )


def _scalar_default(annotation: str, value: object) -> str | None:
    """`repr` of a default that has the annotation's type (a bool is not an int here)."""
    if isinstance(value, bool):
        return repr(value) if annotation == "bool" else None
    if annotation == "str" and isinstance(value, str):
        return repr(value)
    if annotation == "int" and isinstance(value, int):
        return repr(value)
    if annotation == "float" and isinstance(value, (int, float)) and math.isfinite(value):
        return repr(float(value))
    if annotation in _PARSED_DEFAULTS and isinstance(value, str):
        parse, template = _PARSED_DEFAULTS[annotation]
        try:
            parse(value)
        except ValueError:
            return None
        return template.format(py_string(value))
    return None


# Types whose defaults are written as a call that parses the spec's string at import.
_PARSED_DEFAULTS: dict[str, tuple[Any, str]] = {
    "date": (datetime.date.fromisoformat, "date.fromisoformat({})"),
    "datetime": (datetime.datetime.fromisoformat, "datetime.fromisoformat({})"),
    "UUID": (uuid.UUID, "UUID({})"),
}


def _description(schema: Any) -> str | None:
    if not isinstance(schema, dict):
        return None
    text = schema.get("description") or schema.get("title")
    return str(text).strip() or None if text else None
