"""One file of a published npm package, downloaded once into a cache folder.

`npm pack NAME@VERSION` fetches the package tarball from the registry; only the one file
is kept (some tarballs are tens of megabytes of other files). npm retries a failed
request once, briefly: its defaults spend over a minute on a registry that cannot be
reached, and callers fetch many files.
"""

from __future__ import annotations

import json
import subprocess
import tarfile
import tempfile
from pathlib import Path


def fetch(package: str, version: str, path: str, cache: Path) -> Path:
    """`cache/<package>@<version>/<path>`, downloaded when it is not there yet."""
    target = cache / f"{package.replace('/', '__')}@{version}" / path
    if target.exists():
        return target
    with tempfile.TemporaryDirectory() as scratch:
        tarball = _pack(f"{package}@{version}", Path(scratch))
        with tarfile.open(tarball) as archive:
            member = archive.extractfile(f"package/{path}")
            if member is None:
                raise FileNotFoundError(f"{package}@{version} has no file {path}")
            data = member.read()
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_bytes(data)
    partial.replace(target)
    return target


_PATIENCE = ("--fetch-retries=1", "--fetch-retry-maxtimeout=5000", "--fetch-timeout=60000")
_PACK_SECONDS = 300


def _pack(spec: str, into: Path) -> Path:
    command = ["npm", "pack", spec, "--json", *_PATIENCE, "--pack-destination", str(into)]
    try:
        done = subprocess.run(
            command, capture_output=True, text=True, check=False, timeout=_PACK_SECONDS
        )
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"npm pack {spec} took over {_PACK_SECONDS} s") from exc
    if done.returncode != 0:
        raise RuntimeError(f"npm pack {spec} failed: {done.stderr.strip()}")
    filename: str = json.loads(done.stdout)[0]["filename"]
    return into / filename
