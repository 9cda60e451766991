"""Every name the generated code uses is decided here, once.

The IR builder asks this module for identifiers; templates never invent names. Each
function takes what the spec says and returns something a Python developer would write,
valid in its position, free of keywords and of the names the generated code itself uses.
"""

from __future__ import annotations

import builtins
import functools
import hashlib
import keyword
import re
import unicodedata
from collections.abc import Iterable

# Attributes of pydantic's BaseModel (and our own) that a field must not shadow.
RESERVED_FIELD_NAMES = frozenset(
    {
        "model_config",
        "model_fields",
        "model_computed_fields",
        "model_extra",
        "model_fields_set",
        "model_construct",
        "model_copy",
        "model_dump",
        "model_dump_json",
        "model_json_schema",
        "model_parametrized_name",
        "model_post_init",
        "model_rebuild",
        "model_validate",
        "model_validate_json",
        "model_validate_strings",
        "dict",
        "json",
        "copy",
        "parse_obj",
        "parse_raw",
        "parse_file",
        "from_orm",
        "construct",
        "schema",
        "schema_json",
        "validate",
        "update_forward_refs",
        "fields",
        "to_dict",
        "to_json",
    }
)
# Keyword arguments every generated method already has, and the receiver.
RESERVED_PARAMETER_NAMES = frozenset(
    {
        "self",
        "body",
        "extra_headers",
        "extra_query",
        "extra_body",
        "timeout",
        "max_retries",
        "idempotency_key",
        "options",
        # Names a method body uses: a parameter called `cast` would hide `typing.cast`.
        "type",
        "cast",
        "str",
        "given",
        "files_of",
        "builtins",
    }
)
# Names a resource class body uses in annotations and decorators besides the API's own
# types; a method named like one would hide it there.
RESERVED_METHOD_NAMES = frozenset(
    {
        "Any",
        "Literal",
        "Annotated",
        "Union",
        "Unpack",
        "RequestOptions",
        "NotGiven",
        "NOT_GIVEN",
        "FileTypes",
        "Iterator",
        "AsyncIterator",
        "BinaryResponse",
        "AsyncBinaryResponse",
        "Stream",
        "AsyncStream",
        "overload",
        "cached_property",
        "builtins",
        "with_raw_response",
    }
)
# Builtin types a method may be named after (`list`): annotations say `builtins.list`.
BUILTIN_TYPE_NAMES = frozenset(
    {"list", "dict", "set", "str", "int", "float", "bool", "bytes", "type"}
)
# Names the generated modules import; a class named like one would shadow it.
RESERVED_CLASS_NAMES = frozenset(
    {
        "Any",
        "Annotated",
        "BaseModel",
        "ConfigDict",
        "Discriminator",
        "Field",
        "Literal",
        "OpenStrEnum",
        "Tag",
        "date",
        "datetime",
        "time",
        "UUID",
        "Union",
        "Optional",
        "TYPE_CHECKING",
        "NotGiven",
        "NOT_GIVEN",
        "RequestOptions",
        "Unpack",
        "Iterator",
        "AsyncIterator",
        "FileTypes",
        "Mapping",
        "Sequence",
        "cast",
        "overload",
        "httpx",
    }
)
# Attributes of the generated clients that a resource must not shadow.
RESERVED_RESOURCE_NAMES = frozenset(
    {
        "close",
        "with_options",
        "request",
        "request_binary",
        "request_stream",
        "paginate",
        "base_url",
        "timeout",
        "max_retries",
        "retry_non_idempotent",
    }
)
_WORD = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+[0-9]*|[A-Z]+[0-9]*|[0-9]+[a-z]*")


