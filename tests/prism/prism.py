"""Stoplight Prism as a subprocess: a mock server of one OpenAPI document on a free
loopback port, which rejects requests that break the document.

    with PrismServer.start(spec, log_file) as prism:
        httpx.get(prism.url + "/pets")

Prism comes from the repository's pinned Node dependency (`npm ci` installs it into
node_modules/); `prism_binary()` skips the calling test when it is absent.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path
from types import TracebackType
from typing import IO, Self

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
PRISM_BINARY = ROOT / "node_modules" / ".bin" / "prism"

STARTUP_SECONDS = 30.0
STOP_SECONDS = 5.0
DYNAMIC_SEED = "sdkgen"
"""Prism's seed for responses generated from schemas: the same requests in the same order
get the same answers, so a failure in dynamic mode can be replayed."""


def prism_binary() -> Path:
    """The pinned Prism CLI, or a clean skip where `npm ci` has not been run."""
    if not PRISM_BINARY.is_file():
        pytest.skip(f"{PRISM_BINARY} is missing: run `npm ci` to install Stoplight Prism")
    return PRISM_BINARY


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class PrismServer:
    """A running `prism mock`; stop it with `stop()` or by leaving the `with` block."""

    def __init__(self, process: subprocess.Popen[bytes], port: int, log: Path) -> None:
        self.process = process
        self.port = port
        self.log = log
        self.url = f"http://127.0.0.1:{port}"

    @classmethod
    def start(cls, spec: Path, log: Path, *, attempts: int = 3) -> Self:
        """Prism serving `spec`, once it answers HTTP. Static responses (examples, else
        built from schemas) unless a request sends `Prefer: dynamic=true`.

        The port is found free just before Prism binds it; another process may take it
        in between, so a start that fails is retried on a new port.
        """
        binary = prism_binary()
        failure = ""
        for _ in range(attempts):
            port = free_port()
            with log.open("ab") as output:
                process = _spawn(binary, spec, port, output)
            server = cls(process, port, log)
            if server._wait_until_answering():
                return server
            server.stop()
            failure = server.log_tail()
        raise RuntimeError(f"Prism did not start for {spec}:\n{failure}")

    def _wait_until_answering(self) -> bool:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                # Any HTTP answer (404 for a path the document lacks) means it is up, as
                # long as it still runs: one that lost the port to another process exits.
                httpx.get(self.url + "/", timeout=1.0)
                return self.process.poll() is None
            except httpx.TransportError:
                time.sleep(0.1)
        return False

    def log_tail(self, characters: int = 4000) -> str:
        return self.log.read_text(errors="replace")[-characters:]

    def stop(self) -> None:
        if self.process.poll() is None:
            # Prism runs in a process group of its own (see _spawn): signal the group so
            # that no node child outlives it.
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(STOP_SECONDS)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(STOP_SECONDS)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


def _spawn(binary: Path, spec: Path, port: int, output: IO[bytes]) -> subprocess.Popen[bytes]:
    command = [
        str(binary), "mock", str(spec),
        "--host", "127.0.0.1", "--port", str(port),
        "--seed", DYNAMIC_SEED,
        # Violations are logged at warn; every request at info would only cost time.
        "--verboseLevel", "warn",
    ]
    return subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT,
        cwd=ROOT, start_new_session=True,
    )
