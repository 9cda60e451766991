"""Broken specs get one clear line with the file and the location, and a non-zero exit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _run(spec: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", "generate", str(spec), "-o", str(tmp_path / "out")],
        capture_output=True, text=True, cwd=ROOT, check=False,
    )


CASES = {
    "invalid.json": ('{"openapi": "3.1.0", "info": {,}}', "invalid.json:1:", "invalid JSON"),
    "invalid.yaml": ("openapi: 3.1.0\ninfo: [unclosed\n", "invalid.yaml:3:", "invalid YAML"),
    "not_openapi.yaml": ("hello: world\n", "not_openapi.yaml", "not an OpenAPI document"),
    "list.yaml": ("- a\n- b\n", "list.yaml", "not an OpenAPI document"),
    "dangling.yaml": (
        "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n"
        "      responses:\n        '200':\n          description: ok\n          content:\n"
        "            application/json:\n              schema: {$ref: '#/components/schemas/Nope'}\n",
        "dangling.yaml#/paths/~1a/get/responses/200/content/application~1json/schema",
        "does not resolve",
    ),
    "cycle.yaml": (
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n"
        "      responses:\n        '200':\n          description: ok\n          content:\n"
        "            application/json:\n              schema: {$ref: '#/components/schemas/A'}\n"
        "components:\n  schemas:\n    A: {$ref: '#/components/schemas/B'}\n"
        "    B: {$ref: '#/components/schemas/A'}\n",
        "cycle.yaml#/paths/~1a/get/responses/200",
        "reference cycle with no schema in it",
    ),
    "bomb.yaml": (
        "openapi: 3.1.0\ninfo: {title: t, version: '1'}\nx-a: &a [1,1,1,1,1,1,1,1,1,1]\n"
        + "".join(f"x-{n}: &{n} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
                  for p, n in zip("abcdefg", "bcdefgh")),
        "bomb.yaml", "expands to more than",
    ),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_one_clear_line(name: str, tmp_path: Path) -> None:
    text, where, what = CASES[name]
    spec = tmp_path / name
    spec.write_text(text)
    result = _run(spec, tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    assert where in output and what in output, output
