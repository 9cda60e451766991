"""Names of the resource tree and of each resource's methods and their arguments.

Each level of the tree is one scope (the client's attributes, or a resource's
sub-resources), settled in the sorted order of what each resource groups; a resource's
methods are one scope with its sub-resources' names reserved, settled in the sorted
order of their operations (`GET /items`). What each method wants is decided in
`method_names`.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator import ir
from generator.building import naming
from generator.building.edits import replaced
from generator.building.examples import Examples
from generator.building.method_names import method_wants, operation_id
from generator.building.resources import DraftResource
from generator.building.scope import NameRecord, Scope, unhidden
from generator.ir import types as t


@dataclass(frozen=True)
class ResourcePlace:
    """Where a resource sits: how it is reached, and the names of its class and module."""

    path: tuple[str, ...]
    class_name: str
    module: str


def resource_places(
    drafts: Sequence[DraftResource],
    asked: Mapping[str, str],
    record: NameRecord,
    given: list[ir.GivenName],
) -> dict[str, ResourcePlace]:
    """Every resource's place, by identity, parents before children."""
    found: dict[str, ResourcePlace] = {}

    def settle(
        level: Sequence[DraftResource],
        parent: tuple[str, ...],
        said: frozenset[str],
        reserved: frozenset[str],
    ) -> None:
        scope = Scope(record, given, reserved=reserved)
        ordered = sorted(level, key=lambda r: r.identity)
        names = scope.settle(
            [(f"resource:{r.identity}", _resource_want(r, asked, said)) for r in ordered]
        )
        for resource in ordered:
            path = (*parent, names[f"resource:{resource.identity}"])
            found[resource.identity] = ResourcePlace(path, "", "")
            settle(resource.children, path, said | set(label_words(resource)), _NESTED_RESERVED)

    settle(drafts, (), frozenset(), naming.RESERVED_RESOURCE_NAMES)
    modules = naming.dedupe(_module_name(p.path) for p in found.values())
    classes = naming.dedupe(
        f"{naming.class_name('_'.join(p.path), 'Default')}Resource" for p in found.values()
    )
    return {
        identity: ResourcePlace(place.path, cls, module)
        for (identity, place), module, cls in zip(found.items(), modules, classes)
    }


# A sub-resource is an attribute of its parent's class: it must not hide what the class
# body uses.
_NESTED_RESERVED = naming.RESERVED_METHOD_NAMES | {"with_raw_response"}


def _resource_want(resource: DraftResource, asked: Mapping[str, str], said: frozenset[str]) -> str:
    """The name asked for, else the tag's or path's words; a sub-resource's without the
    leading words its parents say (`domain/parents` under `column_domain`: `parents`)."""
    if resource.identity in asked:
        return naming.resource_name(asked[resource.identity])
    words = label_words(resource)
    said = frozenset(naming.singular(w) for w in said)
    while len(words) > 1 and naming.singular(words[0]) in said:
        words = words[1:]
    return naming.resource_name("_".join(words))


def label_words(resource: DraftResource) -> list[str]:
    return [w for w in naming.snake_case(resource.label).split("_") if w]


def _module_name(path: tuple[str, ...]) -> str:
    """Module names are file names: a deep path is cut short with a stable hash."""
    name = "_".join(path)
    if len(name) <= naming.MAX_NAME_LENGTH:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{name[: naming.MAX_NAME_LENGTH - 9]}_{digest}"


def name_resources(
    drafts: Sequence[DraftResource],
    places: Mapping[str, ResourcePlace],
    rename: Renamer,
    models: Mapping[str, ir.Model],
    asked: Mapping[str, str],
    record: NameRecord,
    given: list[ir.GivenName],
    examples: Examples,
) -> tuple[ir.Resource, ...]:
    """The named resource tree."""
    namer = _ResourceNamer(places, rename, models, asked, record, given, examples)
    named = (namer.resource(d, ()) for d in sorted(drafts, key=lambda r: r.identity))
    return tuple(sorted(named, key=lambda r: r.attribute))


