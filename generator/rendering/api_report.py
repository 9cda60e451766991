"""`api.md`: a package's whole public surface, as a reader of the package sees it.

One section per resource with every method's full signature, then every model with its
fields and every enum with its values, then the exceptions. One argument or field per
line, so that the diff of a regeneration shows exactly what changed. The text comes from
the recorded surface only; spec prose never reaches it.
"""

from __future__ import annotations

import re
from itertools import groupby

from generator.ir.surface import Argument, Enum, Method, Model, Surface


def api_report(surface: Surface, title: str) -> str:
    """The Markdown text of `api.md`; `title` names the API (already safe for Markdown)."""
    sync, async_ = surface.client_classes
    lines = [
        f"# {surface.package}: public API",
        "",
        f"The surface of the {title} package, generated with it: every name below is a",
        "promise, and a change to one is listed in CHANGELOG.md with a version bump.",
        f"`{async_}` has the same resources and methods as `{sync}`, awaited"
        + (
            "; its paginated methods return the `Async` page classes."
            if any(m.returns_text.startswith("Sync") for m in surface.methods)
            else "."
        ),
        "",
        "## Client",
        "",
        "```python",
        f"from {surface.package} import {async_}, {sync}",
        "",
        f"{sync}(",
        "    *,",
        *(
            f"    {argument.name}: str | None = None,  # ${argument.env_var}"
            for argument in surface.client_arguments
        ),
        "    base_url: str | None = None,",
        "    timeout: Timeout = DEFAULT_TIMEOUT,",
        "    max_retries: int = DEFAULT_MAX_RETRIES,",
        "    default_headers: Mapping[str, str] | None = None,",
        "    default_query: Mapping[str, object] | None = None,",
        "    http_client: httpx.Client | None = None,",
        "    retry_non_idempotent: bool = False,",
        ")",
        "```",
    ]
    for resource, methods in groupby(surface.methods, key=lambda m: m.call.rsplit(".", 1)[0]):
        body = [line for method in methods for line in (*_method(method), "")]
        lines += ["", f"## `{resource}`", "", *_fenced(body[:-1])]
    lines += ["", "## Models", "", f"`from {surface.package}.models import ...`"]
    for model in surface.models:
        lines += ["", *_fenced(_model(model))]
    for enum in surface.enums:
        lines += ["", *_fenced(_enum(enum))]
    if surface.webhook_events:
        values = "".join(f"    {event!r},\n" for event in surface.webhook_events).splitlines()
        lines += ["", "## Webhooks", "", *_fenced(["WebhookEvent = Literal[", *values, "]"])]
    lines += [
        "",
        "## Exceptions",
        "",
        f"`from {surface.package} import ...`",
        "",
        *(f"- `{name}`" for name in surface.exceptions),
    ]
    return "\n".join(lines) + "\n"


def _fenced(lines: list[str]) -> list[str]:
    """A Python code block that no backticks inside it (a literal value) can close."""
    longest = max((len(run) for line in lines for run in re.findall("`+", line)), default=0)
    fence = "`" * max(3, longest + 1)
    return [f"{fence}python", *lines, fence]


def _method(method: Method) -> list[str]:
    header = f"def {method.call.rsplit('.', 1)[1]}("
    comment = f"  # {method.operation}" + (", deprecated" if method.deprecated else "")
    if not method.arguments:
        return [f"{header}) -> {method.returns_text}{comment}"]
    lines = [f"{header}{comment}"]
    keyword_started = False
    for argument in method.arguments:
        if not argument.positional and not keyword_started:
            lines.append("    *,")
            keyword_started = True
        lines.append(f"    {_argument(argument)},")
    lines.append(f") -> {method.returns_text}")
    return lines


def _argument(argument: Argument) -> str:
    text = f"{argument.name}: {argument.annotation}"
    if argument.default == "NOT_GIVEN":  # a body field, left out of the body unless given
        return f"{text} | NotGiven = NOT_GIVEN"
    return text if argument.default is None else f"{text} = {argument.default}"


def _model(model: Model) -> list[str]:
    uses = " and ".join(sorted(model.uses)) or "no method"
    lines = [f"class {model.name}(BaseModel):  # {_uses_text(uses)}"]
    for field in model.fields:
        text = f"    {field.name}: {field.annotation}"
        if field.default is not None:
            text += f" = {field.default}"
        if field.wire != field.name:
            text += f"  # {field.wire!r} on the wire"
        lines.append(text)
    if not model.fields:
        lines.append("    ...  # any properties")
    return lines


def _uses_text(uses: str) -> str:
    return {
        "input": "sent",
        "output": "received",
        "input and output": "sent and received",
        "no method": "used by no method",
    }[uses]


def _enum(enum: Enum) -> list[str]:
    lines = [f"class {enum.name}({enum.base}):  # accepts values not listed"]
    lines += [f"    {name} = {value!r}" for name, value in enum.members]
    return lines
