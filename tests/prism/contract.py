"""One pass over every operation of an SDK (static sync, static async or dynamic), and
how its outcome compares with the operations the SDK case excuses."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from tests.prism.calls import AsyncRunner, OperationReport, Recorder, SyncRunner, Target
from tests.prism.sdks import Excused, Pass, PreparedSdk

PROBLEM_LINES = 3
"""Lines of detail shown per operation in a failure message."""


@dataclass(frozen=True)
class PassResult:
    sdk: str
    name: Pass
    reports: tuple[OperationReport, ...]
    recorder: Recorder

    @property
    def dynamic(self) -> bool:
        return self.name == "dynamic"

    def record(self, excused: Mapping[str, Excused]) -> dict[str, Any]:
        """What the terminal summary needs (JSON: it crosses from pytest-xdist workers)."""
        return {
            "sdk": self.sdk,
            "pass": self.name,
            "operations": len(self.reports),
            "verdicts": {r.key: r.verdict for r in self.reports if r.verdict != "conforms"},
            "excused": {k: e.kind for k, e in excused.items() if self.name in e.passes},
            "parsed": sum(r.parsed for r in self.reports),
            "unmockable": sum(r.unmockable for r in self.reports),
        }

    def unexpected(self, excused: Mapping[str, Excused]) -> list[str]:
        """Operations whose outcome the excused table does not account for."""
        found = []
        for report in self.reports:
            entry = excused.get(report.key)
            if entry is not None and self.name not in entry.passes:
                entry = None
            problem = _mismatch(report, entry, self.dynamic)
            if problem:
                details = "\n".join(f"      {line}" for line in report.problems()[:PROBLEM_LINES])
                found.append(f"  {report.key}: {problem}\n{details}".rstrip())
        return found


def _mismatch(report: OperationReport, entry: Excused | None, dynamic: bool) -> str | None:
    verdict = report.verdict
    if verdict == "conforms" or (verdict == "unanswered" and not dynamic):
        # A static answer Prism itself flags is no proof either way; the dynamic pass
        # is where every operation must get an answer that parses.
        if entry is not None and verdict == "conforms":
            return f"conforms now, yet excused ({entry.kind}): remove the entry"
        return None
    allowed = {
        "rejected": ("prism rejects", "generator bug"),
        "fails": ("generator bug",),
        "unanswered": ("prism cannot answer",),
    }[verdict]
    if entry is not None and entry.kind in allowed:
        return None
    return {
        "rejected": "Prism rejected the request",
        "fails": "the SDK did not return the answer as declared",
        "unanswered": "no answer Prism built parsed",
    }[verdict]


def run_sync(sdk: PreparedSdk, targets: list[Target], url: str, *, dynamic: bool) -> PassResult:
    recorder = Recorder()
    with sdk.sync_client(url, recorder) as client:
        runner = SyncRunner(client, recorder)
        reports = tuple(runner.run(t, dynamic=dynamic) for t in targets)
    return PassResult(sdk.case.name, "dynamic" if dynamic else "static sync", reports, recorder)


def run_async(sdk: PreparedSdk, targets: list[Target], url: str) -> PassResult:
    recorder = Recorder()

    async def run_all() -> tuple[OperationReport, ...]:
        async with sdk.async_client(url, recorder) as client:
            runner = AsyncRunner(client, recorder)
            return tuple([await runner.run(t, dynamic=False) for t in targets])

    return PassResult(sdk.case.name, "static async", asyncio.run(run_all()), recorder)
