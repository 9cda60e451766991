"""How one operation reads as a Python method: its signatures and its request call.

The resource template prints these pieces; building them here keeps the rules (which
arguments are positional, when a body gets overloads, how a type becomes `cast_to`)
in code that tests can reach, and out of Jinja. Every annotation is printed from the
IR's type nodes, and every import the module needs is collected while printing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator import ir
from generator.ir import types as t
from generator.rendering.imports import import_groups
from generator.rendering.literals import Code, docstring, py_string, security_literal

_OPTIONS = "**options: Unpack[RequestOptions]"
# The body field by which an operation answering JSON or events asks for the events.
_STREAM_FLAG = "stream"


@dataclass(frozen=True)
class Overload:
    parameters: tuple[str, ...]
    """Parameters after `self`."""
    returns: str
    async_returns: str


@dataclass(frozen=True)
class MethodView:
    name: str
    signatures: tuple[Overload, ...]
    """Overload signatures; empty if none."""
    parameters: tuple[str, ...]
    """The implementation's parameters after `self`."""
    returns: str
    async_returns: str
    doc: str
    call: str
    """The runtime method called: request, request_binary, request_stream,
    request_or_stream, paginate."""
    arguments: tuple[str, ...]
    result_cast: str | None = None
    """A string type the call's result is cast to, where `cast_to` could not carry it."""
    page: str = ""
    """The page class (an expression) a paginated method returns."""
    async_page: str = ""

    def call_arguments(self, is_async: bool) -> tuple[str, ...]:
        """The runtime call's arguments; `paginate` first takes the page class returned."""
        if self.call != "paginate":
            return self.arguments
        return (self.async_page if is_async else self.page, *self.arguments)

    @property
    def has_raw_response(self) -> bool:
        """Whether `with_raw_response` offers it (what it returns comes from one body)."""
        return self.call in ("request", "request_or_stream", "paginate")


@dataclass
class _Printer:
    """Prints one resource's annotations and remembers what they need imported."""

    qualified: frozenset[str]
    """Builtins a method of the class hides: its annotations say `builtins.list`."""
    imports: set[t.Import] = field(default_factory=set)
    models: set[str] = field(default_factory=set)
    """Model and enum classes printed, which the module imports from `models`."""
    qualifies: bool = False
    """Whether some annotation says `builtins.` (so the module imports `builtins`)."""

    def annotation(self, type_: t.Type) -> str:
        """For the class body (signatures), where method names hide builtins."""
        self.qualifies |= bool(t.used_names(type_) & self.qualified)
        return self.expression(type_, self.qualified)

    def expression(self, type_: t.Type, qualified: frozenset[str] = frozenset()) -> str:
        """For a method body, where the class's method names are not in scope."""
        self.imports |= t.imports(type_)
        self.models |= t.classes(type_)
        return t.annotation(type_, qualified)

    def model(self, name: str) -> str:
        """A request body model passed whole, by its class name."""
        self.models.add(name)
        return name

    def need(self, module: str, name: str, runtime: bool = False) -> None:
        self.imports.add(t.Import(module, name, runtime))


