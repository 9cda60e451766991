"""Swagger 2.0 -> OpenAPI 3.0, enough for code generation.

Converted: definitions, parameters (body and formData become request bodies),
responses (with `produces`), securityDefinitions, host/basePath/schemes. References
into `#/definitions`, `#/parameters` and `#/responses` are rewritten.
"""

from __future__ import annotations

from typing import Any

from generator.diagnostics import Diagnostics, pointer

_REF_PREFIXES = {
    "#/definitions/": "#/components/schemas/",
    "#/parameters/": "#/components/parameters/",
    "#/responses/": "#/components/responses/",
}
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch")
# Swagger 2.0 parameter keys that OpenAPI 3 keeps in the parameter's `schema`.
_SCHEMA_KEYS = (
    "type",
    "format",
    "items",
    "enum",
    "default",
    "minimum",
    "maximum",
    "pattern",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "uniqueItems",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
)


def convert(doc: dict[str, Any], location: str, diagnostics: Diagnostics) -> dict[str, Any]:
    _rewrite_refs(doc)
    consumes = doc.get("consumes") or ["application/json"]
    produces = doc.get("produces") or ["application/json"]
    out: dict[str, Any] = {"openapi": "3.0.3", "info": doc.get("info", {})}
    out["servers"] = _servers(doc)
    for key in ("tags", "security", "externalDocs"):
        if key in doc:
            out[key] = doc[key]
    out = {**out, **{k: v for k, v in doc.items() if k.startswith("x-")}}
    components: dict[str, Any] = {}
    if doc.get("definitions"):
        components["schemas"] = doc["definitions"]
    shared_params = doc.get("parameters") or {}
    components_params = {
        name: _parameter(p)
        for name, p in shared_params.items()
        if p.get("in") not in ("body", "formData")
    }
    if components_params:
        components["parameters"] = components_params
    if doc.get("responses"):
        components["responses"] = {
            name: _response(r, produces) for name, r in doc["responses"].items()
        }
    if doc.get("securityDefinitions"):
        components["securitySchemes"] = {
            name: _security_scheme(s) for name, s in doc["securityDefinitions"].items()
        }
    out["components"] = components
    out["paths"] = {
        path: _path_item(item, shared_params, consumes, produces, location, path, diagnostics)
        for path, item in (doc.get("paths") or {}).items()
    }
    return out


def _rewrite_refs(document: Any) -> None:
    """Every `$ref` into Swagger's sections made to point at OpenAPI 3's, in place and
    without recursion (a JSON document can nest as deep as its parser allows)."""
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                node["$ref"] = _rewritten(ref)
            stack.extend(value for key, value in node.items() if key != "$ref")
        elif isinstance(node, list):
            stack.extend(node)


def _rewritten(ref: str) -> str:
    for old, new in _REF_PREFIXES.items():
        if ref.startswith(old):
            return new + ref[len(old) :]
    return ref


def _servers(doc: dict[str, Any]) -> list[dict[str, str]]:
    host = doc.get("host")
    if not host:
        return [{"url": doc.get("basePath", "/")}]
    base_path = doc.get("basePath", "")
    schemes = doc.get("schemes") or ["https"]
    scheme = "https" if "https" in schemes else schemes[0]
    return [{"url": f"{scheme}://{host}{base_path}"}]


