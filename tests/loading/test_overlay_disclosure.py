"""What overlays and placement tell the load report: every fact an overlay adds is an
assumption about the operation or schema it changes, every operation left unplaced is
left out (with the overlay's reason), and an overlay's new operationId follows the
loader's diagnostics about the operation."""

from __future__ import annotations

from typing import Any

from generator.diagnostics import Diagnostics, Disclosure, Subject
from generator.loading.overlay import (
    METHOD_KEY,
    PATH_KEY,
    REASON_KEY,
    UNPLACED,
    apply_overlay,
    place_operations,
)


def document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Shop", "version": "1"},
        "paths": {"/items": {"get": {"operationId": "listItems", "responses": {}}}},
        "components": {
            "schemas": {"Item": {"type": "object", "properties": {"tags": {"type": "array"}}}}
        },
        UNPLACED: {
            "unnamed_first": {"operationId": "unnamed_first", "responses": {}},
            "deleteItem": {"operationId": "deleteItem", "responses": {}},
        },
    }


OVERLAY = {
    "overlay": "1.0.0",
    "info": {"title": "facts from the vendor's own document", "version": "1"},
    "actions": [
        {
            "target": f'$["{UNPLACED}"]["unnamed_first"]',
            "description": "heading lost; the official operation by position",
            "update": {"operationId": "getItem", METHOD_KEY: "get", PATH_KEY: "/items/{id}"},
        },
        {
            "target": "$.components.schemas.Item.properties.tags",
            "description": "tags are strings",
            "update": {"items": {"type": "string"}},
        },
        {"target": "$.paths['/items'].get", "update": {"summary": "List items"}},
        {
            "target": "$.components.schemas",
            "description": "two schemas the capture lacks",
            "update": {"Page": {"type": "object"}, "Cursor": {"type": "string"}},
        },
        {
            "target": "$",
            "description": "the security scheme",
            "update": {"security": [{"key": []}]},
        },
        {
            "target": f'$["{UNPLACED}"]["deleteItem"]',
            "description": "no route here",
            "update": {REASON_KEY: "the route table has no delete of one item"},
        },
    ],
}


def test_each_overlay_action_is_an_assumption_about_what_it_changes() -> None:
    diagnostics = Diagnostics()
    apply_overlay(document(), OVERLAY, "specs/shop/overlays/facts.yaml", diagnostics)
    assert {d.disclosure for d in diagnostics.items} == {Disclosure.ASSUMED}
    assert {d.message for d in diagnostics.items} == {
        "from overlay facts.yaml: facts from the vendor's own document"
    }
    assert [(d.subject, d.action) for d in diagnostics.items] == [
        (Subject("operation", "getItem"), "heading lost; the official operation by position"),
        (Subject("schema", "Item"), "tags are strings"),
        (Subject("operation", "listItems"), ""),
        (Subject("schema", "Page"), "two schemas the capture lacks"),
        (Subject("schema", "Cursor"), "two schemas the capture lacks"),
        (None, "the security scheme"),
    ]
    # The reason an operation has no route adds no fact: it is not an assumption.
    assert diagnostics.items[-1].location.endswith("#/actions/4")


def test_an_unplaced_operation_is_left_out_with_the_overlays_reason() -> None:
    diagnostics = Diagnostics()
    spec = document()
    diagnostics.note(
        "page.txt:3", "response inferred", subject=Subject("operation", "unnamed_first")
    )
    apply_overlay(spec, OVERLAY, "facts.yaml", diagnostics)
    place_operations(spec, "page.txt", diagnostics)
    assert spec["paths"]["/items/{id}"]["get"]["operationId"] == "getItem"
    left_out = [d for d in diagnostics.items if d.disclosure is Disclosure.LEFT_OUT]
    assert [(d.subject, d.action) for d in left_out] == [
        (
            Subject("operation", "deleteItem"),
            "left out: the route table has no delete of one item",
        )
    ]
    # The loader's note about the lost heading now names the operation the overlay made.
    assert diagnostics.items[0].subject == Subject("operation", "getItem")


def test_an_operation_placed_on_a_taken_route_is_left_out() -> None:
    diagnostics = Diagnostics()
    spec = document()
    spec[UNPLACED]["deleteItem"].update({METHOD_KEY: "get", PATH_KEY: "/items"})
    place_operations(spec, "page.txt", diagnostics)
    left_out = [d for d in diagnostics.items if d.disclosure is Disclosure.LEFT_OUT]
    assert [(d.message, d.subject) for d in left_out] == [
        ("GET /items is already taken", Subject("operation", "deleteItem")),
        ("no HTTP method and path for this operation", Subject("operation", "unnamed_first")),
    ]
