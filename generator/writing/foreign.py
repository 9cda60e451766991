"""Foreign files: what sits in a package folder that neither the generator nor the
package's owner wrote as code (build output, caches), and whatever the owner lists in
`.sdkgenignore`. The generator never writes, deletes or reports them as stale.

`.sdkgenignore` takes a small, clear part of gitignore's syntax: one pattern a line;
blank lines and `#` comments skipped; `*` matches within one name, `?` one character,
`**` any number of folders; a trailing `/` matches folders only; a pattern with a `/`
elsewhere is anchored at the package root, one without matches a name at any depth.
Negation (`!`) is not supported, since nothing is ignored by default that a pattern
could bring back.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.diagnostics import Diagnostics
from generator.writing.metadata import FOLDER

IGNORE_FILE = ".sdkgenignore"
BUILT_IN = (
    "/build/",  # setuptools, at the package root only: a subpackage may be called build
    "/dist/",
    "*.egg-info/",
    "__pycache__/",
    ".mypy_cache/",
    ".pytest_cache/",
    ".ruff_cache/",
)


class ForeignRules:
    """Patterns as regular expressions, one per kind: anchored or matching a name, for
    any entry or for folders only."""

    def __init__(self, lines: list[str]) -> None:
        groups: dict[tuple[bool, bool], list[str]] = {}
        for line in lines:
            folders_only = line.endswith("/")
            body = line.rstrip("/")
            key = ("/" in body, folders_only)
            groups.setdefault(key, []).append(_translate(body.lstrip("/")))
        self._kinds = [
            (anchored, folders_only, re.compile("|".join(f"(?:{r})" for r in regexes)))
            for (anchored, folders_only), regexes in sorted(groups.items())
        ]
        self._folders: dict[str, bool] = {}

    @classmethod
    def load(cls, package: Path, diagnostics: Diagnostics) -> ForeignRules:
        """The built-in rules and those of the package's `.sdkgenignore`, if it has one."""
        lines = [(line, "") for line in BUILT_IN]
        ignore = package / IGNORE_FILE
        if ignore.is_file():
            text = ignore.read_text(encoding="utf-8", errors="replace")
            lines += [(line, f"{ignore}:{n}") for n, line in enumerate(text.splitlines(), 1)]
        patterns = []
        for line, location in lines:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("!"):
                diagnostics.warn(location, "negated patterns are not supported", "line skipped")
                continue
            patterns.append(line)
        return cls(patterns)

    def covers(self, path: str, is_folder: bool = False) -> bool:
        """Whether `path` (relative, `/`-separated) or a folder above it is foreign."""
        folder = path.rpartition("/")[0]
        return (bool(folder) and self._covers_folder(folder)) or self._matches(path, is_folder)

    def _covers_folder(self, folder: str) -> bool:
        # A package has few folders and many files: each folder is decided once.
        if folder not in self._folders:
            self._folders[folder] = self.covers(folder, is_folder=True)
        return self._folders[folder]

    def _matches(self, path: str, is_folder: bool) -> bool:
        name = path.rpartition("/")[2]
        return any(
            regex.fullmatch(path if anchored else name)
            for anchored, folders_only, regex in self._kinds
            if is_folder or not folders_only
        )


def _translate(glob: str) -> str:
    """A glob in the syntax above as a regular expression over a `/`-separated path."""
    pieces = re.split(r"(\*\*/|/\*\*$|\*|\?)", glob)
    wildcards = {"**/": "(?:.*/)?", "/**": "/.*", "*": "[^/]*", "?": "[^/]"}
    return "".join(wildcards.get(piece, re.escape(piece)) for piece in pieces)


def survey(package: Path, rules: ForeignRules, generated: set[str]) -> tuple[list[str], list[str]]:
    """The foreign entries of `package` (a foreign folder as one entry, ending in `/`) and
    the files its owner added (neither generated nor foreign nor the generator's own)."""
    foreign: list[str] = []
    added: list[str] = []
    pending = [package]
    while pending:
        folder = pending.pop()
        for entry in sorted(folder.iterdir()):
            relative = entry.relative_to(package).as_posix()
            is_folder = entry.is_dir()
            if relative == FOLDER:
                continue
            if rules.covers(relative, is_folder):
                foreign.append(relative + "/" if is_folder else relative)
            elif is_folder:
                pending.append(entry)
            elif relative not in generated:
                added.append(relative)
    return sorted(foreign), sorted(added)