def _parameter(param: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in param:
        return param
    out = {k: v for k, v in param.items() if k not in _SCHEMA_KEYS and k != "collectionFormat"}
    schema = {k: param[k] for k in _SCHEMA_KEYS if k in param}
    if param.get("type") == "array":
        fmt = param.get("collectionFormat", "csv")
        out["style"] = {
            "multi": "form",
            "csv": "form",
            "ssv": "spaceDelimited",
            "pipes": "pipeDelimited",
        }.get(fmt, "form")
        out["explode"] = fmt == "multi"
    out["schema"] = schema or {}
    return out


def _response(response: dict[str, Any], produces: list[str]) -> dict[str, Any]:
    if "$ref" in response:
        return response
    out: dict[str, Any] = {"description": response.get("description", "")}
    if "schema" in response:
        examples = response.get("examples") or {}
        out["content"] = {
            media: {
                "schema": response["schema"],
                **({"example": examples[media]} if media in examples else {}),
            }
            for media in produces
        }
    if "headers" in response:
        out["headers"] = {
            name: {
                "schema": {k: h[k] for k in _SCHEMA_KEYS if k in h},
                **({"description": h["description"]} if "description" in h else {}),
            }
            for name, h in response["headers"].items()
        }
    return out


def _security_scheme(scheme: dict[str, Any]) -> dict[str, Any]:
    kind = scheme.get("type")
    extras = {k: v for k, v in scheme.items() if k == "description" or k.startswith("x-")}
    if kind == "basic":
        return {"type": "http", "scheme": "basic", **extras}
    if kind == "apiKey":
        return {
            "type": "apiKey",
            "name": scheme.get("name", ""),
            "in": scheme.get("in", "header"),
            **extras,
        }
    flow_name = {
        "implicit": "implicit",
        "password": "password",
        "application": "clientCredentials",
        "accessCode": "authorizationCode",
    }
    flow: dict[str, Any] = {k: scheme[k] for k in ("authorizationUrl", "tokenUrl") if k in scheme}
    flow["scopes"] = scheme.get("scopes", {})
    return {
        "type": "oauth2",
        "flows": {flow_name.get(scheme.get("flow", ""), "implicit"): flow},
        **extras,
    }


def _path_item(
    item: dict[str, Any],
    shared: dict[str, Any],
    consumes: list[str],
    produces: list[str],
    location: str,
    path: str,
    diagnostics: Diagnostics,
) -> dict[str, Any]:
    common = item.get("parameters", [])
    out: dict[str, Any] = {k: v for k, v in item.items() if k not in _METHODS and k != "parameters"}
    for method in _METHODS:
        if method in item:
            out[method] = _operation(
                item[method],
                common,
                shared,
                consumes,
                produces,
                f"{location}{pointer('paths', path, method)}",
                diagnostics,
            )
    return out


def _operation(
    op: dict[str, Any],
    common: list[dict[str, Any]],
    shared: dict[str, Any],
    consumes: list[str],
    produces: list[str],
    where: str,
    diagnostics: Diagnostics,
) -> dict[str, Any]:
    op_consumes = op.get("consumes") or consumes
    op_produces = op.get("produces") or produces
    out = {
        k: v for k, v in op.items() if k not in ("parameters", "responses", "consumes", "produces")
    }
    params: list[dict[str, Any]] = []
    body: dict[str, Any] | None = None
    form: list[dict[str, Any]] = []
    by_key = {}
    for param in [*common, *op.get("parameters", [])]:
        resolved = _shared(param, shared)
        by_key[(resolved.get("in"), resolved.get("name"))] = (param, resolved)
    for param, resolved in by_key.values():
        if resolved.get("in") == "body":
            body = resolved
        elif resolved.get("in") == "formData":
            form.append(resolved)
        else:
            params.append(_parameter(param))
    if params:
        out["parameters"] = params
    if body is not None:
        out["requestBody"] = {
            "required": bool(body.get("required")),
            "content": {
                media: {"schema": body.get("schema", {})}
                for media in op_consumes
                if "form" not in media
            }
            or {"application/json": {"schema": body.get("schema", {})}},
            **({"description": body["description"]} if "description" in body else {}),
        }
    elif form:
        out["requestBody"] = _form_body(form, op_consumes)
    out["responses"] = {
        str(code): _response(r, op_produces) for code, r in (op.get("responses") or {}).items()
    } or {"default": {"description": ""}}
    if body is not None and form:
        diagnostics.warn(
            where, "operation has both a body and formData parameters", "formData ignored"
        )
    return out


def _shared(param: dict[str, Any], shared: dict[str, Any]) -> dict[str, Any]:
    ref = param.get("$ref", "")
    prefix = "#/components/parameters/"
    if isinstance(ref, str) and ref.startswith(prefix):
        return shared.get(ref[len(prefix) :], param)  # type: ignore[no-any-return]
    return param


def _form_body(form: list[dict[str, Any]], consumes: list[str]) -> dict[str, Any]:
    has_file = any(p.get("type") == "file" for p in form)
    media = (
        "multipart/form-data"
        if has_file or "multipart/form-data" in consumes
        else ("application/x-www-form-urlencoded")
    )
    properties: dict[str, Any] = {}
    for p in form:
        field = {k: p[k] for k in _SCHEMA_KEYS if k in p}
        if p.get("type") == "file":
            field = {"type": "string", "format": "binary"}
        if "description" in p:
            field["description"] = p["description"]
        properties[p["name"]] = field
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    required = [p["name"] for p in form if p.get("required")]
    if required:
        schema["required"] = required
    return {"required": bool(required), "content": {media: {"schema": schema}}}
