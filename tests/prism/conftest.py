"""The Prism suite's summary hook, for runs of this folder alone. Under pytest-xdist the
controller does not read this file, so the repository's tests/conftest.py imports the
hook too (the lead wires that); see tests/prism/summary.py."""

from tests.prism.summary import pytest_terminal_summary  # noqa: F401 - a pytest hook
