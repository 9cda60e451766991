"""Schemas -> IR types, registering a model or enum class wherever one is needed.

Classes are registered under provisional keys (`ModelRef(key)`); the naming pass gives
each its final name once every class and every place it appears are known, so that a
name never depends on the order in which the document happened to be walked.
"""

from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from generator import ir
from generator.building import naming
from generator.building.defaults import default_for
from generator.diagnostics import Diagnostics, SpecError, pointer
from generator.ir import types as t
from generator.openapi import follow, pointer_parts

_PRIMITIVES: dict[str, t.Type] = {
    "string": t.STR,
    "integer": t.INT,
    "number": t.FLOAT,
    "boolean": t.BOOL,
    "null": t.NONE,
}
_STRING_FORMATS: dict[str, t.PrimitiveName] = {
    "date": "date",
    "date-time": "datetime",
    "uuid": "UUID",
    "binary": "bytes",
}
COMPONENT_PREFIX = "#/components/schemas/"
# Schemas nest through arrays, unions and aliases by recursion; objects and enums do not
# (a class is referred to by name and built from a queue). Past this depth a document is
# refused with a clear message instead of reaching Python's recursion limit.
MAX_NESTING = 150


@dataclass(frozen=True, slots=True)
class Place:
    """Where a class's schema appears, and the name that place suggests for it.

    Inside another class the pointer and hint are relative to that class's own (its
    first place), since a shape written once may be reached through several parents."""

    parent: str | None
    """Key of the enclosing class, or None when `pointer` and `hint` are absolute."""
    pointer: str
    hint: str


@dataclass
class ClassEntry:
    key: str
    """Provisional name, used by `ModelRef`/`EnumRef` until the naming pass."""
    component: str | None
    """The component schema's name, for a named schema."""
    places: list[Place]
    definition: ir.Model | ir.Enum | None = None
    where: str = ""
    hint: str = ""


