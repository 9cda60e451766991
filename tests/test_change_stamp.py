"""An unchanged spec is skipped; a change to any file it is made from is not, including
the files its `$ref`s read."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.diagnostics import SpecError
from generator.pipeline import generate
from tests.conftest import ROOT

MULTIFILE = ROOT / "tests" / "golden" / "cases" / "multifile"


def test_a_change_to_a_referenced_file_regenerates(tmp_path: Path) -> None:
    spec = tmp_path / "multifile"
    shutil.copytree(MULTIFILE, spec, ignore=shutil.ignore_patterns("expected"))
    out = tmp_path / "out"
    assert not generate(spec, out).skipped
    assert generate(spec, out).skipped

    user = spec / "schemas" / "user.yaml"
    user.write_text(user.read_text() + "\n# a comment changes the bytes, not the API\n")
    assert not generate(spec, out).skipped  # read again: a referenced file changed
    assert generate(spec, out).skipped

    (spec / "schemas" / "common.yaml").unlink()  # a file the spec needs is gone
    with pytest.raises(SpecError, match="common.yaml"):
        generate(spec, out)