def method_view(op: ir.Operation, printer: _Printer) -> MethodView:
    positional = [f"{p.name}: {printer.annotation(p.declared_type)}" for p in op.path_parameters]
    required, optional = _keyword_parameters(op, printer)
    body = op.body
    # The ways in that overloads tell apart: keyword fields, or a whole model.
    forms: list[tuple[str, ...]] = []
    if body is not None and body.fields:
        printer.need("_types", "NotGiven", runtime=True)
        printer.need("_types", "NOT_GIVEN", runtime=True)
        whole = body.model if body.encoding != "multipart" else None
        model = printer.model(whole) if whole is not None else None
        offers_model = model is not None
        strict = [f"{f.name}: {printer.annotation(f.type)}" for f in body.fields if f.required]
        loose = [
            f"{f.name}: {printer.annotation(f.type)} | NotGiven = NOT_GIVEN" for f in body.fields
        ]
        loose_optional = [p for p, f in zip(loose, body.fields) if not f.required]
        if not body.required:
            # A body that may be left out: so may each of its fields.
            model_param = [f"body: {model} | None = None"] if offers_model else []
            optional = [*model_param, *loose, *optional]
        elif offers_model:
            # Two typed ways in: keyword fields (required ones checked), or a whole model.
            forms = [
                _signature(positional, [*required, *strict, *loose_optional, *optional]),
                _signature(positional, [*required, f"body: {model}", *optional]),
            ]
            optional = [f"body: {model} | None = None", *loose, *optional]
        else:
            required += strict
            optional = [*loose_optional, *optional]
    elif body is not None:
        if body.required:
            required.append(f"body: {printer.annotation(body.type)}")
        else:
            optional.insert(0, f"body: {printer.annotation(t.nullable(body.type))} = None")
    parameters = _signature(positional, [*required, *optional])
    if op.pagination is not None:
        return _page_view(op, op.pagination, printer, forms, parameters)
    returns, async_returns, call, cast = _returns(op, printer)
    if op.response.events is not None:
        overloads = _stream_overloads(op, forms or [parameters], printer)
    else:
        overloads = tuple(Overload(form, returns, async_returns) for form in forms)
    if overloads:
        printer.need("typing", "overload")
    return MethodView(
        name=op.name,
        signatures=overloads,
        parameters=parameters,
        returns=returns,
        async_returns=async_returns,
        doc=_doc(op),
        call=call,
        arguments=_arguments(op, cast, printer),
        result_cast=_result_cast(op, printer),
    )


def _stream_overloads(
    op: ir.Operation, forms: list[tuple[str, ...]], printer: _Printer
) -> tuple[Overload, ...]:
    """For each way in, as openai-python types it: `stream` left out or false returns
    the JSON answer, `stream=True` the stream of events, a `bool` either."""
    assert op.response.events is not None
    printer.need("typing", "Literal")
    answer = printer.annotation(op.response.type)
    event = printer.annotation(op.response.events)
    flag = next(f for f in _body_fields(op) if f.wire_name == _STREAM_FLAG)
    false = "Literal[False] | None" if t.admits_none(flag.type) else "Literal[False]"
    variants = (
        (false, True, answer, answer),
        ("Literal[True]", False, f"Stream[{event}]", f"AsyncStream[{event}]"),
        ("bool", False, f"{answer} | Stream[{event}]", f"{answer} | AsyncStream[{event}]"),
    )
    return tuple(
        Overload(_with_flag(form, flag, annotation, may_omit), returns, async_returns)
        for form in forms
        for annotation, may_omit, returns, async_returns in variants
    )


def _with_flag(
    form: tuple[str, ...], flag: ir.Field, annotation: str, may_omit: bool
) -> tuple[str, ...]:
    """`form` with the flag's parameter typed `annotation`, left out by default where
    `may_omit` and the form does not require it; added before the request options
    where the form has none (a whole model passed as `body`)."""
    present = [p for p in form if p.startswith(f"{flag.name}:")]
    parameter = f"{flag.name}: {annotation}"
    if may_omit and not (present and flag.required):
        parameter += " | NotGiven = NOT_GIVEN"
    if present:
        return tuple(parameter if p in present else p for p in form)
    head = form[:-1] if "*" in form else (*form[:-1], "*")
    return (*head, parameter, form[-1])


def _body_fields(op: ir.Operation) -> tuple[ir.Field, ...]:
    return op.body.fields if op.body is not None else ()


