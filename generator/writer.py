"""Writing a package to disk so that unchanged files are not touched."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.render import RenderedFile

# Files and folders inside a package that the generator never writes or deletes: the
# place for hand-written code next to generated code.
KEEP = ("custom",)


def sync_tree(
    target: Path, files: list[RenderedFile], keep_prefixes: tuple[str, ...] = ()
) -> list[str]:
    """Make `target` hold exactly `files` (plus kept paths); return the paths written."""
    wanted = {f.path: f.text for f in files}
    written = []
    for path, text in sorted(wanted.items()):
        destination = target / path
        data = text.encode("utf-8")
        if destination.is_file() and destination.read_bytes() == data:
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(data)
        written.append(path)
    if target.is_dir():
        for existing in sorted(target.rglob("*"), reverse=True):
            relative = existing.relative_to(target).as_posix()
            if relative in wanted or any(relative.startswith(p) for p in keep_prefixes):
                continue
            if existing.is_dir():
                if not any(existing.iterdir()):
                    existing.rmdir()
            elif "__pycache__" in relative or relative.endswith(".pyc"):
                continue
            else:
                existing.unlink()
                written.append(relative)
        for cache in target.rglob("__pycache__"):
            if not any(cache.parent.glob("*.py")):
                shutil.rmtree(cache, ignore_errors=True)
    return written
