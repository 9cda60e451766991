"""A normalised OpenAPI 3.1 document + sdk.toml -> the `ir.Api` the templates render.

Building first translates schemas and operations with provisional class keys and the
names the rules want (`schemas`, `operations`, `pagination`, `auth`), then the naming
pass (`names`) settles every name at once; last, what the load report disclosed about
the source becomes the API's provenance (`provenance`).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from generator import ir
from generator.building import naming
from generator.building.auth import SecurityPlan, credential_names, plan_security
from generator.building.names import AskedNames, Draft, name_api
from generator.building.operations import OperationBuilder, RawOperation, collect
from generator.building.pagination import paginate
from generator.building.provenance import disclose
from generator.building.resources import DraftResource, Placed, resource_tree
from generator.building.schemas import SchemaTranslator
from generator.building.scope import NameRecord
from generator.config import SdkConfig
from generator.diagnostics import Diagnostics
from generator.openapi import HTTP_METHODS


def build_api(
    document: dict[str, Any],
    config: SdkConfig,
    location: str,
    diagnostics: Diagnostics,
    record: NameRecord | None = None,
) -> ir.Api:
    """The IR for `document`; `record` holds the names the package gave before."""
    translator = SchemaTranslator(document, location, diagnostics)
    translator.all_components()
    builder = OperationBuilder(document, translator, diagnostics, config.response.envelope)
    package = _package(document, config)
    security = plan_security(document, config.auth, location, diagnostics)
    resources = _resources(document, builder, config, translator, security, location)
    translator.settle_defaults()
    draft = Draft(
        package=package,
        schemes=security.schemes,
        security=security.default,
        resources=resources,
        classes=translator.classes,
        components=translator.components,
        webhook_events=tuple(sorted(str(name) for name in document.get("webhooks") or {})),
        asked=_asked_names(document, config),
    )
    api = name_api(draft, record or {})
    api = dataclasses.replace(api, credential_names=credential_names(document))
    return disclose(api, diagnostics, Path(location).name)


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


def _resources(
    document: dict[str, Any],
    builder: OperationBuilder,
    config: SdkConfig,
    translator: SchemaTranslator,
    security: SecurityPlan,
    location: str,
) -> tuple[DraftResource, ...]:
    """Operations built, then grouped into the resource tree (`resources`)."""
    raws = collect(document, location)
    _note_shared_ids(raws, builder.diagnostics)
    placed = []
    for raw in sorted(raws, key=lambda r: (r.path, r.http_method)):
        op = builder.build(raw)
        if op is not None:
            pagination = paginate(op, config.pagination, translator.model)
            required = security.of(raw.path, raw.http_method)
            op = dataclasses.replace(op, pagination=pagination, security=required)
            placed.append(Placed(op, raw.tags))
    return resource_tree(placed, _tags(document))


def _tags(document: dict[str, Any]) -> dict[str, str | None]:
    """Each declared tag's description."""
    declared = [t for t in document.get("tags") or [] if isinstance(t, dict) and "name" in t]
    return {
        str(t["name"]): str(t["description"]) if t.get("description") else None for t in declared
    }


def _note_shared_ids(raws: list[RawOperation], diagnostics: Diagnostics) -> None:
    """An operationId must be unique; methods are named apart where one is not."""
    first: dict[str, RawOperation] = {}
    for raw in raws:
        if "operationId" not in raw.spec:
            continue
        seen = first.setdefault(raw.operation_id, raw)
        if seen is not raw:
            diagnostics.note(
                raw.where,
                f"operationId {raw.operation_id!r} is also {seen.http_method.upper()} {seen.path}'s",
                "each method named on its own",
            )


_NAME_KEY = "x-sdkgen-name"


def _asked_names(document: dict[str, Any], config: SdkConfig) -> AskedNames:
    """`x-sdkgen-name` on operations, tags and component schemas (an overlay may add
    them), then sdk.toml's `[names]`, which wins."""
    methods: dict[str, str] = {}
    for path, item in (document.get("paths") or {}).items():
        for method in HTTP_METHODS:
            operation = item.get(method) if isinstance(item, dict) else None
            if isinstance(operation, dict) and isinstance(operation.get(_NAME_KEY), str):
                methods[f"{method.upper()} {path}"] = operation[_NAME_KEY]
    resources = {
        str(t["name"]): t[_NAME_KEY]
        for t in document.get("tags") or []
        if isinstance(t, dict) and "name" in t and isinstance(t.get(_NAME_KEY), str)
    }
    schemas = (document.get("components") or {}).get("schemas") or {}
    classes = {
        str(name): schema[_NAME_KEY]
        for name, schema in schemas.items()
        if isinstance(schema, dict) and isinstance(schema.get(_NAME_KEY), str)
    }
    names = config.names
    return AskedNames(
        methods={**methods, **names.methods},
        resources={**resources, **names.resources},
        classes={**classes, **names.models},
    )
