"""Which differences between two generated surfaces break a caller.

A change breaks a caller when code that type-checked (`mypy --strict`) and ran against
the old package may fail either against the new one. Each difference is one `Finding`
named by what a caller types (the subject format of `sdkgen diff --format json`):
`client.items.list` (a method), `client.items.list(limit)` (an argument),
`client.items.list()` (what it returns), `Slot` (a model or enum), `Slot.start` (a field),
`Color.RED` (an enum member), `Eddytor(api_key)` (a client constructor argument).

Breaking:
- The client class was renamed, or a constructor argument was removed or became stricter.
- A method is gone from its call path (removed, or moved: the same HTTP route is now
  reached by another path; reported on the old path). A moved method is also compared
  with its new self, and what changed is reported on the new path, where a caller
  rewrites the call.
- An argument was removed, became required (or was added required), left its position
  (for a positional argument), or accepts fewer types than before. A method with
  `@overload`s is called through any of its forms: each old form is compared with the new
  form closest to it, so a new `body=` form does not make `body` a new required argument.
- A method's return type is no longer a subtype of the old one (a new `None`, a class
  replaced by another, `int` -> `float`), unless the method returned `None` before.
- A model or enum class is gone (its import fails, whatever used it).
- For a model a method takes (at any depth, through fields), as it was in the old
  package: a field removed, a field now required, a field that accepts fewer types.
- For a model a method returns (at any depth, streamed and paginated items included): a
  field removed, a field whose type is no longer a subtype of the old one (it may now be
  `None`, or a class was replaced).
- For an enum a method takes or returns: a member removed.

Not breaking:
- Anything added that a caller need not pass: methods, optional arguments, models,
  fields of a returned model, enum members (generated enums are open: they accept values
  they do not list).
- A type narrowed where the caller only reads it, or widened where it only passes it.
- The same annotation reached through another schema (only annotations are compared).
- Any change inside a model or enum that no method takes or returns.
- Defaults, docstrings, and the async client, raw-response views and runtime, which
  mirror or do not depend on the API.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from tools.history.surface import Field, Form, Method, Model, Param, Surface
from tools.history.typeset import Named, Type, accepts

NOTHING = Type(frozenset({Named("None")}))
"""The return type of a method whose result nobody could read."""


@dataclass(frozen=True)
class Finding:
    subject: str
    breaking: bool
    reason: str


@dataclass(frozen=True)
class Usage:
    """Model and enum names a method takes (`inputs`) or returns (`outputs`), at any depth."""

    inputs: frozenset[str]
    outputs: frozenset[str]


def compare(old: Surface, new: Surface) -> list[Finding]:
    """Every difference, breaking or not, sorted by subject."""
    enums = {**old.enum_bases(), **new.enum_bases()}
    usage = _usage(old)
    findings = [
        *_client(old, new, enums),
        *_methods(old, new, enums),
        *_models(old, new, usage, enums),
        *_enums(old, new, usage),
    ]
    return sorted(findings, key=lambda f: (f.subject, not f.breaking, f.reason))


def breaking_subjects(findings: Iterable[Finding]) -> set[str]:
    return {finding.subject for finding in findings if finding.breaking}


# -- where models are used ---------------------------------------------------------------------


def _usage(surface: Surface) -> Usage:
    taken = {
        name
        for method in surface.methods.values()
        for form in method.forms
        for param in form.values()
        for name in param.type.names()
    }
    returned = {name for method in surface.methods.values() for name in method.returns.names()}
    return Usage(_reachable(taken, surface), _reachable(returned, surface))


def _reachable(names: set[str], surface: Surface) -> frozenset[str]:
    seen: set[str] = set()
    pending = list(names)
    while pending:
        name = pending.pop()
        if name in seen or (name not in surface.models and name not in surface.enums):
            continue
        seen.add(name)
        if name in surface.models:
            for field in surface.models[name].fields.values():
                pending.extend(field.type.names())
    return frozenset(seen)


# -- client and methods -----------------------------------------------------------------------


def _client(old: Surface, new: Surface, enums: Mapping[str, str]) -> list[Finding]:
    findings = []
    if old.client != new.client:
        findings.append(Finding(old.client, True, f"client class is now `{new.client}`"))
    findings += _arguments(
        lambda name: f"{old.client}({name})", old.constructor, new.constructor, enums
    )
    return findings


def _methods(old: Surface, new: Surface, enums: Mapping[str, str]) -> list[Finding]:
    findings = []
    for path, method in old.methods.items():
        if path in new.methods:
            findings += _method(method, new.methods[path], enums)
            continue
        moved = _moved_to(method, old, new)
        findings.append(Finding(path, True, f"moved to `{moved.path}`" if moved else "removed"))
        if moved is not None:
            findings += _method(method, moved, enums)
    findings += [Finding(path, False, "added") for path in new.methods.keys() - old.methods.keys()]
    return findings


def _moved_to(method: Method, old: Surface, new: Surface) -> Method | None:
    """The new method for the same HTTP operation at a path the old package did not have."""
    return next(
        (
            m
            for path, m in new.methods.items()
            if method.route
            and (m.route, m.pages) == (method.route, method.pages)
            and path not in old.methods
        ),
        None,
    )


def _method(old: Method, new: Method, enums: Mapping[str, str]) -> list[Finding]:
    """Findings on the new call path (the old one when the method did not move)."""
    findings = _forms(old, new, enums)
    subject = f"{new.path}()"
    if old.returns == NOTHING and new.returns != NOTHING:
        findings.append(Finding(subject, False, f"returns `{new.returns}`, was nothing to read"))
    elif not accepts(old.returns, new.returns, enums):
        findings.append(Finding(subject, True, f"returns `{new.returns}`, was `{old.returns}`"))
    elif old.returns != new.returns:
        findings.append(
            Finding(subject, False, f"returns `{new.returns}`, narrower than `{old.returns}`")
        )
    return findings


def _forms(old: Method, new: Method, enums: Mapping[str, str]) -> list[Finding]:
    """Each old call form against the new form that breaks it least."""
    found: dict[str, Finding] = {}
    for old_form in old.forms:
        candidates = [
            _arguments(lambda name: f"{new.path}({name})", old_form, new_form, enums)
            for new_form in new.forms
        ]
        for finding in min(candidates, key=lambda fs: (sum(f.breaking for f in fs), len(fs))):
            if finding.subject not in found or finding.breaking:
                found[finding.subject] = finding
    return list(found.values())


def _arguments(
    subject: Callable[[str], str], old: Form, new: Form, enums: Mapping[str, str]
) -> list[Finding]:
    findings = []
    for name, before in old.items():
        reason = _argument_break(before, new.get(name), enums)
        if reason:
            findings.append(Finding(subject(name), True, reason))
        elif new[name].type != before.type:
            findings.append(
                Finding(
                    subject(name), False, f"accepts `{new[name].type}`, wider than `{before.type}`"
                )
            )
    for name in new.keys() - old.keys():
        after = new[name]
        findings.append(
            Finding(
                subject(name),
                after.required,
                "added, required" if after.required else "added, optional",
            )
        )
    return findings


def _argument_break(before: Param, after: Param | None, enums: Mapping[str, str]) -> str | None:
    if after is None:
        return "removed"
    if before.position is not None and after.position != before.position:
        where = "keyword-only" if after.position is None else f"at position {after.position + 1}"
        return f"was positional argument {before.position + 1}, now {where}"
    if after.required and not before.required:
        return "now required"
    if not accepts(after.type, before.type, enums):
        return f"accepts `{after.type}`, was `{before.type}`"
    return None


# -- models and enums -------------------------------------------------------------------------


def _models(old: Surface, new: Surface, usage: Usage, enums: Mapping[str, str]) -> list[Finding]:
    findings = []
    for name, model in old.models.items():
        if name in new.models:
            findings += _fields(model, new.models[name], usage, enums)
        else:
            what = "is now an enum" if name in new.enums else "removed"
            findings.append(Finding(name, True, what))
    findings += [Finding(name, False, "added") for name in new.models.keys() - old.models.keys()]
    return findings


def _fields(old: Model, new: Model, usage: Usage, enums: Mapping[str, str]) -> list[Finding]:
    taken, returned = old.name in usage.inputs, old.name in usage.outputs
    findings = []
    for name in sorted(old.fields.keys() | new.fields.keys()):
        before, after = old.fields.get(name), new.fields.get(name)
        if before == after:
            continue
        subject = f"{old.name}.{name}"
        if not taken and not returned:
            findings.append(Finding(subject, False, f"no method takes or returns `{old.name}`"))
            continue
        reasons = (_taken_break(before, after, enums) if taken else []) + (
            _returned_break(before, after, enums) if returned else []
        )
        findings.append(
            Finding(subject, bool(reasons), "; ".join(reasons) or _harmless(before, after, taken))
        )
    return findings


def _taken_break(before: Field | None, after: Field | None, enums: Mapping[str, str]) -> list[str]:
    if after is None:
        return ["removed from a model a method takes"]
    if after.required and (before is None or not before.required):
        return ["now required in a model a method takes"]
    if before is not None and not accepts(after.type, before.type, enums):
        return [f"accepts `{after.type}`, was `{before.type}`"]
    return []


def _returned_break(
    before: Field | None, after: Field | None, enums: Mapping[str, str]
) -> list[str]:
    if before is None:
        return []
    if after is None:
        return ["removed from a model a method returns"]
    if accepts(before.type, after.type, enums):
        return []
    if after.type.optional and not before.type.optional:
        return [f"may now be `None` (`{after.type}`, was `{before.type}`)"]
    return [f"is now `{after.type}`, was `{before.type}`"]


def _harmless(before: Field | None, after: Field | None, taken: bool) -> str:
    if before is None:
        return "added, optional" if taken else "added to a model a method returns"
    if after is None:
        return "removed"
    if before.type == after.type and before.required != after.required:
        return "now optional" if before.required else "now required, and only read"
    if before.type == after.type:
        return "default changed"
    side = "wider, and only passed in" if taken else "narrower, and only read"
    return f"`{before.type}` -> `{after.type}`: {side}"


def _enums(old: Surface, new: Surface, usage: Usage) -> list[Finding]:
    findings = []
    used = usage.inputs | usage.outputs
    for name, enum in old.enums.items():
        if name not in new.enums:
            findings.append(
                Finding(name, True, "is now a model" if name in new.models else "removed")
            )
            continue
        for member in enum.members.keys() - new.enums[name].members.keys():
            reason = "removed" if name in used else f"removed; no method takes or returns `{name}`"
            findings.append(Finding(f"{name}.{member}", name in used, reason))
        for member in new.enums[name].members.keys() - enum.members.keys():
            findings.append(Finding(f"{name}.{member}", False, "added"))
    findings += [Finding(name, False, "added") for name in new.enums.keys() - old.enums.keys()]
    return findings
