"""Calling every method of a generated client against Prism and judging each call.

A call is *rejected* when Prism found one of its requests against the document (the
violations it reports in `sl-violations`, or in an error of its own: no such route,
invalid request). Otherwise the SDK must return Prism's answer as the method's declared
type, unless Prism could not build an answer within the document itself: it flags its
own answer (`sl-violations` about the response, e.g. a recursive schema cut short) or
fails building one (its own 500 problem). Such an answer is *unmockable*: counted, and
never held against the SDK.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx

from generator import ir
from tests.prism.arguments import CallPlan, PlanError
from tests.prism.values import UnbuildableSchema

DYNAMIC = {"Prefer": "dynamic=true"}
"""Asks Prism for an answer generated at random from the schema (its `-d` mode)."""
DYNAMIC_PARSED = 3
"""Dynamic answers wanted per operation ..."""
DYNAMIC_ATTEMPTS = 6
"""... within this many calls, cycling through the operation's argument plans."""
PAGES_WALKED = 3
"""Pages iterating a listing may fetch before the walk is cut short."""

_PRISM_ERRORS = "https://stoplight.io/prism/errors#"
_FIRST_LOCATION = re.compile(r'"location":\["([^"]*)"')

PlanSource = Callable[[ir.Operation, Callable[..., Any]], list[CallPlan]]
Verdict = Literal["conforms", "rejected", "fails", "unanswered"]


class _Cutoff(Exception):
    """Raised from the response hook to end an auto-paging walk that would go on."""


@dataclass(frozen=True)
class Exchange:
    method: str
    url: str
    status: int
    violations: tuple[dict[str, Any], ...]
    prism_failure: str | None = None
    """Prism could not build an answer (its own 500 problem), after validation passed."""

    @property
    def request_violations(self) -> list[dict[str, Any]]:
        return [v for v in self.violations if v.get("location", [""])[0] != "response"]

    @property
    def response_violations(self) -> list[dict[str, Any]]:
        return [v for v in self.violations if v.get("location", [""])[0] == "response"]

    @property
    def rejected(self) -> bool:
        return bool(self.request_violations)

    def describe(self) -> str:
        found = "; ".join(
            f"{'.'.join(map(str, v.get('location', [])))}: {v.get('message')}"
            for v in self.request_violations
        )
        return f"{self.method} {self.url} -> {self.status}" + (f" [{found}]" if found else "")


class Recorder:
    """httpx response hooks that keep every exchange of the current call."""

    def __init__(self) -> None:
        self.exchanges: list[Exchange] = []
        self.history: list[Exchange] = []
        """Every exchange since the recorder was made (the OAuth2 login among them)."""
        self.limit: int | None = None

    def start(self, limit: int | None = None) -> None:
        self.exchanges = []
        self.limit = limit

    def sync_hook(self, response: httpx.Response) -> None:
        self._check_limit()
        if not response.is_success:
            response.read()
        self._record(response)

    async def async_hook(self, response: httpx.Response) -> None:
        self._check_limit()
        if not response.is_success:
            await response.aread()
        self._record(response)

    def _check_limit(self) -> None:
        if self.limit is not None and len(self.exchanges) >= self.limit:
            raise _Cutoff

    def _record(self, response: httpx.Response) -> None:
        request = response.request
        violations, failure = _findings(response)
        exchange = Exchange(request.method, str(request.url), response.status_code, violations, failure)
        self.exchanges.append(exchange)
        self.history.append(exchange)


