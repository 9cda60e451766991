"""`tools/history`: the surface comparison on two hand-written versions of one spec, and
its matching with `sdkgen diff` output (hand-made JSON, both formats). No network."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tools.history.compare import Finding, breaking_subjects, compare
from tools.history.match import ancestors, match
from tools.history.run import generate_both
from tools.history.sdkgen_diff import Placer, breaking_changes, run_diff
from tools.history.surface import Surface, describe
from tools.history.typeset import accepts, parse

ROOT = Path(__file__).resolve().parent.parent.parent

OLD = """\
openapi: 3.0.3
info: {title: Shop, version: "1"}
servers: [{url: https://shop.example}]
paths:
  /items:
    get:
      operationId: listItems
      tags: [items]
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
        - {name: cursor, in: query, schema: {type: string}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/ItemPage"}}}}
    post:
      operationId: createItem
      tags: [items]
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/NewItem"}}}
      responses:
        "201": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Item"}}}}
  /items/{item_id}:
    get:
      operationId: getItem
      tags: [items]
      parameters:
        - {name: item_id, in: path, required: true, schema: {type: string}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Item"}}}}
    delete:
      operationId: deleteItem
      tags: [items]
      parameters:
        - {name: item_id, in: path, required: true, schema: {type: string}}
      responses:
        "204": {description: gone}
  /slots:
    get:
      operationId: listSlots
      tags: [slots]
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: array, items: {$ref: "#/components/schemas/Slot"}}}}}
  /ping:
    post:
      operationId: ping
      tags: [misc]
      responses:
        "204": {description: pong}
components:
  schemas:
    Color: {type: string, enum: [red, green, blue]}
    Item:
      type: object
      required: [id, name, color]
      properties:
        id: {type: string}
        name: {type: string}
        color: {$ref: "#/components/schemas/Color"}
        note: {type: string, nullable: true}
        legacy: {type: string}
    NewItem:
      type: object
      required: [name]
      properties:
        name: {type: string}
        color: {$ref: "#/components/schemas/Color"}
    ItemPage:
      type: object
      required: [items]
      properties:
        items: {type: array, items: {$ref: "#/components/schemas/Item"}}
        next: {type: string}
    Slot:
      type: object
      required: [start]
      properties:
        start: {type: string, format: time}
    Unused:
      type: object
      properties:
        gone: {type: string}
