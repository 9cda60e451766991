"""The `typed` golden case against a real server on 127.0.0.1: what the server adds after
the SDK was generated (an enum value, a kind of item, an item without its tag) parses
and keeps its data; recursion through classes parses into models at every depth; and
defaults are kept, one fresh copy per instance."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

from generator.pipeline import generate
from tests.conftest import GOLDEN_CASES, import_generated
from tests.support.http_server import RecordingServer, Reply

CREATED = {"type": "created", "id": "e1", "priority": 2}
ARCHIVED = {"type": "archived", "id": "e2", "archived_by": {"name": "ops"}}
UNTAGGED = {"id": "e3", "note": "no type at all"}
DELETED = {"type": "deleted", "id": "e4", "reason": "spam"}


@pytest.fixture(scope="module")
def typed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    out = tmp_path_factory.mktemp("typed") / "typed"
    generate(GOLDEN_CASES / "typed", out, force=True)
    yield import_generated(out, "typed")
    for module in [m for m in sys.modules if m == "typed" or m.startswith("typed.")]:
        del sys.modules[module]


def _client(typed: ModuleType, server: RecordingServer) -> Any:
    return typed.Typed(base_url=server.url, max_retries=0)


# -- open enums --------------------------------------------------------------------------


def test_integer_and_number_values_the_server_added_parse(
    typed: ModuleType, http_server: RecordingServer
) -> None:
    sent = {"priority": 9, "api_version": 5.5, "ratio": 7, "offset": -7}
    http_server.enqueue(Reply.json(sent))
    settings = _client(typed, http_server).settings.retrieve()
    assert settings.priority == 9 and isinstance(settings.priority, typed.models.Priority)
    assert settings.priority not in list(typed.models.Priority)
    assert settings.api_version == 5.5 and settings.ratio == 7.0 and settings.offset == -7
    assert settings.to_dict() == {**sent, "ratio": 7.0}


def test_listed_values_are_members_and_travel_as_numbers(
    typed: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json({"priority": 2, "api_version": 4, "offset": None}))
    client = _client(typed, http_server)
    settings = client.settings.retrieve()
    assert settings.priority is typed.models.Priority.VALUE_2
    assert settings.api_version is typed.models.SettingsApiVersion.VALUE_4
    assert settings.offset is None
    http_server.enqueue(Reply.json({}))
    client.settings.update(priority=typed.models.Priority.VALUE_3, api_version=3.5)
    assert http_server.requests[-1].json() == {"priority": 3, "api_version": 3.5}
    http_server.enqueue(Reply.json({"data": []}))
    client.events.list(priority=typed.models.Priority.VALUE_1)
    assert ("priority", "1") in http_server.requests[-1].query_params


def test_a_value_of_the_wrong_type_is_still_refused(
    typed: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json({"priority": "urgent"}))
    with pytest.raises(typed._exceptions.APIResponseValidationError):
        _client(typed, http_server).settings.retrieve()


# -- open tagged unions ------------------------------------------------------------------


def test_a_page_with_a_new_kind_of_item_keeps_every_item(
    typed: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json({"data": [CREATED, ARCHIVED, UNTAGGED, DELETED]}))
    page = _client(typed, http_server).events.list()
    kinds = [type(item).__name__ for item in page.items]
    assert kinds == ["CreatedEvent", "UnknownVariant", "UnknownVariant", "DeletedEvent"]
    archived, untagged = page.items[1], page.items[2]
    assert isinstance(archived, typed.UnknownVariant)
    assert archived.type == "archived" and archived.archived_by == {"name": "ops"}
    assert archived.to_dict() == ARCHIVED and untagged.to_dict() == UNTAGGED
    assert page.body.to_dict()["data"] == [CREATED, ARCHIVED, UNTAGGED, DELETED]


def test_every_page_of_a_listing_keeps_unknown_items(
    typed: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(
        Reply.json({"data": [CREATED, ARCHIVED], "next_cursor": "c2"}),
        Reply.json({"data": [UNTAGGED], "next_cursor": None}),
    )

    async def listing() -> list[Any]:
        async with typed.AsyncTyped(base_url=http_server.url, max_retries=0) as client:
            return [item async for item in await client.events.list()]

    items = asyncio.run(listing())
    assert [item.id for item in items] == ["e1", "e2", "e3"]
    assert ("cursor", "c2") in http_server.requests[1].query_params


def test_a_known_tag_with_invalid_data_is_still_an_error(
    typed: ModuleType, http_server: RecordingServer
) -> None:
    # Only unknown or missing tags fall back: a `created` event without its id is wrong.
    http_server.enqueue(Reply.json({"data": [{"type": "created"}]}))
    with pytest.raises(typed._exceptions.APIResponseValidationError):
        _client(typed, http_server).events.list()


# -- recursion through classes -----------------------------------------------------------

FOREST = {
    "nodes": [{"value": "a", "children": [{"value": "b", "children": [{"value": "c"}]}]}],
    "tree": {"kids": ["x", {"kids": [{"kids": ["y"]}]}]},
    "category": {"children": {"k": {"parent": {"children": {}}, "children": {}}}},
    "expression": {"function": "f", "arguments": [1, {"function": "g", "arguments": [2]}]},
    "json": ["a", ["b", ["c"]]],
}


def test_nested_items_of_recursive_unions_parse_as_models(
    typed: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json(FOREST))
    forest = _client(typed, http_server).trees.retrieve(1)
    models = typed.models
    grandchild = forest.nodes[0].children[0].children[0]
    assert isinstance(forest.nodes[0].children[0], models.Branch)
    assert isinstance(grandchild, models.Leaf) and grandchild.value == "c"
    assert isinstance(forest.tree.kids[1].kids[0], models.Tree1)
    inner = forest.category.children["k"]
    assert isinstance(inner, models.Category1) and isinstance(inner.parent, models.Category1)
    assert isinstance(forest.expression.arguments[1], models.Call)
    assert forest.expression.arguments[1].arguments == [2]
    assert forest.to_dict() == FOREST


# -- defaults ----------------------------------------------------------------------------


def test_defaults_are_kept_and_never_shared(typed: ModuleType) -> None:
    models = typed.models
    first, second = models.Settings(), models.Settings()
    assert first.scopes == ["*"] and first.labels == {"a": 1} and first.retries == 3
    assert first.levels == [models.Priority.VALUE_1, models.Priority.VALUE_3]
    assert first.extra == {"x": [1, True, None]}
    assert isinstance(first.window, models.Window) and first.window.days == 7
    assert str(first.days[0]) == "2024-01-01" and first.wrong is None
    first.scopes.append("read")
    first.labels["b"] = 2
    first.extra["x"].append(4)
    first.window.days = 1
    assert second.scopes == ["*"] and second.labels == {"a": 1}
    assert second.extra == {"x": [1, True, None]} and second.window.days == 7
    assert models.Settings.model_construct().scopes == ["*"]


def test_a_list_default_of_an_argument_is_left_to_the_server(
    typed: ModuleType, http_server: RecordingServer
) -> None:
    http_server.enqueue(Reply.json({"data": []}))
    _client(typed, http_server).events.list()
    assert http_server.requests[-1].query_params == [("limit", "20")]
