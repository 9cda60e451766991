"""An operation documented to answer only with redirects returns the redirect: the IR
says so (response kind `redirect`), and the public surface (api.md, api.json, the
changelog's comparisons) types it `Redirect`. An operation with a success body besides
keeps that body."""

from __future__ import annotations

from typing import Any

from generator import ir
from generator.building import build_api
from generator.config import PackageConfig, SdkConfig, SourceConfig
from generator.diagnostics import Diagnostics
from generator.ir.surface import surface_of

CONFIG = SdkConfig(source=SourceConfig(path="spec.json"), package=PackageConfig(name="api"))
BODY = {"content": {"application/json": {"schema": {"type": "object"}}}}


def _build(responses: dict[str, Any]) -> tuple[ir.Api, Diagnostics]:
    paths = {"/go": {"get": {"operationId": "go", "responses": responses}}}
    spec = {"openapi": "3.1.0", "info": {"title": "API", "version": "1"}, "paths": paths}
    diagnostics = Diagnostics()
    return build_api(spec, CONFIG, "spec.json", diagnostics), diagnostics


def _response(api: ir.Api) -> ir.Response:
    (op,) = [op for r in api.every_resource for op in r.operations]
    return op.response


def test_redirects_only_make_a_redirect_response_without_a_warning() -> None:
    api, diagnostics = _build(
        {
            "307": {"description": "Elsewhere"},
            "302": {"description": "To GitHub", "headers": {"Location": {"schema": {}}}},
            "404": {"description": "Not found"},
        }
    )
    assert _response(api) == ir.Response("redirect", ir.types.NONE, "302", description="To GitHub")
    assert diagnostics.warnings == []
    (method,) = surface_of(api).methods
    assert (method.returns_text, method.returns) == ("Redirect", ir.types.NONE)


def test_a_success_body_besides_a_redirect_is_what_the_call_returns() -> None:
    api, _ = _build({"302": {"description": "Moved"}, "200": {"description": "ok", **BODY}})
    assert _response(api).kind == "json"


def test_a_default_answer_besides_a_redirect_is_what_the_call_returns() -> None:
    api, _ = _build({"302": {"description": "Moved"}, "default": {"description": "ok", **BODY}})
    assert _response(api).kind == "json"