def _findings(response: httpx.Response) -> tuple[tuple[dict[str, Any], ...], str | None]:
    """Prism's violations (from the `sl-violations` header or, when Prism answers a bad
    request with an error of its own, from that error's `validation` list) and its own
    failure to build an answer."""
    header = response.headers.get("sl-violations")
    if header:
        return _parse_header(header), None
    if response.is_success or "problem+json" not in response.headers.get("content-type", ""):
        return (), None
    problem = json.loads(response.content)
    if "validation" in problem:
        found = problem["validation"]
        return tuple({**v, "location": ["request", *v.get("location", [])]} for v in found), None
    if response.status_code >= 500 and str(problem.get("type", "")).startswith(_PRISM_ERRORS):
        text = f"{problem.get('title')}: {problem.get('detail') or ''}"
        return (), text.splitlines()[0][:300]
    return ({"location": ["request"], "message": f"{problem.get('title')}: {problem.get('detail')}"},), None


def _parse_header(header: str) -> tuple[dict[str, Any], ...]:
    try:
        return tuple(json.loads(header))
    except ValueError:
        # Prism cuts a long list short ("Too many violations! [..."): keep where the first
        # one is, which says whether the request or the response broke the document.
        first = _FIRST_LOCATION.search(header)
        return ({"location": [first.group(1) if first else "request"], "message": header[:300]},)


@dataclass(frozen=True)
class Target:
    """One generated method and the calls to make to it."""

    key: str
    """`<resource path>.<method name>` (`projects.spaces.create`): how reports name the
    operation."""
    resource: ir.Resource
    op: ir.Operation
    plans: tuple[CallPlan, ...]
    plan_error: str | None = None


def build_targets(api: ir.Api, client: object, plans_of: PlanSource) -> list[Target]:
    """Every operation of `api` with its argument plans (built once, used by every pass)."""
    found = []
    for resource in api.every_resource:
        for op in resource.operations:
            key = f"{'.'.join(resource.path)}.{op.name}"
            try:
                plans = tuple(plans_of(op, _method(client, resource, op.name)))
            except (PlanError, UnbuildableSchema) as error:
                found.append(Target(key, resource, op, (), f"arguments: {error}"))
            else:
                found.append(Target(key, resource, op, plans))
    return found


@dataclass
class OperationReport:
    key: str
    calls: int = 0
    parsed: int = 0
    unmockable: int = 0
    violations: list[str] = field(default_factory=list)
    """Requests Prism rejected: the SDK broke the document."""
    failures: list[str] = field(default_factory=list)
    """Answers within the document that the SDK did not return as declared."""
    notes: list[str] = field(default_factory=list)
    """Why answers were unmockable."""

    @property
    def verdict(self) -> Verdict:
        if self.violations:
            return "rejected"
        if self.failures:
            return "fails"
        return "conforms" if self.parsed else "unanswered"

    def problems(self) -> list[str]:
        return [*self.violations, *self.failures] or self.notes

    def judge(self, label: str, recorder: Recorder, error: BaseException | None) -> None:
        """Adds one call's outcome."""
        self.calls += 1
        rejected = [e.describe() for e in recorder.exchanges if e.rejected]
        if rejected:
            self.violations += [f"{label}: {r}" for r in rejected]
            return
        if error is None or isinstance(error, _Cutoff):
            self.parsed += 1
            return
        last = recorder.exchanges[-1] if recorder.exchanges else None
        invalid_answer = type(error).__name__ == "APIResponseValidationError"
        if last is not None and last.prism_failure:
            self.unmockable += 1
            self.notes.append(f"{label}: Prism failed: {last.prism_failure}")
        elif last is not None and invalid_answer and last.response_violations:
            self.unmockable += 1
            self.notes += [f"{label}: Prism's answer breaks the document: {v.get('message')}"
                           for v in last.response_violations[:1]]
        elif invalid_answer:
            self.failures.append(f"{label}: the answer does not parse into the declared type: {str(error)[:800]}")
        else:
            self.failures.append(f"{label}: {type(error).__name__}: {str(error)[:800]}")


def _method(client: object, resource: ir.Resource, name: str) -> Callable[..., Any]:
    owner = client
    for attribute in resource.path:
        owner = getattr(owner, attribute)
    method: Callable[..., Any] = getattr(owner, name)
    return method


def _static_calls(target: Target) -> list[CallPlan]:
    return list(target.plans)


