"""bump_version (including 0.x), changelog_entry and prepend_changelog."""

from __future__ import annotations

from typing import Any

import pytest

from generator.releasing.changes import (
    bump_version,
    changelog_entry,
    compare_documents,
    prepend_changelog,
)

Doc = dict[str, Any]


def breaking(old: Doc, new: Doc) -> Doc:
    del new["paths"]["/tables/{table_id}"]["delete"]
    return new


def additive(old: Doc, new: Doc) -> Doc:
    new["paths"]["/tables"]["get"]["parameters"].append(
        {"name": "cursor", "in": "query", "schema": {"type": "string"}}
    )
    return new


def docs(old: Doc, new: Doc) -> Doc:
    new["paths"]["/tables"]["get"]["summary"] = "List every table"
    return new


def unchanged(old: Doc, new: Doc) -> Doc:
    return new


@pytest.mark.parametrize(
    ("edit", "current", "expected"),
    [
        (breaking, "1.4.2", "2.0.0"),
        (additive, "1.4.2", "1.5.0"),
        (docs, "1.4.2", "1.4.3"),
        (unchanged, "1.4.2", "1.4.2"),
        (breaking, "0.4.2", "0.5.0"),
        (additive, "0.4.2", "0.4.3"),
        (docs, "0.4.2", "0.4.3"),
        (unchanged, "0.4.2", "0.4.2"),
        (breaking, "0.0.9", "0.1.0"),
    ],
)
def test_bump_follows_the_most_severe_change(
    old: Doc, new: Doc, edit: Any, current: str, expected: str
) -> None:
    report = compare_documents(old, edit(old, new))
    assert bump_version(current, report) == expected


def test_mixed_report_bumps_for_its_most_severe_change(old: Doc, new: Doc) -> None:
    report = compare_documents(old, docs(old, additive(old, breaking(old, new))))
    assert len(report.changes) == 3
    assert bump_version("2.1.0", report) == "3.0.0"


@pytest.mark.parametrize("version", ["1.2", "v1.2.3", "1.2.3rc1", "01.2.3", ""])
def test_versions_that_are_not_major_minor_patch_are_refused(
    old: Doc, new: Doc, version: str
) -> None:
    with pytest.raises(ValueError, match="MAJOR.MINOR.PATCH"):
        bump_version(version, compare_documents(old, new))


def test_changelog_entry_groups_by_kind_without_dates(old: Doc, new: Doc) -> None:
    report = compare_documents(old, docs(old, additive(old, breaking(old, new))))
    entry = changelog_entry("2.0.0", report)
    assert entry == (
        "## 2.0.0\n"
        "\n"
        "### Breaking changes\n"
        "\n"
        "- operation `deleteTable` (DELETE /tables/{table_id}) was removed\n"
        "\n"
        "### Additions\n"
        "\n"
        "- parameter `cursor` of `listTables` (GET /tables) was added (optional)\n"
        "\n"
        "### Documentation\n"
        "\n"
        "- operation `listTables` (GET /tables): summary changed\n"
    )
    assert changelog_entry("2.0.0", report) == entry


def test_changelog_entry_omits_empty_groups(old: Doc, new: Doc) -> None:
    entry = changelog_entry("1.5.0", compare_documents(old, additive(old, new)))
    assert "### Additions" in entry
    assert "### Breaking changes" not in entry
    assert "### Documentation" not in entry
    assert changelog_entry("1.5.0", compare_documents(old, old)) == (
        "## 1.5.0\n\nNo API changes.\n"
    )


ENTRY = "## 1.1.0\n\n### Additions\n\n- something new\n"


def test_prepend_to_a_missing_changelog_starts_one() -> None:
    assert prepend_changelog(None, ENTRY, "Changelog") == f"# Changelog\n\n{ENTRY}"
    assert prepend_changelog("  \n", ENTRY, "Changelog") == f"# Changelog\n\n{ENTRY}"


def test_prepend_puts_the_entry_above_older_sections_below_the_preamble() -> None:
    existing = "# Changelog\n\nAll notable changes.\n\n## 1.0.0\n\n- first release\n"
    assert prepend_changelog(existing, ENTRY, "ignored") == (
        "# Changelog\n\nAll notable changes.\n\n"
        "## 1.1.0\n\n### Additions\n\n- something new\n"
        "\n## 1.0.0\n\n- first release\n"
    )


def test_prepend_replaces_a_section_of_the_same_version() -> None:
    existing = "# Changelog\n\n## 1.1.0\n\n- stale\n\n## 1.0.0\n\n- first release\n"
    once = prepend_changelog(existing, ENTRY, "Changelog")
    assert "stale" not in once
    assert once.count("## 1.1.0") == 1
    assert prepend_changelog(once, ENTRY, "Changelog") == once


def test_prepend_without_a_title_keeps_the_text_as_it_is() -> None:
    existing = "## 1.0.0\n\n- first release\n"
    assert prepend_changelog(existing, ENTRY, "Changelog") == f"{ENTRY}\n{existing}"
