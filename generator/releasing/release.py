"""The next release of a generated package: its version and changelog, from what changed
between the normalised spec stored in the package and the one just loaded."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.releasing.changes import (
    ChangeReport,
    bump_version,
    changelog_entry,
    compare_documents,
    prepend_changelog,
)

SPEC_FILE = "openapi.json"
CHANGELOG_FILE = "CHANGELOG.md"


@dataclass(frozen=True)
class Release:
    version: str
    changelog: str
    report: ChangeReport | None
    """None when there was no earlier package to compare with."""

    @property
    def changed(self) -> bool:
        return self.report is not None and bool(self.report.changes)


def plan_release(
    package_folder: Path, document: dict[str, Any], configured_version: str, title: str
) -> Release:
    previous_spec = _read_json(package_folder / SPEC_FILE)
    previous_version = _read_version(package_folder / "pyproject.toml")
    # A version raised by hand in sdk.toml wins over the one the package carries.
    current = max(filter(None, [previous_version, configured_version]), key=_version_key)
    changelog_path = package_folder / CHANGELOG_FILE
    changelog = changelog_path.read_text(encoding="utf-8") if changelog_path.is_file() else None
    if changelog is None:
        first = f"## {current}\n\nFirst generated release.\n"
        changelog = prepend_changelog(None, first, f"{title} changelog")
    if previous_spec is None:
        return Release(current, changelog, None)
    if previous_spec == document:  # the usual case, and cheap to see: nothing to compare
        return Release(current, changelog, ChangeReport(()))
    report = compare_documents(previous_spec, document)
    if not report.changes:
        return Release(current, changelog, report)
    version = bump_version(current, report)
    entry = changelog_entry(version, report)
    return Release(version, prepend_changelog(changelog, entry, f"{title} changelog"), report)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _read_version(pyproject: Path) -> str | None:
    try:
        version = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return str(version)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])
