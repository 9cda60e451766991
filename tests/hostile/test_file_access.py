"""The generator reads only files inside the folder that holds the spec: a `$ref` (in a
schema, a summary, a path item, a discriminator mapping), `[source] path` and overlays
that lead out of it, by `..`, an absolute path or a symlink, are refused with a located
line, nothing of the file they name is read or written; URIs are never fetched; sdk.toml
`[source] root` widens the folder on purpose."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.hostile.cli import run_cli, run_in_process
from tests.support.http_server import RecordingServer

SECRET = "SECRET-OUTSIDE-THE-SPEC-FOLDER"


def _document(**placed: Any) -> dict[str, Any]:
    """A spec whose operation, schema, path item or discriminator holds `placed`."""
    operation: dict[str, Any] = {
        "operationId": "getThing",
        "summary": placed.get("summary", "Get a thing"),
        "responses": {
            "200": {
                "description": "ok",
                "content": {
                    "application/json": {"schema": placed.get("schema", {"type": "object"})}
                },
            }
        },
    }
    paths: dict[str, Any] = {"/things": {"get": operation}}
    if "path_item" in placed:
        paths["/other"] = placed["path_item"]
    schemas: dict[str, Any] = {"Thing": {"type": "object"}}
    if "mapping" in placed:
        schemas["Pet"] = {
            "oneOf": [{"$ref": "#/components/schemas/Thing"}],
            "discriminator": {"propertyName": "kind", "mapping": {"x": placed["mapping"]}},
        }
    return {
        "openapi": "3.1.0",
        "info": {"title": "Confined", "version": "1"},
        "paths": paths,
        "components": {"schemas": schemas},
    }


@pytest.fixture
def layout(tmp_path: Path) -> Path:
    """tmp/outside/secret.yaml and tmp/spec/ (the spec folder), with a symlink to the
    secret and one to the folder that holds it."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(f"type: object\ndescription: {SECRET}\n")
    (outside / "paths.yaml").write_text(f"get:\n  summary: {SECRET}\n  responses: {{}}\n")
    folder = tmp_path / "spec"
    folder.mkdir()
    (folder / "link.yaml").symlink_to(outside / "secret.yaml")
    (folder / "linked_dir").symlink_to(outside, target_is_directory=True)
    return folder


def _refs(folder: Path) -> list[str]:
    secret = folder.parent / "outside" / "secret.yaml"
    return [
        "../outside/secret.yaml",
        "..%2Foutside%2Fsecret.yaml",
        str(secret),
        "link.yaml",
        "linked_dir/secret.yaml",
        "./sub/../../outside/secret.yaml",
    ]


def _placements(ref: str) -> dict[str, dict[str, Any]]:
    return {
        "schema": {"schema": {"$ref": ref}},
        "summary": {"summary": {"$ref": ref}},
        "path_item": {"path_item": {"$ref": ref.replace("secret", "paths")}},
        "mapping": {"mapping": ref},
        "property": {"schema": {"type": "object", "properties": {"p": {"$ref": f"{ref}#/"}}}},
    }


def _assert_refused(result: Any, out: Path, *expected: str) -> None:
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-2000:]
    assert "Traceback" not in output and "internal error" not in output, output[-2000:]
    for text in expected:
        assert text in output, output[-2000:]
    assert SECRET not in output
    written = [p.read_text(errors="replace") for p in out.rglob("*") if p.is_file()]
    assert not any(SECRET in text for text in written)


@pytest.mark.parametrize("placement", ["schema", "summary", "path_item", "mapping", "property"])
def test_refs_that_leave_the_spec_folder_are_refused(layout: Path, placement: str) -> None:
    out = layout.parent / "out"
    for ref in _refs(layout):
        spec = layout / "spec.json"
        spec.write_text(json.dumps(_document(**_placements(ref)[placement])))
        result = run_in_process("generate", spec, "-o", out)
        _assert_refused(result, out, "spec.json#/", "leads outside", str(layout.resolve()))