"""

NEW = """\
openapi: 3.0.3
info: {title: Shop, version: "2"}
servers: [{url: https://shop.example}]
paths:
  /items:
    get:
      operationId: listItems
      tags: [catalog]
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
        - {name: sort, in: query, schema: {type: string}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/ItemPage"}}}}
    post:
      operationId: createItem
      tags: [items]
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: "#/components/schemas/NewItem"}}}
      responses:
        "201": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Item"}}}}
  /items/{item_id}:
    get:
      operationId: getItem
      tags: [items]
      parameters:
        - {name: item_id, in: path, required: true, schema: {type: string}}
        - {name: expand, in: query, required: true, schema: {type: boolean}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/Item"}}}}
  /slots:
    get:
      operationId: listSlots
      tags: [slots]
      responses:
        "200": {description: ok, content: {application/json: {schema: {type: array, items: {$ref: "#/components/schemas/Slot"}}}}}
  /ping:
    post:
      operationId: ping
      tags: [misc]
      responses:
        "200": {description: pong, content: {application/json: {schema: {$ref: "#/components/schemas/Pong"}}}}
components:
  schemas:
    Color: {type: string, enum: [red, green]}
    Item:
      type: object
      required: [id, color, note]
      properties:
        id: {type: string}
        name: {type: string}
        color: {$ref: "#/components/schemas/Color"}
        note: {type: string}
    NewItem:
      type: object
      required: [name, size]
      properties:
        name: {type: string}
        color: {$ref: "#/components/schemas/Color"}
        size: {type: integer}
    ItemPage:
      type: object
      required: [items]
      properties:
        items: {type: array, items: {$ref: "#/components/schemas/Item"}}
        next: {type: string}
    Slot:
      type: object
      required: [start]
      properties:
        start: {type: string}
    Pong:
      type: object
      properties:
        at: {type: string}
    Unused:
      type: object
      properties:
        kept: {type: string}
"""

BREAKING = {
    "Color.BLUE": "a member of an enum methods take and return",
    "Item.legacy": "a field of a returned model, removed",
    "Item.name": "a returned field that may now be None",
    "NewItem.size": "a new required field of a model a method takes",
    "client.items.create(size)": "the same field, as a keyword argument",
    "client.items.delete": "an operation removed",
    "client.items.retrieve(expand)": "a new required query parameter",
    "client.items.list": "a tag change: now client.catalog.list_items",
    "client.catalog.list_items(cursor)": "and, moved, it no longer takes cursor",
}


@pytest.fixture(scope="module")
def specs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp("history")
    paths = []
    for side, text in (("old", OLD), ("new", NEW)):
        spec = work / side / "shop.yaml"
        spec.parent.mkdir()
        spec.write_text(text, encoding="utf-8")
        paths.append(spec)
    return paths[0], paths[1]


@pytest.fixture(scope="module")
def surfaces(specs: tuple[Path, Path]) -> tuple[Surface, Surface]:
    return generate_both(ROOT, *specs, specs[0].parent.parent)


@pytest.fixture(scope="module")
def findings(surfaces: tuple[Surface, Surface]) -> list[Finding]:
    return compare(*surfaces)


def test_the_breaking_set_is_exactly_what_breaks_a_caller(findings: list[Finding]) -> None:
    assert breaking_subjects(findings) == set(BREAKING)


def test_harmless_differences_are_reported_but_not_breaking(findings: list[Finding]) -> None:
    harmless = {f.subject: f.reason for f in findings if not f.breaking}
    assert "narrower, and only read" in harmless["Item.note"]
    assert "no method takes or returns `Unused`" in harmless["Unused.gone"]
    assert harmless["client.catalog.list_items"] == "added"
    assert harmless["client.misc.ping()"].startswith("returns `Pong`")
    # `format: time` -> plain string: `start: str` on both sides, so nothing at all.
    assert not [f for f in findings if f.subject.startswith("Slot")]


def test_a_moved_method_names_its_new_call_path(findings: list[Finding]) -> None:
    moved = next(f for f in findings if f.subject == "client.items.list")
    assert moved.reason == "moved to `client.catalog.list_items`"


def test_surface_reads_signatures_and_fields(surfaces: tuple[Surface, Surface]) -> None:
    old, _ = surfaces
    get = old.methods["client.items.retrieve"]
    assert [(p.name, p.position, p.required) for p in get.forms[0].values()] == [
        ("item_id", 0, True)
    ]
    assert str(get.returns) == "Item"
    assert get.route == "GET /items/{item_id}"
    assert describe(old, "Item.note") == "`note: str | None` (optional)"
    assert old.enums["Color"].members == {"RED": "'red'", "GREEN": "'green'", "BLUE": "'blue'"}


@pytest.mark.parametrize(
    ("wide", "narrow", "fits"),
    [
        ("float", "int", True),
        ("int", "float", False),
        ("str", "Color", True),
        ("Color", "str", False),
        ("str | None", "str", True),
        ("str", "str | None", False),
        ("list[float]", "list[bool]", True),
        ("Any", "Pet", True),
        ("Pet", "Any", True),
        ('Literal["a", "b"]', 'Literal["a"]', True),
        ('Literal["a"]', "str", False),
        ("Annotated[Cat | Dog, Discriminator(x)]", "Cat", True),
    ],
)
def test_accepts_follows_what_a_type_checker_allows(wide: str, narrow: str, fits: bool) -> None:
    def type_of(text: str) -> object:
        return parse(ast.parse(text, mode="eval").body)

    assert accepts(type_of(wide), type_of(narrow), {"Color": "str"}) is fits  # type: ignore[arg-type]


def test_matching_against_diff_json_with_subjects(
    surfaces: tuple[Surface, Surface], findings: list[Finding]
) -> None:
    payload = {
        "summary": {"breaking": 5, "additive": 1, "docs": 0},
        "changes": [
            _change("breaking", "client.items.list", "now `client.catalog.list_items()`"),
            _change("breaking", "client.items.retrieve(expand)", "new required argument"),
            _change("breaking", "client.items.delete(item_id)", "argument removed"),
            _change("breaking", "Slot.start", "changed type from `time` to `str`"),
            _change("breaking", "Item.note", "no longer nullable"),
            _change("additive", "client.catalog.list_items", "added"),
        ],
    }
    result = breaking_changes(payload, Placer(*surfaces, []))
    assert result.with_subjects
    matched = match(findings, result.breaking, lambda s: describe(surfaces[0], s))
    assert {f.subject for f in matched.found} == {
        "client.items.list",
        "client.items.retrieve(expand)",
        "client.items.delete",
    }
    assert {f.subject for f in matched.missed} == set(BREAKING) - {f.subject for f in matched.found}
    reasons = {x.change.subjects[0]: x.reason for x in matched.false}
    assert reasons == {
        "Slot.start": "no difference on the generated surface: `start: str` on both sides",
        "Item.note": "`Item.note`: `str | None` -> `str`: narrower, and only read",
    }


def test_diff_json_without_subjects_is_placed_on_the_surface(
    surfaces: tuple[Surface, Surface], findings: list[Finding]
) -> None:
    documents = [{"paths": {"/items": {"get": {"operationId": "listItems"}}}}]
    payload = {
        "summary": {"breaking": 3},
        "changes": [
            _old_change(
                "model.field.removed:Item.legacy", "#/components/schemas/Item/properties/legacy", []
            ),
            _old_change("operation.removed:listItems", "#/paths/~1items/get", ["listItems"]),
            _old_change(
                "model.field.type:Slot.start", "#/components/schemas/Slot/properties/start", []
            ),
        ],
    }
    result = breaking_changes(payload, Placer(*surfaces, documents))
    assert not result.with_subjects
    assert [c.subjects for c in result.breaking] == [
        ("Item.legacy",),
        ("client.items.list",),
        ("Slot.start",),
    ]
    matched = match(findings, result.breaking, lambda s: describe(surfaces[0], s))
    assert [x.change.id for x in matched.false] == ["model.field.type:Slot.start"]


def test_the_real_diff_names_subjects_the_surfaces_have(
    specs: tuple[Path, Path], surfaces: tuple[Surface, Surface], findings: list[Finding]
) -> None:
    """The contract between the two tools, not the diff's verdicts (bench/HISTORY.md)."""
    result = breaking_changes(run_diff(ROOT, *specs), Placer(*surfaces, []))
    assert result.with_subjects and result.breaking
    for change in result.breaking:
        (subject,) = change.subjects
        named = [subject, *ancestors(subject)]
        assert any(describe(side, s) for side in surfaces for s in named), subject
    match(findings, result.breaking, lambda s: describe(surfaces[0], s))


def _change(kind: str, subject: str, message: str) -> dict[str, str]:
    return {"id": f"x:{subject}", "kind": kind, "message": message, "subject": subject}


def _old_change(id: str, location: str, operations: list[str]) -> dict[str, object]:
    return {
        "id": id,
        "kind": "breaking",
        "message": id,
        "location": location,
        "document": "old",
        "operations": operations,
    }
