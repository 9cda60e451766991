"""`from X import a, b` lines for what a module's types need."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from generator import ir

# Where the runtime names a TypeRef may mention live, relative to the package root.
_RUNTIME_MODULES = {"FileTypes": "_types", "discriminator_of": "_unions"}


def import_lines(
    types: Iterable[ir.TypeRef], depth: int, extra: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """`from X import a, b` pairs for the standard and runtime names the types need;
    `depth` is how many dots reach the package root from the importing module."""
    by_module: dict[str, set[str]] = defaultdict(set)
    for entry in [*(i for t in types for i in t.imports), *extra]:
        module, name = entry.split(":", 1)
        if module == "runtime":
            module = "." * depth + _RUNTIME_MODULES[name]
        by_module[module].add(name)
    return sorted((module, ", ".join(sorted(names))) for module, names in by_module.items())
