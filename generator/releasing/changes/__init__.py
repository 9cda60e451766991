"""What a new version of a spec does to code written against the old one.

`compare_documents(old, new)` walks two normalised OpenAPI 3.1 documents and returns a
`ChangeReport`: every change as a `Change` with a stable id, a kind (breaking, additive,
docs) and a one-line message for a Python caller. `render` turns a report into text,
Markdown or JSON; `versioning` turns it into a version bump and a changelog section;
`cli` is `sdkgen diff`.
"""

from generator.releasing.changes.compare import compare_documents
from generator.releasing.changes.model import Change, ChangeReport, Kind
from generator.releasing.changes.render import render, render_json, render_markdown, render_text
from generator.releasing.changes.versioning import bump_version, changelog_entry, prepend_changelog

__all__ = [
    "Change",
    "ChangeReport",
    "Kind",
    "bump_version",
    "changelog_entry",
    "compare_documents",
    "prepend_changelog",
    "render",
    "render_json",
    "render_markdown",
    "render_text",
]
