"""The public surface of a generated package, read from its source with `ast`.

Nothing is imported or executed, and nothing of the generator is used: what is read is
what a caller reads in the package. The surface is the sync client (the async one
mirrors it): its constructor, every method reachable as `client.<attr>...<method>` with
its call forms (each `@overload`, else the definition itself), and every class under
`models/`: fields of `BaseModel` subclasses (inherited ones included) and enum members.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from tools.history.typeset import SENTINEL, Type, parse

ENUM_BASES = {
    "OpenStrEnum": "str",
    "StrEnum": "str",
    "OpenIntEnum": "int",
    "IntEnum": "int",
    "OpenFloatEnum": "float",
}
"""Enum base classes of generated models, and the builtin each enum's values are."""

SKIPPED_PROPERTIES = {"with_raw_response", "with_streaming_response"}
"""Views of a resource that repeat its methods."""

ROUTE = re.compile(r"^`(GET|PUT|POST|DELETE|PATCH|HEAD|OPTIONS|TRACE) ([^`\s]+)`$", re.MULTILINE)
"""The docstring line that names a method's HTTP operation (its last such line)."""
PAGES = re.compile(r"^Iterate over every item of `(\w+)`")
"""The docstring of a paginating twin (`list_iter`), naming the method it pages through."""


@dataclass(frozen=True)
class Param:
    name: str
    position: int | None
    """Index among the positional parameters (after `self`); `None` for keyword-only."""
    required: bool
    type: Type


Form = dict[str, Param]
"""One way to call a method: its parameters by name."""


@dataclass(frozen=True)
class Method:
    path: str
    """What a caller types, e.g. `client.items.list`."""
    forms: tuple[Form, ...]
    returns: Type
    route: str | None
    """`GET /items`, from the docstring, to recognise a method that moved; a paginating
    twin (`list_iter`) has the route of the method it pages through."""
    pages: bool = False
    """True for a paginating twin."""


@dataclass(frozen=True)
class Field:
    name: str
    required: bool
    type: Type


@dataclass(frozen=True)
class Model:
    name: str
    fields: dict[str, Field]


@dataclass(frozen=True)
class Enum:
    name: str
    base: str
    members: dict[str, str]
    """Member name -> repr of its value."""


@dataclass(frozen=True)
class Surface:
    client: str
    constructor: Form
    methods: dict[str, Method]
    models: dict[str, Model]
    enums: dict[str, Enum]

    def enum_bases(self) -> dict[str, str]:
        return {name: enum.base for name, enum in self.enums.items()}


def package_dir(output: Path) -> Path:
    """The import package inside `generate -o OUTPUT` (the folder holding `_client.py`)."""
    found = sorted(output.glob("*/*/_client.py"))
    if len(found) != 1:
        raise ValueError(f"expected one generated package under {output}, found {len(found)}")
    return found[0].parent


def read_surface(package: Path) -> Surface:
    client = _sync_client(_parse(package / "_client.py"))
    resources = _classes(sorted((package / "resources").glob("*.py")))
    methods: dict[str, Method] = {}
    for attr, class_name in _properties(client):
        _collect_methods(f"client.{attr}", resources[class_name], resources, methods)
    init = next(f for f in _functions(client) if f.name == "__init__")
    models, enums = _models(_classes(sorted((package / "models").glob("*.py"))))
    return Surface(client.name, _form(init), methods, models, enums)


# -- clients and resources ----------------------------------------------------------------


def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _classes(paths: list[Path]) -> dict[str, ast.ClassDef]:
    return {
        node.name: node
        for path in paths
        if path.name != "__init__.py"
        for node in _parse(path).body
        if isinstance(node, ast.ClassDef)
    }


def _sync_client(module: ast.Module) -> ast.ClassDef:
    for node in module.body:
        if isinstance(node, ast.ClassDef) and "SyncAPIClient" in _base_names(node):
            return node
    raise ValueError("no SyncAPIClient subclass in _client.py")


def _base_names(node: ast.ClassDef) -> list[str]:
    return [ast.unparse(base).rsplit(".", 1)[-1] for base in node.bases]


def _functions(node: ast.ClassDef) -> list[ast.FunctionDef]:
    return [item for item in node.body if isinstance(item, ast.FunctionDef)]


def _decorators(function: ast.FunctionDef) -> set[str]:
    return {ast.unparse(d).rsplit(".", 1)[-1] for d in function.decorator_list}


def _properties(node: ast.ClassDef) -> list[tuple[str, str]]:
    """(attribute, class name) of each `cached_property` that hands out a resource."""
    return [
        (function.name, ast.unparse(function.returns).strip("'\""))
        for function in _functions(node)
        if "cached_property" in _decorators(function)
        and function.name not in SKIPPED_PROPERTIES
        and function.returns is not None
    ]


