"""The generator's changes merged into a file its owner edited: `git merge-file`.

git's merge is the one the owner already knows (the same hunks, the same conflict
markers), it is maintained with git and is fast C, and it needs no new dependency: a
three-way merge library on PyPI (merge3) is GPL-licensed, which importing it would pass
on to the generator, while running git as a program does not. Only edited files are
merged, so a regeneration of the largest package starts a handful of git processes.

The output does not depend on the owner's git configuration (none is read: no system,
global or repository config) and uses git's plain two-part conflict markers.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.diagnostics import SpecError

OURS_LABEL = "yours"
THEIRS_LABEL = "generated"
CONFLICT_START = f"{'<' * 7} {OURS_LABEL}".encode()
_SEPARATOR = b"=" * 7 + b"\n"
_CONFLICT_END = f"{'>' * 7} {THEIRS_LABEL}\n".encode()
_WIDE = 40
"""Marker width while reading git's output: wide enough never to be a line of real text
(a Markdown heading underline is made of `=` too)."""


@dataclass(frozen=True)
class Merged:
    data: bytes
    conflicts: tuple[int, ...]
    """Line numbers (from 1) of the `<<<<<<< yours` marker of each conflict left."""


def merge(base: bytes | None, ours: bytes, theirs: bytes, location: str) -> Merged:
    """`theirs`' changes since `base` applied to `ours`; without a base (a file the
    generator never recorded), every difference between the two is a conflict."""
    output = _merge_file(base, ours, theirs, location)
    return _settle(output)


def unresolved_conflicts(data: bytes) -> tuple[int, ...]:
    """Lines where a conflict an earlier merge wrote is still waiting to be resolved."""
    return tuple(
        number
        for number, line in enumerate(data.split(b"\n"), 1)
        if line.rstrip(b"\r") == CONFLICT_START
    )


def _merge_file(base: bytes | None, ours: bytes, theirs: bytes, location: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="sdkgen-merge-") as tmp:
        paths = [Path(tmp) / name for name in ("ours", "base", "theirs")]
        for path, data in zip(paths, (ours, base or b"", theirs), strict=True):
            path.write_bytes(data)
        # With a base, git shows it in each conflict (diff3) so `_settle` can see which
        # side changed; without one, git's default style narrows conflicts line by line.
        style = ["--diff3"] if base is not None else []
        command = ["git", "merge-file", "-p", f"--marker-size={_WIDE}", *style]
        command += ["-L", "ours", "-L", "base", "-L", "theirs", *map(str, paths)]
        try:
            result = subprocess.run(
                command, capture_output=True, cwd=tmp, env=_isolated_env(tmp), check=False
            )
        except FileNotFoundError:
            raise SpecError(location, "merging your edits needs git on PATH") from None
    if result.returncode > 127:  # git counts conflicts in the exit status, up to 127
        message = result.stderr.decode("utf-8", "replace").strip()
        raise SpecError(location, f"git merge-file failed: {message}")
    return result.stdout


def _isolated_env(home: str) -> dict[str, str]:
    """No configuration reaches git, so no setting of the owner's (a conflict style, say)
    can change the output: an empty home (a git older than 2.32 reads ~/.gitconfig
    whatever GIT_CONFIG_GLOBAL says), no system file, none of the caller's GIT_ variables."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    environment.update(
        HOME=home, XDG_CONFIG_HOME=home, GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull
    )
    return environment


def _settle(output: bytes) -> Merged:
    """Rewrite git's wide diff3 markers as plain ones, settling the conflicts that are
    not real. git flags two overlapping hunks even when, beyond the lines both sides
    share at the hunk's start and end, one side left the base as it was (an owner's note
    above the changelog entries, where the release step also prepends to that note).
    And lines both sides added at the very end of the file keep both: the generator's
    first (a new method's line closing the last class), then the owner's (a helper
    appended to the module), where git would stop at the order."""
    lines = _lines(output)
    merged: list[bytes] = []
    conflicts: list[int] = []
    index = 0
    while index < len(lines):
        if not lines[index].startswith(b"<" * _WIDE):
            merged.append(lines[index])
            index += 1
            continue
        (ours, base, theirs), index = _read_conflict(lines, index + 1)
        start, ours, theirs, end = _split_shared(ours, theirs)
        merged += start
        if ours == theirs or ours == base:
            merged += theirs
        elif theirs == base:
            merged += ours
        elif base == [] and index == len(lines):
            merged += [*_ended(theirs), *ours]  # both appended: the owner's lines stay last
        else:
            conflicts.append(len(merged) + 1)
            merged += [CONFLICT_START + b"\n", *_ended(ours), _SEPARATOR]
            merged += [*_ended(theirs), _CONFLICT_END]
        merged += end
    return Merged(b"".join(merged), tuple(conflicts))


def _read_conflict(
    lines: list[bytes], index: int
) -> tuple[tuple[list[bytes], list[bytes] | None, list[bytes]], int]:
    sections: dict[bytes, list[bytes]] = {b"<": []}
    current = b"<"
    while not lines[index].startswith(b">" * _WIDE):
        marker = lines[index][:1]
        if lines[index].startswith(marker * _WIDE) and marker in (b"|", b"="):
            current = marker
            sections[current] = []
        else:
            sections[current].append(lines[index])
        index += 1
    return (sections[b"<"], sections.get(b"|"), sections[b"="]), index + 1


def _split_shared(
    ours: list[bytes], theirs: list[bytes]
) -> tuple[list[bytes], list[bytes], list[bytes], list[bytes]]:
    """The lines both sides share at the start and at the end, and what is left between."""
    start = 0
    while start < min(len(ours), len(theirs)) and ours[start] == theirs[start]:
        start += 1
    end = 0
    while end < min(len(ours), len(theirs)) - start and ours[-1 - end] == theirs[-1 - end]:
        end += 1
    stop_ours, stop_theirs = len(ours) - end, len(theirs) - end
    return ours[:start], ours[start:stop_ours], theirs[start:stop_theirs], ours[stop_ours:]


def _lines(data: bytes) -> list[bytes]:
    """Lines split at `\n` only (a stray `\r` inside a line is text, not a break)."""
    parts = data.split(b"\n")
    return [part + b"\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def _ended(lines: list[bytes]) -> list[bytes]:
    """A last line without a newline gets one, so the next marker starts its own line."""
    if lines and not lines[-1].endswith(b"\n"):
        return [*lines[:-1], lines[-1] + b"\n"]
    return lines
