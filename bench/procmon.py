"""Run a command and measure it: wall time, CPU time and peak memory of its process tree.

Peak memory is the largest sum, over the command and every process it has running at the
moment, of each process's own peak resident set (VmHWM in /proc/<pid>/status), sampled
every few milliseconds while it runs: a tool that hands the work to a JVM or to ruff is
charged for those processes too, and a peak reached between two samples still counts.
`getrusage`'s max RSS is no substitute: it reports the largest single process, and a
child started by fork counts its parent's memory before exec.
"""

from __future__ import annotations

import os
import resource
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.002


@dataclass(frozen=True)
class Measurement:
    returncode: int
    wall_seconds: float
    cpu_seconds: float
    """User + system time of the command and the children it waited for."""
    peak_rss_mib: float
    output: str
    """stdout and stderr, interleaved."""

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def run_measured(
    command: Sequence[str | Path],
    *,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 600.0,
) -> Measurement:
    started = time.perf_counter()
    process = subprocess.Popen(
        [str(part) for part in command],
        cwd=cwd,
        env=dict(env) if env is not None else None,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    sampler = _PeakSampler(process.pid)
    sampler.start()
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        output, _ = process.communicate()
    wall = time.perf_counter() - started
    sampler.stop()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Measurement(
        returncode=process.returncode,
        wall_seconds=wall,
        cpu_seconds=sampler.cpu_seconds(usage),
        peak_rss_mib=sampler.peak_bytes / 2**20,
        output=output.decode("utf-8", "replace"),
    )


class _PeakSampler(threading.Thread):
    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.peak_bytes = 0
        self._halt = threading.Event()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        self._cpu_before = before.ru_utime + before.ru_stime

    def run(self) -> None:
        while not self._halt.is_set():
            self.peak_bytes = max(self.peak_bytes, tree_rss_bytes(self.root))
            self._halt.wait(SAMPLE_SECONDS)

    def stop(self) -> None:
        self._halt.set()
        self.join()

    def cpu_seconds(self, after: resource.struct_rusage) -> float:
        # RUSAGE_CHILDREN grows by what each reaped child (and its reaped children) used;
        # runs are sequential, so the difference is this command's share.
        return after.ru_utime + after.ru_stime - self._cpu_before


def tree_rss_bytes(root: int) -> int:
    """The peak resident memory of `root` and each of its live descendants, summed."""
    total = 0
    pending = [root]
    while pending:
        pid = pending.pop()
        total += _peak_rss_bytes(pid)
        pending.extend(_children(pid))
    return total


def _peak_rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", "rb") as status:
            for line in status:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, IndexError, ValueError):
        pass
    return 0


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", "rb") as children:
                found.extend(int(child) for child in children.read().split())
        except OSError:
            continue
    return found
