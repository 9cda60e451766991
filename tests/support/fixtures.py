"""Pytest fixtures over the support helpers; import them into a conftest.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.http_server import RecordingServer


@pytest.fixture
def http_server() -> Iterator[RecordingServer]:
    """A RecordingServer on 127.0.0.1 (random port), closed after the test."""
    with RecordingServer() as server:
        yield server
