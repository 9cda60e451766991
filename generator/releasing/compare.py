"""What changed between two surfaces of a package, judged as a caller sees it.

Methods are matched by the operation they call (`GET /items`), so a method that moved
or was renamed is one change naming both calls; models and enums by name, and by the
schema they come from when the name changed. Every message names what a caller types.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from generator.ir import types as t
from generator.ir.surface import Argument, Enum, Method, Model, Surface
from generator.releasing import rules
from generator.releasing.changes import Change, ChangeReport, Kind
from generator.releasing.rules import Direction

ArgumentChange = Callable[[str, str, Kind, str, str], Change]
"""Builds one argument's change: (event, wire, kind, argument name, message)."""

_SENT = frozenset({Direction.SENT})
_RECEIVED = frozenset({Direction.RECEIVED})


def compare_surfaces(old: Surface, new: Surface) -> ChangeReport:
    renamed = _renamed_classes(old, new)
    changes = [
        *_client(old, new),
        *_methods(old, new, renamed),
        *_models(old, new, renamed),
        *_enums(old, new, renamed),
        *_exceptions(old, new),
        *_webhook_events(old, new),
    ]
    return ChangeReport.of(changes)


def _renamed_classes(old: Surface, new: Surface) -> dict[str, str]:
    """Old class name -> new one, for classes made from the same schema under a new name."""
    old_classes: list[Model | Enum] = [*old.models, *old.enums]
    new_classes: list[Model | Enum] = [*new.models, *new.enums]
    new_names = {c.name for c in new_classes}
    by_origin = {c.origin: c.name for c in new_classes}
    return {
        c.name: by_origin[c.origin]
        for c in old_classes
        if c.name not in new_names and c.origin in by_origin
    }


# -- client ----------------------------------------------------------------------------


def _client(old: Surface, new: Surface) -> Iterator[Change]:
    for before, after in zip(old.client_classes, new.client_classes):
        if before != after:
            yield Change(
                f"client.renamed:{before}", Kind.BREAKING, before, f"`{before}` is now `{after}`"
            )
    sync = new.client_classes[0]
    old_arguments = {a.name: a.env_var for a in old.client_arguments}
    new_arguments = {a.name: a.env_var for a in new.client_arguments}
    for argument in sorted(old_arguments.keys() - new_arguments.keys()):
        yield Change(
            f"client.argument_removed:{argument}",
            Kind.BREAKING,
            f"{sync}({argument})",
            f"`{sync}()` no longer takes `{argument}`",
        )
    for argument in sorted(new_arguments.keys() - old_arguments.keys()):
        yield Change(
            f"client.argument_added:{argument}",
            Kind.ADDITIVE,
            f"{sync}({argument})",
            f"`{sync}()` takes `{argument}` (or `${new_arguments[argument]}`)",
        )


# -- methods ---------------------------------------------------------------------------


def _methods(old: Surface, new: Surface, renamed: Mapping[str, str]) -> Iterator[Change]:
    """Methods matched by the operation they call, then what is left by call: an
    operation whose route changed under the same call is the same method to a caller."""
    before = {m.operation: m for m in old.methods}
    after = {m.operation: m for m in new.methods}
    gone = {before[o].call: before[o] for o in before.keys() - after.keys()}
    arrived = {after[o].call: after[o] for o in after.keys() - before.keys()}
    rerouted = sorted(gone.keys() & arrived.keys())
    for call in rerouted:
        old_method, new_method = gone.pop(call), arrived.pop(call)
        yield Change(
            f"method.rerouted:{old_method.operation}",
            Kind.DOCS,
            call,
            f"`{call}()` now calls {new_method.operation} (was {old_method.operation})",
        )
        yield from _method(old_method, new_method, renamed)
    for method in sorted(gone.values(), key=lambda m: m.operation):
        yield Change(
            f"method.removed:{method.operation}",
            Kind.BREAKING,
            method.call,
            _removal(method, after),
        )
    for method in sorted(arrived.values(), key=lambda m: m.operation):
        yield Change(
            f"method.added:{method.operation}",
            Kind.ADDITIVE,
            method.call,
            f"`{method.call}()` is new",
        )
    for operation in sorted(before.keys() & after.keys()):
        yield from _method(before[operation], after[operation], renamed)


