"""Lists put back into prose a capture flattened onto one line: unit cases, and the real
Eddytor capture, whose README prose ran its lists into single paragraphs."""

from __future__ import annotations

from pathlib import Path

from generator.diagnostics import Diagnostics
from generator.loading.line_breaks import restore_lists
from generator.loading.markdown_reference import load

CAPTURE = Path(__file__).resolve().parents[2] / "specs" / "eddytor" / "eddytor-api-reference.md"


def test_bullets_after_a_colon_become_a_list() -> None:
    text = "Two kinds: - **JWT** — for people. - **API key** — for programs."
    assert restore_lists(text) == (
        "Two kinds:\n\n- **JWT** — for people.\n- **API key** — for programs."
    )


def test_a_text_that_starts_with_a_bullet_is_a_list() -> None:
    assert restore_lists("- one thing - another") == "- one thing\n- another"


def test_numbers_that_count_from_one_become_a_numbered_list() -> None:
    text = "1. Sign up, for 2 days. 2. Connect storage. 3. Browse tables."
    assert restore_lists(text) == "1. Sign up, for 2 days.\n2. Connect storage.\n3. Browse tables."


def test_dashes_in_a_sentence_or_in_code_stay_where_they_are() -> None:
    for text in (
        "Costs 1 - 2 units - sometimes more.",  # no colon or sentence end before the first
        "Run `a - b` then: - `c - d`",  # one bullet only; the others are code
        "Version 2. Nothing counts from one here 3. ",
        "Kept:\n- already on lines - as written",  # a capture that kept its breaks
    ):
        assert restore_lists(text) == text


def test_the_eddytor_capture_keeps_its_lists_and_one_authentication_section() -> None:
    document = load(CAPTURE, {}, Diagnostics())
    description = document["info"]["description"]
    assert description.count("## Authentication") == 1
    assert "token types:\n\n- **JWT** — obtained via" in description
    assert "\n- **API key** — created at" in description
    assert "\n2. **Connect storage** — `POST /v1/storages/s3`" in description
    assert "### Security\n\n- Keys are hashed" in description
    # The second Authentication section's content is kept, under the first heading.
    assert description.index("### JWT Tokens") < description.index("## Getting started")
    role = document["components"]["schemas"]["OrganisationRole"]["description"]
    assert "\n- **Editor**: + write data" in role
