"""What each method of a resource wants to be called, before collisions are settled.

- Where the HTTP method and the path make the meaning plain, and the operationId's verb
  agrees, the method is `list` (GET on the resource's collection, answering a list),
  `create` (POST or PUT on it), `retrieve` (GET on one of its items), `update` (PUT or
  PATCH on the collection or an item) or `delete` (DELETE on either). So is an operation
  whose operationId says nothing but such a verb once the resource's words are gone
  (`getComments` on `comments` is `list`).
- Otherwise the name is the operationId's verb phrase without the words the resource
  path already says (`naming.verb_phrase`); a GET answering a list says `list`, not
  `get` (`getDashboards` on `projects` is `list_dashboards`).
- Two operations that would share a name fall back: the one the shape names keeps the
  verb, the others take their verb phrase, then their whole operationId.
- A name asked for in an overlay (`x-sdkgen-name`) or in sdk.toml wins over all of this.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator import ir
from generator.building import naming
from generator.building.resources import PARAMETER, Segments, lists, segments
from generator.ir import types as t

_READ = frozenset({"get", "list", "fetch", "read", "retrieve", "find", "show", "view", "load"})
_CREATE = frozenset({"create", "add", "new", "post", "insert", "make"})
_UPDATE = frozenset({"update", "patch", "put", "edit", "modify", "change", "set", "replace"})
_DELETE = frozenset({"delete", "remove", "destroy", "drop", "erase", "purge", "del"})
_SAYS_NOTHING = frozenset({"all", "one", "single", "each", "every"})


@dataclass(frozen=True)
class Wanted:
    name: str
    """What the rules want, given the resource's other operations."""
    alternatives: tuple[str, ...]
    """What they would want with other neighbours: a recorded name among these stays."""


@dataclass(frozen=True)
class _Choices:
    crud: str | None
    by_shape: bool
    """Whether the path's shape (not only the bare verb) gives `crud`."""
    phrase: str
    full: str


def method_wants(
    operations: Sequence[ir.Operation],
    words: Sequence[tuple[str, ...]],
    collection: Segments | None,
    asked: Mapping[str, str],
) -> dict[str, Wanted]:
    """Wanted names by operation id (`GET /path`); `words` are what the resource and its
    parents say, `collection` the collection the resource manages, `asked` the names an
    overlay or sdk.toml asks for."""
    choices = {operation_id(op): _choices(op, words, collection) for op in operations}
    crud = _crud_names(choices)
    taken = Counter(crud.values())
    phrases = Counter(c.phrase for i, c in choices.items() if i not in crud)
    wanted: dict[str, Wanted] = {}
    for identity, choice in choices.items():
        options = tuple(dict.fromkeys(n for n in (choice.crud, choice.phrase, choice.full) if n))
        if identity in asked:
            wanted[identity] = Wanted(naming.method_identifier(asked[identity].split("_")), ())
        elif identity in crud:
            wanted[identity] = Wanted(crud[identity], options)
        elif phrases[choice.phrase] == 1 and not taken[choice.phrase]:
            wanted[identity] = Wanted(choice.phrase, options)
        else:
            wanted[identity] = Wanted(choice.full, options)
    return wanted


def operation_id(op: ir.Operation) -> str:
    """What an operation is, whatever it is called: its method and path."""
    return f"{op.http_method.upper()} {op.path}"


def _crud_names(choices: Mapping[str, _Choices]) -> dict[str, str]:
    """The operations that keep their verb: alone in wanting it, or the only one whose
    path's shape gives it."""
    kept = {}
    for verb in sorted({c.crud for c in choices.values() if c.crud}):
        wanting = [i for i, c in choices.items() if c.crud == verb]
        by_shape = [i for i in wanting if choices[i].by_shape]
        if len(wanting) == 1:
            kept[wanting[0]] = verb
        elif len(by_shape) == 1:
            kept[by_shape[0]] = verb
    return kept


def _choices(
    op: ir.Operation, words: Sequence[tuple[str, ...]], collection: Segments | None
) -> _Choices:
    said = naming.operation_words(op.operation_id, op.http_method, op.path) or [op.http_method]
    phrase = naming.verb_phrase(said, words)
    full = naming.verb_phrase(said, ())
    listing = lists(op) or _unknown_listing(op)
    shaped = _by_shape(op, said[0], collection, listing)
    bare = _bare(op, phrase, listing)
    return _Choices(
        crud=shaped or bare,
        by_shape=shaped is not None,
        phrase=naming.method_identifier(_listing(phrase, op.http_method == "get" and listing)),
        full=naming.method_identifier(_listing(full, op.http_method == "get" and listing)),
    )


def _unknown_listing(op: ir.Operation) -> bool:
    """A GET of a plural path (`/audit_logs`) whose answer the spec does not describe."""
    path = segments(op.path)
    return (
        op.http_method == "get"
        and isinstance(op.response.type, t.AnyType)
        and bool(path)
        and path[-1] != PARAMETER
        and naming.is_plural(naming.snake_case(path[-1]).split("_")[-1])
    )


def _by_shape(op: ir.Operation, verb: str, collection: Segments | None, lists: bool) -> str | None:
    if collection is None:
        return None
    path = segments(op.path)
    on_collection = path == collection
    on_item = (
        len(path) > len(collection)
        and path[: len(collection)] == collection
        and all(s == PARAMETER for s in path[len(collection) :])
    )
    method = op.http_method
    if method == "get" and verb in _READ:
        if on_collection and (lists or verb == "list"):
            return "list"
        if on_item and not lists and verb != "list":
            return "retrieve"
    if method in ("post", "put") and on_collection and verb in _CREATE:
        return "create"
    if method in ("put", "patch") and (on_collection or on_item) and verb in _UPDATE:
        return "update"
    if method == "delete" and (on_collection or on_item) and verb in _DELETE:
        return "delete"
    return None


def _bare(op: ir.Operation, phrase: list[str], lists: bool) -> str | None:
    """The plain verb of an operationId that says nothing else (but `all` or `one`)."""
    if any(word not in _SAYS_NOTHING for word in phrase[1:]):
        return None
    verb, method = phrase[0], op.http_method
    if method == "get" and verb in _READ:
        return "list" if lists or verb == "list" else "retrieve"
    if method in ("post", "put") and verb in _CREATE:
        return "create"
    if method in ("put", "patch") and verb in _UPDATE:
        return "update"
    if method == "delete" and verb in _DELETE:
        return "delete"
    return None


def _listing(words: list[str], lists: bool) -> list[str]:
    """A GET answering a list (`lists`) of things it names lists them:
    `get_dashboards` -> `list_dashboards`."""
    plural = naming.is_plural(words[-1])
    if not lists or not plural or len(words) < 2 or words[0] not in _READ - {"list"}:
        return words
    rest = words[2:] if words[1] == "list" else words[1:]
    return ["list", *rest] if rest else words