@dataclass
class SchemaTranslator:
    document: dict[str, Any]
    location: str
    diagnostics: Diagnostics
    classes: dict[str, ClassEntry] = field(default_factory=dict)
    components: dict[str, t.Type] = field(default_factory=dict)
    """What each component schema became, by component name."""
    inline_keys: dict[str, str] = field(default_factory=dict)
    """Inline shapes already given a class, by content: the same shape written out in
    several places (a repeated enum, a common response) becomes one class."""
    _in_progress: set[str] = field(default_factory=set)
    _deferred_at: dict[str, str] = field(default_factory=dict)
    """Components met again while being translated, with where that first happened."""
    _enclosing: list[ClassEntry | None] = field(default_factory=list)
    _pending: list[str] = field(default_factory=list)
    _pending_defaults: list[_PendingDefault] = field(default_factory=list)
    _depth: int = 0

    # -- entry points ------------------------------------------------------------------

    def all_components(self) -> None:
        for name in sorted(self._schemas()):
            where = f"{self.location}{pointer('components', 'schemas', name)}"
            try:
                self.component(name, where)
                self.drain()
            except (TypeError, AttributeError, ValueError, LookupError) as exc:
                # A keyword holding a value of the wrong JSON type (`properties: 1.5`).
                self.diagnostics.warn(where, f"malformed schema ({exc})", "typed as Any")
                self.components[name] = t.ANY
        self._resolve_deferred()

    def drain(self) -> None:
        """Build the component classes referred to but not built yet."""
        while self._pending:
            self._build_component(self._pending.pop())

    def component(self, name: str, where: str) -> t.Type:
        if name in self.components:
            return self.components[name]
        schema = self._schemas().get(name)
        if name not in self._schemas():
            raise SpecError(where, f"$ref to missing schema {name!r}")
        kind = _class_kind(schema, component=True)
        if kind is not None:
            # A class: named now, built from the queue, so reference chains never recurse.
            key = COMPONENT_PREFIX + name
            self.classes[key] = ClassEntry(key, name, [Place(None, key, naming.class_name(name))])
            self.components[name] = ref = t.ModelRef(key) if kind == "model" else t.EnumRef(key)
            self._pending.append(name)
            return ref
        if name in self._in_progress:
            # Met again inside itself: what it becomes is known once it is done. Through
            # a class (`Node` whose variant `Branch` holds a list of `Node`s) that is a
            # proper recursive type; with no class in between, `Any` (`_resolve_deferred`).
            self._deferred_at.setdefault(name, where)
            return t.Deferred(name)
        self._in_progress.add(name)
        try:
            result = self._translate_component(name)
        finally:
            self._in_progress.discard(name)
        self.components[name] = result
        return result

    def _build_component(self, name: str) -> None:
        key = COMPONENT_PREFIX + name
        if self.classes[key].definition is None:
            self._translate_component(name)

    def _translate_component(self, name: str) -> t.Type:
        where = f"{self.location}{pointer('components', 'schemas', name)}"
        self._enclosing.append(None)  # a component's inline classes are placed absolutely
        try:
            return self.translate(self._schemas()[name], naming.class_name(name), where, name)
        finally:
            self._enclosing.pop()

    def _schemas(self) -> dict[str, Any]:
        return self.document.get("components", {}).get("schemas", {}) or {}

    def _resolve_deferred(self) -> None:
        """Every `Deferred` node replaced by what its component became. A component that
        holds itself with no class in between cannot be typed in Python: there it is `Any`."""
        final: dict[str, t.Type] = {}
        visiting: set[str] = set()
        warned: set[str] = set()

        def resolve(node: t.Deferred) -> t.Type:
            name = node.component
            if name in final:
                return final[name]
            if name in visiting:
                if name not in warned:
                    warned.add(name)
                    self.diagnostics.warn(
                        self._deferred_at[name],
                        f"schema {name!r} refers to itself with no class in between",
                        "typed as Any there",
                    )
                return t.ANY
            visiting.add(name)
            final[name] = t.substitute(self.components.get(name, t.ANY), resolve)
            visiting.discard(name)
            return final[name]

        if not self._deferred_at:
            return
        for name in sorted(self.components):
            self.components[name] = t.substitute(self.components[name], resolve)
        for entry in self.classes.values():
            model = entry.definition
            if isinstance(model, ir.Model) and any(t.deferred(f.type) for f in model.fields):
                fields = tuple(
                    dataclasses.replace(f, type=t.substitute(f.type, resolve)) for f in model.fields
                )
                entry.definition = dataclasses.replace(model, fields=fields)

    # -- translation -------------------------------------------------------------------

    def translate(self, schema: Any, hint: str, where: str, component: str | None = None) -> t.Type:
        self._depth += 1
        try:
            if self._depth > MAX_NESTING:
                raise SpecError(
                    where, f"schemas nest more than {MAX_NESTING} levels deep (arrays, unions)"
                )
            return self._translate(schema, hint, where, component)
        finally:
            self._depth -= 1

    def _translate(self, schema: Any, hint: str, where: str, component: str | None) -> t.Type:
        if schema is True or schema is None or schema == {}:
            return t.ANY
        if schema is False or not isinstance(schema, dict):
            self.diagnostics.warn(where, "schema is not an object", "typed as Any")
            return t.ANY
        if "$ref" in schema:
            return self.reference(schema, hint, where)
        if "const" in schema:
            return const_type(schema["const"])
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
            return self.object_type(schema, hint, where, component)
        if kind == "array":
            return t.ListOf(
                self.translate(schema.get("items", {}), f"{hint}Item", f"{where}/items")
            )
        if kind == "string":
            format_ = schema.get("format")
            name = _STRING_FORMATS.get(str(format_), "str")
            return t.Primitive(name, str(format_) if isinstance(format_, str) else None)
        if kind in _PRIMITIVES:
            return _PRIMITIVES[kind]
        if kind is not None:
            self.diagnostics.warn(where, f"unknown type {kind!r}", "typed as Any")
        return t.ANY

    def reference(self, schema: dict[str, Any], hint: str, where: str) -> t.Type:
        ref = schema["$ref"]
        name = component_name(ref)
        if name is not None:
            return self.component(name, where)
        return self.translate(self.resolve(ref, where), hint, where)

    def resolve(self, ref: str, where: str) -> Any:
        """The node a `$ref` names, through any references that are only references."""
        seen: list[str] = []
        node = follow(self.document, ref)
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and len(node) == 1:
            seen.append(ref)
            ref = node["$ref"]
            if ref in seen:
                raise SpecError(
                    where, f"reference cycle with no schema in it: {' -> '.join(sorted(seen))}"
                )
            node = follow(self.document, ref)
        return node

    def enum(self, schema: dict[str, Any], hint: str, where: str, component: str | None) -> t.Type:
        values = schema["enum"] if isinstance(schema["enum"], list) else []
        present = [v for v in values if v is not None]
        is_null = None in values or (
            isinstance(schema.get("type"), list) and "null" in schema["type"]
        )
        if not present:
            return t.NONE if is_null else t.ANY
        shape = enum_shape(schema)
        if shape is None:
            # Booleans, or values of several JSON types: the types they are.
            result = t.union([_json_type(v) for v in present])
            return t.nullable(result) if is_null else result
        kind, values_in_order = shape
        content = f"enum:{kind}:" + json.dumps(present, sort_keys=True)
        entry = self._class_entry(content, hint, where, component)
        if entry.definition is None:
            entry.definition = ir.Enum(
                class_name=entry.key,
                module="",
                description=_description(schema),
                members=tuple(
                    ir.EnumMember(naming.enum_member_name(v), v) for v in values_in_order
                ),
                documented_open=bool(schema.get("x-sdkgen-open-enum")),
                kind=kind,
            )
        result = t.EnumRef(entry.key)
        return t.nullable(result) if is_null else result

    def choice(self, schema: dict[str, Any], key: str, hint: str, where: str) -> t.Type:
        members = [
            self.translate(member, f"{hint}{index}" if index else hint, f"{where}/{key}/{index}")
            for index, member in enumerate(schema[key])
        ]
        discriminator = schema.get("discriminator")
        tagged = None
        if isinstance(discriminator, dict) and isinstance(discriminator.get("propertyName"), str):
            tags = self.discriminator_tags(schema[key], discriminator, members, where)
            if tags:
                tagged = t.Discriminator(discriminator["propertyName"], tags)
        result = t.union(members, tagged)
        if isinstance(schema.get("type"), list) and "null" in schema["type"]:
            result = t.nullable(result)
        return result

    def discriminator_tags(
        self,
        raw_members: list[Any],
        discriminator: dict[str, Any],
        members: list[t.Type],
        where: str,
    ) -> tuple[tuple[str, str], ...]:
        mapping = discriminator.get("mapping") or {}
        by_ref = {ref: tag for tag, ref in mapping.items() if self._maps(tag, ref, where)}
        tags = []
        for raw, member in zip(raw_members, members):
            if not isinstance(member, t.ModelRef) or not isinstance(raw, dict) or "$ref" not in raw:
                return ()
            ref = raw["$ref"]
            tag = by_ref.get(ref)
            if tag is None:
                # No mapping: a member that pins the property to one value is tagged by it
                # (that is what the wire carries); otherwise by its schema name.
                tag = self._pinned_value(raw, discriminator.get("propertyName", ""), where)
            tags.append((str(tag or ref.rsplit("/", 1)[-1]), member.name))
        return tuple(tags)

    def _maps(self, tag: str, ref: object, where: str) -> bool:
        """Whether a mapping entry refers to a schema there is (reported where not)."""
        if isinstance(ref, str) and ref.startswith("#"):
            try:
                follow(self.document, ref)
                return True
            except LookupError:
                pass
        self.diagnostics.warn(
            f"{where}/discriminator/mapping/{tag}",
            f"discriminator mapping {tag!r}: {ref!r} names no schema",
            "ignored",
        )
        return False

    def _pinned_value(self, member: dict[str, Any], prop: str, where: str) -> object:
        target = self.resolve(member["$ref"], where)
        if isinstance(target, dict) and "allOf" in target:
            target = self.merge_all_of(target, where)
        schema = (target.get("properties") or {}).get(prop) if isinstance(target, dict) else None
        if not isinstance(schema, dict):
            return None
        if "const" in schema:
            return schema["const"]
        values = schema.get("enum")
        return values[0] if isinstance(values, list) and len(values) == 1 else None

    def type_list(
        self, schema: dict[str, Any], kinds: list[Any], hint: str, where: str, component: str | None
    ) -> t.Type:
        members = [
            self.translate({**schema, "type": k}, hint, where, component)
            for k in kinds
            if k != "null"
        ]
        result = t.union(members) if members else t.NONE
        return t.nullable(result) if "null" in kinds else result

    def all_of(
        self, schema: dict[str, Any], hint: str, where: str, component: str | None
    ) -> t.Type:
        parts = [p for p in schema["allOf"] if not _only_annotations(p)]
        own = {k: v for k, v in schema.items() if k != "allOf"}
        if not _only_annotations(own):
            parts.append(own)
        if len(parts) == 1:
            # `allOf: [{$ref: X}, {description: ...}]`: X, described (or constrained).
            return self.translate(parts[0], hint, f"{where}/allOf", component)
        if not parts:
            return t.ANY
        kinds = {self._kind_of(p, where) for p in parts}
        if kinds - {"object", None}:
            # Not objects to merge: a constrained string, array... The first part says it.
            return self.translate(parts[0], hint, f"{where}/allOf/0", component)
        merged, origins = self._merged(schema, where)
        return self.object_type(merged, hint, where, component, origins)

    def _kind_of(self, schema: Any, where: str) -> str | None:
        """The JSON type a schema (behind any `$ref`s) stands for, if it says."""
        if isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            schema = self.resolve(schema["$ref"], where)
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

    def merge_all_of(self, schema: dict[str, Any], where: str) -> dict[str, Any]:
        """One object schema out of an allOf chain: properties and required united, each
        part's own keys after those of the parts it extends."""
        return self._merged(schema, where)[0]

    def _merged(
        self, schema: dict[str, Any], where: str
    ) -> tuple[dict[str, Any], dict[str, tuple[str, str]]]:
        """`merge_all_of`, and for each property a component declares, where it is
        written and the name it suggests (`Pet.kind` inherited by `Dog` is `PetKind`)."""
        properties: dict[str, Any] = {}
        origins: dict[str, tuple[str, str]] = {}
        required: list[str] = []
        additional: Any = None
        for part, owner in self._all_of_parts(schema, where):
            for wire in part.get("properties") or {}:
                if owner is None:
                    origins.pop(wire, None)
                else:
                    origins[wire] = owner
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
        return merged, origins

    def _all_of_parts(
        self, schema: dict[str, Any], where: str
    ) -> Iterator[tuple[dict[str, Any], tuple[str, str] | None]]:
        """The parts an allOf chain unites, deepest first, each `$ref` followed once, with
        the component each part is written in (None: the schema being merged). A walk
        with its own stack, so that long inheritance chains never recurse."""
        Owner = tuple[str, str] | None
        stack: list[tuple[Any, frozenset[str], Owner]] = [(schema, frozenset(), None)]
        while stack:
            node, seen, owner = stack.pop()
            if isinstance(node, _Own):
                yield node.keys, owner
                continue
            if not isinstance(node, dict):
                continue
            if "$ref" in node:
                ref = node["$ref"]
                if ref in seen:
                    continue
                name = component_name(ref)
                if name is not None:
                    owner = (
                        f"{self.location}{pointer('components', 'schemas', name)}",
                        naming.class_name(name),
                    )
                stack.append((self.resolve(ref, where), seen | {ref}, owner))
                continue
            own = {k: v for k, v in node.items() if k != "allOf"}
            parts: list[Any] = node["allOf"] if isinstance(node.get("allOf"), list) else []
            stack.append((_Own(own), seen, owner))
            stack.extend((part, seen, owner) for part in reversed(parts))

    def object_type(
        self,
        schema: dict[str, Any],
        hint: str,
        where: str,
        component: str | None,
        origins: dict[str, tuple[str, str]] | None = None,
    ) -> t.Type:
        properties = schema.get("properties") or {}
        extra = schema.get("additionalProperties", True)
        open_object = extra in (True, None, {})
        if component is not None and open_object and not properties:
            properties = {}  # a named open object is still a model: callers import it by name
        elif not isinstance(properties, dict) or not properties:
            value = (
                t.ANY
                if open_object or extra is False
                else self.translate(extra, f"{hint}Value", f"{where}/additionalProperties")
            )
            return t.MapOf(value)
        # Only an inline shape is found by its content; a component by its name.
        content = (
            ""
            if component is not None
            else "object:" + json.dumps(schema, sort_keys=True, default=str)
        )
        entry = self._class_entry(content, hint, where, component)
        if entry.definition is not None:
            return t.ModelRef(entry.key)
        # Registered before the fields are built: they may refer back to the class.
        entry.definition = ir.Model(entry.key, "", _description(schema), ())
        if component is not None:
            self.components.setdefault(component, t.ModelRef(entry.key))
        required = set(schema.get("required") or [])
        absent = sorted(str(name) for name in required - set(properties))
        if absent:
            self.diagnostics.note(
                where,
                f"required {', '.join(map(repr, absent))} not among the properties",
                "ignored",
            )
        fields = []
        self._enclosing.append(entry)
        try:
            for wire in properties:
                prop = properties[wire]
                owner_where, owner_hint = (origins or {}).get(wire, (where, hint))
                prop_where = f"{owner_where}/properties/{wire}"
                prop_type = self.translate(
                    prop, f"{owner_hint}{naming.pascal_case(wire)}", prop_where
                )
                default = None
                if _mentions_models(prop_type):
                    # Whether it fits the models depends on their fields: checked once
                    # every class is built (`settle_defaults`).
                    if isinstance(prop, dict) and "default" in prop:
                        self._pending_defaults.append(
                            _PendingDefault(entry.key, wire, prop, prop_where)
                        )
                else:
                    default = default_for(
                        prop, prop_type, self.definition, prop_where, self.diagnostics
                    )
                fields.append(
                    ir.Field(
                        name=naming.field_name(wire),
                        wire_name=wire,
                        type=prop_type,
                        required=wire in required,
                        description=_description(prop),
                        default=default,
                        deprecated=bool(isinstance(prop, dict) and prop.get("deprecated")),
                    )
                )
        finally:
            self._enclosing.pop()
        entry.definition = ir.Model(entry.key, "", _description(schema), tuple(fields))
        return t.ModelRef(entry.key)

    def settle_defaults(self) -> None:
        """The defaults of fields that hold models, now that every class is built."""
        for pending in self._pending_defaults:
            model = self.classes[pending.key].definition
            assert isinstance(model, ir.Model), pending.key
            fields = tuple(
                dataclasses.replace(
                    f,
                    default=default_for(
                        pending.schema, f.type, self.definition, pending.where, self.diagnostics
                    ),
                )
                if f.wire_name == pending.wire
                else f
                for f in model.fields
            )
            self.classes[pending.key].definition = dataclasses.replace(model, fields=fields)
        self._pending_defaults.clear()

    def definition(self, key: str) -> ir.Model | ir.Enum | None:
        """The class with this provisional key, as built so far."""
        entry = self.classes.get(key)
        return entry.definition if entry is not None else None

    def model(self, key: str) -> ir.Model:
        """The model class with this provisional key (its fields so far, if still being built)."""
        definition = self.classes[key].definition
        assert isinstance(definition, ir.Model), key
        return definition

    # -- class registry ----------------------------------------------------------------

    def _class_entry(
        self, content: str, hint: str, where: str, component: str | None
    ) -> ClassEntry:
        """The class for a component, or for an inline shape (one per distinct content),
        with the place it was just reached from recorded."""
        if component is not None:
            key = COMPONENT_PREFIX + component
            entry = self.classes.setdefault(
                key, ClassEntry(key, component, [Place(None, key, naming.class_name(component))])
            )
        elif content in self.inline_keys:
            entry = self.classes[self.inline_keys[content]]
            entry.places.append(self._place(where, hint))
        else:
            key = f"#inline/{len(self.inline_keys)}"
            self.inline_keys[content] = key
            entry = self.classes[key] = ClassEntry(key, None, [self._place(where, hint)])
        if not entry.where:
            entry.where, entry.hint = where, hint
        return entry

    def _place(self, where: str, hint: str) -> Place:
        parent = self._enclosing[-1] if self._enclosing else None
        if parent is not None and where.startswith(parent.where) and hint.startswith(parent.hint):
            return Place(parent.key, where[len(parent.where) :], hint[len(parent.hint) :])
        return Place(None, where.removeprefix(self.location), hint)


