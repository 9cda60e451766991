"""Operations grouped into the tree of resources a client exposes, following the API's
own structure.

- An operation belongs to its tag; of several, to the first that some operation carries
  alone (a tag that only ever comes with others, like Lightdash's `Roles & Permissions`,
  labels a concern across resources). Without tags, to its first path segment (past
  `/api` and version segments).
- A group whose paths all lie under another group's common path is that group's child
  (Lightdash's `Spaces`, all under `/projects/{projectUuid}`, under `Projects`); of
  several such groups, the longest common path wins, then the group that has operations
  on that path itself.
- A nested collection (a plural path segment followed by a parameter somewhere, with an
  operation on the collection or on one of its items; or a plural segment after a
  parameter that a GET lists) is a resource of its own holding
  every operation below it, whatever their tags (`/monitors/{id}/runs` is
  `monitors.runs`): the group that manages that collection when there is one, else a
  sub-resource of the resource most of those operations come from.

Each resource knows the collection it manages (the path its `list` and `create` act on,
whose items `retrieve`, `update` and `delete` act on), which the method names read.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from generator import ir
from generator.building import naming
from generator.ir import types as t

Segments = tuple[str, ...]
"""A path's segments past `/api` and versions; parameters read `{}`."""

PARAMETER = "{}"
_VERSION = re.compile(r"v\d+(\.\d+)*")


@dataclass(frozen=True)
class Placed:
    """A built operation and the tags the spec gives it."""

    operation: ir.Operation
    tags: tuple[str, ...]


@dataclass(frozen=True)
class DraftResource:
    identity: str
    """What it stands for, whatever it is called: its tag, else its first path segment,
    else (a nested collection) its path."""
    label: str
    """The words its name is made of (and its methods' names need not repeat)."""
    description: str
    collection: Segments | None
    """The collection it manages, when it manages one."""
    operations: tuple[ir.Operation, ...]
    """Built operations, unnamed, their arguments named as the rules want."""
    children: tuple[DraftResource, ...] = ()


@functools.lru_cache(maxsize=4096)
def segments(path: str) -> Segments:
    """`/api/v1/projects/{projectUuid}/spaces` -> (`projects`, `{}`, `spaces`)."""
    parts = [p for p in path.split("/") if p]
    while parts and (parts[0].lower() == "api" or _VERSION.fullmatch(parts[0])):
        parts = parts[1:]
    return tuple(PARAMETER if "{" in p else p for p in parts)


Node = tuple[str, str]
"""A resource in the making: (`group`, its tag or segment) or (`path`, a collection)."""


def resource_tree(
    placed: Sequence[Placed], tags: Mapping[str, str | None]
) -> tuple[DraftResource, ...]:
    """The top-level resources, each holding its children, in identity order; `tags`
    are the declared tags and their descriptions."""
    home = _home_tags(placed)
    groups: dict[str, list[ir.Operation]] = defaultdict(list)
    for item in placed:
        groups[_group(item, home)].append(item.operation)
    tree = _Tree(groups, _collections([item.operation for item in placed]))
    used = frozenset(tag for item in placed for tag in item.tags)
    return tree.build(tags, used)


def _home_tags(placed: Sequence[Placed]) -> frozenset[str]:
    return frozenset(item.tags[0] for item in placed if len(item.tags) == 1)


def _group(item: Placed, home: frozenset[str]) -> str:
    if not item.tags:
        return _first_segment(item.operation.path)
    return next((tag for tag in item.tags if tag in home), item.tags[0])


def _first_segment(path: str) -> str:
    return next((s for s in segments(path) if s != PARAMETER), "default")


def _common_prefix(paths: Iterable[Segments]) -> Segments:
    found: Segments | None = None
    for path in paths:
        if found is None:
            found = path
            continue
        length = 0
        while length < min(len(found), len(path)) and found[length] == path[length]:
            length += 1
        found = found[:length]
    return found or ()


