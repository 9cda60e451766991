"""Inputs that never end, or are not files at all: a FIFO, `/dev/zero`, a folder, a socket
as the spec, as `[source] path`, as an overlay or as a `$ref` target are refused at once
with one line saying what they are; a file past the size limit is refused before it is
read; the files of a multi-file spec are limited together."""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.diagnostics import SpecError
from generator.loading import bundle as bundle_module
from generator.loading.bundle import bundle
from generator.loading.reader import MAX_FILE_BYTES
from tests.hostile.cli import run_cli, run_in_process

_DOCUMENT = {"openapi": "3.1.0", "info": {"title": "Inputs", "version": "1"}, "paths": {}}


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.mkdir()


def _zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _too_big(path: Path) -> None:
    with path.open("wb") as handle:  # sparse: no disk is used
        handle.truncate(MAX_FILE_BYTES + 1)


@pytest.fixture
def unix_socket(tmp_path: Path) -> Iterator[Callable[[Path], None]]:
    sockets: list[socket.socket] = []

    def make(path: Path) -> None:
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(str(path))
        sockets.append(server)

    yield make
    for server in sockets:
        server.close()


# A link to /dev/zero inside the spec folder leads outside it; named directly, or with
# the root widened to `/`, it is refused as a device.
_KINDS: dict[str, tuple[Callable[[Path], None], str]] = {
    "fifo": (_fifo, "a named pipe (FIFO), not a file"),
    "folder": (_folder, "a folder, not a file"),
    "dev_zero": (_zero, "leads outside"),
    "too_big": (_too_big, "larger than 64 MiB"),
}


def _kinds(unix_socket: Callable[[Path], None]) -> dict[str, tuple[Callable[[Path], None], str]]:
    return {**_KINDS, "socket": (unix_socket, "a socket, not a file")}


def _assert_refused(result: Any, *expected: str) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-2000:]
    assert "Traceback" not in output and "internal error" not in output, output[-2000:]
    assert len(result.stderr.strip().splitlines()) <= 2, result.stderr
    for text in expected:
        assert text in output, output[-2000:]


def test_the_spec_itself(tmp_path: Path, unix_socket: Callable[[Path], None]) -> None:
    # A subprocess with a timeout: a regression would hang on the FIFO or fill memory. A
    # folder named as the target is a folder of spec folders.
    special = {"dev_zero": "a character device, not a file", "folder": "no sdk.toml here"}
    for name, (make, message) in _kinds(unix_socket).items():
        spec = tmp_path / f"{name}.yaml"
        make(spec)
        result = run_cli(spec, tmp_path / "out", timeout=20)
        _assert_refused(result, special.get(name, message))


def test_dev_zero_named_directly(tmp_path: Path) -> None:
    _assert_refused(run_cli(Path("/dev/zero"), tmp_path / "out", timeout=20), "character device")


def _spec_folder(
    folder: Path, source: str, overlays: tuple[str, ...] = (), root: str = "."
) -> None:
    folder.mkdir(exist_ok=True)
    (folder / "spec.json").write_text(json.dumps(_DOCUMENT))
    (folder / "sdk.toml").write_text(
        f'[source]\npath = "{source}"\noverlays = {json.dumps(list(overlays))}\n'
        f'root = "{root}"\n[package]\nname = "inputs"\n'
    )


def test_source_path_and_overlays(tmp_path: Path, unix_socket: Callable[[Path], None]) -> None:
    for name, (make, message) in _kinds(unix_socket).items():
        folder = tmp_path / name
        folder.mkdir()
        make(folder / "input.yaml")
        _spec_folder(folder, "input.yaml")
        _assert_refused(run_cli(folder, tmp_path / "out", timeout=20), "source.path", message)
        _spec_folder(folder, "spec.json", overlays=("input.yaml",))
        result = run_in_process("generate", folder, "-o", tmp_path / "out")
        _assert_refused(result, "source.overlays", message)


def test_dev_zero_as_source_path_with_the_root_widened_to_everything(tmp_path: Path) -> None:
    _spec_folder(tmp_path / "spec", "/dev/zero", root="/")
    _assert_refused(run_cli(tmp_path / "spec", tmp_path / "out", timeout=20), "character device")


def test_ref_targets(tmp_path: Path, unix_socket: Callable[[Path], None]) -> None:
    for name, (make, message) in _kinds(unix_socket).items():
        folder = tmp_path / name
        folder.mkdir()
        make(folder / "target.yaml")
        document = {
            **_DOCUMENT,
            "components": {"schemas": {"Thing": {"$ref": "target.yaml"}}},
        }
        (folder / "spec.json").write_text(json.dumps(document))
        result = run_cli(folder / "spec.json", tmp_path / "out", timeout=20)
        _assert_refused(result, "spec.json#/components/schemas/Thing", message)


def test_the_files_of_one_spec_are_limited_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each file alone is small; together they pass the (lowered) limit.
    monkeypatch.setattr(bundle_module, "MAX_TOTAL_CHARACTERS", 10_000)
    schemas = {}
    for index in range(20):
        (tmp_path / f"s{index}.yaml").write_text(f"type: object\ndescription: {'x' * 1_000}\n")
        schemas[f"S{index}"] = {"$ref": f"s{index}.yaml"}
    root = tmp_path / "spec.json"
    document = {**_DOCUMENT, "components": {"schemas": schemas}}
    with pytest.raises(SpecError, match="hold more than 10,000 characters"):
        bundle(root, document, tmp_path)
    assert bundle(
        root, {**_DOCUMENT, "components": {"schemas": dict(list(schemas.items())[:5])}}, tmp_path
    )
