"""How one operation reads as a Python method: its signatures and its request call.

The resource template prints these pieces; building them here keeps the rules (which
arguments are positional, when a body gets overloads, how a type becomes `cast_to`)
in code that tests can reach, and out of Jinja.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass

from generator import ir
from generator.building import naming
from generator.rendering.imports import import_lines
from generator.rendering.literals import Code, docstring, py_string

_OPTIONS = "**options: Unpack[RequestOptions]"


@dataclass(frozen=True)
class MethodView:
    name: str
    signatures: tuple[tuple[str, ...], ...]
    """Overload signatures (each a list of parameters after `self`); empty if none."""
    parameters: tuple[str, ...]
    """The implementation's parameters after `self`."""
    returns: str
    async_returns: str
    doc: str
    call: str
    """The runtime method called: request, request_binary, request_stream, paginate."""
    arguments: tuple[str, ...]
    uses_not_given: bool
    result_cast: str | None = None
    """A string type the call's result is cast to, where `cast_to` could not carry it."""


def method_view(op: ir.Operation) -> MethodView:
    positional = [f"{p.name}: {p.annotation}" for p in op.path_parameters]
    required, optional = _keyword_parameters(op)
    body = op.body
    overloads: tuple[tuple[str, ...], ...] = ()
    uses_not_given = False
    if body is not None and body.fields:
        uses_not_given = True
        offers_model = body.model is not None and body.encoding != "multipart"
        strict = [f"{_arg(f)}: {f.type.annotation}" for f in body.fields if f.required]
        loose = [f"{_arg(f)}: {f.type.annotation} | NotGiven = NOT_GIVEN" for f in body.fields]
        loose_optional = [p for p, f in zip(loose, body.fields) if not f.required]
        if offers_model and (body.required or strict):
            # Two typed ways in: keyword fields (required ones checked), or a whole model.
            overloads = (
                _signature(positional, [*required, *strict, *loose_optional, *optional]),
                _signature(positional, [*required, f"body: {body.model}", *optional]),
            )
            optional = [f"body: {body.model} | None = None", *loose, *optional]
        else:
            required += strict
            model_param = [f"body: {body.model} | None = None"] if offers_model else []
            optional = [*model_param, *loose_optional, *optional]
    elif body is not None:
        if body.required:
            required.append(f"body: {body.type.annotation}")
        else:
            optional.insert(0, f"body: {body.type.or_none} = None")
    parameters = _signature(positional, [*required, *optional])
    returns, async_returns, call, cast = _returns(op)
    return MethodView(
        name=op.name,
        signatures=overloads,
        parameters=parameters,
        returns=returns,
        async_returns=async_returns,
        doc=_doc(op),
        call=call,
        arguments=_arguments(op, cast),
        uses_not_given=uses_not_given,
        result_cast=py_string(returns)
        if op.response.kind == "json" and _is_literal(op.response.type)
        else None,
    )


def iterator_view(op: ir.Operation) -> MethodView:
    """The auto-paging companion `<name>_iter` of a paginated operation."""
    assert op.pagination is not None
    pagination = op.pagination
    item = pagination.item_type.annotation
    strategy_args = ", ".join(f"{name}={value}" for name, value in pagination.params)
    arguments = [
        f"{pagination.strategy}({strategy_args})",
        py_string(op.http_method),
        py_string(op.path),
        f"item_type={_type_expression(pagination.item_type)}",
        *_request_parts(op),
        *([f"envelope={py_string(op.response.envelope)}"] if op.response.envelope else []),
    ]
    return MethodView(
        name=f"{op.name}_iter",
        signatures=(),
        # The same arguments as the method itself (its loosest signature).
        parameters=method_view(op).parameters,
        returns=f"Iterator[{item}]",
        async_returns=f"AsyncIterator[{item}]",
        doc=f"Iterate over every item of `{op.name}`, fetching further pages as needed.",
        call="paginate",
        arguments=tuple(arguments),
        uses_not_given=False,
    )


def _signature(positional: list[str], keyword: list[str]) -> tuple[str, ...]:
    """Parameters after `self`: path parameters positional, the rest keyword-only."""
    return (*positional, *(["*", *keyword] if keyword else []), _OPTIONS)


def _keyword_parameters(op: ir.Operation) -> tuple[list[str], list[str]]:
    required, optional = [], []
    for p in op.parameters:
        if p.location == "path":
            continue
        if p.required:
            required.append(f"{p.name}: {p.annotation}")
        else:
            optional.append(f"{p.name}: {p.annotation} = {p.default or 'None'}")
    return required, optional


def _returns(op: ir.Operation) -> tuple[str, str, str, str | None]:
    response = op.response
    if response.kind == "binary":
        return "BinaryResponse", "AsyncBinaryResponse", "request_binary", None
    if response.kind == "sse":
        t = response.type.annotation
        return (
            f"Stream[{t}]",
            f"AsyncStream[{t}]",
            "request_stream",
            f"event_type={_type_expression(response.type)}",
        )
    if response.kind == "none":
        return "None", "None", "request", "cast_to=type(None)"
    if response.kind == "text":
        return "str", "str", "request", "cast_to=str"
    t = response.type.annotation
    return t, t, "request", f"cast_to={_type_expression(response.type)}"


