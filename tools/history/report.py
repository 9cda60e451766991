"""The results as a Markdown table per pair, and the lists behind its last columns."""

from __future__ import annotations

from collections.abc import Sequence

from tools.history.run import PairResult

COMMAND = "make history  # .venv/bin/python -m tools.history"

HEADER = (
    "| pair | versions | spec size | operations | breaking (comparison) "
    "| breaking (diff) | found by both | missed by diff | false in diff |"
)


def table(results: Sequence[PairResult]) -> str:
    rows = [HEADER, "|" + "---|" * 2 + "---:|" * 7]
    for r in results:
        m = r.matched
        rows.append(
            f"| {r.pair.name} | {r.pair.old} → {r.pair.new} "
            f"| {_kb(r.old.size)} → {_kb(r.new.size)} "
            f"| {r.old.operations} → {r.new.operations} "
            f"| {len(m.found) + len(m.missed)} | {len(r.diff.breaking)} "
            f"| {len(m.found)} | {len(m.missed)} | {len(m.false)} |"
        )
    return "\n".join(rows) + "\n"


def document(results: Sequence[PairResult], revision: str) -> str:
    placed = [r.pair.name for r in results if not r.diff.with_subjects]
    lines = [
        "# Real API histories: `sdkgen diff` against an independent comparison",
        "",
        "Each pair is two published versions of one vendor's API description. Both are",
        "generated with `sdkgen generate` (the new one over a copy of the old package, so",
        "that the names it recorded in `api.json` are kept, as when a user regenerates and",
        "as `sdkgen diff` builds it), and the two Python packages are compared with",
        "`ast` alone (`tools/history/`, no generator code): signatures, return types, model",
        "fields, enum members. The rules that decide what breaks a caller are in the",
        "docstring of `tools/history/compare.py`. The comparison's breaking findings are",
        "then matched with what `sdkgen diff OLD NEW --format json` calls breaking.",
        "",
        "```sh",
        COMMAND,
        "```",
        "",
        f"Generator at `{revision}`.",
        "",
    ]
    if placed:
        lines += [
            f"The diff's JSON names no `subject` yet ({', '.join(placed)}): each change is",
            "placed on the surface from its JSON pointer and operations (a field, an",
            "argument, a return, else the methods; `tools/history/sdkgen_diff.py`), so",
            "these figures are approximate.",
            "",
        ]
    lines += [
        "A finding and a change match when their subjects are equal or one contains the",
        "other (`client.items.list` contains `client.items.list(limit)`, `Slot` contains",
        "`Slot.start`). *found by both* and *missed by diff* count the comparison's",
        "findings; *false in diff* counts the diff's changes that match no breaking",
        "finding, each listed below with what the comparison saw instead.",
        "",
    ]
    lines += [table(results), "## Sources", ""]
    lines += [
        f"- {r.pair.name}: npm `{r.pair.package}` {r.pair.old} → {r.pair.new}, "
        f"`package/{r.pair.path}`"
        for r in results
    ]
    for r in results:
        lines += ["", *_details(r)]
    return "\n".join(lines) + "\n"


def _details(result: PairResult) -> list[str]:
    m = result.matched
    lines = [f"## {result.pair.name}", ""]
    lines += [f"Missed by the diff ({len(m.missed)}):", ""]
    lines += [f"- `{f.subject}`: {_short(f.reason)}" for f in m.missed] or ["- none"]
    lines += ["", f"Called breaking by the diff, breaking nobody ({len(m.false)}):", ""]
    lines += [
        f"- `{', '.join(x.change.subjects) or x.change.id}`: {_short(x.change.message)} — "
        f"{_short(x.reason)}"
        for x in m.false
    ] or ["- none"]
    return lines


def _short(text: str, limit: int = 300) -> str:
    """Long unions (dozens of classes) cut, so that each case stays one readable line."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _kb(size: int) -> str:
    return f"{size / 1024:,.0f} KB"
