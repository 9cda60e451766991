"""The generator's own files in a package: one hidden folder, `.sdkgen/`, committed with it.

- `stamp.json`: the hashes of the inputs and the generator, so an unchanged package is
  skipped without rendering anything.
- `base.pack`: every file exactly as the generator last wrote it (the base of the
  three-way merge that keeps an owner's edits), in one text file: records sorted by
  path, each a header line `<byte count> <path>` followed by the bytes and a newline.
- `.gitattributes`: marks `base.pack` binary, so `git diff` of a regeneration shows the
  package's own changes once (the pack is one "Binary files differ" line), and git
  never merges two packs line by line (it keeps one side and flags the file).

One text file rather than a mirror tree: the package stays uncluttered (a mirror would
hand linters, type checkers and editor searches a second copy of every module) and the
diff stays readable. Text rather than a compressed archive: git's own delta compression
then stores a regeneration as roughly the size of what changed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

FOLDER = ".sdkgen"
STAMP = f"{FOLDER}/stamp.json"
BASE = f"{FOLDER}/base.pack"
ATTRIBUTES = f"{FOLDER}/.gitattributes"
LEGACY_STAMP = ".sdkgen.json"
"""Where packages written before `.sdkgen/` kept their stamp; removed on the next write."""

_PACK_HEADER = b"sdkgen base 1\n"
ATTRIBUTES_TEXT = "base.pack binary linguist-generated\nstamp.json linguist-generated\n"


class DamagedBase(ValueError):
    """`base.pack` cannot be read back (edited by hand, or merged by a tool as text)."""


def read_stamp(package: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((package / STAMP).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def stamp_bytes(stamp: dict[str, Any]) -> bytes:
    return (json.dumps(stamp, indent=2, sort_keys=True) + "\n").encode("utf-8")


def pack(files: dict[str, bytes]) -> bytes:
    parts = [_PACK_HEADER]
    for path in sorted(files):
        data = files[path]
        parts += [f"{len(data)} {path}\n".encode(), data, b"\n"]
    return b"".join(parts)


def unpack(data: bytes) -> dict[str, bytes]:
    if not data.startswith(_PACK_HEADER):
        raise DamagedBase("not an sdkgen base pack")
    files: dict[str, bytes] = {}
    position = len(_PACK_HEADER)
    while position < len(data):
        end = data.find(b"\n", position)
        size_text, _, path = data[position:end].decode("utf-8", "replace").partition(" ")
        if end < 0 or not size_text.isdigit() or not path:
            raise DamagedBase(f"unreadable record header at byte {position}")
        start, stop = end + 1, end + 1 + int(size_text)
        if data[stop : stop + 1] != b"\n":
            raise DamagedBase(f"record {path!r} is cut short")
        files[path] = data[start:stop]
        position = stop + 1
    return files


def read_base(package: Path) -> dict[str, bytes]:
    """What the generator last wrote, by path; empty for a package that has no record."""
    try:
        data = (package / BASE).read_bytes()
    except FileNotFoundError:
        return {}
    return unpack(data)
