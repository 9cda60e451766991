"""What a package must tell its reader about its source: the load report's disclosures.

Loaders and overlays mark the diagnostics that state something the source does not (an
overlay's fact, a type inferred from a sample, an assumption sdk.toml makes) or that leave
something out. Here they become the package's `ir.Provenance` (the README lists it) and
a paragraph in the docstring of each operation and model they concern.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import TypeVar

from generator import ir
from generator.diagnostics import Diagnostic, Diagnostics, Disclosure, Subject
from generator.ir.types import EnumRef, ModelRef

_Documented = TypeVar("_Documented", ir.Model, ir.Enum)
Namer = Callable[[Subject], str | None]
"""The name a subject has in the package (`client.groups.get`, `GroupResponse`), if any."""


def disclose(api: ir.Api, diagnostics: Diagnostics, source: str) -> ir.Api:
    """`api` with its provenance, and its docstrings saying what concerns each."""
    name_of = _namer(api)
    assumed = [d for d in diagnostics.disclosed if d.disclosure is Disclosure.ASSUMED]
    provenance = ir.Provenance(
        source=source,
        assumed=_assumed(assumed, name_of),
        left_out=tuple(
            ir.Disclosed(_statement(d.message, [d.action]), _left_out_names(d, name_of))
            for d in diagnostics.disclosed
            if d.disclosure is Disclosure.LEFT_OUT
        ),
    )
    notes = _notes_by_name(assumed, name_of)
    return dataclasses.replace(
        api,
        resources=tuple(_annotated_resource(r, notes, source) for r in api.resources),
        models=tuple(_annotated(m, notes.get(m.class_name), source) for m in api.models),
        enums=tuple(_annotated(e, notes.get(e.class_name), source) for e in api.enums),
        provenance=provenance,
    )


def _namer(api: ir.Api) -> Namer:
    methods = {
        op.operation_id: f"{resource.call}.{op.name}"
        for resource in api.every_resource
        for op in resource.operations
    }
    components = dict(api.components)

    def name_of(subject: Subject) -> str | None:
        if subject.kind == "operation":
            return methods.get(subject.name)
        if subject.kind == "webhooks":
            return ir.WEBHOOKS
        type_ = components.get(subject.name)
        if subject.kind != "schema" or type_ is None:
            return None
        # A model or enum by its class; a schema with no class of its own (an alias of
        # `str`) by the name `openapi.json` gives it.
        return type_.name if isinstance(type_, ModelRef | EnumRef) else subject.name

    return name_of


def _statement(message: str, actions: list[str]) -> str:
    shown = "; ".join(action for action in actions if action)
    return f"{message} ({shown})" if shown else message


def _assumed(assumed: list[Diagnostic], name_of: Namer) -> tuple[ir.Disclosed, ...]:
    """One entry per message, naming everything it affects in the package, with the
    action where all share it (each docstring has its own). A message only about
    operations the package left out is not an assumption of the package."""
    names: dict[str, list[str]] = {}
    actions: dict[str, set[str]] = {}
    whole_api: set[str] = set()
    for diagnostic in assumed:
        message = diagnostic.message
        affected = names.setdefault(message, [])
        actions.setdefault(message, set()).add(diagnostic.action)
        if diagnostic.subject is None:
            whole_api.add(message)
        elif (name := name_of(diagnostic.subject)) is not None and name not in affected:
            affected.append(name)
    return tuple(
        ir.Disclosed(
            _statement(message, sorted(actions[message]) if len(actions[message]) == 1 else []),
            tuple(affected),
            api_wide=message in whole_api,
        )
        for message, affected in names.items()
        if affected or message in whole_api
    )


def _left_out_names(diagnostic: Diagnostic, name_of: Namer) -> tuple[str, ...]:
    subject = diagnostic.subject
    if subject is None:
        return ()
    return (name_of(subject) or subject.name or subject.kind,)


def _notes_by_name(assumed: list[Diagnostic], name_of: Namer) -> dict[str, list[str]]:
    """Each package name's assumptions, one line per message, for its docstring."""
    actions: dict[str, dict[str, list[str]]] = {}
    for diagnostic in assumed:
        name = name_of(diagnostic.subject) if diagnostic.subject is not None else None
        if name is None:
            continue
        seen = actions.setdefault(name, {}).setdefault(diagnostic.message, [])
        if diagnostic.action not in seen:
            seen.append(diagnostic.action)
    return {
        name: [_statement(message, shown) for message, shown in by_message.items()]
        for name, by_message in actions.items()
    }


def _paragraph(statements: list[str], source: str) -> str:
    lines = [f"Not stated by `{source}`:"] + [f"- {statement}" for statement in statements]
    return "\n".join(lines)


def _annotated_resource(
    resource: ir.Resource, notes: Mapping[str, list[str]], source: str
) -> ir.Resource:
    operations = []
    for op in resource.operations:
        statements = notes.get(f"{resource.call}.{op.name}")
        if statements:
            # The docstring opens with the summary, else the description, else the route;
            # the paragraph must not become that opening line.
            route = "" if op.summary else f"{op.http_method.upper()} {op.path}"
            opening = op.description or route
            text = "\n\n".join(part for part in (opening, _paragraph(statements, source)) if part)
            op = dataclasses.replace(op, description=text)
        operations.append(op)
    children = tuple(_annotated_resource(child, notes, source) for child in resource.children)
    return dataclasses.replace(resource, operations=tuple(operations), children=children)


def _annotated(item: _Documented, statements: list[str] | None, source: str) -> _Documented:
    if not statements:
        return item
    opening = item.description or item.class_name
    return dataclasses.replace(item, description=f"{opening}\n\n{_paragraph(statements, source)}")