@pytest.mark.parametrize(
    "uri",
    [
        "http://127.0.0.1:{port}/secret.yaml",
        "https://127.0.0.1:{port}/secret.yaml",
        "//127.0.0.1:{port}/secret.yaml",
        "file:///etc/hostname",
        "urn:example:secret",
    ],
)
def test_refs_to_other_hosts_are_never_fetched(layout: Path, uri: str) -> None:
    with RecordingServer() as server:
        ref = uri.format(port=server.url.rsplit(":", 1)[1].split("/")[0])
        for placement in ("schema", "summary", "path_item"):
            spec = layout / "spec.json"
            spec.write_text(json.dumps(_document(**_placements(ref)[placement])))
            result = run_in_process("generate", spec, "-o", layout.parent / "out")
            _assert_refused(result, layout.parent / "out", "spec.json#/", "is a URI")
        assert server.requests == []


def _spec_folder(
    folder: Path, source: str, *, overlays: tuple[str, ...] = (), root: str = ""
) -> None:
    (folder / "spec.json").write_text(json.dumps(_document()))
    lines = ["[source]", f"path = {json.dumps(source)}"]
    if overlays:
        lines.append(f"overlays = {json.dumps(list(overlays))}")
    if root:
        lines.append(f"root = {json.dumps(root)}")
    lines += ["[package]", 'name = "confined"']
    (folder / "sdk.toml").write_text("\n".join(lines) + "\n")


@pytest.mark.parametrize("key", ["path", "overlays"])
def test_source_paths_and_overlays_stay_in_the_spec_folder(layout: Path, key: str) -> None:
    secret = layout.parent / "outside" / "secret.yaml"
    for name in ("../outside/secret.yaml", str(secret), "link.yaml", "linked_dir/secret.yaml"):
        if key == "path":
            _spec_folder(layout, name)
        else:
            _spec_folder(layout, "spec.json", overlays=(name,))
        result = run_in_process("generate", layout, "-o", layout.parent / "out")
        _assert_refused(result, layout.parent / "out", f"sdk.toml:source.{key}", "leads outside")


def test_a_wider_root_is_granted_in_sdk_toml(layout: Path) -> None:
    shared = layout.parent / "outside" / "shared.yaml"
    shared.write_text("type: object\nproperties: {name: {type: string}}\n")
    document = _document(schema={"$ref": "../outside/shared.yaml"})
    _spec_folder(layout, "spec.json", root="..")
    (layout / "spec.json").write_text(json.dumps(document))
    result = run_cli(layout, layout.parent / "out")
    assert result.returncode == 0, result.stdout + result.stderr
    # Still bounded: the granted folder, not the whole disk.
    document = _document(schema={"$ref": "../../outside-of-root.yaml"})
    (layout.parent.parent / "outside-of-root.yaml").write_text("type: object\n")
    (layout / "spec.json").write_text(json.dumps(document))
    result = run_cli(layout, layout.parent / "out2")
    _assert_refused(result, layout.parent / "out2", "leads outside")


def test_refs_and_links_that_stay_inside_still_work(tmp_path: Path) -> None:
    folder = tmp_path / "spec"
    (folder / "schemas").mkdir(parents=True)
    (folder / "schemas" / "thing.yaml").write_text(
        "type: object\nproperties: {id: {type: integer}}\n"
    )
    (folder / "alias.yaml").symlink_to(folder / "schemas" / "thing.yaml")
    document = _document(schema={"$ref": "alias.yaml"})
    document["components"]["schemas"]["Other"] = {"$ref": "./schemas/../schemas/thing.yaml"}
    (folder / "spec.json").write_text(json.dumps(document))
    result = run_cli(folder / "spec.json", tmp_path / "out")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_secret_fixture_is_readable(layout: Path) -> None:
    # The refusals above are the generator's doing, not an unreadable file.
    assert os.access(layout / "link.yaml", os.R_OK)
    assert SECRET in (layout / "linked_dir" / "secret.yaml").read_text()
