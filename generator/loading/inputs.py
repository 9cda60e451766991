"""Where input files may come from: one folder, the *root*, and only regular files in it.

The root is the folder that holds the spec (the spec folder with its `sdk.toml`, or the
folder of a bare spec file); `sdk.toml` `[source] root` can widen it. The source file,
its overlays and every file a `$ref` names must resolve inside it, symlinks followed, so
neither `../../.netrc` nor a link to `/etc` is read. References to other hosts (any URI
with a scheme, or `//host/...`) are never fetched.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from generator.diagnostics import SpecError
from generator.loading.reader import file_problem


def input_file(root: Path, name: str, base: Path, location: str, what: str) -> Path:
    """The regular file `name` names (relative to the folder `base`, or absolute) as a
    resolved path inside `root`; otherwise a `SpecError` at `location` about `what`
    (`$ref '../x.yaml'`, `[source] path`)."""
    if _is_uri(name):
        raise SpecError(
            location,
            f"{what} is a URI; sdkgen reads only files inside {root} and never fetches",
        )
    path = real_path(base / name, location, what)
    if not path.is_relative_to(root):
        raise SpecError(
            location,
            f"{what} leads outside {root}, the folder the spec may read from "
            "(sdk.toml [source] root widens it)",
        )
    if problem := file_problem(path):
        raise SpecError(location, f"{what}: {problem}")
    return path


def _is_uri(name: str) -> bool:
    """`https://...`, `file:///...`, `urn:...`, `//host/...`; a one-letter scheme is a
    Windows drive (`C:/specs/api.yaml`), which is a path."""
    parts = urlsplit(name)
    return len(parts.scheme) > 1 or bool(parts.netloc)


def real_path(path: Path, location: str, what: str) -> Path:
    """`path` with every symlink followed; a loop is a `SpecError`."""
    try:
        return path.resolve()
    except (OSError, RuntimeError, ValueError) as exc:  # a symlink loop, a NUL byte
        raise SpecError(location, f"{what} cannot be followed ({exc})") from None
