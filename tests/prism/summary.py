"""The per-SDK summary lines printed at the end of a test run, e.g.

    lightdash: 99/99 operations conform, 300 dynamic responses parsed (validation: ...)

Each pass records what it found as a `user_properties` entry of its test report (so the
records travel from pytest-xdist workers); the terminal summary folds them per SDK. The
hook must be registered on the xdist controller, which reads tests/conftest.py but not
tests/prism/conftest.py: tests/conftest.py imports `pytest_terminal_summary` from here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

import pytest

PROPERTY = "prism_pass"
RecordProperty = Callable[[str, object], None]
"""pytest's `record_property` fixture."""
_PASS_ORDER = ("static sync", "static async", "dynamic", "cross-check")


def summary_lines(records: Iterable[dict[str, Any]]) -> list[str]:
    by_sdk: dict[str, dict[str, dict[str, Any]]] = {}
    for record in records:
        by_sdk.setdefault(record["sdk"], {})[record["pass"]] = record
    return [_line(sdk, passes) for sdk, passes in sorted(by_sdk.items())]


def _line(sdk: str, passes: dict[str, dict[str, Any]]) -> str:
    operations = max(p["operations"] for p in passes.values())
    if operations == 0:
        return f"{sdk}: 0 operations (a models-only package: nothing to call)"
    failing = {
        key for name, p in passes.items() for key, verdict in p["verdicts"].items()
        if verdict in ("rejected", "fails") or (verdict == "unanswered" and name == "dynamic")
    }
    line = f"{sdk}: {operations - len(failing)}/{operations} operations conform"
    if "dynamic" in passes:
        line += f", {passes['dynamic']['parsed']} dynamic responses parsed"
    validated = ", ".join(
        f"{name} {operations - _count(passes[name], 'rejected')}/{operations}"
        for name in _PASS_ORDER if name in passes
    )
    unmockable = sum(p["unmockable"] for p in passes.values())
    line += f" (pass validation: {validated}; {unmockable} answers Prism could not build)"
    if failing:
        excused = {k: kind for p in passes.values() for k, kind in p.get("excused", {}).items()}
        named = [f"{key} ({excused.get(key, 'unexpected')})" for key in sorted(failing)]
        line += f"; not conforming: {', '.join(named)}"
    return line


def _count(record: dict[str, Any], verdict: str) -> int:
    return sum(1 for v in record["verdicts"].values() if v == verdict)


def records_of(reports: Iterable[Any]) -> list[dict[str, Any]]:
    """The records in pytest test reports' `user_properties`."""
    return [
        json.loads(value)
        for report in reports
        for name, value in getattr(report, "user_properties", ())
        if name == PROPERTY
    ]


_WRITTEN = pytest.StashKey[bool]()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Prints one line per SDK whose passes ran, after the test results.

    Registered twice when both tests/conftest.py and tests/prism/conftest.py import it
    (one for pytest-xdist's controller, one for runs of tests/prism alone): once is enough.
    """
    if terminalreporter.config.stash.get(_WRITTEN, False):
        return
    terminalreporter.config.stash[_WRITTEN] = True
    reports = [r for category in terminalreporter.stats.values() for r in category]
    lines = summary_lines(records_of(r for r in reports if getattr(r, "when", None) == "call"))
    if lines:
        terminalreporter.write_sep("-", "Prism contract summary")
        for line in lines:
            terminalreporter.write_line(line)