def _removal(method: Method, after: Mapping[str, Method]) -> str:
    """What a CHANGELOG says of a removed method: its route, or, for the `<name>_iter`
    companion that packages had before paginated methods returned pages, what replaces
    it."""
    listing = after.get(method.operation.removesuffix(_ITER))
    if method.operation.endswith(_ITER) and listing is not None:
        return (
            f"`{method.call}()` was removed: `{listing.call}()` returns a page, and "
            "iterating over it yields every item"
        )
    return f"`{method.call}()` was removed ({method.operation})"


# How api.json named the auto-paging companions (`GET /items iter`) before pages.
_ITER = " iter"


def _method(old: Method, new: Method, renamed: Mapping[str, str]) -> Iterator[Change]:
    operation, call = new.operation, new.call
    if old.call != call:
        yield Change(
            f"method.moved:{operation}",
            Kind.BREAKING,
            old.call,
            f"`{old.call}()` is now `{call}()`",
        )
    yield from _arguments(old, new, renamed)
    old_returns = t.rename_classes(old.returns, renamed)
    change = rules.type_change(old_returns, new.returns)
    # The same type behind another wrapper (a stream become a plain value) breaks too.
    rewrapped = _wrapper(old.returns_text, old.returns) != _wrapper(new.returns_text, new.returns)
    if change is not None or rewrapped:
        if isinstance(old.returns, t.NoneType) and old.returns_text == "None":
            kind = Kind.ADDITIVE  # nobody could use the result of a method returning None
        elif change is not None and not rewrapped:
            kind = rules.type_changed(_RECEIVED, change)
        else:
            kind = Kind.BREAKING
        yield Change(
            f"method.returns:{operation}",
            kind,
            f"{call}()",
            f"`{call}()` now returns `{new.returns_text}` (was `{old.returns_text}`)",
        )
    if old.doc != new.doc:
        yield Change(
            f"method.docs:{operation}", Kind.DOCS, call, f"documentation of `{call}()` changed"
        )
    if old.deprecated != new.deprecated:
        state = "deprecated" if new.deprecated else "no longer deprecated"
        yield Change(f"method.deprecated:{operation}", Kind.DOCS, call, f"`{call}()` is {state}")


def _wrapper(returns_text: str, returns: t.Type) -> str:
    """What the return annotation wraps the returned type in (`Stream[{}]`, `{}`)."""
    return returns_text.replace(t.annotation(returns), "{}", 1)


def _arguments(old: Method, new: Method, renamed: Mapping[str, str]) -> Iterator[Change]:
    operation, call = new.operation, new.call
    before = {a.wire: a for a in old.arguments}
    after = {a.wire: a for a in new.arguments}

    def change(event: str, wire: str, kind: Kind, name: str, message: str) -> Change:
        return Change(f"argument.{event}:{operation} {wire}", kind, f"{call}({name})", message)

    for wire in sorted(before.keys() - after.keys()):
        name = before[wire].name
        yield change("removed", wire, Kind.BREAKING, name, f"`{call}()` no longer takes `{name}`")
    for wire in sorted(after.keys() - before.keys()):
        argument = after[wire]
        if argument.required:
            text = f"`{call}()` now requires `{_signature(argument)}`"
        else:
            text = f"`{call}()` takes `{_signature(argument)}`"
        yield change("added", wire, rules.added(_SENT, argument.required), argument.name, text)
    for wire in sorted(before.keys() & after.keys()):
        yield from _argument(before[wire], after[wire], call, change, renamed)