def _collect_methods(
    prefix: str,
    node: ast.ClassDef,
    resources: dict[str, ast.ClassDef],
    methods: dict[str, Method],
) -> None:
    for attr, class_name in _properties(node):
        _collect_methods(f"{prefix}.{attr}", resources[class_name], resources, methods)
    overloads: dict[str, list[ast.FunctionDef]] = {}
    routes: dict[str, str | None] = {}
    for function in _functions(node):
        decorators = _decorators(function)
        if function.name.startswith("_") or "cached_property" in decorators:
            continue
        if "overload" in decorators:
            overloads.setdefault(function.name, []).append(function)
            continue
        forms = overloads.get(function.name) or [function]
        docstring = ast.get_docstring(function) or ""
        paged = PAGES.match(docstring)
        routes[function.name] = _route(docstring)
        methods[f"{prefix}.{function.name}"] = Method(
            path=f"{prefix}.{function.name}",
            forms=tuple(_form(form) for form in forms),
            returns=Type(frozenset(m for form in forms for m in parse(form.returns).members)),
            route=routes.get(paged.group(1)) if paged else routes[function.name],
            pages=paged is not None,
        )


def _route(docstring: str) -> str | None:
    found = ROUTE.findall(docstring)
    return f"{found[-1][0]} {found[-1][1]}" if found else None


def _form(function: ast.FunctionDef) -> Form:
    """Parameters after `self`; `**options` and the like are not part of the API."""
    args = function.args
    positional = args.posonlyargs + args.args
    first_default = len(positional) - len(args.defaults)
    form: Form = {}
    for index, arg in enumerate(positional[1:], start=1):
        form[arg.arg] = Param(arg.arg, index - 1, index < first_default, _param_type(arg))
    for arg, default in zip(args.kwonlyargs, args.kw_defaults, strict=True):
        form[arg.arg] = Param(arg.arg, None, default is None, _param_type(arg))
    return form


def _param_type(arg: ast.arg) -> Type:
    return parse(arg.annotation).without(SENTINEL)


# -- models ---------------------------------------------------------------------------------


def _models(classes: dict[str, ast.ClassDef]) -> tuple[dict[str, Model], dict[str, Enum]]:
    enums: dict[str, Enum] = {}
    own_fields: dict[str, dict[str, Field]] = {}
    for name, node in classes.items():
        bases = _base_names(node)
        enum_base = next((ENUM_BASES[b] for b in bases if b in ENUM_BASES), None)
        if enum_base is not None:
            enums[name] = Enum(name, enum_base, _members(node))
        else:
            own_fields[name] = _fields(node)
    models = {
        name: Model(name, _inherited(name, classes, own_fields)) for name in sorted(own_fields)
    }
    return models, enums


def _inherited(
    name: str, classes: dict[str, ast.ClassDef], own_fields: dict[str, dict[str, Field]]
) -> dict[str, Field]:
    """Fields of the model's bases that are models too (first base wins), then its own."""
    fields: dict[str, Field] = {}
    for base in reversed(_base_names(classes[name])):
        if base in own_fields and base != name:
            fields.update(_inherited(base, classes, own_fields))
    fields.update(own_fields[name])
    return fields


def _fields(node: ast.ClassDef) -> dict[str, Field]:
    fields: dict[str, Field] = {}
    for item in node.body:
        if not (isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)):
            continue
        name = item.target.id
        if name == "model_config" or ast.unparse(item.annotation).startswith("ClassVar"):
            continue
        fields[name] = Field(name, item.value is None, parse(item.annotation))
    return fields


def _members(node: ast.ClassDef) -> dict[str, str]:
    members: dict[str, str] = {}
    for item in node.body:
        if (
            isinstance(item, ast.Assign)
            and len(item.targets) == 1
            and isinstance(item.targets[0], ast.Name)
            and not item.targets[0].id.startswith("_")
            and isinstance(item.value, (ast.Constant, ast.UnaryOp))
        ):
            # A negative number is a unary minus applied to a constant.
            members[item.targets[0].id] = repr(ast.literal_eval(item.value))
    return members


CALL = re.compile(r"^(.*)\(([^()]*)\)$")


def describe(surface: Surface, subject: str) -> str | None:
    """What a subject looks like in the surface (`limit: int | None`), if it is there."""
    call = CALL.match(subject)
    if call:
        method = surface.methods.get(call.group(1))
        if method is None:
            return None
        if not call.group(2):
            return f"returns `{method.returns}`"
        name = call.group(2)
        types = sorted({str(form[name].type) for form in method.forms if name in form})
        return f"`{name}: {' | '.join(types)}`" if types else None
    owner, _, member = subject.partition(".")
    if member and owner in surface.models and member in surface.models[owner].fields:
        field = surface.models[owner].fields[member]
        return f"`{member}: {field.type}`" + ("" if field.required else " (optional)")
    if subject in surface.methods or subject in surface.models or subject in surface.enums:
        return f"`{subject}`"
    return None