def ascii_words(text: str) -> list[str]:
    """Split `text` into words: camelCase humps, separators, digits; accents dropped."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _WORD.findall(folded)


# Naming asks for the same words' cases many times over (a property's name is cased for
# its field, its argument, its inline class and its neighbours' checks): kept per text.
@functools.lru_cache(maxsize=16384)
def snake_case(text: str) -> str:
    return "_".join(word.lower() for word in ascii_words(text))


@functools.lru_cache(maxsize=16384)
def pascal_case(text: str) -> str:
    return "".join(
        word[:1].upper() + word[1:].lower()
        if word.isupper() and len(word) > 1
        else word[:1].upper() + word[1:]
        for word in ascii_words(text)
    )


def upper_snake_case(text: str) -> str:
    return snake_case(text).upper()


def _make_safe(name: str, fallback: str, reserved: Iterable[str] = ()) -> str:
    if not name:
        name = fallback
    if name[0].isdigit():
        name = f"{fallback}_{name}"
    if keyword.iskeyword(name) or keyword.issoftkeyword(name) or name in reserved:
        name = f"{name}_"
    return name


@functools.lru_cache(maxsize=16384)
def field_name(wire_name: str) -> str:
    """A pydantic field name for a property: snake_case, never private, never reserved."""
    name = snake_case(wire_name)
    if name.startswith("model_"):  # pydantic reserves the whole `model_` namespace
        name = f"field_{name}"
    return _make_safe(name, "field", RESERVED_FIELD_NAMES)


def parameter_name(wire_name: str) -> str:
    return _make_safe(snake_case(wire_name), "param", RESERVED_PARAMETER_NAMES)


def argument_name(field_name: str) -> str:
    """A body field offered as a keyword argument: its model name, unless a method needs it."""
    return f"{field_name}_" if field_name in RESERVED_PARAMETER_NAMES else field_name


@functools.lru_cache(maxsize=16384)
def class_name(text: str, fallback: str = "Model") -> str:
    name = pascal_case(text)
    if not name:
        name = fallback
    if name[0].isdigit():
        name = f"{fallback}{name}"
    if name in RESERVED_CLASS_NAMES or hasattr(builtins, name) or keyword.iskeyword(name):
        name = f"{name}Model"
    return _shortened(name)


# Inline schemas are named after their parents, so deep nesting makes long names; a class
# name is also a file name, and file systems stop at 255 bytes (Windows paths sooner).
MAX_NAME_LENGTH = 80
# A module's file name, in snake_case (a class name of 80 characters may grow by an
# underscore per word); its compiled `.cpython-3xx.pyc` still fits in 255 bytes.
MAX_MODULE_LENGTH = 128


def _shortened(name: str, limit: int = MAX_NAME_LENGTH, separator: str = "X") -> str:
    """`name`, or its head plus a stable hash of the whole when it is too long."""
    if len(name) <= limit:
        return name
    digest = hashlib.sha256(name.encode()).hexdigest()[:8]
    return f"{name[: limit - 9]}{separator}{digest}"


def module_name(text: str) -> str:
    name = _shortened(snake_case(text), MAX_MODULE_LENGTH, "_")
    return _make_safe(name, "module", {"__init__"})


def resource_name(text: str) -> str:
    """A client attribute, which is also its module's file name."""
    name = _shortened(snake_case(text), MAX_MODULE_LENGTH, "_")
    return _make_safe(name, "resource", RESERVED_RESOURCE_NAMES)


def enum_member_name(value: object) -> str:
    if value is None:
        return "NONE"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _number_member_name(value)
    name = upper_snake_case(str(value))
    if not name:
        return "EMPTY" if str(value) == "" else "VALUE"
    if name[0].isdigit():
        name = f"VALUE_{name}"
    # Enum's own attributes (`name`, `value`) are lower case, so upper case never clashes
    # with them; `mro` and friends are lower case too.
    return name


def _number_member_name(value: float) -> str:
    """`VALUE_4`, `VALUE_4_1`, `VALUE_MINUS_2`, `VALUE_1E_MINUS_7`: the number as written,
    a float with no fraction written as an integer."""
    whole = isinstance(value, float) and value.is_integer() and abs(value) < 1e16
    text = str(int(value) if whole else value).upper()
    text = text.replace("E-", "E_MINUS_").replace("E+", "E_").replace("-", "MINUS_")
    return _shortened(f"VALUE_{text.replace('.', '_')}")