def _collections(operations: Sequence[ir.Operation]) -> frozenset[Segments]:
    """Nested-collection candidates: plural segments followed by a parameter in some
    path, with an operation on the collection itself or on one of its items; or plural
    segments right after a parameter that a GET lists (`/ci/{id}/runs`)."""
    paths = [segments(op.path) for op in operations]
    found = {
        path
        for op, path in zip(operations, paths)
        if len(path) > 1
        and path[-2] == PARAMETER
        and _plural_segment(path[-1])
        and op.http_method == "get"
        and lists(op)
    }
    # A collection (whose last segment is a word) is addressed, itself or by an item,
    # exactly when some path is the collection followed only by parameters.
    addressed = {_without_trailing_parameters(path) for path in paths}
    for path in paths:
        for end in range(1, len(path)):
            if path[end] != PARAMETER or path[end - 1] == PARAMETER:
                continue
            collection = path[:end]
            if collection in addressed and _plural_segment(collection[-1]):
                found.add(collection)
    return frozenset(found)


def lists(op: ir.Operation) -> bool:
    """Whether the operation answers with a list (or a page of one)."""
    return op.pagination is not None or (
        op.response.kind == "json" and t.list_item(t.non_null(op.response.type)) is not None
    )


def _plural_segment(segment: str) -> bool:
    words = naming.snake_case(segment).split("_")
    return bool(words[-1]) and naming.is_plural(words[-1])


def _is_collection_or_item(path: Segments, collection: Segments) -> bool:
    return path[: len(collection)] == collection and all(
        s == PARAMETER for s in path[len(collection) :]
    )


def _without_trailing_parameters(prefix: Segments) -> Segments:
    while prefix and prefix[-1] == PARAMETER:
        prefix = prefix[:-1]
    return prefix


class _Tree:
    """Routes every operation to the resource it ends in, then builds the resources."""

    def __init__(
        self, groups: Mapping[str, list[ir.Operation]], collections: frozenset[Segments]
    ) -> None:
        self.groups = groups
        self.collections = collections
        self.prefixes = {
            g: _common_prefix(segments(op.path) for op in ops) for g, ops in groups.items()
        }
        self.parents = {g: self._parent(g) for g in groups}
        # A tag that manages a nested collection is where that collection's operations go.
        managing: dict[Segments, str] = {}
        for group in sorted(groups):
            managing.setdefault(_without_trailing_parameters(self.prefixes[group]), group)
        self.managing = managing
        self.operations: dict[Node, list[ir.Operation]] = defaultdict(list)
        self.found_from: dict[Segments, Counter[Node]] = defaultdict(Counter)
        for group, ops in sorted(groups.items()):
            for op in ops:
                self.operations[self._route(op, group)].append(op)

    def _parent(self, group: str) -> str | None:
        """The group whose common path is the longest one strictly above this group's;
        of several, one with operations on that path itself, then by name."""
        mine = self.prefixes[group]
        above = [
            other
            for other, prefix in self.prefixes.items()
            if other != group
            and PARAMETER not in prefix[:1]
            and 0 < len(prefix) < len(mine)
            and mine[: len(prefix)] == prefix
        ]
        if not above:
            return None
        return min(
            above,
            key=lambda other: (-len(self.prefixes[other]), not self._acts_on_itself(other), other),
        )

    def _acts_on_itself(self, group: str) -> bool:
        collection = _without_trailing_parameters(self.prefixes[group])
        return any(
            _is_collection_or_item(segments(op.path), collection) for op in self.groups[group]
        )

    def _route(self, op: ir.Operation, group: str) -> Node:
        """The resource `op` ends in: from its group, into each nested collection its path
        goes through."""
        path = segments(op.path)
        node: Node = ("group", group)
        depth = len(self.prefixes[group])
        # A group whose paths share nothing is a label across the API: it keeps them.
        while depth:
            collection = next(
                (
                    path[:end]
                    for end in range(depth + 1, len(path) + 1)
                    if path[:end] in self.collections
                ),
                None,
            )
            if collection is None:
                return node
            manager = self.managing.get(collection)
            if manager is not None and ("group", manager) != node:
                node = ("group", manager)
                depth = max(len(self.prefixes[manager]), len(collection))
            else:
                self.found_from[collection][node] += 1
                node = ("path", "/".join(collection))
                depth = len(collection)
        return node

    def build(
        self, tags: Mapping[str, str | None], used: frozenset[str]
    ) -> tuple[DraftResource, ...]:
        children: dict[Node | None, list[Node]] = defaultdict(list)
        for group in self.groups:
            parent = self.parents[group]
            children[("group", parent) if parent is not None else None].append(("group", group))
        for collection, found in self.found_from.items():
            # Hosted where most of its operations come from.
            host = min(found, key=lambda node: (-found[node], node))
            children[host].append(("path", "/".join(collection)))
        builder = _Builder(self, children, tags, used)
        return builder.resources(None)


