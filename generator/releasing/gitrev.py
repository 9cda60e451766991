"""Spec folders (or files) as they were at a git revision: `REV:specs/<vendor>`.

The argument is read as a revision when it is not an existing path and has the form
`<rev>:<path>` with `<path>` relative to the repository root, as in `git show`. The
folder is exported with `git archive` (a file with `git show`) into a temporary
directory, under its own name, and the caller loads it from there.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from generator.diagnostics import SpecError


def parse_revision(argument: str) -> tuple[str, str] | None:
    """`(rev, path)` for `rev:path`; `None` for an existing path or no revision."""
    if Path(argument).exists():
        return None
    revision, separator, path = argument.partition(":")
    if not separator or not revision or not path.strip("/"):
        return None
    return revision, path.strip("/")


@contextmanager
def materialised(argument: str, repository: Path | None = None) -> Iterator[Path]:
    """The path to load for `argument`: itself, or a temporary export of `rev:path`
    (removed on exit). `repository` is where git runs; the working directory if `None`."""
    parsed = parse_revision(argument)
    if parsed is None:
        yield Path(argument)
        return
    revision, path = parsed
    with tempfile.TemporaryDirectory(prefix="sdkgen-diff-") as scratch:
        yield _export(
            argument, f"{revision}:{path}", Path(scratch) / PurePosixPath(path).name, repository
        )


def _export(argument: str, object_name: str, target: Path, repository: Path | None) -> Path:
    # `git archive` refuses to run from a subdirectory git does not track yet.
    top = _git(argument, repository, "rev-parse", "--show-toplevel").decode().strip()
    repository = Path(top)
    kind = _git(argument, repository, "cat-file", "-t", object_name).decode().strip()
    if kind == "tree":
        archive = _git(argument, repository, "archive", "--format=tar", object_name)
        target.mkdir()
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(target, filter="data")
    elif kind == "blob":
        target.write_bytes(_git(argument, repository, "show", object_name))
    else:
        raise SpecError(argument, f"`{object_name}` is a git {kind}, not a folder or file")
    return target


def _git(argument: str, repository: Path | None, *command: str) -> bytes:
    try:
        done = subprocess.run(["git", *command], cwd=repository, capture_output=True, check=False)
    except OSError as exc:
        raise SpecError(argument, f"cannot run git: {exc}") from None
    if done.returncode != 0:
        lines = done.stderr.decode(errors="replace").strip().splitlines()
        reason = lines[0] if lines else f"git {command[0]} failed"
        raise SpecError(argument, f"not found at that git revision ({reason})")
    return done.stdout
