"""Every name the generated code uses is decided here, once.

The IR builder asks this module for identifiers; templates never invent names. Each
function takes what the spec says and returns something a Python developer would write,
valid in its position, free of keywords and of the names the generated code itself uses.
"""

from __future__ import annotations

import builtins
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


def snake_case(text: str) -> str:
    return "_".join(word.lower() for word in ascii_words(text))


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


def method_name(operation_id: str, http_method: str, path: str, resource: str) -> str:
    """A method name from an operationId, with FastAPI's path-and-method suffix removed
    and the resource's own name dropped (`list_items_api_v1_items_get` on `items` -> `list`)."""
    words = snake_case(operation_id).split("_")
    suffix = [*snake_case(path).split("_"), http_method.lower()]
    if len(words) > len(suffix) and words[-len(suffix) :] == suffix:
        words = words[: -len(suffix)]
    resource_words = set(resource.split("_"))
    singular = {w[:-1] for w in resource_words if w.endswith("s")}
    trimmed = [w for w in words if w not in resource_words | singular]
    if trimmed and trimmed != words:
        words = trimmed
    return _make_safe("_".join(w for w in words if w), "call", {"with_raw_response"})


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