@dataclass
class _Builder:
    tree: _Tree
    children: Mapping[Node | None, list[Node]]
    tags: Mapping[str, str | None]
    used: frozenset[str]

    def resources(self, parent: Node | None) -> tuple[DraftResource, ...]:
        built = [
            self.resource(node, self._prefix(parent)) for node in self.children.get(parent, ())
        ]
        kept = [r for r in built if r.operations or r.children]
        return tuple(sorted(kept, key=lambda r: r.identity))

    def resource(self, node: Node, above: Segments) -> DraftResource:
        """`above`: the path of the resource holding it."""
        operations = self.tree.operations.get(node, [])
        kind, name = node
        if kind == "group":
            return self._group(name, operations, self.resources(node))
        collection = tuple(name.split("/"))
        return self._collection(collection, above, operations, self.resources(node))

    def _prefix(self, node: Node | None) -> Segments:
        if node is None:
            return ()
        kind, name = node
        return self.tree.prefixes[name] if kind == "group" else tuple(name.split("/"))

    def _group(
        self, group: str, operations: list[ir.Operation], children: tuple[DraftResource, ...]
    ) -> DraftResource:
        ops = [*operations, *(op for child in children for op in _all_operations(child))]
        collection = _without_trailing_parameters(self.tree.prefixes[group])
        if self.tags.get(group):
            description = str(self.tags[group])
        elif group in self.used:
            description = f"Operations tagged `{group}`."
        else:
            description = f"Operations on `/{group}`."
        return DraftResource(
            identity=group,
            label=group,
            description=description.strip(),
            collection=collection if collection and _has_items(collection, ops) else None,
            operations=tuple(sorted(operations, key=_order)),
            children=children,
        )

    def _collection(
        self,
        collection: Segments,
        above: Segments,
        operations: list[ir.Operation],
        children: tuple[DraftResource, ...],
    ) -> DraftResource:
        """A nested collection's resource, named after its path words past the resource
        holding it and the last parameter (`/organisations/{id}/subscription/items` in
        `organisations`: `subscription_items`)."""
        everything = [*operations, *(op for child in children for op in _all_operations(child))]
        path = _real_prefix(min(everything, key=_order).path, len(collection))
        inside = collection[len(above) :] if collection[: len(above)] == above else collection
        start = max((i for i, s in enumerate(inside) if s == PARAMETER), default=-1) + 1
        return DraftResource(
            identity=path,
            label=" ".join(inside[start:]),
            description=f"Operations on `{path}`.",
            collection=collection,
            operations=tuple(sorted(operations, key=_order)),
            children=children,
        )


def _has_items(collection: Segments, operations: Iterable[ir.Operation]) -> bool:
    """Whether some path addresses an item of `collection` (`/items/{id}`)."""
    return any(
        segments(op.path)[: len(collection) + 1] == (*collection, PARAMETER) for op in operations
    )


def _all_operations(resource: DraftResource) -> list[ir.Operation]:
    return [
        *resource.operations,
        *(op for child in resource.children for op in _all_operations(child)),
    ]


def _real_prefix(path: str, length: int) -> str:
    """The first `length` segments of `path` as written, with its `/api` and version."""
    parts = [p for p in path.split("/") if p]
    skipped = len(parts) - len(segments(path))
    return "/" + "/".join(parts[: skipped + length])


def _order(op: ir.Operation) -> tuple[str, str]:
    return op.path, op.http_method
