"""A request body whose `required` is absent or false may be left out: the typed
signature asks for none of it (no overload demands it, every field defaults), and a
call without one sends no body at all, not `{}`, `[]` or an empty form. Against a real
server on 127.0.0.1, with the golden `semantics` case: a JSON object body, a JSON
array body and a form body, each optional; a required body keeps its demands."""

from __future__ import annotations

import asyncio
import inspect
import json
import typing
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from generator.pipeline import generate
from tests.conftest import GOLDEN_CASES, import_generated
from tests.support.http_server import RecordedRequest, RecordingServer, Reply

NOTE = {"id": "n1", "title": "t"}


@pytest.fixture(scope="module")
def semantics(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    root = tmp_path_factory.mktemp("semantics")
    generate(GOLDEN_CASES / "semantics", root / "semantics", force=True)
    return import_generated(root / "semantics", "semantics")


@pytest.fixture
def client(semantics: ModuleType, http_server: RecordingServer) -> Any:
    return semantics.Semantics(api_key="k", app_key="a", base_url=http_server.url)


def _no_body(request: RecordedRequest) -> bool:
    return request.body == b"" and request.header("Content-Type") is None


@pytest.mark.parametrize(
    ("resource", "method"),
    [("notes", "create"), ("notes", "replace_tags"), ("notes", "search")],
)
def test_an_optional_body_is_optional_in_the_signature(
    semantics: ModuleType, resource: str, method: str
) -> None:
    function = getattr(getattr(semantics.Semantics(api_key="k", app_key="a"), resource), method)
    assert typing.get_overloads(type(function.__self__).__dict__[method]) == []
    keywords = [
        p
        for p in inspect.signature(function).parameters.values()
        if p.kind is inspect.Parameter.KEYWORD_ONLY
    ]
    assert keywords and all(p.default is not inspect.Parameter.empty for p in keywords)


def test_a_required_body_still_demands_its_fields(semantics: ModuleType) -> None:
    create = type(semantics.Semantics(api_key="k", app_key="a").session).create
    fields, model = (inspect.signature(o).parameters for o in typing.get_overloads(create))
    assert fields["username"].default is inspect.Parameter.empty
    assert model["body"].default is inspect.Parameter.empty


def test_a_json_object_body_left_out_sends_nothing(
    client: Any, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json(NOTE, 201), Reply.json(NOTE, 201))
    client.notes.create()
    client.notes.create(title="Groceries")
    empty, given = http_server.requests
    assert _no_body(empty)
    assert given.json() == {"title": "Groceries"}


def test_a_json_array_body_left_out_sends_nothing_but_an_empty_one_is_sent(
    client: Any, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply(status=204), Reply(status=204))
    client.notes.replace_tags("n1")
    client.notes.replace_tags("n1", body=[])
    left_out, empty_list = http_server.requests
    assert _no_body(left_out)
    assert (empty_list.body, empty_list.header("Content-Type")) == (b"[]", "application/json")


def test_a_form_body_left_out_sends_nothing_sync_and_async(
    semantics: ModuleType, client: Any, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json([]), Reply.json([]), Reply.json([]))
    client.notes.search()
    client.notes.search(q="milk")

    async def call() -> None:
        async with semantics.AsyncSemantics(
            api_key="k", app_key="a", base_url=http_server.url
        ) as c:
            await c.notes.search()

    asyncio.run(call())
    empty, given, empty_async = http_server.requests
    assert _no_body(empty) and _no_body(empty_async)
    assert given.form() == [("q", "milk")]


def test_the_recorded_surface_says_the_fields_are_optional(tmp_path: Path) -> None:
    generate(GOLDEN_CASES / "semantics", tmp_path, force=True)
    methods = json.loads((tmp_path / "api.json").read_text(encoding="utf-8"))["methods"]
    search = next(m for m in methods if m["operation"] == "POST /notes/search")
    by_name = {a["name"]: a for a in search["arguments"]}
    assert (by_name["q"]["required"], by_name["q"]["default"]) == (False, "NOT_GIVEN")
