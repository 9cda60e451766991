"""Writing a package over an earlier one: untouched files replaced, edits merged or left,
files the generator did not write never touched, and the base recorded in `.sdkgen/`."""

from __future__ import annotations

import os
from pathlib import Path

from generator.diagnostics import Diagnostics
from generator.rendering.render import RenderedFile
from generator.writing import metadata
from generator.writing.writer import WriteReport, write_package

STAMP = {"generator": "g", "inputs": "i", "sdkgen": "0"}
FIRST = {
    "pkg/a.py": "A = 1\n",
    "pkg/b.py": "B = 1\n",
    "pkg/c.py": "def c():\n    return 1\n\n\ndef d():\n    return 2\n",
}


def _write(
    target: Path, files: dict[str, str], diagnostics: Diagnostics | None = None
) -> WriteReport:
    rendered = [RenderedFile(path, text) for path, text in files.items()]
    return write_package(target, rendered, STAMP, diagnostics or Diagnostics())


def test_a_first_write_records_the_stamp_and_every_file_as_the_base(tmp_path: Path) -> None:
    report = _write(tmp_path, FIRST)
    assert report.written == sorted([*FIRST, metadata.STAMP, metadata.BASE, metadata.ATTRIBUTES])
    assert metadata.read_stamp(tmp_path) == STAMP
    assert metadata.read_base(tmp_path) == {p: t.encode() for p, t in FIRST.items()}
    assert _write(tmp_path, FIRST).written == []


def test_untouched_files_are_replaced_and_unchanged_ones_not_rewritten(tmp_path: Path) -> None:
    _write(tmp_path, FIRST)
    os.utime(tmp_path / "pkg/a.py", (1, 1))
    report = _write(tmp_path, {**FIRST, "pkg/b.py": "B = 2\n"})
    assert report.written == [metadata.BASE, "pkg/b.py"]
    assert (tmp_path / "pkg/b.py").read_text() == "B = 2\n"
    assert (tmp_path / "pkg/a.py").stat().st_mtime == 1


def test_an_edited_file_gets_the_new_output_merged_into_it(tmp_path: Path) -> None:
    _write(tmp_path, FIRST)
    edited = FIRST["pkg/c.py"].replace("return 1", "return 1  # checked by hand") + "\n\nMINE = 1\n"
    (tmp_path / "pkg/c.py").write_text(edited)
    new = FIRST["pkg/c.py"].replace("def d", "def e")
    report = _write(tmp_path, {**FIRST, "pkg/c.py": new})
    assert report.merged == ["pkg/c.py"] and report.conflicts == []
    assert (tmp_path / "pkg/c.py").read_text() == edited.replace("def d", "def e")
    # The base is the generator's output, not the merge: the next merge starts from it.
    assert metadata.read_base(tmp_path)["pkg/c.py"] == new.encode()


def test_an_edited_file_whose_output_did_not_change_is_left_as_it_is(tmp_path: Path) -> None:
    _write(tmp_path, FIRST)
    (tmp_path / "pkg/a.py").write_text("A = 100\n")
    report = _write(tmp_path, {**FIRST, "pkg/b.py": "B = 2\n"})
    assert report.customised == ["pkg/a.py"]
    assert (tmp_path / "pkg/a.py").read_text() == "A = 100\n"


def test_a_conflict_is_written_reported_and_not_merged_again_until_resolved(tmp_path: Path) -> None:
    _write(tmp_path, FIRST)
    (tmp_path / "pkg/c.py").write_text(FIRST["pkg/c.py"].replace("return 2", "return 'mine'"))
    report = _write(
        tmp_path, {**FIRST, "pkg/c.py": FIRST["pkg/c.py"].replace("return 2", "return 5")}
    )
    assert [(c.path, c.lines, c.earlier) for c in report.conflicts] == [("pkg/c.py", (6,), False)]
    with_markers = (tmp_path / "pkg/c.py").read_bytes()
    assert (
        b"<<<<<<< yours\n    return 'mine'\n=======\n    return 5\n>>>>>>> generated\n"
        in with_markers
    )

    again = _write(
        tmp_path, {**FIRST, "pkg/c.py": FIRST["pkg/c.py"].replace("return 2", "return 6")}
    )
    assert [(c.path, c.lines, c.earlier) for c in again.conflicts] == [("pkg/c.py", (6,), True)]
    assert (tmp_path / "pkg/c.py").read_bytes() == with_markers


