"""Background work (`generator.background`) and what `generate` hands to it.

`generate` starts work on the loaded document (validation, the `openapi.json` text) and on
the built IR (model modules, surface records) in forked processes; each is correct only if
its result is the one this process would have computed, whatever happens to the child.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from generator.background import in_background
from generator.building import build_api
from generator.diagnostics import Diagnostics
from generator.ir.surface import surface_of
from generator.json_text import indented_json
from generator.pipeline import _load, resolve_input
from generator.rendering.render import render_api, render_models, render_package, render_records
from tests.conftest import GOLDEN_CASES, ROOT

forking = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="the platform cannot fork"
)


@forking
def test_the_work_runs_in_another_process_and_its_result_comes_back() -> None:
    here = os.getpid()
    result = in_background(lambda: (os.getpid(), {"big": "x" * 5_000_000}))()
    assert result[0] != here
    assert result[1] == {"big": "x" * 5_000_000}


@forking
def test_a_child_that_dies_without_answering_leaves_the_work_to_this_process() -> None:
    here = os.getpid()
    # In the child the work kills its process; here it answers.
    result = in_background(lambda: "answered here" if os.getpid() == here else os._exit(3))
    assert result() == "answered here"


@forking
def test_an_error_in_the_work_is_raised_where_the_result_is_asked_for(
    capfd: pytest.CaptureFixture[str],
) -> None:
    def work() -> str:
        raise ValueError("no such template")

    result = in_background(work)
    with pytest.raises(ValueError, match="no such template"):
        result()
    # Only the parent speaks: the child left no traceback of its own.
    assert capfd.readouterr().err == ""


@forking
def test_niceness_lowers_only_the_childs_priority() -> None:
    mine = os.nice(0)
    theirs = in_background(lambda: os.nice(0), niceness=5)()
    assert theirs == min(mine + 5, 19)
    assert os.nice(0) == mine


def test_without_fork_the_work_runs_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    here = os.getpid()
    assert in_background(os.getpid)() == here


TARGETS = sorted([*(ROOT / "specs").iterdir(), *GOLDEN_CASES.iterdir()])


@pytest.mark.parametrize("target", TARGETS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_building_leaves_the_document_as_loaded(target: Path) -> None:
    """The children see the document as it was at the fork, before the build: what they
    make of it is right only because the build never changes it."""
    spec = resolve_input(target)
    document = _load(spec, Diagnostics())
    before = indented_json(document, indent=1, sort_keys=True)
    build_api(document, spec.config, str(spec.source), Diagnostics())
    assert indented_json(document, indent=1, sort_keys=True) == before


def test_the_three_parts_are_the_whole_package_each_file_once() -> None:
    spec = resolve_input(GOLDEN_CASES / "shapes")
    document = _load(spec, Diagnostics())
    api = build_api(document, spec.config, str(spec.source), Diagnostics())
    surface = surface_of(api)
    parts = [
        render_package(api, "{}", spec.config.webhooks),
        render_models(api),
        render_records(api, surface),
    ]
    paths = [f.path for part in parts for f in part]
    assert len(paths) == len(set(paths))
    assert all(parts)
    assert sorted(paths) == sorted(f.path for f in render_api(api, surface, "{}", None))