def _page_view(
    op: ir.Operation,
    pagination: ir.Pagination,
    printer: _Printer,
    forms: list[tuple[str, ...]],
    parameters: tuple[str, ...],
) -> MethodView:
    """A paginated method: it returns its first page, which fetches the others."""
    body = op.response.type
    pages = (pagination.page_class, pagination.async_page_class)
    for page in pages:
        printer.need("_pagination", page, runtime=True)
    printer.need("_pagination", pagination.strategy, runtime=True)
    printer.need("_resource", "to_raw_response_wrapper", runtime=True)
    printer.need("_resource", "async_to_raw_response_wrapper", runtime=True)
    annotated = f"[{printer.annotation(pagination.item_type)}, {printer.annotation(body)}]"
    expressed = f"[{printer.expression(pagination.item_type)}, {printer.expression(body)}]"
    strategy_args = ", ".join(f"{name}={value}" for name, value in pagination.params)
    if forms:
        printer.need("typing", "overload")
    returns, async_returns = pages[0] + annotated, pages[1] + annotated
    return MethodView(
        name=op.name,
        signatures=tuple(Overload(form, returns, async_returns) for form in forms),
        parameters=parameters,
        returns=returns,
        async_returns=async_returns,
        doc=_doc(op),
        call="paginate",
        arguments=(
            f"{pagination.strategy}({strategy_args})",
            py_string(op.http_method),
            py_string(op.path),
            f"item_type={_type_expression(pagination.item_type, printer)}",
            f"body_type={_type_expression(body, printer)}",
            *_request_parts(op, printer),
            *([f"envelope={py_string(op.response.envelope)}"] if op.response.envelope else []),
        ),
        page=pages[0] + expressed,
        async_page=pages[1] + expressed,
    )


def _signature(positional: list[str], keyword: list[str]) -> tuple[str, ...]:
    """Parameters after `self`: path parameters positional, the rest keyword-only."""
    return (*positional, *(["*", *keyword] if keyword else []), _OPTIONS)


def _keyword_parameters(op: ir.Operation, printer: _Printer) -> tuple[list[str], list[str]]:
    required, optional = [], []
    for p in op.parameters:
        if p.location == "path":
            continue
        if p.required:
            required.append(f"{p.name}: {printer.annotation(p.declared_type)}")
        else:
            default = p.default.source if p.default is not None else "None"
            optional.append(f"{p.name}: {printer.annotation(p.declared_type)} = {default}")
    return required, optional


def _returns(op: ir.Operation, printer: _Printer) -> tuple[str, str, str, str | None]:
    response = op.response
    if response.kind == "binary":
        printer.need("_response", "BinaryResponse", runtime=True)
        printer.need("_response", "AsyncBinaryResponse", runtime=True)
        return "BinaryResponse", "AsyncBinaryResponse", "request_binary", None
    if response.kind == "sse":
        printer.need("_streaming", "Stream", runtime=True)
        printer.need("_streaming", "AsyncStream", runtime=True)
        event = printer.annotation(response.type)
        return (
            f"Stream[{event}]",
            f"AsyncStream[{event}]",
            "request_stream",
            f"event_type={_type_expression(response.type, printer)}",
        )
    printer.need("_resource", "to_raw_response_wrapper", runtime=True)
    printer.need("_resource", "async_to_raw_response_wrapper", runtime=True)
    if response.events is not None:
        printer.need("_streaming", "Stream", runtime=True)
        printer.need("_streaming", "AsyncStream", runtime=True)
        answer = printer.annotation(response.type)
        event = printer.annotation(response.events)
        flag = next(f.name for f in _body_fields(op) if f.wire_name == _STREAM_FLAG)
        return (
            f"{answer} | Stream[{event}]",
            f"{answer} | AsyncStream[{event}]",
            "request_or_stream",
            (
                f"cast_to={_type_expression(response.type, printer)}, "
                f"event_type={_type_expression(response.events, printer)}, "
                f"stream=bool({flag})"
            ),
        )
    if response.kind == "redirect":
        printer.need("_response", "Redirect", runtime=True)
        return "Redirect", "Redirect", "request", "cast_to=Redirect"
    if response.kind == "none":
        return "None", "None", "request", "cast_to=type(None)"
    if response.kind == "text":
        text = printer.annotation(t.STR)
        return text, text, "request", "cast_to=str"
    returns = printer.annotation(response.type)
    return returns, returns, "request", f"cast_to={_type_expression(response.type, printer)}"


