"""`sdkgen diff`: arguments, exit codes, acknowledgement, and specs at git revisions."""

from __future__ import annotations

import argparse
import copy
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.config import load_config
from generator.releasing.changes.cli import EXIT_BREAKING, EXIT_ERROR, EXIT_OK, add_arguments, run

Doc = dict[str, Any]
SDK_TOML = '[source]\npath = "openapi.yaml"\n\n[package]\nname = "tables"\n'


def load(path: Path) -> Doc:
    """Stands in for the pipeline: a spec folder's sdk.toml names its document."""
    if path.is_dir():
        path = path / load_config(path).source.path
    document: Doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return document


def write_spec(folder: Path, document: Doc) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sdk.toml").write_text(SDK_TOML, encoding="utf-8")
    (folder / "openapi.yaml").write_text(yaml.safe_dump(document), encoding="utf-8")
    return folder


def diff(*argv: str, acknowledged: tuple[str, ...] = ()) -> int:
    parser = argparse.ArgumentParser(prog="sdkgen diff")
    add_arguments(parser)
    return run(parser.parse_args(list(argv)), load, acknowledged)


@pytest.fixture
def specs(tmp_path: Path, old: Doc, new: Doc) -> tuple[Path, Path]:
    """An old spec folder and a new one that removed an operation and added a parameter."""
    del new["paths"]["/tables/{table_id}"]["delete"]
    new["paths"]["/tables"]["get"]["parameters"].append(
        {"name": "cursor", "in": "query", "schema": {"type": "string"}}
    )
    return write_spec(tmp_path / "old" / "tables", old), write_spec(
        tmp_path / "new" / "tables", new
    )


def test_report_goes_to_stdout_and_exit_is_zero_by_default(
    specs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert diff(str(specs[0]), str(specs[1])) == EXIT_OK
    out, err = capsys.readouterr()
    assert out.startswith("1 breaking, 1 additive, 0 docs-only changes\n")
    assert "[operation.removed:deleteTable]" in out
    assert err == ""


def test_fail_on_breaking_exits_3_until_every_breaking_change_is_acknowledged(
    specs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    old, new = str(specs[0]), str(specs[1])
    assert diff(old, new, "--fail-on-breaking") == EXIT_BREAKING
    ack = "operation.removed:deleteTable"
    assert diff(old, new, "--fail-on-breaking", "--acknowledge", ack) == EXIT_OK
    assert diff(old, new, "--fail-on-breaking", acknowledged=(ack,)) == EXIT_OK
    assert diff(old, new, "--fail-on-breaking", "--acknowledge", "operation.removed:x") == 3
    capsys.readouterr()


def test_acknowledge_takes_several_ids_and_marks_them_in_json(
    specs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code = diff(
        "--format", "json", "--fail-on-breaking", "--acknowledge",
        "operation.removed:deleteTable", "other.id", "--", str(specs[0]), str(specs[1]),
    )  # fmt: skip
    assert code == EXIT_OK
    payload = json.loads(capsys.readouterr().out)
    assert [c["acknowledged"] for c in payload["changes"] if c["kind"] == "breaking"] == [True]


def test_additive_changes_never_fail(
    tmp_path: Path, old: Doc, new: Doc, capsys: pytest.CaptureFixture[str]
) -> None:
    new["paths"]["/tables"]["get"]["summary"] = "List every table"
    old_file, new_file = tmp_path / "old.json", tmp_path / "new.json"
    old_file.write_text(json.dumps(old), encoding="utf-8")
    new_file.write_text(json.dumps(new), encoding="utf-8")
    assert diff(str(old_file), str(new_file), "--fail-on-breaking", "--format", "markdown") == 0
    assert "### Docs-only (1)" in capsys.readouterr().out


def test_unreadable_spec_is_one_line_on_stderr_and_exit_2(
    tmp_path: Path, specs: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "sdk.toml").write_text("[source\n", encoding="utf-8")
    assert diff(str(broken), str(specs[1])) == EXIT_ERROR
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "invalid TOML" in err
    assert diff(str(tmp_path / "missing.yaml"), str(specs[1])) == EXIT_ERROR
    assert capsys.readouterr().err.count("\n") == 1


# --- git revisions ----------------------------------------------------------------------


def git(repo: Path, *command: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *command],
        cwd=repo, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, old: Doc, new: Doc, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose second commit removes an operation from specs/tables."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q")
    write_spec(root / "specs" / "tables", old)
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    del new["paths"]["/tables/{table_id}"]["delete"]
    write_spec(root / "specs" / "tables", new)
    git(root, "commit", "-q", "-am", "second")
    monkeypatch.chdir(root / "specs")  # git revision paths are from the repository root
    return root


def test_spec_folders_at_two_revisions(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = diff("HEAD~1:specs/tables", "HEAD:specs/tables", "--format", "json",
                "--fail-on-breaking")  # fmt: skip
    assert code == EXIT_BREAKING
    ids = [c["id"] for c in json.loads(capsys.readouterr().out)["changes"]]
    assert ids == ["operation.removed:deleteTable"]


def test_revision_against_the_working_tree_and_a_file_at_a_revision(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = repo / "specs" / "tables"
    new = load(spec)
    new["paths"]["/health"]["get"]["summary"] = "Is it up?"
    write_spec(spec, new)
    assert diff("HEAD:specs/tables", str(spec)) == EXIT_OK
    assert "[operation.docs:GET /health]" in capsys.readouterr().out
    assert diff("HEAD~1:specs/tables/openapi.yaml", "HEAD:specs/tables/openapi.yaml") == 0
    assert "[operation.removed:deleteTable]" in capsys.readouterr().out


def test_unknown_revision_is_one_line_on_stderr(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert diff("nosuchrev:specs/tables", "HEAD:specs/tables") == EXIT_ERROR
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("nosuchrev:specs/tables: error: not found at that git revision")
    assert err.count("\n") == 1


def test_exported_revision_is_deleted_after_loading(repo: Path) -> None:
    seen: list[Path] = []

    def remember(path: Path) -> Doc:
        seen.append(path)
        return load(path)

    parser = argparse.ArgumentParser()
    add_arguments(parser)
    args = parser.parse_args(["HEAD~1:specs/tables", "HEAD:specs/tables"])
    assert run(args, remember) == EXIT_OK
    assert [p.name for p in seen] == ["tables", "tables"]
    assert not any(p.exists() for p in seen)


def test_documents_loaded_from_both_revisions_match_what_was_committed(
    repo: Path, old: Doc
) -> None:
    from generator.releasing.changes.gitrev import materialised

    with materialised("HEAD~1:specs/tables") as folder:
        assert sorted(p.name for p in folder.iterdir()) == ["openapi.yaml", "sdk.toml"]
        assert load(folder) == copy.deepcopy(old)