def _is_literal(type_: ir.TypeRef) -> bool:
    return not type_.is_class and "Literal[" in type_.annotation


def _type_expression(type_: ir.TypeRef) -> str:
    """An expression mypy reads as `type[T]` for the annotation T."""
    if type_.is_class:
        return type_.annotation
    if _is_literal(type_):
        # mypy has no `type[Literal[...]]`: the call is typed Any and its result cast back.
        return f"cast({py_string('type[Any]')}, {type_.annotation})"
    return f"cast({py_string('type[' + type_.annotation + ']')}, {type_.annotation})"


def _arguments(op: ir.Operation, cast: str | None) -> tuple[str, ...]:
    args: list[str] = [py_string(op.http_method), py_string(op.path)]
    if cast:
        args.append(cast)
    args += _request_parts(op)
    if op.response.envelope:
        args.append(f"envelope={py_string(op.response.envelope)}")
    return tuple(args)


def _request_parts(op: ir.Operation) -> list[str]:
    parts = []
    if op.path_parameters:
        parts.append(
            "path_params={"
            + ", ".join(f"{py_string(p.wire_name)}: {_wire_value(p)}" for p in op.path_parameters)
            + "}"
        )
    for location, keyword in (("query", "query"), ("header", "headers"), ("cookie", "cookies")):
        params = op.in_location(location)  # type: ignore[arg-type]
        if params:
            parts.append(
                f"{keyword}={{"
                + ", ".join(f"{py_string(p.wire_name)}: {_wire_value(p)}" for p in params)
                + "}"
            )
    body = op.body
    if body is not None:
        parts.extend(_body_parts(body))
    if op.idempotency_header:
        parts.append(f"idempotency_header={py_string(op.idempotency_header)}")
    parts.append("options=options")
    return parts


# How an array is joined into one value, by style; exploded form arrays repeat instead.
_SEPARATORS = {
    "form": ",",
    "simple": ",",
    "label": ",",
    "spaceDelimited": " ",
    "pipeDelimited": "|",
}


def _wire_value(p: ir.Parameter) -> str:
    """The argument as sent: an array joined as its style says, anything else as it is
    (exploded form arrays repeat in the query; simple path arrays the runtime joins)."""
    if p.type.item is None or (p.style == "form" and p.explode and p.location == "query"):
        return p.name
    if p.location == "path" and p.style == "simple":
        return p.name
    if p.location == "path" and p.style == "label" and not p.explode:
        # `.a,b`: the runtime joins a path array with literal commas; the dot leads.
        return f'[f".{{{p.name}[0]}}", *{p.name}[1:]] if {p.name} else {p.name}'
    separator = "." if p.style == "label" and p.explode else _SEPARATORS.get(p.style, ",")
    joined = f"{py_string(separator)}.join(str(v) for v in {p.name})"
    if p.style == "label":
        joined = f'"." + {joined}'
    return joined if p.required else f"None if {p.name} is None else {joined}"


def _body_parts(body: ir.Body) -> list[str]:
    if body.encoding == "binary":
        return ["content=body", f"content_type={py_string(body.media_type)}"]
    if body.encoding == "text":
        return [
            "content=(None if body is None else body.encode())"
            if not body.required
            else "content=body.encode()",
            f"content_type={py_string(body.media_type)}",
        ]
    if not body.fields:
        if body.encoding == "json":
            return ["json=body"]
        if body.model:  # a form from a model: its fields by wire name
            value = (
                "body.to_dict()" if body.required else "(None if body is None else body.to_dict())"
            )
            return [f"data={value}"]
        return ["data=body"]
    data = (
        "given({"
        + ", ".join(f"{py_string(f.wire_name)}: {_arg(f)}" for f in body.data_fields)
        + "})"
    )
    if body.encoding == "multipart":
        parts = [f"data={data}"]
        if body.file_fields:
            parts.append(
                "files=files_of({"
                + ", ".join(f"{py_string(f.wire_name)}: {_arg(f)}" for f in body.file_fields)
                + "})"
            )
        return parts
    if body.model and body.encoding == "json":
        return [f"json=(body if body is not None else {data})"]
    if body.model:
        return [f"data=(body.to_dict() if body is not None else {data})"]
    keyword = "json" if body.encoding == "json" else "data"
    return [f"{keyword}={data}"]


def _arg(field: ir.Field) -> str:
    return naming.argument_name(field.name)


