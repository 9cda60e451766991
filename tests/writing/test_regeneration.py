"""Issue 11's acceptance: a vendored package keeps its owner's code through regeneration.

Each test generates a small real package on disk with the CLI, edits it as an owner
would (sync and async methods, a helper, an added file, the changelog, pyproject.toml),
changes the spec, and regenerates."""

from __future__ import annotations

import importlib
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.cli import EXIT_CONFLICT, EXIT_STALE, main
from tests.conftest import ROOT, import_generated


def _ok(schema: dict[str, Any]) -> dict[str, Any]:
    return {"200": {"description": "OK", "content": {"application/json": {"schema": schema}}}}


def _spec(
    *, add_delete: bool = False, new_summary: str = "", drop: tuple[str, ...] = ()
) -> dict[str, Any]:
    pet = {"$ref": "#/components/schemas/Pet"}
    pet_id = {"name": "petId", "in": "path", "required": True, "schema": {"type": "integer"}}
    paths: dict[str, Any] = {
        "/pets": {
            "get": {
                "operationId": "listPets",
                "tags": ["pets"],
                "summary": new_summary or "List pets",
                "responses": _ok({"type": "array", "items": pet}),
            }
        },
        "/pets/{petId}": {
            "get": {
                "operationId": "getPet",
                "tags": ["pets"],
                "summary": "Get a pet",
                "parameters": [pet_id],
                "responses": _ok(pet),
            }
        },
        "/stores": {
            "get": {
                "operationId": "listStores",
                "tags": ["stores"],
                "summary": "List stores",
                "responses": _ok({"type": "array", "items": {"type": "string"}}),
            }
        },
        "/toys": {
            "get": {
                "operationId": "listToys",
                "tags": ["toys"],
                "summary": "List toys",
                "responses": _ok({"type": "array", "items": {"type": "string"}}),
            }
        },
    }
    if add_delete:
        paths["/pets/{petId}"]["delete"] = {
            "operationId": "deletePet",
            "tags": ["pets"],
            "summary": "Delete a pet",
            "parameters": [pet_id],
            "responses": {"204": {"description": "Deleted"}},
        }
    schemas = {
        "Pet": {
            "type": "object",
            "required": ["id", "name"],
            "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
        }
    }
    return {
        "openapi": "3.0.3",
        "info": {"title": "Petstore", "version": "1.0.0"},
        "servers": [{"url": "https://pets.example.com"}],
        "paths": {p: item for p, item in paths.items() if p not in drop},
        "components": {"schemas": schemas},
    }


class Workspace:
    """A spec folder and the package generated from it, in a temporary folder."""

    def __init__(self, root: Path) -> None:
        self.spec = root / "spec"
        self.output = root / "out"
        self.package = self.output / "petstore"
        self.spec.mkdir()
        (self.spec / "sdk.toml").write_text(
            '[source]\npath = "openapi.json"\n\n[package]\nname = "petstore"\nclient_class = "Petstore"\n'
        )
        self.write_spec(_spec())

    def write_spec(self, spec: dict[str, Any]) -> None:
        (self.spec / "openapi.json").write_text(json.dumps(spec, indent=2))

    def sdkgen(
        self, capsys: pytest.CaptureFixture[str], command: str, *options: str
    ) -> tuple[int, str]:
        status = main([command, str(self.spec), "-o", str(self.output), *options])
        captured = capsys.readouterr()
        return status, captured.out + captured.err

    def edit(self, relative: str, old: str, new: str, count: int = 1) -> None:
        path = self.package / relative
        text = path.read_text()
        assert text.count(old) == count, f"{old!r} appears {text.count(old)} times in {relative}"
        path.write_text(text.replace(old, new))

    def text(self, relative: str) -> str:
        return (self.package / relative).read_text()


PETS = "petstore/resources/pets.py"
HELPER = '\n\ndef shout(text: str) -> str:\n    """A helper of the owner\'s."""\n    return text.upper()\n'
PATH_PARAMS = 'path_params={"petId": pet_id},'
OWNER_PATH_PARAMS = 'path_params={"petId": int(pet_id)},  # ids may arrive as strings'
NOTE = "Pinned for production: read before upgrading."