def test_an_edited_record_is_replaced_and_reported(tmp_path: Path) -> None:
    files = {**FIRST, "api.md": "def a()\n"}
    rendered = [RenderedFile(path, text) for path, text in files.items()]
    write_package(tmp_path, rendered, STAMP, Diagnostics(), frozenset({"api.md"}))
    (tmp_path / "api.md").write_text("def a()  # mine\n")
    rendered[-1] = RenderedFile("api.md", "def a()\ndef b()\n")
    report = write_package(tmp_path, rendered, STAMP, Diagnostics(), frozenset({"api.md"}))
    assert report.replaced == ["api.md"] and report.merged == []
    assert (tmp_path / "api.md").read_text() == "def a()\ndef b()\n"


def test_files_the_generator_did_not_write_are_never_touched(tmp_path: Path) -> None:
    _write(tmp_path, FIRST)
    owned = {
        "pkg/my_notes.py": b"NOTES = 1\n",
        "pkg/custom/extra.py": b"mine = True\n",
        "build/lib/pkg/a.py": b"A = 1\n",
        "pkg.egg-info/PKG-INFO": b"Name: pkg\n",
        "pkg/__pycache__/a.cpython-311.pyc": b"\0",
    }
    for path, data in owned.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(data)
    report = _write(tmp_path, {"pkg/a.py": "A = 2\n"})
    assert {path: (tmp_path / path).read_bytes() for path in owned} == owned
    assert report.written == [metadata.BASE, "pkg/a.py", "pkg/b.py", "pkg/c.py"]


def test_a_file_no_longer_generated_is_deleted_unless_its_owner_edited_it(tmp_path: Path) -> None:
    files = {**FIRST, "pkg/gone/x.py": "X = 1\n", "pkg/gone/y.py": "Y = 1\n"}
    _write(tmp_path, files)
    (tmp_path / "pkg/c.py").write_text("edited\n")
    report = _write(tmp_path, {"pkg/a.py": FIRST["pkg/a.py"]})
    assert report.kept == ["pkg/c.py"]
    assert (tmp_path / "pkg/c.py").read_text() == "edited\n"
    assert not (tmp_path / "pkg/b.py").exists()
    assert not (tmp_path / "pkg/gone").exists()  # a folder the deletions emptied goes too
    assert set(metadata.read_base(tmp_path)) == {"pkg/a.py"}


def test_a_generated_file_its_owner_deleted_is_written_again(tmp_path: Path) -> None:
    _write(tmp_path, FIRST)
    (tmp_path / "pkg/b.py").unlink()
    assert "pkg/b.py" in _write(tmp_path, FIRST).written
    assert (tmp_path / "pkg/b.py").read_text() == FIRST["pkg/b.py"]


def test_a_checkout_with_crlf_line_endings_is_not_an_edit(tmp_path: Path) -> None:
    _write(tmp_path, FIRST)
    (tmp_path / "pkg/a.py").write_bytes(b"A = 1\r\n")
    report = _write(tmp_path, {**FIRST, "pkg/a.py": "A = 2\n"})
    assert report.merged == [] and report.conflicts == []
    assert (tmp_path / "pkg/a.py").read_bytes() == b"A = 2\n"


def test_a_file_matched_by_sdkgenignore_is_the_owners_alone(tmp_path: Path) -> None:
    _write(tmp_path, FIRST)
    (tmp_path / ".sdkgenignore").write_text("# mine from now on\npkg/b.py\n")
    (tmp_path / "pkg/b.py").write_text("B = 'mine'\n")
    report = _write(tmp_path, {**FIRST, "pkg/b.py": "B = 2\n"})
    assert report.ignored == ["pkg/b.py"] and "pkg/b.py" not in report.generated
    assert (tmp_path / "pkg/b.py").read_text() == "B = 'mine'\n"


def test_a_package_written_before_sdkgen_folder_loses_its_old_stamp(tmp_path: Path) -> None:
    (tmp_path / metadata.LEGACY_STAMP).write_text("{}\n")
    report = _write(tmp_path, FIRST)
    assert metadata.LEGACY_STAMP in report.written
    assert not (tmp_path / metadata.LEGACY_STAMP).exists()


def test_a_damaged_base_is_reported_and_differences_become_conflicts(tmp_path: Path) -> None:
    _write(tmp_path, FIRST)
    (tmp_path / metadata.BASE).write_bytes(b"sdkgen base 1\n99 pkg/a.py\nA = 1\n")
    diagnostics = Diagnostics()
    report = _write(tmp_path, {**FIRST, "pkg/a.py": "A = 2\n"}, diagnostics)
    assert [d.location for d in diagnostics.warnings] == [str(tmp_path / metadata.BASE)]
    assert [c.path for c in report.conflicts] == ["pkg/a.py"]
    assert metadata.read_base(tmp_path)["pkg/a.py"] == b"A = 2\n"
