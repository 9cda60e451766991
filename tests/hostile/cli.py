"""Running the generator as a user would, with a time and memory budget."""

from __future__ import annotations

import contextlib
import io
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import ROOT

MEMORY_LIMIT = 1 << 30
"""Address space a child generator may use (1 GiB): an input that needs more is a bomb."""


def run_cli(spec: Path, out: Path, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """`sdkgen generate` in a child process with bounded memory: a crash, a hang or a
    blow-up stays a test failure instead of taking the test run down."""
    command = [sys.executable, "-m", "generator.cli", "generate", str(spec), "-o", str(out)]
    try:
        return subprocess.run(
            command,
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=timeout,
            check=False,
            preexec_fn=_limit_memory,
        )
    except subprocess.TimeoutExpired:
        pass  # failed outside the handler: the timeout's own traceback says nothing more
    pytest.fail(f"`sdkgen generate {spec.name}` gave no answer within {timeout} s")


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def run_in_process(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """`sdkgen ARGS` in this process, for input refused before any work starts (a refusal
    costs no interpreter start-up); output and exit status as `run_cli` gives them."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        status = main([str(arg) for arg in args])
    return subprocess.CompletedProcess(list(args), status, stdout.getvalue(), stderr.getvalue())
