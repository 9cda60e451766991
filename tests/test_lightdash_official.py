"""Lightdash's official OpenAPI document: every operation a method on both clients, and a
package that imports and passes `mypy --strict`."""

from __future__ import annotations

import functools
import inspect
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.pipeline import generate
from tests.conftest import import_generated, shared_file

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def package_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = shared_file("specs/reference/lightdash-0.1366.1-openapi.json")
    folder = tmp_path_factory.mktemp("lightdash_official")
    (folder / "sdk.toml").write_text(
        # The reference spec stays in ../shared: its folder is granted as the input root.
        f'[source]\npath = "{spec}"\nroot = "{spec.parent}"\n\n'
        '[package]\nname = "lightdash_official"\n'
        'client_class = "Lightdash"\n\n[auth]\nprefix = "ApiKey "\n\n[response]\nenvelope = "results"\n'
    )
    out = folder / "out"
    generate(folder, out, force=True)
    return out


def _spec_operations() -> set[tuple[str, str]]:
    spec = json.loads(shared_file("specs/reference/lightdash-0.1366.1-openapi.json").read_text())
    methods = {"get", "put", "post", "delete", "patch", "head", "options", "trace"}
    return {(m, p) for p, item in spec["paths"].items() for m in item if m in methods}


def test_every_operation_is_a_method_on_both_clients(package_root: Path) -> None:
    pkg = import_generated(package_root, "lightdash_official")
    expected = _spec_operations()
    assert len(expected) == 134
    for client_class in (pkg.Lightdash, pkg.AsyncLightdash):
        client = client_class(api_key="secret", base_url="http://127.0.0.1:9")
        found = set()
        for resource in _resources(client):
            for _, method in inspect.getmembers(resource, inspect.ismethod):
                source = inspect.getsource(method)
                for http_method, path in expected:
                    if re.search(rf'"{http_method}",\s*"{re.escape(path)}"', source):
                        found.add((http_method, path))
        assert found == expected, sorted(expected - found)[:10]


def _resources(owner: object) -> list[object]:
    """Every resource reachable from a client: its own, and their sub-resources."""
    found = []
    for name, member in vars(type(owner)).items():
        if isinstance(member, functools.cached_property) and name != "with_raw_response":
            resource = getattr(owner, name)
            found += [resource, *_resources(resource)]
    return found


def test_package_passes_mypy_strict(package_root: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            str(package_root / "lightdash_official"),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert "Success: no issues found" in result.stdout
