"""The check that every keyword an API method gathers in `**options` is a request option.

Python checks the keywords of a call against the named parameters only: whatever else
a caller types lands in `**options`, where a misspelt argument (`type` for `type_`)
would be dropped without a word. The check is made once, where the client reads the
options, and costs a set comparison; finding the method to name in the error is left
to the moment the error is raised.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from types import CodeType

from ._resource import AsyncResource, SyncResource
from ._types import RequestOptions

__all__ = ["check_options"]

OPTION_NAMES = frozenset(RequestOptions.__annotations__)

# How far up the stack the API method may be from the check: the client's request
# method, a paginator or the streaming variant in between.
_MAX_DEPTH = 10


def check_options(options: Mapping[str, object]) -> None:
    """Raises `TypeError`, worded as Python words it, when `options` holds a keyword
    that is no request option."""
    if OPTION_NAMES.issuperset(options):
        return
    unknown = next(name for name in options if name not in OPTION_NAMES)
    method = _api_method()
    if method is None:
        raise TypeError(
            f"unexpected request option {unknown!r} "
            f"(the options are {', '.join(sorted(OPTION_NAMES))})"
        )
    message = f"{method.co_qualname}() got an unexpected keyword argument {unknown!r}"
    meant = _meant(unknown, [*_parameters(method), *sorted(OPTION_NAMES)])
    if meant is not None:
        message += f". Did you mean {meant!r}?"
    raise TypeError(message)


def _api_method() -> CodeType | None:
    """The code of the resource method that gathered the options, found up the stack by
    what sets it apart: it is a resource's, and it takes `**options`."""
    import inspect  # only ever needed on the way to an error, and slow to import

    frame = inspect.currentframe()
    for _ in range(_MAX_DEPTH):
        if frame is None:
            return None
        code = frame.f_code
        owner = frame.f_locals.get("self")
        if isinstance(owner, (SyncResource, AsyncResource)) and (
            code.co_flags & inspect.CO_VARKEYWORDS
        ):
            named = code.co_argcount + code.co_kwonlyargcount
            named += bool(code.co_flags & inspect.CO_VARARGS)
            if code.co_varnames[named] == "options":
                return code
        frame = frame.f_back
    return None


def _parameters(code: CodeType) -> list[str]:
    named = code.co_varnames[: code.co_argcount + code.co_kwonlyargcount]
    return [name for name in named if name != "self"]


def _meant(unknown: str, parameters: Collection[str]) -> str | None:
    """The parameter a caller most likely meant: the one that is the same name but for
    case and punctuation (`type` for `type_`, the wire name `environmentId` for
    `environment_id`), else a close spelling."""
    import difflib  # only ever needed on the way to an error

    plain = _plain(unknown)
    for parameter in parameters:
        if _plain(parameter) == plain:
            return parameter
    close = difflib.get_close_matches(unknown, parameters, n=1)
    return close[0] if close else None


def _plain(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())