def _doc(op: ir.Operation) -> str:
    lines = [op.summary or op.description or f"{op.http_method.upper()} {op.path}"]
    if op.description and op.description != lines[0]:
        lines += ["", op.description]
    documented = [(p.name, p.description) for p in op.parameters if p.description]
    if op.body is not None:
        documented += [(_arg(f), f.description) for f in op.body.fields if f.description]
        if op.body.model and op.body.encoding != "multipart":
            documented.append(
                (
                    "body",
                    f"The whole request body as a `{op.body.model}`, instead of keyword fields.",
                )
            )
    if documented:
        lines += ["", "Args:"]
        for name, text in documented:
            first, *rest = str(text).strip().splitlines() or [""]
            lines.append(f"    {name}: {first}")
            lines += [f"        {line}" if line.strip() else "" for line in rest]
    if op.deprecated:
        lines += ["", "Deprecated."]
    lines += ["", f"`{op.http_method.upper()} {op.path}`"]
    return docstring("\n".join(lines), indent=8)


@dataclass(frozen=True)
class ResourceView:
    methods: tuple[MethodView, ...]
    import_builtins: bool
    """Some method shadows a builtin type, so annotations say `builtins.list`."""
    std_imports: list[tuple[str, str]]
    runtime_imports: list[tuple[str, str]]
    model_imports: list[tuple[str, str]]

    @property
    def uses_fields(self) -> bool:
        """Whether the module calls `given` / `files_of`, so the package needs `_fields.py`."""
        return any(module == ".._fields" for module, _ in self.runtime_imports)


def resource_view(resource: ir.Resource, module_of: dict[str, str]) -> ResourceView:
    methods: list[MethodView] = []
    for op in resource.operations:
        methods.append(method_view(op))
        if op.pagination is not None:
            methods.append(iterator_view(op))
    shadowed = {m.name for m in methods} & naming.BUILTIN_TYPE_NAMES
    if shadowed:
        methods = [_unshadow(m, shadowed) for m in methods]
    types = [t for op in resource.operations for t in op.types]
    std = {"functools:cached_property", "typing:Unpack"}
    runtime = {"_resource:SyncResource", "_resource:AsyncResource", "_types:RequestOptions"}
    if any(m.call == "request" for m in methods):
        runtime |= {"_resource:to_raw_response_wrapper", "_resource:async_to_raw_response_wrapper"}
    if any(m.signatures for m in methods):
        std.add("typing:overload")
    source = " ".join(
        " ".join((*m.parameters, *m.arguments, m.returns, m.async_returns)) for m in methods
    )
    for name, entry in (
        ("cast(", "typing:cast"),
        ("type[Any]", "typing:Any"),
        ("Iterator[", "collections.abc:Iterator"),
        ("AsyncIterator[", "collections.abc:AsyncIterator"),
    ):
        if name in source:
            std.add(entry)
    for name, entry in (
        ("NotGiven", "_types:NotGiven"),
        ("NOT_GIVEN", "_types:NOT_GIVEN"),
        ("BinaryResponse", "_response:BinaryResponse"),
        ("BinaryResponse", "_response:AsyncBinaryResponse"),
        ("Stream[", "_streaming:Stream"),
        ("Stream[", "_streaming:AsyncStream"),
        ("given(", "_fields:given"),
        ("files_of(", "_fields:files_of"),
    ):
        if name in source:
            runtime.add(entry)
    for op in resource.operations:
        if op.pagination is not None:
            runtime.add(f"_pagination:{op.pagination.strategy}")
    by_module: dict[str, set[str]] = {}
    for name in resource.models:
        by_module.setdefault(module_of[name], set()).add(name)
    return ResourceView(
        methods=tuple(methods),
        import_builtins=bool(shadowed),
        std_imports=import_lines(types, depth=2, extra=sorted(std)),
        runtime_imports=_group(f"..{entry}" for entry in runtime),
        model_imports=sorted((m, ", ".join(sorted(names))) for m, names in by_module.items()),
    )


# A method named `list` hides the builtin from annotations later in the class body.


def _unshadow(method: MethodView, names: set[str]) -> MethodView:
    # Not a keyword argument (`type=`), a parameter (`type:`) or a quoted key (`"type"`).
    pattern = re.compile(r"(?<![\w.])(" + "|".join(sorted(names)) + r")\b(?!\s*[=:\"'])")

    def fix(text: str) -> str:
        return pattern.sub(r"builtins.\1", text)

    def fix_parameter(text: str) -> str:
        name, sep, rest = text.partition(": ")  # the parameter's own name stays
        return name + sep + fix(rest) if sep else text

    return dataclasses.replace(
        method,
        signatures=tuple(tuple(fix_parameter(p) for p in sig) for sig in method.signatures),
        parameters=tuple(fix_parameter(p) for p in method.parameters),
        returns=fix(method.returns),
        async_returns=fix(method.async_returns),
        arguments=tuple(fix(a) for a in method.arguments),
    )


def _group(entries: Iterable[str]) -> list[tuple[str, str]]:
    by_module: dict[str, set[str]] = {}
    for entry in entries:
        module, name = entry.split(":", 1)
        by_module.setdefault(module, set()).add(name)
    return sorted((module, ", ".join(sorted(names))) for module, names in by_module.items())


__all__ = ["Code", "MethodView", "ResourceView", "iterator_view", "method_view", "resource_view"]