@dataclass(frozen=True, slots=True)
class _PendingDefault:
    """A field's default that waits for the classes its type holds to be built."""

    key: str
    """The provisional key of the model the field is in."""
    wire: str
    schema: dict[str, Any]
    where: str


@dataclass(frozen=True, slots=True)
class _Own:
    """A schema's own keys, met in an allOf walk after the parts it extends."""

    keys: dict[str, Any]


def component_name(ref: Any) -> str | None:
    """The component a `#/components/schemas/<name>` reference names, else None."""
    if not isinstance(ref, str) or not ref.startswith(COMPONENT_PREFIX):
        return None
    parts = pointer_parts(ref)
    return parts[2] if len(parts) == 3 else None


# Integers a `Literal` and an `IntEnum` can hold: mypy and pydantic stop at 64 bits.
_INT64 = range(-(2**63), 2**63)


def const_type(value: Any) -> t.Type:
    """The type of a `const`: a `Literal` where Python has one for the value (a string,
    an integer of 64 bits, a boolean), else the value's JSON type (a number, an object,
    an array)."""
    if value is None:
        return t.NONE
    if isinstance(value, str) or (isinstance(value, int) and value in _INT64):
        return t.LiteralOf((value,))
    return _json_type(value)


def _json_type(value: Any) -> t.Type:
    """The type of values of `value`'s JSON type."""
    if isinstance(value, bool):
        return t.BOOL
    if isinstance(value, int):
        return t.INT
    if isinstance(value, float):
        return t.FLOAT
    if isinstance(value, str):
        return t.STR
    if isinstance(value, list):
        return t.ListOf(t.ANY)
    if isinstance(value, dict):
        return t.MapOf(t.ANY)
    return t.ANY


