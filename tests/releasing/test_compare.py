"""Changes judged on the package surface: what breaks a caller, named as a caller types it."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from generator.pipeline import build_surface
from generator.releasing.changes import ChangeReport, Kind
from generator.releasing.compare import compare_surfaces
from tests.releasing.conftest import ITEM, Compare, Doc, write_spec


def kinds(report: ChangeReport) -> dict[str, Kind]:
    return {c.subject: c.kind for c in report.changes}


def test_no_change_reports_nothing(compare: Compare, old: Doc, new: Doc) -> None:
    assert compare(old, new).changes == ()


def test_a_tag_move_is_one_breaking_change_naming_both_calls(
    compare: Compare, old: Doc, new: Doc
) -> None:
    new["paths"]["/items"]["get"]["tags"] = ["catalog"]
    report = compare(old, new)
    moved = [c for c in report.changes if c.id == "method.moved:GET /items"]
    assert len(moved) == 1 and moved[0].kind is Kind.BREAKING
    assert moved[0].message == "`client.items.list()` is now `client.catalog.list_items()`"
    assert report.breaking == tuple(moved)


def test_a_format_that_changes_no_annotation_is_no_change(
    compare: Compare, old: Doc, new: Doc
) -> None:
    """`{type: string, format: time}` and `{type: string}` are both `str`."""
    del new["components"]["schemas"]["Slot"]["properties"]["start"]["format"]
    assert compare(old, new).changes == ()


def test_a_union_written_differently_with_the_same_annotation_is_no_change(
    compare: Compare, old: Doc, new: Doc
) -> None:
    new["components"]["schemas"]["Item"]["properties"]["price"] = {
        "anyOf": [{"type": "number"}, {"type": "null"}]
    }
    assert compare(old, new).changes == ()


def test_a_received_field_that_can_no_longer_be_none_breaks_nobody(
    compare: Compare, old: Doc, new: Doc
) -> None:
    new["components"]["schemas"]["Item"]["properties"]["price"] = {"type": "number"}
    new["components"]["schemas"]["Item"]["required"].append("price")
    report = compare(old, new)
    assert kinds(report) == {"Item.price": Kind.ADDITIVE}
    assert report.changes[0].message == "`Item.price` is now `float` (was `float | None`)"


def test_a_received_field_that_may_now_be_none_breaks_readers(
    compare: Compare, old: Doc, new: Doc
) -> None:
    new["components"]["schemas"]["Item"]["required"].remove("name")
    assert kinds(compare(old, new)) == {"Item.name": Kind.BREAKING}


def test_a_sent_field_that_became_required_breaks_callers(
    compare: Compare, old: Doc, new: Doc
) -> None:
    new["components"]["schemas"]["ItemCreate"]["required"].append("status")
    report = compare(old, new)
    assert kinds(report)["ItemCreate.status"] is Kind.BREAKING
    assert kinds(report)["client.items.create(status)"] is Kind.BREAKING


def test_changes_to_a_model_no_method_uses_break_nobody(
    compare: Compare, old: Doc, new: Doc
) -> None:
    del new["components"]["schemas"]["Audit"]["properties"]["who"]
    new["components"]["schemas"]["Audit"]["properties"]["when"] = {"type": "integer"}
    report = compare(old, new)
    assert set(kinds(report)) == {"Audit.who", "Audit.when"}
    assert report.breaking == ()


def test_removing_a_model_breaks_its_import(compare: Compare, old: Doc, new: Doc) -> None:
    del new["components"]["schemas"]["Audit"]
    [change] = compare(old, new).changes
    assert change.kind is Kind.BREAKING
    assert change.message == "`Audit` was removed from `shop.models`"


def test_arguments_added_removed_and_retyped(compare: Compare, old: Doc, new: Doc) -> None:
    parameters = new["paths"]["/items"]["get"]["parameters"]
    parameters[0]["schema"] = {"type": "number"}  # limit: int -> float, wider for callers
    del parameters[1]  # kind removed
    parameters.append({"name": "cursor", "in": "query", "schema": {"type": "string"}})
    parameters.append(
        {"name": "region", "in": "query", "required": True, "schema": {"type": "string"}}
    )
    report = compare(old, new)
    assert kinds(report) == {
        "client.items.list(limit)": Kind.ADDITIVE,
        "client.items.list(kind)": Kind.BREAKING,
        "client.items.list(cursor)": Kind.ADDITIVE,
        "client.items.list(region)": Kind.BREAKING,
        "ListItemsKind": Kind.BREAKING,  # its enum went with it: the import breaks
    }
    messages = {c.subject: c.message for c in report.changes}
    assert (
        messages["client.items.list(region)"] == "`client.items.list()` now requires `region: str`"
    )
    assert messages["client.items.list(kind)"] == "`client.items.list()` no longer takes `kind`"


def test_a_narrower_argument_type_breaks_callers(compare: Compare, old: Doc, new: Doc) -> None:
    new["paths"]["/items"]["get"]["parameters"][1]["schema"]["enum"] = ["book"]
    # The enum class is open, so its members are what callers type: one is gone.
    report = compare(old, new)
    assert [(c.subject, c.kind) for c in report.changes] == [("ListItemsKind.GAME", Kind.BREAKING)]


def test_enum_members_added_are_additive(compare: Compare, old: Doc, new: Doc) -> None:
    new["components"]["schemas"]["Status"]["enum"].append("draft")
    assert kinds(compare(old, new)) == {"Status.DRAFT": Kind.ADDITIVE}


def test_a_removed_operation_names_its_call(compare: Compare, old: Doc, new: Doc) -> None:
    del new["paths"]["/items/{item_id}"]["delete"]
    [change] = compare(old, new).changes
    assert change.id == "method.removed:DELETE /items/{item_id}"
    assert change.message == "`client.items.delete()` was removed (DELETE /items/{item_id})"


def test_a_removed_iter_companion_says_what_replaces_it(tmp_path: Path, old: Doc) -> None:
    """Packages made before paginated methods returned pages recorded a `<name>_iter`
    companion (`GET /items iter`); its removal tells callers where the items went."""
    surface = build_surface(write_spec(tmp_path / "shop", old), {})
    listing = next(m for m in surface.methods if m.call == "client.items.list")
    companion = dataclasses.replace(
        listing, call="client.items.list_iter", operation=f"{listing.operation} iter"
    )
    before = dataclasses.replace(surface, methods=(*surface.methods, companion))
    [change] = compare_surfaces(before, surface).changes
    assert change.kind is Kind.BREAKING
    assert change.message == (
        "`client.items.list_iter()` was removed: `client.items.list()` returns a page, "
        "and iterating over it yields every item"
    )


def test_a_new_return_type_is_breaking_and_says_both(compare: Compare, old: Doc, new: Doc) -> None:
    new["paths"]["/items/{item_id}"]["get"]["responses"]["200"]["content"]["application/json"][
        "schema"
    ] = {"$ref": "#/components/schemas/Slot"}
    [change] = compare(old, new).changes
    assert change.kind is Kind.BREAKING
    assert change.message == "`client.items.retrieve()` now returns `Slot` (was `Item`)"


def test_documentation_only_changes_are_docs(compare: Compare, old: Doc, new: Doc) -> None:
    new["paths"]["/items"]["get"]["summary"] = "List every item"
    new["components"]["schemas"]["Item"]["properties"]["name"]["description"] = "Shown to buyers"
    report = compare(old, new)
    assert {c.kind for c in report.changes} == {Kind.DOCS}
    assert {c.subject for c in report.changes} == {"client.items.list", "Item.name"}


def test_a_schema_renamed_in_the_spec_is_one_rename(compare: Compare, old: Doc, new: Doc) -> None:
    """A component renamed in the spec is another schema (its origin changed): the old
    class is gone and a new one arrived; every method that used it is a type change."""
    schemas = new["components"]["schemas"]
    schemas["Product"] = schemas.pop("Audit")
    report = compare(old, new)
    assert kinds(report) == {"Audit": Kind.BREAKING, "Product": Kind.ADDITIVE}


def test_webhook_events_are_part_of_the_surface(compare: Compare, old: Doc, new: Doc) -> None:
    payload = {"content": {"application/json": {"schema": {"type": "object"}}}}
    event = {"post": {"requestBody": payload, "responses": {"200": {"description": "ok"}}}}
    old["webhooks"] = {"item.created": event, "item.deleted": event}
    new["webhooks"] = {"item.created": event, "item.sold": event}
    assert [(c.id, c.kind) for c in compare(old, new).changes] == [
        ("webhook.removed:item.deleted", Kind.BREAKING),
        ("webhook.added:item.sold", Kind.ADDITIVE),
    ]


def test_a_route_that_moved_under_the_same_call_breaks_nobody(
    compare: Compare, old: Doc, new: Doc
) -> None:
    new["paths"]["/products/{item_id}"] = new["paths"].pop("/items/{item_id}")
    report = compare(old, new)
    assert report.breaking == ()
    assert {(c.subject, c.kind) for c in report.changes} == {
        ("client.items.retrieve", Kind.DOCS),
        ("client.items.delete", Kind.DOCS),
    }
    assert (
        "`client.items.retrieve()` now calls GET /products/{item_id} (was GET /items/{item_id})"
        in {c.message for c in report.changes}
    )


def test_a_method_that_returned_nothing_may_start_returning_something(
    compare: Compare, old: Doc, new: Doc
) -> None:
    new["paths"]["/items/{item_id}"]["delete"]["responses"] = {
        "200": {
            "description": "The deleted item",
            "content": {"application/json": {"schema": ITEM}},
        }
    }
    [change] = compare(old, new).changes
    assert change.kind is Kind.ADDITIVE
    assert change.message == "`client.items.delete()` now returns `Item` (was `None`)"