def operation_words(operation_id: str, http_method: str, path: str) -> list[str]:
    """The words of an operationId, lower case, without FastAPI's path-and-method suffix
    (`list_items_api_v1_items_get` -> `list`, `items`)."""
    words = [w for w in snake_case(operation_id).split("_") if w]
    suffix = [*snake_case(path).split("_"), http_method.lower()]
    if len(words) > len(suffix) and words[-len(suffix) :] == suffix:
        words = words[: -len(suffix)]
    return words


def operation_stem(operation_id: str, http_method: str, path: str) -> str:
    """The operationId as an identifier, FastAPI's suffix removed: what inline schemas of
    the operation are named after."""
    return method_identifier(operation_words(operation_id, http_method, path))


def method_identifier(words: Iterable[str]) -> str:
    return _make_safe("_".join(w for w in words if w), "call", {"with_raw_response"})


# -- the words of method names ---------------------------------------------------------

ARTICLES = frozenset({"a", "an", "the"})
PREPOSITIONS = frozenset(
    {
        "about", "above", "across", "after", "against", "along", "among", "around", "as",
        "at", "before", "behind", "below", "beneath", "beside", "between", "beyond", "by",
        "despite", "down", "during", "except", "for", "from", "in", "inside", "into",
        "like", "near", "of", "off", "on", "onto", "out", "outside", "over", "past", "per",
        "since", "through", "throughout", "till", "to", "toward", "towards", "under",
        "underneath", "until", "up", "upon", "via", "with", "within", "without",
    }
)  # fmt: skip
CONJUNCTIONS = frozenset(
    {
        "and", "or", "nor", "but", "yet", "so", "if", "whether", "than", "because",
        "while", "unless", "although", "though", "that",
    }
)  # fmt: skip
DETERMINERS = frozenset({"my", "your", "our", "their", "its", "this", "these", "those"})
DANGLING = ARTICLES | PREPOSITIONS | CONJUNCTIONS | DETERMINERS
"""Words a method name never ends in (`create_space_in` is `create_space`)."""
PHRASAL_VERBS = frozenset(
    {
        ("back", "up"), ("check", "in"), ("check", "out"), ("clean", "up"),
        ("follow", "up"), ("log", "in"), ("log", "off"), ("log", "on"), ("log", "out"),
        ("look", "up"), ("opt", "in"), ("opt", "out"), ("power", "off"), ("power", "on"),
        ("roll", "back"), ("roll", "out"), ("scale", "down"), ("scale", "in"),
        ("scale", "out"), ("scale", "up"), ("set", "up"), ("shut", "down"),
        ("sign", "in"), ("sign", "out"), ("sign", "up"), ("spin", "up"), ("start", "up"),
        ("tear", "down"), ("top", "up"), ("turn", "off"), ("turn", "on"), ("wake", "up"),
    }
)  # fmt: skip
"""A verb and its particle, which ends the name as it is (`sign_in`)."""
GENERIC_WORDS = frozenset(
    {"all", "one", "single", "each", "every", "new", "existing", "current", "given", "me"}
)
"""Words that name no thing by themselves: before a resource's noun they do not make it
the head of a compound (`get_new_dataset` on `datasets` is `get_new`)."""
_IRREGULAR_PLURALS = {"children": "child", "people": "person", "indices": "index"}


def is_plural(word: str) -> bool:
    """A noun in the plural, as far as its spelling tells (`spaces`, `children`; not
    `access`, `status`, `analytics`)."""
    if word in _IRREGULAR_PLURALS:
        return True
    return (
        len(word) > 2
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "ics"))
        and not word[-2].isdigit()
    )


