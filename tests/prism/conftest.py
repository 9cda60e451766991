"""The Prism suite's summary: one line per SDK at the end of the run."""

from __future__ import annotations

import pytest

from tests.prism.summary import records_of, summary_lines


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    reports = [r for category in terminalreporter.stats.values() for r in category]
    lines = summary_lines(records_of(r for r in reports if getattr(r, "when", None) == "call"))
    if lines:
        terminalreporter.write_sep("-", "Prism contract summary")
        for line in lines:
            terminalreporter.write_line(line)