def _dynamic_calls(target: Target) -> list[CallPlan]:
    return list(itertools.islice(itertools.cycle(target.plans), DYNAMIC_ATTEMPTS))


def _enough(report: OperationReport, dynamic: bool) -> bool:
    return dynamic and (report.parsed >= DYNAMIC_PARSED or report.verdict in ("rejected", "fails"))


# -- the sync client -------------------------------------------------------------------


class SyncRunner:
    def __init__(self, client: object, recorder: Recorder) -> None:
        self.client = client
        self.recorder = recorder

    def run(self, target: Target, *, dynamic: bool) -> OperationReport:
        report = OperationReport(target.key)
        if target.plan_error:
            report.failures.append(target.plan_error)
            return report
        headers = DYNAMIC if dynamic else {}
        for plan in _dynamic_calls(target) if dynamic else _static_calls(target):
            report.judge(f"{plan.variant} call", self.recorder, self._call(target, plan, headers))
            if _enough(report, dynamic):
                break
        if target.op.pagination is not None:
            report.judge("auto-paging walk", self.recorder, self._walk(target, target.plans[0], headers))
        return report

    def _call(self, target: Target, plan: CallPlan, headers: dict[str, str]) -> BaseException | None:
        method = _method(self.client, target.resource, target.op.name)
        self.recorder.start()
        try:
            result = method(*plan.args, **plan.kwargs, extra_headers=headers)
            if target.op.response.kind == "binary":
                with result:
                    result.read()
            elif target.op.response.kind == "sse":
                with result:
                    for _event in result:
                        pass
        except Exception as error:  # noqa: BLE001 - judged by the report, whatever it is
            return error
        return None

    def _walk(self, target: Target, plan: CallPlan, headers: dict[str, str]) -> BaseException | None:
        """Iterates the listing from its first page, page after page."""
        method = _method(self.client, target.resource, target.op.name)
        self.recorder.start(limit=PAGES_WALKED)
        try:
            for _item in method(*plan.args, **plan.kwargs, extra_headers=headers):
                pass
        except Exception as error:  # noqa: BLE001 - judged by the report
            return error
        return None


# -- the async client ------------------------------------------------------------------


class AsyncRunner:
    def __init__(self, client: object, recorder: Recorder) -> None:
        self.client = client
        self.recorder = recorder

    async def run(self, target: Target, *, dynamic: bool) -> OperationReport:
        report = OperationReport(target.key)
        if target.plan_error:
            report.failures.append(target.plan_error)
            return report
        headers = DYNAMIC if dynamic else {}
        for plan in _dynamic_calls(target) if dynamic else _static_calls(target):
            report.judge(f"{plan.variant} call", self.recorder, await self._call(target, plan, headers))
            if _enough(report, dynamic):
                break
        if target.op.pagination is not None:
            error = await self._walk(target, target.plans[0], headers)
            report.judge("auto-paging walk", self.recorder, error)
        return report

    async def _call(self, target: Target, plan: CallPlan, headers: dict[str, str]) -> BaseException | None:
        method = _method(self.client, target.resource, target.op.name)
        self.recorder.start()
        try:
            result = await method(*plan.args, **plan.kwargs, extra_headers=headers)
            if target.op.response.kind == "binary":
                async with result:
                    await result.read()
            elif target.op.response.kind == "sse":
                async with result:
                    async for _event in result:
                        pass
        except Exception as error:  # noqa: BLE001 - judged by the report
            return error
        return None

    async def _walk(self, target: Target, plan: CallPlan, headers: dict[str, str]) -> BaseException | None:
        """Iterates the listing from its first page, page after page."""
        method = _method(self.client, target.resource, target.op.name)
        self.recorder.start(limit=PAGES_WALKED)
        try:
            async for _item in await method(*plan.args, **plan.kwargs, extra_headers=headers):
                pass
        except Exception as error:  # noqa: BLE001 - judged by the report
            return error
        return None
