"""Three-way merges through git merge-file: clean merges, real conflicts, overlaps that
are not conflicts, and output that the owner's git configuration cannot change."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.writing.merge import merge, unresolved_conflicts

BASE = b"def a():\n    return 1\n\n\ndef b():\n    return 2\n"


def test_changes_to_different_lines_merge_cleanly() -> None:
    ours = BASE.replace(b"return 1", b"return 10  # mine")
    theirs = BASE.replace(b"return 2", b"return 20")
    result = merge(BASE, ours, theirs, "x.py")
    assert result.conflicts == ()
    assert result.data == b"def a():\n    return 10  # mine\n\n\ndef b():\n    return 20\n"


def test_a_line_both_sides_changed_is_a_conflict_with_plain_markers_and_its_line() -> None:
    ours = BASE.replace(b"return 2", b"return 'mine'")
    theirs = BASE.replace(b"return 2", b"return 'new'")
    result = merge(BASE, ours, theirs, "x.py")
    lines = result.data.decode().splitlines()
    assert result.conflicts == (6,)
    assert lines[5:10] == [
        "<<<<<<< yours",
        "    return 'mine'",
        "=======",
        "    return 'new'",
        ">>>>>>> generated",
    ]
    assert unresolved_conflicts(result.data) == (6,)


def test_an_owners_note_above_entries_the_generator_prepends_to_it_is_not_a_conflict() -> None:
    # The release step prepends its entry to the owner's changelog, so the new output
    # already holds the note: git sees two overlapping insertions, one containing the other.
    base = b"# Changelog\n\n## 0.1.0\n\nFirst generated release.\n"
    ours = base.replace(b"\n## 0.1.0", b"\nPinned for production.\n\n## 0.1.0")
    theirs = ours.replace(b"\n## 0.1.0", b"\n## 0.2.0\n\n- Added `search`.\n\n## 0.1.0")
    result = merge(base, ours, theirs, "CHANGELOG.md")
    assert result.conflicts == ()
    assert result.data == theirs


def test_a_line_the_owner_deleted_and_the_generator_changed_stays_a_conflict() -> None:
    ours = BASE.replace(b"    return 2\n", b"")
    theirs = BASE.replace(b"return 2", b"return 20")
    result = merge(BASE, ours, theirs, "x.py")
    assert len(result.conflicts) == 1
    assert b"    return 20\n" in result.data


def test_lines_both_sides_append_at_the_end_keep_the_owners_last() -> None:
    ours = BASE + b"\n\ndef helper():\n    return 'mine'\n"
    theirs = BASE + b"    # one more generated line\n"
    result = merge(BASE, ours, theirs, "x.py")
    assert result.conflicts == ()
    assert result.data == theirs + b"\n\ndef helper():\n    return 'mine'\n"


def test_without_a_base_only_the_lines_that_differ_conflict() -> None:
    ours = BASE.replace(b"return 1", b"return 'mine'")
    result = merge(None, ours, BASE, "x.py")
    assert result.conflicts == (2,)
    assert result.data.count(b"<<<<<<<") == 1
    assert result.data.endswith(b"def b():\n    return 2\n")


def test_a_file_without_a_final_newline_keeps_markers_on_their_own_lines() -> None:
    ours, theirs = b"x = 1\ny = 'mine'", b"x = 1\ny = 'new'"
    result = merge(b"x = 1\ny = 0", ours, theirs, "x.py")
    assert result.data.decode().splitlines()[1:] == [
        "<<<<<<< yours",
        "y = 'mine'",
        "=======",
        "y = 'new'",
        ">>>>>>> generated",
    ]


def test_the_owners_git_configuration_does_not_change_the_output(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    ours = BASE.replace(b"return 2", b"return 'mine'")
    theirs = BASE.replace(b"return 2", b"return 'new'")
    plain = [merge(base, ours, theirs, "x.py") for base in (BASE, None)]
    (tmp_path / ".gitconfig").write_text("[merge]\n\tconflictStyle = zdiff3\n")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_COUNT", "1")
    monkeypatch.setenv("GIT_CONFIG_KEY_0", "merge.conflictStyle")
    monkeypatch.setenv("GIT_CONFIG_VALUE_0", "zdiff3")
    assert [merge(base, ours, theirs, "x.py") for base in (BASE, None)] == plain
