"""Generated code reads as if written by hand: no docstring that only repeats a class
name, one `alias=` per renamed field, and `help()` that says which arguments a call
requires. (Unused imports: ruff's F401 in test_checkers.)"""

from __future__ import annotations

import ast
import pydoc

import pytest

from tests.conftest import GOLDEN_CASES, ROOT, import_generated

PACKAGES = [
    *(
        ROOT / "generated" / vendor / vendor
        for vendor in ("catalog", "datafold", "eddytor", "lightdash", "qluster")
    ),
    *(
        case / "expected" / case.name
        for case in sorted(GOLDEN_CASES.iterdir())
        if case.is_dir()
    ),
]
MODEL_FILES = sorted(
    path for package in PACKAGES for path in (package / "models").glob("*.py")
    if path.name != "__init__.py"
)  # fmt: skip


def _names_only(docstring: str, names: set[str]) -> bool:
    words = docstring.replace(",", " ").replace("`", " ").rstrip(".").split()
    return bool(words) and set(words) <= names | {"and"}


def test_no_model_docstring_only_repeats_a_class_name() -> None:
    offenders = []
    for path in MODEL_FILES:
        module = ast.parse(path.read_text("utf-8"))
        classes = [node for node in module.body if isinstance(node, ast.ClassDef)]
        names = {c.name for c in classes}
        nodes: list[ast.Module | ast.ClassDef] = [module, *classes]
        for node in nodes:
            docstring = ast.get_docstring(node)
            if docstring is not None and _names_only(docstring, names):
                offenders.append(f"{path.relative_to(ROOT)}: {docstring!r}")
    assert len(MODEL_FILES) > 300
    assert not offenders, "\n".join(offenders[:20])


def test_a_renamed_field_has_one_alias() -> None:
    texts = {path: path.read_text("utf-8") for path in MODEL_FILES}
    assert not [p for p, text in texts.items() if "validation_alias" in text]
    assert not [p for p, text in texts.items() if "serialization_alias" in text]
    assert sum(text.count("Field(alias=") for text in texts.values()) > 50


def test_an_aliased_field_reads_by_wire_name_and_dumps_by_alias() -> None:
    import_generated(ROOT / "generated" / "eddytor", "eddytor")
    from eddytor.models import SubscriptionItemResponse as Item  # type: ignore[import-not-found]

    wire = {
        "priceId": "p1", "quantity": 2, "seatType": "editor", "subscriptionItemId": "s1",
        "userCount": 3,
    }  # fmt: skip
    parsed = Item.model_validate(wire)
    assert (parsed.price_id, parsed.subscription_item_id) == ("p1", "s1")
    built = Item(
        price_id="p1",
        quantity=2,
        seat_type="editor",
        subscription_item_id="s1",
        user_count=3,
    )
    assert built.to_dict() == parsed.to_dict() == wire
    # populate_by_name: the Python names are accepted in a document too.
    by_name = {
        "price_id": "p1", "quantity": 2, "seat_type": "editor", "subscription_item_id": "s1",
        "user_count": 3,
    }  # fmt: skip
    assert Item.model_validate(by_name).to_dict() == wire
    assert built.model_dump()["price_id"] == "p1"


@pytest.mark.parametrize("client_class", ["Eddytor", "AsyncEddytor"])
def test_help_says_which_arguments_are_required(client_class: str) -> None:
    sdk = import_generated(ROOT / "generated" / "eddytor", "eddytor")
    client = getattr(sdk, client_class)(api_key="k", base_url="http://127.0.0.1:9")
    shown = pydoc.render_doc(client.api_keys.create, renderer=pydoc.TextDoc())
    # The implementation's signature gives every keyword a default (the overloads do
    # not reach help()); the Args section says what a call must pass.
    assert "name: 'str | NotGiven' = NOT_GIVEN" in shown
    assert "name (required unless `body` is given): A unique name" in shown
    assert "expires_at: Optional expiration date" in shown