def _result_cast(op: ir.Operation, printer: _Printer) -> str | None:
    """A literal type cannot travel as `cast_to` (mypy has no `type[Literal[...]]`): the
    call is typed Any and its result cast back to the annotation."""
    response = op.response
    if response.kind != "json" or response.events is not None or not _is_literal(response.type):
        return None
    return py_string(printer.expression(response.type))


def _is_literal(type_: t.Type) -> bool:
    return not t.is_class(type_) and t.is_literal(type_)


def _type_expression(type_: t.Type, printer: _Printer) -> str:
    """An expression mypy reads as `type[T]` for the annotation T."""
    text = printer.expression(type_)
    if t.is_class(type_):
        return text
    printer.need("typing", "cast")
    if _is_literal(type_):
        printer.need("typing", "Any")
        return f"cast({py_string('type[Any]')}, {text})"
    return f"cast({py_string('type[' + text + ']')}, {text})"


def _arguments(op: ir.Operation, cast: str | None, printer: _Printer) -> tuple[str, ...]:
    args: list[str] = [py_string(op.http_method), py_string(op.path)]
    if cast:
        args.append(cast)
    args += _request_parts(op, printer)
    if op.response.envelope:
        args.append(f"envelope={py_string(op.response.envelope)}")
    return tuple(args)


def _request_parts(op: ir.Operation, printer: _Printer) -> list[str]:
    parts = []
    if op.path_parameters:
        parts.append(
            "path_params={"
            + ", ".join(
                f"{py_string(p.wire_name)}: {_param_value(p, printer)}" for p in op.path_parameters
            )
            + "}"
        )
    for location, keyword in (("query", "query"), ("header", "headers"), ("cookie", "cookies")):
        params = op.in_location(location)  # type: ignore[arg-type]
        if params:
            parts.append(
                f"{keyword}={{"
                + ", ".join(f"{py_string(p.wire_name)}: {_param_value(p, printer)}" for p in params)
                + "}"
            )
    body = op.body
    if body is not None:
        parts.extend(_body_parts(body, printer))
        if body.encoding == "json" and body.media_type != "application/json":
            parts.append(f"content_type={py_string(body.media_type)}")
    if op.response.accept:
        parts.append(f"accept={py_string(op.response.accept)}")
    if op.idempotency_header:
        parts.append(f"idempotency_header={py_string(op.idempotency_header)}")
    if op.security is not None:
        parts.append(f"security={security_literal(op.security)}")
    parts.append("options=options")
    return parts


def _param_value(p: ir.Parameter, printer: _Printer) -> str:
    """The argument as the call passes it: bare when its location's default style
    sends it right, else wrapped in the runtime's `Param` with the spec's settings."""
    if not p.styled:
        return p.name
    printer.need("_parameters", "Param", runtime=True)
    settings = []
    style, explode = p.wire_style
    if style != ir.DEFAULT_STYLES[p.location]:
        settings.append(f"style={py_string(style)}")
    if explode != (style == "form"):
        settings.append(f"explode={explode}")
    if p.allow_reserved:
        settings.append("allow_reserved=True")
    if p.content_type is not None:
        settings.append(f"content_type={py_string(p.content_type)}")
    return f"Param({', '.join([p.name, *settings])})"


def _body_parts(body: ir.Body, printer: _Printer) -> list[str]:
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
    printer.need("_fields", "given", runtime=True)
    data = (
        "given({"
        + ", ".join(f"{py_string(f.wire_name)}: {f.name}" for f in body.data_fields)
        + "})"
    )
    if body.encoding == "multipart":
        parts = [f"data={data}" if body.required else f"data=({data} or None)"]
        if body.file_fields:
            printer.need("_fields", "files_of", runtime=True)
            parts.append(
                "files=files_of({"
                + ", ".join(f"{py_string(f.wire_name)}: {f.name}" for f in body.file_fields)
                + "})"
            )
        return parts
    if not body.required:
        data = f"({data} or None)"  # no field given: no body at all, not `{}`
    if body.model and body.encoding == "json":
        return [f"json=(body if body is not None else {data})"]
    if body.model:
        return [f"data=(body.to_dict() if body is not None else {data})"]
    keyword = "json" if body.encoding == "json" else "data"
    return [f"{keyword}={data}"]