def _argument(
    old: Argument,
    new: Argument,
    call: str,
    change: ArgumentChange,
    renamed: Mapping[str, str],
) -> Iterator[Change]:
    wire, name = new.wire, new.name
    if old.name != name:
        yield change(
            "renamed", wire, Kind.BREAKING, old.name, f"`{call}()`: `{old.name}` is now `{name}`"
        )
    if old.positional != new.positional:
        how = "positional" if new.positional else "keyword-only"
        yield change("kind", wire, Kind.BREAKING, name, f"`{call}()`: `{name}` is now {how}")
    if old.required != new.required:
        state = "required" if new.required else "optional"
        yield change(
            "required",
            wire,
            rules.requirement_changed(new.required),
            name,
            f"`{call}()`: `{name}` is now {state}",
        )
    # Whether an argument may be None is its requirement's business (above).
    moved = rules.type_change(t.non_null(t.rename_classes(old.type, renamed)), t.non_null(new.type))
    if moved is not None:
        yield change(
            "type",
            wire,
            rules.type_changed(_SENT, moved),
            name,
            f"`{call}()`: `{name}` is now `{t.annotation(new.type)}` (was `{t.annotation(old.type)}`)",
        )
    if old.default != new.default and old.required == new.required and not new.required:
        yield change(
            "default",
            wire,
            Kind.DOCS,
            name,
            f"`{call}()`: `{name}` now defaults to `{new.default}` (was `{old.default}`)",
        )


# -- models ----------------------------------------------------------------------------


def _models(old: Surface, new: Surface, renamed: Mapping[str, str]) -> Iterator[Change]:
    before = {m.name: m for m in old.models}
    after = {m.name: m for m in new.models}
    gone = before.keys() - after.keys()
    for name in sorted(gone):
        if name in renamed:
            yield Change(
                f"model.renamed:{before[name].origin}",
                Kind.BREAKING,
                name,
                f"`{name}` is now `{renamed[name]}`",
            )
        else:
            yield Change(
                f"model.removed:{name}",
                Kind.BREAKING,
                name,
                f"`{name}` was removed from `{old.package}.models`",
            )
    arrived = after.keys() - before.keys() - set(renamed.values())
    for name in sorted(arrived):
        yield Change(f"model.added:{name}", Kind.ADDITIVE, name, f"`{name}` is new")
    pairs = [(before[n], after[n]) for n in before.keys() & after.keys()]
    pairs += [(before[o], after[n]) for o, n in renamed.items() if o in before and n in after]
    for old_model, new_model in sorted(pairs, key=lambda pair: pair[1].name):
        yield from _fields(old_model, new_model, renamed)


def _fields(old: Model, new: Model, renamed: Mapping[str, str]) -> Iterator[Change]:
    uses = old.uses | new.uses
    directions = frozenset(
        direction
        for direction, use in ((Direction.SENT, "input"), (Direction.RECEIVED, "output"))
        if use in uses
    )
    used = bool(directions)
    before = {f.wire: f for f in old.fields}
    after = {f.wire: f for f in new.fields}
    model = new.name

    def change(event: str, wire: str, kind: Kind, name: str, message: str) -> Change:
        return Change(f"field.{event}:{model} {wire}", kind, f"{model}.{name}", message)

    for wire in sorted(before.keys() - after.keys()):
        name = before[wire].name
        kind = Kind.BREAKING if used else Kind.ADDITIVE
        yield change("removed", wire, kind, name, f"`{model}.{name}` was removed")
    for wire in sorted(after.keys() - before.keys()):
        field = after[wire]
        yield change(
            "added",
            wire,
            rules.added(directions, field.required),
            field.name,
            f"`{model}.{field.name}` is new (`{field.annotation}`"
            + (", required)" if field.required else ")"),
        )
    for wire in sorted(before.keys() & after.keys()):
        old_field, new_field = before[wire], after[wire]
        name = new_field.name
        if old_field.name != name:
            kind = Kind.BREAKING if used else Kind.ADDITIVE
            yield change(
                "renamed", wire, kind, old_field.name, f"`{model}.{old_field.name}` is now `{name}`"
            )
        if old_field.required != new_field.required and Direction.SENT in directions:
            state = "required" if new_field.required else "optional"
            yield change(
                "required",
                wire,
                rules.requirement_changed(new_field.required),
                name,
                f"`{model}.{name}` is now {state} when you build a `{model}`",
            )
        moved = _field_type_change(old_field.type, new_field.type, directions, renamed)
        if moved is not None:
            yield change(
                "type",
                wire,
                moved,
                name,
                f"`{model}.{name}` is now `{new_field.annotation}` (was `{old_field.annotation}`)",
            )
        if old_field.doc != new_field.doc:
            yield change(
                "docs", wire, Kind.DOCS, name, f"documentation of `{model}.{name}` changed"
            )


