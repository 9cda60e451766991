"""`from X import a, b` lines for what a module's annotations and calls need."""

from __future__ import annotations

from collections.abc import Iterable

from generator.ir import types as t


def import_groups(
    imports: Iterable[t.Import], depth: int
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """`from X import a, b` pairs: standard and dependency modules, then the package's
    runtime modules, imported relatively (`depth` dots reach the package root)."""
    std: dict[str, set[str]] = {}
    runtime: dict[str, set[str]] = {}
    for entry in imports:
        if entry.runtime:
            runtime.setdefault("." * depth + entry.module, set()).add(entry.name)
        else:
            std.setdefault(entry.module, set()).add(entry.name)
    return _lines(std), _lines(runtime)


def _lines(groups: dict[str, set[str]]) -> list[tuple[str, str]]:
    return sorted((module, ", ".join(sorted(names))) for module, names in groups.items())
