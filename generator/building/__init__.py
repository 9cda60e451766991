"""A normalised OpenAPI 3.1 document + sdk.toml -> the `ir.Api` the templates render."""

from __future__ import annotations

import dataclasses
import json
import re
from collections import Counter, defaultdict
from typing import Any

from generator import ir
from generator.building import naming
from generator.building.auth import choose_auth
from generator.building.modules import group_modules
from generator.building.operations import OperationBuilder, RawOperation, collect
from generator.building.pagination import paginate
from generator.building.types import SchemaTranslator
from generator.config import SdkConfig
from generator.diagnostics import Diagnostics


def build_api(
    document: dict[str, Any], config: SdkConfig, location: str, diagnostics: Diagnostics
) -> ir.Api:
    groups = _group_by_resource(document, location)
    # Resource modules import models by name, so no model may take a resource's class name.
    reserved = {
        f"{prefix}{group.class_name}{suffix}"
        for group in groups
        for prefix in ("", "Async")
        for suffix in ("", "WithRawResponse")
    }
    translator = SchemaTranslator(document, location, diagnostics, taken_classes=reserved)
    translator.all_components()
    builder = OperationBuilder(document, translator, diagnostics, config.response.envelope)
    resources = _resources(document, groups, builder, config, translator)
    modules = group_modules([*translator.models, *translator.enums], translator.edges)
    module_of = {cls: module for module, classes in modules for cls in classes}
    models = tuple(
        sorted(
            (
                dataclasses.replace(m, module=module_of[m.class_name])
                for m in translator.models.values()
            ),
            key=lambda m: m.class_name,
        )
    )
    enums = tuple(
        sorted(
            (
                dataclasses.replace(e, module=module_of[e.class_name])
                for e in translator.enums.values()
            ),
            key=lambda e: e.class_name,
        )
    )
    return ir.Api(
        package=_package(document, config),
        auth=choose_auth(document, config.auth, location, diagnostics),
        resources=resources,
        models=models,
        enums=enums,
        model_modules=tuple(modules),
        webhook_events=tuple(sorted(str(name) for name in document.get("webhooks") or {})),
        uses_discriminators=translator.uses_discriminators,
    )


def _package(document: dict[str, Any], config: SdkConfig) -> ir.Package:
    info = document.get("info") or {}
    title = str(info.get("title") or config.package.name)
    client_class = config.package.client_class or naming.class_name(title, "Client")
    servers = document.get("servers") or []
    first_server = _expand_server(servers[0]) if servers and isinstance(servers[0], dict) else ""
    return ir.Package(
        name=config.package.name,
        version=config.package.version,
        title=title,
        description=config.package.description
        or (str(info["description"]).strip() if info.get("description") else None),
        client_class=client_class,
        async_client_class=f"Async{client_class}",
        env_prefix=config.package.env_prefix or config.package.name.upper(),
        base_url=config.package.base_url or first_server,
        api_version=str(info.get("version", "")),
    )


def _expand_server(server: dict[str, Any]) -> str:
    url = str(server.get("url", ""))
    for name, variable in (server.get("variables") or {}).items():
        if isinstance(variable, dict) and "default" in variable:
            url = url.replace("{" + name + "}", str(variable["default"]))
    return url


@dataclasses.dataclass(frozen=True)
class _ResourceGroup:
    tag: str
    attribute: str
    class_name: str
    operations: tuple[RawOperation, ...]


def _group_by_resource(document: dict[str, Any], location: str) -> list[_ResourceGroup]:
    """Operations by first tag (or path segment), with the names of their resource."""
    by_tag: dict[str, list[RawOperation]] = defaultdict(list)
    for raw in collect(document, location):
        by_tag[raw.tag].append(raw)
    tags = sorted(by_tag)
    attributes = naming.dedupe([naming.resource_name(t) for t in tags])
    # Class names come from the deduplicated attributes: tags differing only in case
    # (`Responses`, `responses`) must not give two classes one name.
    return [
        _ResourceGroup(
            tag, attribute, f"{naming.class_name(attribute, 'Default')}Resource", tuple(by_tag[tag])
        )
        for tag, attribute in zip(tags, attributes)
    ]