def singular(word: str) -> str:
    if word in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[word]
    if not is_plural(word):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    return word[:-1]


def plural(word: str) -> str:
    irregular = {one: many for many, one in _IRREGULAR_PLURALS.items()}
    if word in irregular:
        return irregular[word]
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def _spellings(phrase: tuple[str, ...]) -> set[tuple[str, ...]]:
    """How a resource's words may appear in an operationId: as written, with the last
    word singular or plural, or run together (`data_source`, `datasource`)."""
    head, last = phrase[:-1], phrase[-1]
    found = {(*head, form) for form in (last, singular(last), plural(singular(last)))}
    found |= {("".join(words),) for words in list(found) if len(words) > 1}
    return found


def verb_phrase(words: list[str], phrases: Iterable[tuple[str, ...]]) -> list[str]:
    """An operationId's words without what the resource already says.

    Articles go. An occurrence of one of `phrases` (the resource's and its parents'
    names) goes where it starts a noun phrase: after the verb, a preposition or
    conjunction, a word like `all` or `new`, or another occurrence
    (`list_organisation_members` on `organisation` is `list_members`); inside a compound
    it stays (`get_current_user_organisation` gets the organisation, and
    `set_hierarchical_table_lookup_domain` on `table.column_domain` keeps `table`).
    `if` or `whether` after the verb go, and the name never ends in a preposition,
    article, conjunction or possessive (`create_space_in_project` on `projects.spaces`
    is `create`). Words are removed only while some are left."""
    kept = [w for w in words if w not in ARTICLES] or list(words)
    spellings = sorted({s for p in phrases if p for s in _spellings(p)}, key=len, reverse=True)
    removed = [False] * len(kept)
    index = 0
    while index < len(kept):
        found = next((s for s in spellings if tuple(kept[index : index + len(s)]) == s), None)
        if found is None or not _starts_noun_phrase(kept, removed, index):
            index += 1
            continue
        removed[index : index + len(found)] = [True] * len(found)
        index += len(found)
    words = [w for w, gone in zip(kept, removed) if not gone] or kept
    while all(w in DANGLING for w in words) and any(removed):
        # Nothing but a preposition is left (`typeahead_for_workspace` on
        # `workspaces.typeahead` would be `for`): the first word removed comes back.
        removed[removed.index(True)] = False
        words = [w for w, gone in zip(kept, removed) if not gone]
    if len(words) > 2 and words[1] in ("if", "whether"):
        words = [words[0], *words[2:]]
    return strip_dangling(words)


def _starts_noun_phrase(words: list[str], removed: list[bool], index: int) -> bool:
    """Whether nothing of the name's own comes right before `words[index]`."""
    if index == 0 or removed[index - 1]:
        return True
    return index - 1 < _verb_length(words) or words[index - 1] in DANGLING | GENERIC_WORDS


def _verb_length(words: list[str]) -> int:
    """How many words the verb takes: `permanently_delete`, `download_or_preview`."""
    length = 2 if len(words) > 1 and words[0].endswith("ly") else 1
    while len(words) > length + 1 and words[length] in ("or", "and"):
        length += 2
    return length


def strip_dangling(words: list[str]) -> list[str]:
    """`words` without the prepositions, articles, conjunctions and possessives that
    would end them, unless they are all there is, or a phrasal verb (`sign_in`) ends."""
    while len(words) > 1 and words[-1] in DANGLING and tuple(words[-2:]) not in PHRASAL_VERBS:
        words = words[:-1]
    return words


def dedupe(names: Iterable[str], taken: Iterable[str] = ()) -> list[str]:
    """Make each name unique in order: a later repeat gets `_2`, `_3`..."""
    seen = set(taken)
    out = []
    for name in names:
        candidate, n = name, 1
        while candidate in seen:
            n += 1
            candidate = f"{name}_{n}" if not name[-1:].isupper() else f"{name}{n}"
        seen.add(candidate)
        out.append(candidate)
    return out
