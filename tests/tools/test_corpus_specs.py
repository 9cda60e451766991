"""The corpus's specs are had the same way every time: pinned npm versions, fetched once,
and none of them waited for again once npm has failed (the corpus tests then skip)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tools import corpus
from tools.corpus import CORPUS, CorpusSpec

_EXACT_VERSION = re.compile(r"\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?")


@pytest.mark.parametrize("spec", [s for s in CORPUS if s.npm], ids=lambda s: s.name)
def test_every_npm_spec_names_one_exact_version(spec: CorpusSpec) -> None:
    assert spec.npm is not None
    assert _EXACT_VERSION.fullmatch(spec.npm.rsplit("@", 1)[1]), spec.npm


@pytest.fixture
def failing_npm(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An `npm` that fails as one does without a registry, counting its calls; an empty
    cache; no earlier failure."""
    calls = tmp_path / "calls"
    npm = tmp_path / "bin" / "npm"
    npm.parent.mkdir()
    npm.write_text(
        f"#!/bin/sh\necho call >> {calls}\necho 'npm error code ECONNREFUSED' >&2\nexit 1\n"
    )
    npm.chmod(0o755)
    monkeypatch.setenv("PATH", str(npm.parent))
    monkeypatch.setattr(corpus, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(corpus, "_NPM_FAILURES", [])
    return calls


def test_npm_is_asked_once_then_every_npm_spec_is_unavailable(failing_npm: Path) -> None:
    first, second = [s for s in CORPUS if s.npm][:2]
    assert first.available() is None
    assert second.available() is None
    assert failing_npm.read_text().splitlines() == ["call"]


def test_no_npm_at_all_makes_a_spec_unavailable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(corpus, "CACHE", tmp_path / "cache")
    monkeypatch.setattr(corpus, "_NPM_FAILURES", [])
    assert next(s for s in CORPUS if s.npm).available() is None


def test_a_fetched_or_written_spec_needs_no_npm(failing_npm: Path) -> None:
    spec = next(s for s in CORPUS if s.npm)
    spec.file.parent.mkdir(parents=True)
    spec.file.write_text("openapi: 3.1.0\n")
    written = next(s for s in CORPUS if s.written)
    assert spec.available() == spec.file
    assert written.available() == written.file
    assert not failing_npm.exists()
