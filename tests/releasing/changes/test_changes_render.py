"""Text, Markdown and JSON renderings of a report."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from generator.releasing.changes import (
    ChangeReport,
    compare_documents,
    render,
    render_json,
    render_markdown,
    render_text,
)

Doc = dict[str, Any]


@pytest.fixture
def report(old: Doc, new: Doc) -> ChangeReport:
    del new["paths"]["/tables/{table_id}"]["delete"]
    del new["components"]["schemas"]["Table"]["properties"]["name"]
    new["paths"]["/tables"]["get"]["parameters"].append(
        {"name": "cursor", "in": "query", "schema": {"type": "string"}}
    )
    new["paths"]["/tables"]["get"]["summary"] = "List every table"
    return compare_documents(old, new)


def test_text_lists_groups_with_counts_and_ids(report: ChangeReport) -> None:
    text = render_text(report, acknowledged={"operation.removed:deleteTable"})
    assert text.splitlines() == [
        "2 breaking, 1 additive, 1 docs-only changes",
        "",
        "Breaking (2):",
        (
            "  - `Table.name` was removed (used by createTable, getTable, listTables and 1 more)"
            "  [model.field.removed:Table.name]"
        ),
        (
            "  - operation `deleteTable` (DELETE /tables/{table_id}) was removed (acknowledged)"
            "  [operation.removed:deleteTable]"
        ),
        "",
        "Additive (1):",
        (
            "  - parameter `cursor` of `listTables` (GET /tables) was added (optional)"
            "  [parameter.added:listTables.cursor]"
        ),
        "",
        "Docs-only (1):",
        "  - operation `listTables` (GET /tables): summary changed  [operation.docs:listTables]",
    ]


def test_markdown_has_one_section_per_kind_present(report: ChangeReport) -> None:
    markdown = render_markdown(report)
    headings = [line for line in markdown.splitlines() if line.startswith("#")]
    assert headings == [
        "## API changes",
        "### Breaking (2)",
        "### Additive (1)",
        "### Docs-only (1)",
    ]
    assert "2 breaking, 1 additive, 1 docs-only changes." in markdown
    breaking = markdown.split("### Breaking (2)")[1].split("###")[0]
    assert breaking.count("\n- ") == 2
    assert "<sub>`operation.removed:deleteTable`</sub>" in breaking


def test_markdown_and_text_say_so_when_nothing_changed(old: Doc) -> None:
    empty = compare_documents(old, old)
    assert render_text(empty) == "No API changes.\n"
    assert render_markdown(empty) == "## API changes\n\nNo API changes.\n"
    assert json.loads(render_json(empty)) == {
        "changes": [],
        "summary": {"additive": 0, "breaking": 0, "docs": 0},
    }


def test_json_parses_and_carries_every_field(report: ChangeReport) -> None:
    payload = json.loads(render_json(report, acknowledged=["operation.removed:deleteTable"]))
    assert payload["summary"] == {"breaking": 2, "additive": 1, "docs": 1}
    first = payload["changes"][1]
    assert first == {
        "acknowledged": True,
        "document": "old",
        "id": "operation.removed:deleteTable",
        "kind": "breaking",
        "location": "#/paths/~1tables~1{table_id}/delete",
        "message": "operation `deleteTable` (DELETE /tables/{table_id}) was removed",
        "operations": ["deleteTable"],
    }
    assert [c["id"] for c in payload["changes"]] == list(report.ids())
    assert not any(c["acknowledged"] for c in payload["changes"] if c is not first)


def test_json_is_byte_identical_whatever_the_input_order(old: Doc, new: Doc) -> None:
    del new["paths"]["/health"]
    new["components"]["schemas"]["Table"]["properties"]["size"] = {"type": "integer"}
    new["servers"] = [{"url": "https://api.example.com/v2"}]
    reordered_old = copy.deepcopy(old)
    reordered_old["paths"] = dict(reversed(list(old["paths"].items())))
    reordered_new = json.loads(json.dumps(new, sort_keys=True))
    first = render_json(compare_documents(old, new))
    second = render_json(compare_documents(reordered_old, reordered_new))
    assert first == second
    assert list(json.loads(first)) == ["changes", "summary"]


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_render_dispatches_on_format(report: ChangeReport, fmt: str) -> None:
    expected = {"text": render_text, "markdown": render_markdown, "json": render_json}[fmt]
    assert render(report, fmt) == expected(report)