@pytest.fixture
def work(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Workspace:
    workspace = Workspace(tmp_path)
    assert workspace.sdkgen(capsys, "generate")[0] == 0
    return workspace


def test_edits_added_files_and_a_new_operation_all_survive_a_spec_change(
    work: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    # A line inside a method body, in the sync and the async class; a helper at the end.
    work.edit(PETS, PATH_PARAMS, OWNER_PATH_PARAMS, count=2)
    (work.package / PETS).write_text(work.text(PETS) + HELPER)
    (work.package / "petstore/my_notes.py").write_text('NOTES = "mine"\n')
    work.edit("CHANGELOG.md", "# Petstore changelog\n", f"# Petstore changelog\n\n{NOTE}\n")
    (work.package / "pyproject.toml").write_text(
        work.text("pyproject.toml") + "\n[tool.mypy]\nstrict = true\n"
    )

    work.write_spec(_spec(add_delete=True, new_summary="List every pet"))
    status, output = work.sdkgen(capsys, "generate", "--fail-on-conflict")

    assert status == 0, output
    assert f"merged: {work.package / PETS} (your edits kept)" in output
    pets = work.text(PETS)
    assert pets.count(OWNER_PATH_PARAMS) == 2 and pets.endswith(HELPER)
    assert pets.count('"""List every pet') == 2 and "<<<<<<<" not in pets
    assert work.text("petstore/my_notes.py") == 'NOTES = "mine"\n'
    changelog = work.text("CHANGELOG.md")
    assert changelog.index(NOTE) < changelog.index("## 0.1.1") < changelog.index("## 0.1.0")
    assert 'version = "0.1.1"' in work.text("pyproject.toml")
    assert work.text("pyproject.toml").endswith("[tool.mypy]\nstrict = true\n")

    petstore = import_generated(work.package, "petstore")
    assert importlib.import_module("petstore.resources.pets").shout("hi") == "HI"
    client, async_client = petstore.Petstore(), petstore.AsyncPetstore()
    assert callable(client.pets.delete) and callable(async_client.pets.delete)


def test_an_edit_to_a_line_the_spec_also_changes_is_a_conflict_named_with_its_line(
    work: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    work.edit(PETS, '"""List pets', '"""List the pets we stock', count=2)
    work.write_spec(_spec(new_summary="List every pet"))
    status, output = work.sdkgen(capsys, "generate", "--fail-on-conflict")

    assert status == EXIT_CONFLICT, output
    lines = work.text(PETS).splitlines()
    starts = [n for n, line in enumerate(lines, 1) if line == "<<<<<<< yours"]
    assert len(starts) == 2  # the sync and the async method
    for start in starts:
        assert f"conflict: {work.package / PETS}:{start}" in output
        assert lines[start : start + 4] == [
            '        """List the pets we stock',
            "=======",
            '        """List every pet',
            ">>>>>>> generated",
        ]
    # Left unresolved, the markers fail `check`; without the flag, generate itself passes.
    status, output = work.sdkgen(capsys, "check")
    assert (
        status == EXIT_CONFLICT
        and f"conflict: {work.package / PETS}:{starts[0]} (unresolved)" in output
    )
    assert work.sdkgen(capsys, "generate", "--force")[0] == 0


def test_a_removed_operations_module_goes_unless_its_owner_edited_it(
    work: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    work.edit("petstore/resources/toys.py", '"""List toys', '"""List toys (we sell these)', count=2)
    work.write_spec(_spec(drop=("/stores", "/toys")))
    status, output = work.sdkgen(capsys, "generate")

    assert status == 0, output
    assert not (work.package / "petstore/resources/stores.py").exists()
    assert "(we sell these)" in work.text("petstore/resources/toys.py")
    assert (
        f"kept: {work.package / 'petstore/resources/toys.py'} (edited by you; no longer generated)"
        in output
    )
    assert "stores" not in work.text("petstore/_client.py")


def test_an_unchanged_spec_is_skipped_and_force_merges_instead_of_discarding(
    work: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    work.edit(PETS, PATH_PARAMS, OWNER_PATH_PARAMS, count=2)
    edited = work.text(PETS)
    status, output = work.sdkgen(capsys, "generate")
    assert (status, output.strip()) == (0, "petstore: up to date")
    status, output = work.sdkgen(capsys, "generate", "--force")
    assert status == 0 and "0 files written" in output
    assert work.text(PETS) == edited
    status, output = work.sdkgen(capsys, "check")
    assert status == 0 and f"customised: {work.package / PETS} (edited)" in output


def test_check_fails_on_stale_files_only(
    work: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    (work.package / "petstore/custom").mkdir()
    (work.package / "petstore/custom/helpers.py").write_text("X = 1\n")
    work.write_spec(_spec(new_summary="List every pet"))
    status, output = work.sdkgen(capsys, "check")
    assert status == EXIT_STALE
    assert f"stale: {work.package / PETS}" in output
    assert f"customised: {work.package}/petstore/custom/helpers.py (added)" in output


def test_a_package_installed_with_pip_from_its_folder_still_checks_clean(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's `pip install ./eddytor`, on a copy of the committed package: setuptools
    leaves build/ and eddytor.egg-info/ in the folder, which `check` lists as foreign."""
    package = tmp_path / "generated" / "eddytor"
    shutil.copytree(ROOT / "generated" / "eddytor", package)
    installed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(tmp_path / "site"),
            str(package),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert installed.returncode == 0, installed.stderr
    assert (package / "build").is_dir() and (package / "eddytor.egg-info").is_dir()

    status = main(["check", str(ROOT / "specs" / "eddytor"), "-o", str(package.parent)])
    output = capsys.readouterr().out
    assert status == 0, output
    assert (
        f"foreign: {package}/build/" in output and f"foreign: {package}/eddytor.egg-info/" in output
    )
    assert "stale:" not in output


@pytest.mark.slow
def test_the_committed_vendor_packages_are_exactly_generated_output(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """No vendor package in the repository carries an edit, an extra file or a stale one."""
    status = main(["check", str(ROOT / "specs"), "-o", str(ROOT / "generated")])
    assert (status, capsys.readouterr().out) == (0, "generated packages are up to date\n")