def _resources(
    document: dict[str, Any],
    groups: list[_ResourceGroup],
    builder: OperationBuilder,
    config: SdkConfig,
    translator: SchemaTranslator,
) -> tuple[ir.Resource, ...]:
    tag_docs = {
        t.get("name"): t.get("description")
        for t in document.get("tags") or []
        if isinstance(t, dict)
    }
    resources = []
    for group in groups:
        names = _method_names(list(group.operations), group.attribute)
        built = []
        for raw, name in zip(group.operations, names):
            op = builder.build(raw, name)
            if op is not None:
                built.append(
                    dataclasses.replace(
                        op, pagination=paginate(op, config.pagination, translator.models)
                    )
                )
        operations = [
            dataclasses.replace(op, example_call=_example_call(group.attribute, op))
            for op in _unshadowed(built)
        ]
        operations = [_arguments_unshadowed(op) for op in operations]
        operations.sort(key=lambda o: o.name)
        description = tag_docs.get(group.tag)
        resources.append(
            ir.Resource(
                attribute=group.attribute,
                class_name=group.class_name,
                module=group.attribute,
                description=str(description).strip()
                if description
                else f"Operations tagged `{group.tag}`.",
                operations=tuple(operations),
            )
        )
    return tuple(resources)


def _unshadowed(operations: list[ir.Operation]) -> list[ir.Operation]:
    """A method named like a name the resource's annotations use (`date`, a model class)
    would hide it in the class body, where mypy reads those annotations. Builtin types
    (`list`) keep their method names: the templates write those as `builtins.list`."""
    used = naming.RESERVED_METHOD_NAMES | {
        name
        for op in operations
        for type_ in op.types
        for name in _IDENTIFIER.findall(type_.annotation)
    }
    taken = {op.name for op in operations} | used
    result = []
    for op in operations:
        if op.name in used and op.name not in naming.BUILTIN_TYPE_NAMES:
            new_name = naming.dedupe([f"{op.name}_"], taken=taken)[0]
            taken.add(new_name)
            op = dataclasses.replace(op, name=new_name)
        result.append(op)
    return result


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _arguments_unshadowed(op: ir.Operation) -> ir.Operation:
    """An argument named like a name the method's body uses (`list` where the body says
    `cast_to=list[str]`) would hide it: such an argument gets a trailing `_`."""
    body_types = [op.response.type] + ([op.pagination.item_type] if op.pagination else [])
    used = {name for t in body_types for name in _IDENTIFIER.findall(t.annotation)}
    if not used:
        return op
    parameters = tuple(
        dataclasses.replace(p, name=f"{p.name}_") if p.name in used else p for p in op.parameters
    )
    body = op.body
    if body is not None and any(f.name in used for f in body.fields):
        fields = tuple(
            dataclasses.replace(f, name=f"{f.name}_") if f.name in used else f for f in body.fields
        )
        body = dataclasses.replace(body, fields=fields)
    return dataclasses.replace(op, parameters=parameters, body=body)


def _method_names(raws: list[RawOperation], resource: str) -> list[str]:
    """Short names where they stay unique within the resource, full ones where not."""
    short = [naming.method_name(r.operation_id, r.http_method, r.path, resource) for r in raws]
    counts = Counter(short)
    names = [
        name if counts[name] == 1 else naming.method_name(r.operation_id, r.http_method, r.path, "")
        for name, r in zip(short, raws)
    ]
    taken = {f"{n}_iter" for n in names}
    return naming.dedupe(names, taken=taken - set(names))


def _example_call(resource: str, op: ir.Operation) -> str:
    args = [f"{p.name}={_example_value(p.type)}" for p in op.parameters if p.required]
    if op.body is not None:
        if op.body.fields:
            args += [
                f"{naming.argument_name(f.name)}={_example_value(f.type)}"
                for f in op.body.fields
                if f.required
            ]
        elif op.body.required:
            args.append(f"body={_example_value(op.body.type)}")
    return f"client.{resource}.{op.name}({', '.join(args)})"


def _example_value(type_: ir.TypeRef) -> str:
    samples = {
        "str": '"string"',
        "int": "1",
        "float": "1.0",
        "bool": "True",
        "bytes": 'b"data"',
        "FileTypes": 'open("file.bin", "rb")',
    }
    annotation = type_.annotation.removesuffix(" | None")
    if annotation in samples:
        return samples[annotation]
    if type_.item is not None:
        return f"[{_example_value(type_.item)}]"
    if annotation.startswith("dict["):
        return "{}"
    if annotation.startswith("Literal["):
        return annotation[len("Literal[") :].split(",")[0].rstrip("]")
    return json.dumps(annotation) if annotation in ("date", "datetime", "UUID") else "..."
