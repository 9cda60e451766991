"""Operation parameters, with path parameters recovered from the path template."""

from __future__ import annotations

import re
from typing import Any

from generator.loading.markdown_reference.blocks import item_text, split_at_matches
from generator.loading.markdown_reference.context import PRIMITIVE_TYPES, Context
from generator.loading.markdown_reference.raw import RawOperation
from generator.loading.markdown_reference.schemas import primitive

_PARAMETER = re.compile(
    r"(?:^|\s)- (?P<name>[\w.-]+) \[(?P<location>path|query|header|cookie)\] (?P<type>\w+)"
    r"(?: \[(?P<format>[\w-]+)\])?(?: \((?P<presence>required|optional)\))?(?=\s|$)"
)
_TEMPLATE_NAME = re.compile(r"{([^}/]+)}")


def _listed_parameters(text: str) -> list[tuple[re.Match[str], str]]:
    return [(match, item_text(tail)) for match, tail in split_at_matches(_PARAMETER, text)]


def operation_parameters(raw: RawOperation, context: Context) -> list[dict[str, Any]]:
    listed = _listed_parameters(raw.parts.get("Parameters:", ""))
    declared = {m.group("name"): (m, text) for m, text in listed if m.group("location") == "path"}
    template = _TEMPLATE_NAME.findall(raw.path)
    parameters = []
    for name in template:
        if name in declared:
            parameters.append(_parameter(*declared[name], context))
            continue
        context.diagnostics.note(
            context.source.at_pointer(*raw.where, "parameters", len(parameters)),
            f"path parameter {name!r} is not listed",
            "taken from the path template as a required string",
        )
        parameters.append(
            {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        )
    for match, text in listed:
        if match.group("location") != "path":
            parameters.append(_parameter(match, text, context))
        elif match.group("name") not in template:
            context.diagnostics.warn(
                context.source.at(raw.offset),
                f"path parameter {match.group('name')!r} is not in {raw.path}",
                "skipped",
            )
    return parameters


def _parameter(match: re.Match[str], description: str, context: Context) -> dict[str, Any]:
    location = match.group("location")
    parameter: dict[str, Any] = {
        "name": match.group("name"),
        "in": location,
        "required": location == "path" or match.group("presence") == "required",
    }
    if description:
        parameter["description"] = description
    type_name = match.group("type")
    if type_name in PRIMITIVE_TYPES:
        parameter["schema"] = primitive(type_name, match.group("format"))
    else:
        context.diagnostics.warn(
            context.source.at(match.start()), f"parameter type `{type_name}`", "typed as any JSON"
        )
        parameter["schema"] = {}
    return parameter