def enum_shape(schema: dict[str, Any]) -> tuple[ir.EnumKind, list[ir.EnumValue]] | None:
    """The kind of enum class a schema's `enum` makes and its distinct values in order:
    strings, integers, or numbers (where any is fractional or the schema says `number`).
    None for values of other or mixed types, which no enum class holds."""
    values = schema["enum"] if isinstance(schema.get("enum"), list) else []
    present = [v for v in values if v is not None]
    if not present:
        return None
    if all(isinstance(v, str) for v in present):
        return "str", list(dict.fromkeys(present))
    if not all(_finite_number(v) for v in present):
        return None
    declared = schema.get("type")
    number = declared == "number" or (isinstance(declared, list) and "number" in declared)
    if not number and all(float(v).is_integer() for v in present):
        integers: list[ir.EnumValue] = list(dict.fromkeys(int(v) for v in present))
        return ("int", integers) if all(v in _INT64 for v in integers) else None
    return "float", list(dict.fromkeys(float(v) for v in present))


def _finite_number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # an integer too large to be a float
        return False


def _mentions_models(type_: t.Type) -> bool:
    return any(isinstance(node, (t.ModelRef, t.Deferred)) for node in t.walk(type_))


def _class_kind(schema: Any, component: bool) -> str | None:
    """Whether translating `schema` certainly makes a class ("model" or "enum"), decided
    without following references; None when it may be anything else."""
    if not isinstance(schema, dict) or "$ref" in schema or "const" in schema:
        return None
    if "enum" in schema:
        values = schema["enum"] if isinstance(schema["enum"], list) else []
        null = None in values or (isinstance(schema.get("type"), list) and "null" in schema["type"])
        return "enum" if not null and enum_shape(schema) is not None else None
    if any(isinstance(schema.get(k), list) and schema[k] for k in ("oneOf", "anyOf", "allOf")):
        return None
    kind = schema.get("type")
    if kind == "object" or (
        kind is None and ("properties" in schema or "additionalProperties" in schema)
    ):
        properties = schema.get("properties") or {}
        open_object = schema.get("additionalProperties", True) in (True, None, {})
        if isinstance(properties, dict) and properties:
            return "model"
        return "model" if component and open_object and not properties else None
    return None


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


def _only_annotations(schema: Any) -> bool:
    return isinstance(schema, dict) and all(
        k in _ANNOTATION_KEYS or k.startswith("x-") for k in schema
    )


def _description(schema: Any) -> str | None:
    if not isinstance(schema, dict):
        return None
    text = schema.get("description") or schema.get("title")
    return str(text).strip() or None if text else None
