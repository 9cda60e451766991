"""`nullable: true` in an OpenAPI 3.1 document (a 3.0 keyword real 3.1 descriptions keep)
is honoured as it is in 3.0, with one note in the load report: the generated models accept
`null` where the spec says so (a streamed `"finish_reason": null`), and nowhere else."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.diagnostics import Diagnostics
from generator.pipeline import load_normalized
from tests.conftest import shared_file
from tests.properties.packages import build


def _document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Nulls", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {
                "Reason": {"type": "string", "enum": ["stop", "length"]},
                "Choice": {
                    "type": "object",
                    "required": ["finish_reason", "index", "label", "detail", "strict"],
                    "properties": {
                        "finish_reason": {"$ref": "#/components/schemas/Reason", "nullable": True},
                        "index": {"type": "integer", "nullable": True},
                        "label": {"type": "string", "enum": ["a", "b"], "nullable": True},
                        "detail": {
                            "allOf": [{"$ref": "#/components/schemas/Detail"}],
                            "nullable": True,
                        },
                        "strict": {"type": "string", "nullable": False},
                    },
                },
                "Detail": {"type": "object", "properties": {"x": {"type": "string"}}},
            }
        },
    }


def test_the_load_report_notes_it_once_with_the_count(tmp_path: Path) -> None:
    spec = tmp_path / "nulls.json"
    spec.write_text(json.dumps(_document()))
    diagnostics = Diagnostics()
    document = load_normalized(spec, diagnostics)
    notes = [d for d in diagnostics.notes if "nullable" in d.message]
    assert len(notes) == 1, diagnostics.items
    assert "4 times" in notes[0].message
    assert notes[0].location.startswith(f"{spec}#/components/schemas/Choice/properties/")
    assert "nullable" not in json.dumps(document), "the 3.0 keyword is gone after normalising"


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Any:
    build(_document(), tmp_path_factory.mktemp("nulls"), "nulls")
    return __import__("nulls.models", fromlist=["Choice"])


def test_null_is_accepted_where_the_spec_says(models: Any) -> None:
    choice = models.Choice.model_validate(
        {"finish_reason": None, "index": None, "label": None, "detail": None, "strict": "s"}
    )
    assert (choice.finish_reason, choice.index, choice.label, choice.detail) == (None,) * 4
    assert (
        models.Choice.model_validate(
            {"finish_reason": "stop", "index": 1, "label": "a", "detail": {"x": "y"}, "strict": "s"}
        ).index
        == 1
    )


def test_null_is_refused_where_the_spec_does_not_say(models: Any) -> None:
    with pytest.raises(ValueError, match="strict"):
        models.Choice.model_validate(
            {"finish_reason": None, "index": None, "label": None, "detail": None, "strict": None}
        )


def test_openai_description_keeps_every_nullable() -> None:
    spec = shared_file("corpus/openai/openapi.yaml")
    diagnostics = Diagnostics()
    load_normalized(spec, diagnostics)
    (note,) = [d for d in diagnostics.notes if "nullable" in d.message]
    assert "111 times" in note.message
