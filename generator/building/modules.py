"""Which module each model class lives in.

One module per class, except that mutually recursive models share one: then every
module can import its dependencies at the top, with no import cycles.
"""

from __future__ import annotations

from generator.building import naming


def group_modules(
    classes: list[str], edges: dict[str, set[str]]
) -> list[tuple[str, tuple[str, ...]]]:
    """(module name, classes) pairs, sorted by module name."""
    groups = _strongly_connected(sorted(classes), edges)
    named = sorted((naming.module_name(min(group)), tuple(sorted(group))) for group in groups)
    names = naming.dedupe([name for name, _ in named])
    return [(name, members) for name, (_, members) in zip(names, named)]


def _strongly_connected(nodes: list[str], edges: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative so that deep model chains cannot hit the recursion limit."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    groups: list[list[str]] = []
    counter = 0
    for root in nodes:
        if root in index:
            continue
        work = [(root, iter(sorted(edges.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                groups.append(group)
    return groups
