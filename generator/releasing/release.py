"""The next release of a generated package: its version and changelog, from what changed
between the surface the package records (`api.json`) and the one about to be written."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import Diagnostics
from generator.ir.surface import Surface, from_json
from generator.releasing.changes import ChangeReport
from generator.releasing.compare import compare_surfaces
from generator.releasing.versioning import bump_version, changelog_entry, prepend_changelog

SURFACE_FILE = "api.json"
REPORT_FILE = "api.md"
CHANGELOG_FILE = "CHANGELOG.md"


@dataclass(frozen=True)
class Release:
    version: str
    changelog: str
    report: ChangeReport | None
    """None when there was no earlier surface to compare with."""

    @property
    def changed(self) -> bool:
        return self.report is not None and bool(self.report.changes)


def recorded_surface(package_folder: Path, diagnostics: Diagnostics) -> Surface | None:
    """The surface the package was last generated with; None for a new package. A
    record that cannot be read is said once, and then written afresh."""
    path = package_folder / SURFACE_FILE
    try:
        return from_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        diagnostics.warn(
            str(path),
            f"the recorded public surface cannot be read ({exc})",
            "changes since the last generation are not judged; the record is rewritten",
        )
        return None


def plan_release(
    package_folder: Path,
    previous: Surface | None,
    surface: Surface,
    configured_version: str,
    title: str,
) -> Release:
    previous_version = _read_version(package_folder / "pyproject.toml")
    # A version raised by hand in sdk.toml wins over the one the package carries.
    current = max(filter(None, [previous_version, configured_version]), key=_version_key)
    changelog_path = package_folder / CHANGELOG_FILE
    changelog = changelog_path.read_text(encoding="utf-8") if changelog_path.is_file() else None
    if changelog is None:
        first = f"## {current}\n\nFirst generated release.\n"
        changelog = prepend_changelog(None, first, f"{title} changelog")
    if previous is None:
        return Release(current, changelog, None)
    report = compare_surfaces(previous, surface)
    if not report.changes:
        return Release(current, changelog, report)
    version = bump_version(current, report)
    entry = changelog_entry(version, report)
    return Release(version, prepend_changelog(changelog, entry, f"{title} changelog"), report)


def _read_version(pyproject: Path) -> str | None:
    try:
        version = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return str(version)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)[:3])