def _doc(op: ir.Operation) -> str:
    lines = [op.summary or op.description or f"{op.http_method.upper()} {op.path}"]
    if op.description and op.description != lines[0]:
        lines += ["", op.description]
    documented = _documented_arguments(op)
    if documented:
        lines += ["", "Args:"]
        for name, text in documented:
            first, *rest = str(text).strip().splitlines() or [""]
            lines.append(f"    {name}: {first}".rstrip())
            lines += [f"        {line}" if line.strip() else "" for line in rest]
    if op.deprecated:
        lines += ["", "Deprecated."]
    lines += ["", f"`{op.http_method.upper()} {op.path}`"]
    return docstring("\n".join(lines), indent=8)


def _documented_arguments(op: ir.Operation) -> list[tuple[str, str]]:
    """(argument, description) for the docstring's Args section: each argument the spec
    describes or the call requires, the name marked `(required)` where it is, since
    `help()` shows overloaded methods by their implementation, whose keywords all have
    defaults."""
    entries = [
        (p.name + (" (required)" if p.required else ""), p.description or "")
        for p in op.parameters
        # A path parameter is positional: the signature already says it is required.
        if p.description or (p.required and p.location != "path")
    ]
    body = op.body
    if body is None:
        return entries
    whole = body.model if body.encoding != "multipart" else None
    mark = " (required unless `body` is given)" if whole else " (required)"
    entries += [
        (f.name + (mark if body.required and f.required else ""), f.description or "")
        for f in body.fields
        if f.description or (body.required and f.required)
    ]
    if whole:
        entries.append(
            ("body", f"The whole request body as a `{whole}`, instead of keyword fields.")
        )
    return entries


@dataclass(frozen=True)
class ResourceView:
    methods: tuple[MethodView, ...]
    import_builtins: bool
    """Some method hides a builtin type, so annotations say `builtins.list`."""
    std_imports: list[tuple[str, str]]
    runtime_imports: list[tuple[str, str]]
    model_imports: list[tuple[str, str]]

    @property
    def uses_fields(self) -> bool:
        """Whether the module calls `given` / `files_of`, so the package needs `_fields.py`."""
        return any(module == ".._fields" for module, _ in self.runtime_imports)


def resource_view(resource: ir.Resource, module_of: dict[str, str]) -> ResourceView:
    attributes = [op.name for op in resource.operations] + [r.attribute for r in resource.children]
    hidden = frozenset(attributes) & t.BUILTIN_NAMES
    printer = _Printer(hidden)
    printer.imports |= {
        t.Import("functools", "cached_property"),
        t.Import("typing", "Unpack"),
        t.Import("_resource", "SyncResource", runtime=True),
        t.Import("_resource", "AsyncResource", runtime=True),
        t.Import("_types", "RequestOptions", runtime=True),
    }
    if resource.children:
        printer.need("typing", "TYPE_CHECKING")
    methods = [method_view(op, printer) for op in resource.operations]
    by_module: dict[str, set[str]] = {}
    for name in printer.models:
        by_module.setdefault(module_of[name], set()).add(name)
    std, runtime = import_groups(printer.imports, depth=2)
    return ResourceView(
        methods=tuple(methods),
        import_builtins=printer.qualifies,
        std_imports=std,
        runtime_imports=runtime,
        model_imports=sorted((m, ", ".join(sorted(names))) for m, names in by_module.items()),
    )


__all__ = ["Code", "MethodView", "ResourceView", "method_view", "resource_view"]