def _field_type_change(
    old: t.Type, new: t.Type, directions: frozenset[Direction], renamed: Mapping[str, str]
) -> Kind | None:
    """How a field's declared type changed, seen from each direction it is used in; None
    when no direction sees a change. What a caller sends is judged without the None an
    optional field admits: optionality is the field's requirement, judged on its own."""
    old = t.rename_classes(old, renamed)
    kinds = []
    if Direction.RECEIVED in directions or not directions:
        moved = rules.type_change(old, new)
        if moved is not None:
            kinds.append(rules.type_changed(directions - _SENT, moved))
    if Direction.SENT in directions:
        moved = rules.type_change(t.non_null(old), t.non_null(new))
        if moved is not None:
            kinds.append(rules.type_changed(_SENT, moved))
    return max(kinds, key=lambda k: k.severity) if kinds else None


# -- enums and exceptions --------------------------------------------------------------


def _enums(old: Surface, new: Surface, renamed: Mapping[str, str]) -> Iterator[Change]:
    before = {e.name: e for e in old.enums}
    after = {e.name: e for e in new.enums}
    for name in sorted(before.keys() - after.keys()):
        if name in renamed:
            yield Change(
                f"enum.renamed:{before[name].origin}",
                Kind.BREAKING,
                name,
                f"`{name}` is now `{renamed[name]}`",
            )
        else:
            yield Change(
                f"enum.removed:{name}",
                Kind.BREAKING,
                name,
                f"`{name}` was removed from `{old.package}.models`",
            )
    for name in sorted(after.keys() - before.keys() - set(renamed.values())):
        yield Change(f"enum.added:{name}", Kind.ADDITIVE, name, f"`{name}` is new")
    pairs = [(before[n], after[n]) for n in before.keys() & after.keys()]
    pairs += [(before[o], after[n]) for o, n in renamed.items() if o in before and n in after]
    for old_enum, new_enum in sorted(pairs, key=lambda pair: pair[1].name):
        yield from _members(old_enum, new_enum)


def _members(old: Enum, new: Enum) -> Iterator[Change]:
    before, after = dict(old.members), dict(new.members)
    enum = new.name
    for member in sorted(before.keys() - after.keys()):
        yield Change(
            f"enum.member_removed:{enum}.{member}",
            Kind.BREAKING,
            f"{enum}.{member}",
            f"`{enum}.{member}` was removed",
        )
    for member in sorted(after.keys() - before.keys()):
        yield Change(
            f"enum.member_added:{enum}.{member}",
            Kind.ADDITIVE,
            f"{enum}.{member}",
            f"`{enum}.{member}` ({after[member]!r}) is new",
        )


def _exceptions(old: Surface, new: Surface) -> Iterator[Change]:
    for name in sorted(set(old.exceptions) - set(new.exceptions)):
        yield Change(f"exception.removed:{name}", Kind.BREAKING, name, f"`{name}` was removed")
    for name in sorted(set(new.exceptions) - set(old.exceptions)):
        yield Change(f"exception.added:{name}", Kind.ADDITIVE, name, f"`{name}` is new")


def _webhook_events(old: Surface, new: Surface) -> Iterator[Change]:
    """`WebhookEvent` is a literal type callers key their handlers by: a value gone breaks
    a handler table that names it."""
    for event in sorted(set(old.webhook_events) - set(new.webhook_events)):
        yield Change(
            f"webhook.removed:{event}",
            Kind.BREAKING,
            "WebhookEvent",
            f"webhook event {event!r} was removed",
        )
    for event in sorted(set(new.webhook_events) - set(old.webhook_events)):
        yield Change(
            f"webhook.added:{event}",
            Kind.ADDITIVE,
            "WebhookEvent",
            f"webhook event {event!r} is new",
        )


def _signature(argument: Argument) -> str:
    text = f"{argument.name}: {argument.annotation}"
    return text if argument.default is None else f"{text} = {argument.default}"
