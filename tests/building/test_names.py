"""The naming pass's one collision check, and the names it gives a small API."""

from __future__ import annotations

from generator import ir
from generator.building import build_api
from generator.building.names import Scope
from generator.config import PackageConfig, SdkConfig, SourceConfig
from generator.diagnostics import Diagnostics
from generator.ir import types as t

CONFIG = SdkConfig(source=SourceConfig(path="spec.json"), package=PackageConfig(name="pets"))


def _settle(
    wanted: list[tuple[str, str]], record: dict[str, tuple[str, str]] | None = None, **kw: object
) -> dict[str, str]:
    return Scope(record or {}, [], **kw).settle(wanted)  # type: ignore[arg-type]


def test_the_first_in_the_given_order_keeps_the_plain_name() -> None:
    assert _settle([("a", "list"), ("b", "list"), ("c", "list")]) == {
        "a": "list",
        "b": "list_2",
        "c": "list_3",
    }
    assert _settle([("a", "Pet"), ("b", "Pet")], numbered=lambda n, i: f"{n}{i}") == {
        "a": "Pet",
        "b": "Pet2",
    }


def test_reserved_names_are_never_given() -> None:
    assert _settle([("a", "with_raw_response")], reserved={"with_raw_response"}) == {
        "a": "with_raw_response_2"
    }


def test_a_recorded_name_is_kept_while_the_rules_want_the_same() -> None:
    record = {"b": ("list", "list")}
    assert _settle([("a", "list"), ("b", "list")], record) == {"a": "list_2", "b": "list"}


def test_a_recorded_name_gives_way_when_the_rules_changed() -> None:
    record = {"b": ("list", "list")}
    assert _settle([("a", "list"), ("b", "list_all")], record) == {"a": "list", "b": "list_all"}


def test_a_recorded_name_is_kept_while_it_is_one_the_rules_offer() -> None:
    """A newcomer made both methods want their long names: the one recorded as `list`
    may keep it, since the rules would still call it that alone."""
    record = {"a": ("list", "list")}
    names = Scope(record, []).settle(
        [("a", "list_items"), ("b", "list")], {"a": ("list", "list_items")}
    )
    assert names == {"a": "list", "b": "list_2"}


def _api(document: dict[str, object]) -> ir.Api:
    return build_api(document, CONFIG, "spec.json", Diagnostics())


def test_a_property_a_component_declares_is_named_after_it_when_inherited() -> None:
    kind = {"type": "string", "enum": ["cat", "dog"]}
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Pets", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {
                "Animal": {
                    "allOf": [
                        {"$ref": "#/components/schemas/Pet"},
                        {"properties": {"legs": {"type": "integer"}}},
                    ]
                },
                "Pet": {"type": "object", "properties": {"kind": kind, "name": {"type": "string"}}},
            }
        },
    }
    api = _api(document)
    assert [e.class_name for e in api.enums] == ["PetKind"]
    fields = {m.class_name: {f.name: f.type for f in m.fields} for m in api.models}
    assert fields["Animal"]["kind"] == fields["Pet"]["kind"] == t.EnumRef("PetKind")


def test_a_field_never_hides_a_name_its_class_uses() -> None:
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Pets", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {
                "Event": {
                    "type": "object",
                    "properties": {
                        "date": {"type": "string", "format": "date"},
                        "type": {"type": "string"},
                    },
                }
            }
        },
    }
    [event] = _api(document).models
    # `date` would hide the `date` class its own annotation names; `type` hides nothing.
    assert [(f.name, f.wire_name) for f in event.fields] == [("date_", "date"), ("type", "type")]


def test_a_property_named_as_a_field_keeps_the_name_whatever_the_order() -> None:
    """Models accept a field's name as well as its wire name: `aB` must not be called
    `a_b` beside a property `a_b`, or a body with `a_b` would fill both."""
    for order in (("aB", "a_b"), ("a_b", "aB")):
        document = {
            "openapi": "3.1.0",
            "info": {"title": "Pets", "version": "1"},
            "paths": {},
            "components": {
                "schemas": {
                    "Pair": {"type": "object", "properties": {w: {"type": "string"} for w in order}}
                }
            },
        }
        [pair] = _api(document).models
        assert {(f.wire_name, f.name) for f in pair.fields} == {("a_b", "a_b"), ("aB", "a_b_2")}
