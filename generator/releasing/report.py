"""A `ChangeReport` as plain text (terminal), Markdown (pull request) or JSON (machines).

All three list breaking changes first, then additive, then docs-only, each by id, and
mark breaking changes whose id is in `acknowledged`. Output depends only on the report
and `acknowledged`, so it is byte-identical across runs.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Collection

from generator.releasing.changes import KIND_ORDER, Change, ChangeReport, Kind
from generator.rendering.literals import markdown_code, markdown_inline

HEADINGS = {Kind.BREAKING: "Breaking", Kind.ADDITIVE: "Additive", Kind.DOCS: "Docs-only"}
FORMATS = ("text", "markdown", "json")


def summary(report: ChangeReport) -> str:
    """E.g. "2 breaking, 1 additive, 0 docs-only changes"."""
    counts = ", ".join(f"{len(report.of_kind(k))} {HEADINGS[k].lower()}" for k in KIND_ORDER)
    return f"{counts} change{'' if len(report.changes) == 1 else 's'}"


# A report longer than this opens with a tally by category, so that its shape can be
# read before its thousands of lines (a fidelity report between two loaders, say).
OVERVIEW_THRESHOLD = 20


def overview(report: ChangeReport) -> list[tuple[str, int]]:
    """(category, count) pairs, most frequent first: the id up to the colon."""
    counts = Counter(change.id.split(":", 1)[0] for change in report.changes)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def render_text(report: ChangeReport, acknowledged: Collection[str] = ()) -> str:
    if not report.changes:
        return "No API changes.\n"
    lines = [summary(report)]
    if len(report.changes) > OVERVIEW_THRESHOLD:
        lines += ["", "By category:"] + [f"  {n:6d}  {c}" for c, n in overview(report)]
    for kind in KIND_ORDER:
        changes = report.of_kind(kind)
        if changes:
            lines += ["", f"{HEADINGS[kind]} ({len(changes)}):"]
            lines += [f"  - {_line(c, acknowledged)}  [{c.id}]" for c in changes]
    return "\n".join(lines) + "\n"


def render_markdown(report: ChangeReport, acknowledged: Collection[str] = ()) -> str:
    if not report.changes:
        return "## API changes\n\nNo API changes.\n"
    lines = ["## API changes", "", f"{summary(report)}."]
    if len(report.changes) > OVERVIEW_THRESHOLD:
        lines += ["", "| category | changes |", "|---|---:|"]
        lines += [f"| `{c}` | {n} |" for c, n in overview(report)]
    for kind in KIND_ORDER:
        changes = report.of_kind(kind)
        if changes:
            lines += ["", f"### {HEADINGS[kind]} ({len(changes)})", ""]
            lines += [
                f"- {markdown_inline(_line(c, acknowledged))} <sub>{markdown_code(c.id)}</sub>"
                for c in changes
            ]
    return "\n".join(lines) + "\n"


def render_json(report: ChangeReport, acknowledged: Collection[str] = ()) -> str:
    """`{"summary": {kind: count}, "changes": [...]}` with sorted keys, 2-space indent."""
    payload = {
        "summary": {kind.value: len(report.of_kind(kind)) for kind in KIND_ORDER},
        "changes": [_as_json(change, acknowledged) for change in report.changes],
    }
    return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


RENDERERS: dict[str, Callable[[ChangeReport, Collection[str]], str]] = {
    "text": render_text,
    "markdown": render_markdown,
    "json": render_json,
}


def render(report: ChangeReport, format: str, acknowledged: Collection[str] = ()) -> str:
    """Render in one of `FORMATS`."""
    return RENDERERS[format](report, acknowledged)


def _line(change: Change, acknowledged: Collection[str]) -> str:
    if change.kind is Kind.BREAKING and change.id in acknowledged:
        return f"{change.message} (acknowledged)"
    return change.message


def _as_json(change: Change, acknowledged: Collection[str]) -> dict[str, object]:
    return {
        "id": change.id,
        "kind": change.kind.value,
        "subject": change.subject,
        "message": change.message,
        "acknowledged": change.kind is Kind.BREAKING and change.id in acknowledged,
    }
