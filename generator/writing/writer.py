"""Writing a package to disk so that unchanged files are not touched."""

from __future__ import annotations

from pathlib import Path

from generator.rendering.render import RenderedFile

# Folders inside a package that the generator never writes or deletes: the place for
# hand-written code next to generated code.
KEEP = ("custom",)


def sync_tree(
    target: Path, files: list[RenderedFile], keep_prefixes: tuple[str, ...] = ()
) -> list[str]:
    """Make `target` hold exactly `files` (plus kept paths and Python's bytecode caches);
    return the paths written or deleted."""
    wanted = {f.path: f.text.encode("utf-8") for f in files}
    changed = []
    for path, data in sorted(wanted.items()):
        destination = target / path
        if destination.is_file() and destination.read_bytes() == data:
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_bytes(data)
        changed.append(path)
    for existing in sorted(target.rglob("*"), reverse=True) if target.is_dir() else []:
        relative = existing.relative_to(target).as_posix()
        if (
            "__pycache__" in existing.parts
            or relative in wanted
            or relative.startswith(keep_prefixes)
        ):
            continue
        if existing.is_dir():
            if not any(existing.iterdir()):
                existing.rmdir()
        else:
            existing.unlink()
            changed.append(relative)
    return changed
