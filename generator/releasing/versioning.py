"""The SDK's next version and its changelog section, from a `ChangeReport`.

Versions are `MAJOR.MINOR.PATCH` (semantic versioning):

* breaking changes bump MAJOR, additive ones MINOR, docs-only ones PATCH; no change
  leaves the version as it is;
* while MAJOR is 0 (anything may still change), breaking changes bump MINOR and
  additive or docs-only changes bump PATCH, so `0.x` never turns into `1.0.0` by itself.

Acknowledged breaking changes still count as breaking: acknowledging one lets the
generate step proceed, it does not make it compatible.

Changelog sections carry no dates: the same report always gives the same text.
"""

from __future__ import annotations

import re

from generator.releasing.changes import KIND_ORDER, ChangeReport, Kind
from generator.rendering.literals import markdown_inline

SECTION_TITLES = {
    Kind.BREAKING: "Breaking changes",
    Kind.ADDITIVE: "Additions",
    Kind.DOCS: "Documentation",
}

_VERSION = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")


def bump_version(current: str, report: ChangeReport) -> str:
    """The version after `current` for these changes; `ValueError` if not X.Y.Z."""
    match = _VERSION.fullmatch(current.strip())
    if match is None:
        raise ValueError(f"version {current!r} is not MAJOR.MINOR.PATCH")
    major, minor, patch = (int(part) for part in match.groups())
    highest = report.highest
    if highest is None:
        return f"{major}.{minor}.{patch}"
    if major == 0:
        if highest is Kind.BREAKING:
            return f"0.{minor + 1}.0"
        return f"0.{minor}.{patch + 1}"
    if highest is Kind.BREAKING:
        return f"{major + 1}.0.0"
    if highest is Kind.ADDITIVE:
        return f"{major}.{minor + 1}.0"
    return f"{major}.{minor}.{patch + 1}"


def changelog_entry(version: str, report: ChangeReport) -> str:
    """A Markdown section `## <version>` with one `###` group per kind present."""
    lines = [f"## {version}"]
    for kind in KIND_ORDER:
        changes = report.of_kind(kind)
        if changes:
            lines += ["", f"### {SECTION_TITLES[kind]}", ""]
            lines += [f"- {markdown_inline(change.message)}" for change in changes]
    if not report.changes:
        lines += ["", "No API changes."]
    return "\n".join(lines) + "\n"


def prepend_changelog(existing: str | None, entry: str, title: str) -> str:
    """`existing` changelog with `entry` as its newest section.

    A missing or blank changelog becomes `# <title>` followed by the entry. Otherwise the
    entry goes before the first `## ` section (after any title and preamble), and a
    section for the same version is replaced, so regenerating never duplicates one."""
    entry = entry.rstrip("\n") + "\n"
    if existing is None or not existing.strip():
        return f"# {markdown_inline(title)}\n\n{entry}"
    heading = entry.splitlines()[0]
    sections = _split_sections(existing)
    preamble, rest = sections[0], [s for s in sections[1:] if s.splitlines()[0] != heading]
    parts = [preamble.rstrip("\n") + "\n\n" if preamble.strip() else "", entry]
    parts += ["\n" + section.rstrip("\n") + "\n" for section in rest]
    return "".join(parts)


def _split_sections(text: str) -> list[str]:
    """The text before the first `## ` line, then each `## ` section."""
    sections = [""]
    for line in text.splitlines(keepends=True):
        if line.startswith("## "):
            sections.append("")
        sections[-1] += line
    return sections
