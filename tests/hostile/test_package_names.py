"""Package names: a bare spec file is named after its API's title (not its file name),
`--name` chooses the name, a name that is a keyword or would hide a standard-library
module, a dependency or a builtin is renamed with a warning (when derived) or refused in
one line (when chosen), and two targets that would write one package folder are refused
before anything is written."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import import_generated
from tests.hostile.cli import run_in_process


def _spec(folder: Path, title: str | None, file_name: str = "openapi.json") -> Path:
    info: dict[str, Any] = {"version": "1"}
    if title is not None:
        info["title"] = title
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name
    path.write_text(json.dumps({"openapi": "3.1.0", "info": info, "paths": {}}))
    return path


def _generated(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir()) if out.is_dir() else []


@pytest.mark.parametrize(
    ("title", "package"),
    [
        ("OpenAI API", "openai"),
        ("Swagger Petstore", "swagger_petstore"),
        ("Überweisungen API", "uberweisungen"),
        ("2FA Service", "api_2fa_service"),
        ("  ***  ", "openapi"),
        (None, "openapi"),
        ("A " + "very " * 30 + "long title", "a_very_very_very_very_very_very_very"),
    ],
)
def test_a_bare_file_is_named_after_its_title(
    tmp_path: Path, title: str | None, package: str
) -> None:
    spec = _spec(tmp_path / "spec", title)
    result = run_in_process("generate", spec, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    assert _generated(tmp_path / "out") == [package]
    client = (tmp_path / "out" / package / package / "_client.py").read_text()
    assert f"{package.upper()}_BASE_URL" in client


@pytest.mark.parametrize(
    "title",
    ["JSON", "Typing", "class", "Import", "httpx", "Pydantic", "OS", "datetime", "anyio", "List"],
)
def test_a_title_that_would_shadow_is_renamed_with_a_warning(tmp_path: Path, title: str) -> None:
    spec = _spec(tmp_path / "spec", title)
    result = run_in_process("generate", spec, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    wanted = title.lower()
    assert _generated(tmp_path / "out") == [f"{wanted}_client"]
    assert f"warning: package name `{wanted}` (from info.title)" in result.stdout
    assert f"named `{wanted}_client`" in result.stdout


def test_renamed_packages_import(tmp_path: Path) -> None:
    for title in ("json", "class"):
        spec = _spec(tmp_path / title, title)
        assert run_in_process("generate", spec, "-o", tmp_path / "out").returncode == 0
        module = import_generated(tmp_path / "out" / f"{title}_client", f"{title}_client")
        assert module.__name__ == f"{title}_client"


@pytest.mark.parametrize(
    "name", ["json", "typing", "class", "import", "httpx", "pydantic", "os", "id"]
)
def test_a_chosen_name_that_would_shadow_is_refused(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "spec"
    _spec(folder, "Fine")
    (folder / "sdk.toml").write_text(
        f'[source]\npath = "openapi.json"\n[package]\nname = "{name}"\n'
    )
    result = run_in_process("generate", folder, "-o", tmp_path / "out")
    assert result.returncode == 1
    assert "sdk.toml:package.name" in result.stderr and f"`{name}`" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 2, result.stderr  # target, reason
    result = run_in_process(
        "generate", folder / "openapi.json", "--name", name, "-o", tmp_path / "out"
    )
    assert result.returncode == 1 and "--name" in result.stderr and f"`{name}`" in result.stderr
    assert _generated(tmp_path / "out") == []


def test_name_chooses_the_package(tmp_path: Path) -> None:
    spec = _spec(tmp_path / "spec", "Whatever API")
    result = run_in_process("generate", spec, "--name", "billing", "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert _generated(tmp_path / "out") == ["billing"]
    client = (tmp_path / "out" / "billing" / "billing" / "_client.py").read_text()
    assert "BILLING_BASE_URL" in client
    other = _spec(tmp_path / "other", "Other")
    result = run_in_process("generate", spec, other, "--name", "billing", "-o", tmp_path / "out2")
    assert result.returncode == 1 and "--name" in result.stderr
    assert _generated(tmp_path / "out2") == []


def test_two_targets_writing_one_folder_are_refused_before_writing(tmp_path: Path) -> None:
    first = _spec(tmp_path / "a", "Payments API")
    second = _spec(tmp_path / "b", "Payments")
    result = run_in_process("generate", first, second, "-o", tmp_path / "out")
    assert result.returncode == 1
    assert "package `payments` is also made from" in result.stderr, result.stderr
    assert str(second) in result.stderr and str(first) in result.stderr
    assert _generated(tmp_path / "out") == []
    # Two spec folders whose sdk.toml name the same package: the same.
    for folder in (tmp_path / "a", tmp_path / "b"):
        (folder / "sdk.toml").write_text(
            '[source]\npath = "openapi.json"\n[package]\nname = "pay"\n'
        )
    result = run_in_process("generate", tmp_path / "a", tmp_path / "b", "-o", tmp_path / "out")
    assert result.returncode == 1 and "package `pay` is also made from" in result.stderr
    result = run_in_process("check", tmp_path / "a", tmp_path / "b", "-o", tmp_path / "out")
    assert result.returncode == 1 and "package `pay` is also made from" in result.stderr


def test_the_same_target_twice_is_generated_once(tmp_path: Path) -> None:
    spec = _spec(tmp_path / "a", "Payments")
    result = run_in_process(
        "generate", spec, tmp_path / "a" / ".." / "a" / "openapi.json", "-o", tmp_path / "out"
    )
    assert result.returncode == 0, result.stderr
    assert _generated(tmp_path / "out") == ["payments"]
