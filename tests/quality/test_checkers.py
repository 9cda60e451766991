"""The committed packages pass the checkers their users run: pyright in strict mode and
`ruff check`, with 0 errors, over the five vendor packages and every golden case.

Both use the configuration under tests/quality/, never a user's: `pyrightconfig.json`
names every package, so one pyright process checks them all (one per package would
analyse httpx and pydantic eleven times), and `ruff.toml` fixes the rule set.
(`mypy --strict` is checked per package by the vendor and golden tests.)
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import GOLDEN_CASES, ROOT

HERE = Path(__file__).resolve().parent
PYRIGHT = ROOT / "node_modules" / ".bin" / "pyright"
TARGETS = [ROOT / "generated", *sorted(GOLDEN_CASES.glob("*/expected"))]


def _pyright() -> Path:
    """The pinned pyright (package.json), or a clean skip where `npm ci` has not run."""
    if not PYRIGHT.is_file() or shutil.which("node") is None:
        pytest.skip(f"{PYRIGHT} is missing: run `npm ci` to install pyright")
    return PYRIGHT


@pytest.mark.slow
@pytest.mark.timeout(300)  # one run over every package: about 50 s on an idle core
def test_generated_packages_pass_pyright_strict() -> None:
    result = subprocess.run(
        [str(_pyright()), "--outputjson", "-p", str(HERE / "pyrightconfig.json")],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    report = json.loads(result.stdout)
    errors = [
        f"{Path(d['file']).relative_to(ROOT)}:{d['range']['start']['line'] + 1}: "
        f"{d['message']} ({d.get('rule', '')})"
        for d in report["generalDiagnostics"]
        if d["severity"] == "error"
    ]
    # Every package's files, not an empty match of the config's paths.
    assert report["summary"]["filesAnalyzed"] > 500, report["summary"]
    assert not errors, f"{len(errors)} pyright errors:\n" + "\n".join(errors[:40])


def test_generated_packages_pass_ruff_check() -> None:
    result = subprocess.run(
        [
            str(_ruff()),
            "check",
            "--no-cache",
            "--output-format",
            "concise",
            "--config",
            str(HERE / "ruff.toml"),
            *map(str, TARGETS),
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]


def _ruff() -> Path:
    from ruff.__main__ import find_ruff_bin  # type: ignore[import-untyped]  # ruff ships no stubs

    return Path(find_ruff_bin())
