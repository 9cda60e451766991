"""How an operation reads as a method: signatures, overloads, calls and imports, from the
IR alone."""

from __future__ import annotations

from generator import ir
from generator.ir import types as t
from generator.rendering.methods import ResourceView, resource_view


def _op(**changes: object) -> ir.Operation:
    base: dict[str, object] = {
        "name": "get",
        "operation_id": "getItem",
        "http_method": "get",
        "path": "/items/{item_id}",
        "summary": "Get an item",
        "description": None,
        "parameters": (ir.Parameter("item_id", "item_id", "path", t.STR, True),),
        "body": None,
        "response": ir.Response("json", t.ModelRef("Item"), "200"),
    }
    base.update(changes)
    return ir.Operation(**base)  # type: ignore[arg-type]


def _view(*operations: ir.Operation) -> ResourceView:
    resource = ir.Resource(
        "items",
        "items",
        ("items",),
        "ItemsResource",
        "AsyncItemsResource",
        "ItemsResourceWithRawResponse",
        "AsyncItemsResourceWithRawResponse",
        "items",
        "Items.",
        operations,
    )
    modules = {"Item": "item", "ItemCreate": "item_create", "ItemPage": "item_page", "Kind": "kind"}
    return resource_view(resource, modules)


def test_path_parameters_are_positional_and_the_rest_keyword_only() -> None:
    limit = ir.Parameter("limit", "limit", "query", t.INT, False, default=ir.Default(10))
    view = _view(_op(parameters=(*_op().parameters, limit)))
    [method] = view.methods
    assert method.parameters == (
        "item_id: str",
        "*",
        "limit: int | None = 10",
        "**options: Unpack[RequestOptions]",
    )
    assert method.returns == "Item"
    assert method.arguments[:3] == ('"get"', '"/items/{item_id}"', "cast_to=Item")
    assert 'path_params={"item_id": item_id}' in method.arguments
    assert 'query={"limit": limit}' in method.arguments


def test_an_object_body_with_required_fields_gets_two_overloads() -> None:
    name = ir.Field("name", "name", t.STR, True)
    kind = ir.Field("kind", "kind", t.EnumRef("Kind"), False)
    body = ir.Body(
        "json", "application/json", t.ModelRef("ItemCreate"), True, (kind, name), "ItemCreate"
    )
    view = _view(_op(name="create", http_method="post", path="/items", parameters=(), body=body))
    [method] = view.methods
    fields, model = (overload.parameters for overload in method.signatures)
    assert fields == (
        "*",
        "name: str",
        "kind: Kind | NotGiven = NOT_GIVEN",
        "**options: Unpack[RequestOptions]",
    )
    assert model == ("*", "body: ItemCreate", "**options: Unpack[RequestOptions]")
    assert view.model_imports == [("item", "Item"), ("item_create", "ItemCreate"), ("kind", "Kind")]
    assert ("typing", "Unpack, overload") in view.std_imports
    assert any(module == ".._fields" for module, _ in view.runtime_imports)


def test_a_method_named_like_a_builtin_qualifies_it_in_signatures_only() -> None:
    """In the class body `list` is then the method; inside a method it is still the builtin."""
    listing = _op(
        name="list",
        path="/items",
        parameters=(ir.Parameter("ids", "ids", "query", t.ListOf(t.STR), False),),
        response=ir.Response("json", t.ListOf(t.ModelRef("Item")), "200"),
    )
    view = _view(listing)
    [method] = view.methods
    assert view.import_builtins
    # Only `list` is hidden: the class has no method called `str`.
    assert method.parameters[:2] == ("*", "ids: builtins.list[str] | None = None")
    assert method.returns == "builtins.list[Item]"
    assert "cast_to=list[Item]" in method.arguments


def test_only_what_is_printed_is_imported() -> None:
    plain = _view(_op())
    assert plain.std_imports == [("functools", "cached_property"), ("typing", "Unpack")]
    assert not plain.uses_fields
    literal = _view(_op(response=ir.Response("json", t.LiteralOf(("ok",)), "200")))
    [method] = literal.methods
    # mypy has no type[Literal[...]]: the call is typed Any and the result cast back.
    assert method.result_cast == "\"Literal['ok']\""
    assert ("typing", "Any, Literal, Unpack, cast") in literal.std_imports


def test_a_paginated_operation_returns_its_first_page() -> None:
    page = ir.Pagination("offset", t.ModelRef("Item"), "data", (("items", "'data'"),))
    listing = _op(
        name="list",
        path="/items",
        parameters=(),
        response=ir.Response("json", t.ModelRef("ItemPage"), "200"),
        pagination=page,
    )
    [method] = _view(listing).methods
    assert method.call == "paginate" and method.has_raw_response
    assert method.returns == "SyncOffsetPage[Item, ItemPage]"
    assert method.async_returns == "AsyncOffsetPage[Item, ItemPage]"
    # The page class is the first argument, the sync or async one.
    assert method.call_arguments(False)[:2] == (
        "SyncOffsetPage[Item, ItemPage]",
        "OffsetPagination(items='data')",
    )
    assert method.call_arguments(True)[0] == "AsyncOffsetPage[Item, ItemPage]"
    assert "item_type=Item" in method.arguments and "body_type=ItemPage" in method.arguments


def test_a_resource_with_sub_resources_names_their_classes_for_type_checking() -> None:
    child = ir.Resource(
        "/items/{id}/parts", "parts", ("items", "parts"), "ItemsPartsResource",
        "AsyncItemsPartsResource", "ItemsPartsResourceWithRawResponse",
        "AsyncItemsPartsResourceWithRawResponse", "items_parts", "Parts.", (),
    )  # fmt: skip
    resource = ir.Resource(
        "items", "items", ("items",), "ItemsResource", "AsyncItemsResource",
        "ItemsResourceWithRawResponse", "AsyncItemsResourceWithRawResponse", "items", "Items.",
        (_op(),), (child,),
    )  # fmt: skip
    view = resource_view(resource, {"Item": "item"})
    assert ("typing", "TYPE_CHECKING, Unpack") in view.std_imports


def test_the_docstring_marks_each_required_argument() -> None:
    """`help()` shows an overloaded method by its implementation, where every keyword has
    a default: the Args section is where a reader learns what must be given."""
    query = ir.Parameter("tag", "tag", "query", t.STR, True)
    name = ir.Field("name", "name", t.STR, True, "What the item is called.")
    kind = ir.Field("kind", "kind", t.EnumRef("Kind"), False, "What sort of item.")
    body = ir.Body(
        "json", "application/json", t.ModelRef("ItemCreate"), True, (kind, name), "ItemCreate"
    )
    create = _op(
        name="create",
        http_method="post",
        parameters=(*_op().parameters, query),
        body=body,
    )
    [method] = _view(create).methods
    assert "tag (required):" in method.doc
    assert "name (required unless `body` is given): What the item is called." in method.doc
    assert "    kind: What sort of item." in method.doc
    # A path parameter is positional, so the signature says it is required.
    assert "    item_id" not in method.doc
