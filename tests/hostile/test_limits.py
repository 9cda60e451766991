"""Huge and deeply nested input: refused past the documented limits (5,000,000 nodes,
200 levels; README "Errors and degradation") with one clear line, in bounded time, never
a crash or a traceback; nesting within the limits generates."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.hostile.cli import run_cli

_HEAD = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}}


def _assert_refused(spec: Path, tmp_path: Path, message: str) -> None:
    result = run_cli(spec, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode == 1, f"exit status {result.returncode}: {output[-500:]}"
    assert "Traceback" not in output and "internal error" not in output, output[-2000:]
    assert spec.name in output and message in output, output[-500:]


@pytest.mark.parametrize("depth", [900, 100_000])
def test_deep_json_is_refused(depth: int, tmp_path: Path) -> None:
    spec = tmp_path / "deep.json"
    spec.write_text(json.dumps(_HEAD)[:-1] + ', "x-deep": ' + "[" * depth + "]" * depth + "}")
    _assert_refused(spec, tmp_path, "nest")


@pytest.mark.parametrize("depth", [1_000, 30_000])
def test_deep_yaml_flow_collections_are_refused(depth: int, tmp_path: Path) -> None:
    # PyYAML's C parser recurses in C: without a check first, 30,000 levels crash the process.
    spec = tmp_path / "deep.yaml"
    spec.write_text(
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\nx-deep: "
        + "[" * depth
        + "]" * depth
        + "\n"
    )
    _assert_refused(spec, tmp_path, "nest")


def test_deep_yaml_block_mappings_are_refused(tmp_path: Path) -> None:
    lines = ["openapi: 3.1.0", "info: {title: t, version: '1'}", "paths: {}", "x-deep:"]
    lines += ["  " * level + "a:" for level in range(1, 1_000)] + ["  " * 1_000 + "1"]
    spec = tmp_path / "deep.yaml"
    spec.write_text("\n".join(lines) + "\n")
    _assert_refused(spec, tmp_path, "nest")


def _ten_refs(target: str) -> str:
    return "[" + ", ".join([f"{{$ref: '{target}'}}"] * 10) + "]"


def test_a_ref_expansion_bomb_is_refused_in_bounded_time(tmp_path: Path) -> None:
    # ~1 KB of files whose external $refs (inlined once per use) stand for 10^7 values.
    (tmp_path / "root.yaml").write_text(
        "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\nx-bomb: "
        + _ten_refs("l1.yaml")
        + "\n"
    )
    for level in range(1, 7):
        (tmp_path / f"l{level}.yaml").write_text("- " + _ten_refs(f"l{level + 1}.yaml") + "\n")
    (tmp_path / "l7.yaml").write_text("- [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n")
    _assert_refused(tmp_path / "root.yaml", tmp_path, "expands to more than")


def _nested_objects(levels: int) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    for level in range(levels):
        schema = {"type": "object", "properties": {f"p{level}": schema}}
    return schema


def test_nesting_within_the_limit_generates_with_portable_file_names(tmp_path: Path) -> None:
    # 95 inline objects, one inside the other: 190 JSON levels, under the 200-level limit.
    spec = tmp_path / "nested.json"
    spec.write_text(json.dumps({**_HEAD, "components": {"schemas": {"Deep": _nested_objects(95)}}}))
    result = run_cli(spec, tmp_path / "out")
    assert result.returncode == 0, (result.stdout + result.stderr)[-1000:]
    names = [p.name for p in (tmp_path / "out").rglob("*")]
    assert len(names) > 95 and max(len(n.encode()) for n in names) <= 255