@dataclass
class _ResourceNamer:
    places: Mapping[str, ResourcePlace]
    rename: Renamer
    models: Mapping[str, ir.Model]
    asked: Mapping[str, str]
    record: NameRecord
    given: list[ir.GivenName]
    examples: Examples

    def resource(self, draft: DraftResource, said: tuple[tuple[str, ...], ...]) -> ir.Resource:
        """`said`: the words of the resource's parents."""
        place = self.places[draft.identity]
        # Each word of the resource's name, and the name itself (`datadiffs`).
        label = tuple(label_words(draft))
        words = (*said, label, *((w,) for w in label))
        children = tuple(
            self.resource(child, words)
            for child in sorted(draft.children, key=lambda r: r.identity)
        )
        operations = [_renamed_operation(op, self.rename, self.models) for op in draft.operations]
        names = self._method_names(operations, words, draft, {c.attribute for c in children})
        call = ".".join(("client", *place.path))
        named = []
        for op in operations:
            op = _named_arguments(
                dataclasses.replace(op, name=names[operation_id(op)]), self.record, self.given
            )
            example = self.examples.call(call, op)
            named.append(
                dataclasses.replace(op, example_call=example.call, example_imports=example.imports)
            )
        cls = place.class_name
        return ir.Resource(
            identity=draft.identity,
            attribute=place.path[-1],
            path=place.path,
            class_name=cls,
            async_class_name=f"Async{cls}",
            raw_class_name=f"{cls}WithRawResponse",
            async_raw_class_name=f"Async{cls}WithRawResponse",
            module=place.module,
            description=draft.description,
            operations=tuple(sorted(named, key=lambda o: o.name)),
            children=tuple(sorted(children, key=lambda r: r.attribute)),
        )

    def _method_names(
        self,
        operations: list[ir.Operation],
        words: tuple[tuple[str, ...], ...],
        draft: DraftResource,
        children: set[str],
    ) -> dict[str, str]:
        """Method name by operation id, never a name the class body's annotations use
        or a sub-resource has. A method keeps a recorded name that is one the rules
        would give it with other neighbours."""
        wants = method_wants(operations, words, draft.collection, self.asked)
        # Builtin types keep their method names: annotations then say `builtins.list`.
        used = (
            frozenset().union(*(t.used_names(type_) for op in operations for type_ in op.types))
            - t.BUILTIN_NAMES
        )
        scope = Scope(
            self.record, self.given, reserved=naming.RESERVED_METHOD_NAMES | used | children
        )
        names = scope.settle(
            [(f"method:{i}", unhidden(wants[i].name, used)) for i in sorted(wants)],
            {f"method:{i}": tuple(unhidden(n, used) for n in wants[i].alternatives) for i in wants},
        )
        return {i: names[f"method:{i}"] for i in wants}


class Renamer:
    """Provisional class keys in types and defaults -> final class and member names."""

    def __init__(self, class_names: Mapping[str, str], enums: Mapping[str, ir.Enum]) -> None:
        self.class_names = class_names
        self.enums = enums

    def type(self, type_: t.Type) -> t.Type:
        return t.rename_classes(type_, self.class_names)

    def default(self, default: ir.Default | None) -> ir.Default | None:
        if default is None:
            return None
        if default.items is not None:
            items = tuple(self.default(item) or item for item in default.items)
            return dataclasses.replace(default, items=items)
        if default.entries is not None:
            entries = tuple((key, self.default(value) or value) for key, value in default.entries)
            model = self.class_names[default.model] if default.model is not None else None
            return dataclasses.replace(default, entries=entries, model=model)
        if default.enum is None:
            return default
        enum = self.enums[self.class_names[default.enum]]
        member = next(m.name for m in enum.members if m.value == default.value)
        return dataclasses.replace(default, enum=enum.class_name, member=member)

    def field(self, field: ir.Field) -> ir.Field:
        return replaced(field, type=self.type(field.type), default=self.default(field.default))

    def model(self, model: ir.Model, name: str, origin: str) -> ir.Model:
        return dataclasses.replace(
            model,
            class_name=name,
            origin=origin,
            fields=tuple(self.field(f) for f in model.fields),
        )


def _renamed_operation(
    op: ir.Operation, rename: Renamer, models: Mapping[str, ir.Model]
) -> ir.Operation:
    body = op.body
    if body is not None:
        model = rename.class_names.get(body.model) if body.model else None
        fields = tuple(rename.field(f) for f in body.fields)
        if model is not None:
            # Each argument takes its field's settled name (as an argument).
            final = {f.wire_name: f.name for f in models[model].fields}
            fields = tuple(
                replaced(f, name=naming.argument_name(final[f.wire_name])) for f in fields
            )
        body = dataclasses.replace(body, type=rename.type(body.type), model=model, fields=fields)
    pagination = op.pagination
    if pagination is not None:
        pagination = dataclasses.replace(pagination, item_type=rename.type(pagination.item_type))
    return dataclasses.replace(
        op,
        parameters=tuple(
            replaced(p, type=rename.type(p.type), default=rename.default(p.default))
            for p in op.parameters
        ),
        body=body,
        response=dataclasses.replace(
            op.response,
            type=rename.type(op.response.type),
            events=None if op.response.events is None else rename.type(op.response.events),
        ),
        pagination=pagination,
    )


def _named_arguments(
    op: ir.Operation, record: NameRecord, given: list[ir.GivenName]
) -> ir.Operation:
    """Parameters and body-field arguments: unique in the method, never hiding a name the
    method's body uses (`list` where it says `cast_to=list[str]`)."""
    body_types = [op.response.type] + ([op.pagination.item_type] if op.pagination else [])
    body_types += [op.response.events] if op.response.events is not None else []
    used = frozenset().union(*(t.used_names(type_) for type_ in body_types))
    scope = Scope(record, given, reserved=naming.RESERVED_PARAMETER_NAMES | used)
    fields = op.body.fields if op.body is not None else ()
    wanted = [
        (f"argument:{operation_id(op)} {p.location}:{p.wire_name}", unhidden(p.name, used))
        for p in op.parameters
    ] + [
        (f"argument:{operation_id(op)} body:{f.wire_name}", unhidden(f.name, used)) for f in fields
    ]
    names = scope.settle(wanted)
    parameters = tuple(
        replaced(p, name=names[f"argument:{operation_id(op)} {p.location}:{p.wire_name}"])
        for p in op.parameters
    )
    body = op.body
    if body is not None:
        named = (
            replaced(f, name=names[f"argument:{operation_id(op)} body:{f.wire_name}"])
            for f in fields
        )
        body = dataclasses.replace(body, fields=tuple(sorted(named, key=lambda f: f.name)))
    return dataclasses.replace(op, parameters=parameters, body=body)
