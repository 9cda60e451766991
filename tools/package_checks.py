"""Checks on a generated package: it imports in a fresh interpreter with every model
built, `ExampleCase`s parse with the generated types and serialise back to equal JSON, and
it passes `mypy --strict`."""

from __future__ import annotations

import datetime
import importlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pydantic

from tools.spec_examples import ExampleCase

ROOT = Path(__file__).resolve().parent.parent
CHILD_TIMEOUT = 300
"""Seconds an import or mypy run may take before the package is reported as hanging."""


@dataclass
class PackageCheck:
    error: str | None = None
    """Why the package did not import, or None."""
    models: int = 0
    examples_ok: int = 0
    example_failures: list[str] = field(default_factory=list)


def check_package(package_root: Path, package: str, cases: Sequence[ExampleCase]) -> PackageCheck:
    """Import the package in a new interpreter, build every model and parse `cases`."""
    request = json.dumps(
        {"root": str(package_root), "package": package, "cases": [asdict(c) for c in cases]}
    )
    result = subprocess.run(
        [sys.executable, "-c", "from tools.package_checks import _child_main; _child_main()"],
        input=request,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=CHILD_TIMEOUT,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    if result.returncode != 0:
        return PackageCheck(error=_last_line(result.stderr) or f"exit status {result.returncode}")
    return PackageCheck(**json.loads(result.stdout))


def _child_main() -> None:
    request = json.load(sys.stdin)
    sys.path.insert(0, request["root"])
    check = PackageCheck()
    models = __import__(f"{request['package']}.models", fromlist=["__all__"])
    for name in models.__all__:
        cls = getattr(models, name)
        if hasattr(cls, "model_rebuild"):
            cls.model_rebuild(raise_errors=True)  # every forward reference resolves
        check.models += 1
    for raw in request["cases"]:
        failure = _check_example(request["package"], models, ExampleCase(**raw))
        if failure:
            check.example_failures.append(failure)
        else:
            check.examples_ok += 1
    json.dump(asdict(check), sys.stdout)


def _check_example(package: str, models: Any, case: ExampleCase) -> str | None:
    adapter = pydantic.TypeAdapter(python_type(package, models, case))
    wire = json.dumps(case.value)
    try:
        parsed = adapter.validate_json(wire)
    except pydantic.ValidationError as exc:
        return f"{case.where}: {case.annotation} rejects the example: {_first_error(exc)}"
    back = adapter.dump_python(parsed, mode="json", by_alias=True, exclude_unset=True)
    if not same_json(back, case.value):
        return (
            f"{case.where}: {case.annotation} does not serialise back to the example: {back!r:.200}"
        )
    return None


def python_type(package: str, models: Any, case: ExampleCase) -> Any:
    """The object the annotation `case.annotation` names inside the generated package."""
    namespace: dict[str, Any] = {name: getattr(models, name) for name in case.models}
    for entry in case.imports:
        module, name = entry.split(":", 1)
        if module.startswith("."):
            module = package + module
        namespace[name] = getattr(importlib.import_module(module), name)
    # The generator's own annotation, already executed by importing the package.
    return eval(case.annotation, namespace)


def _first_error(exc: Any) -> str:
    first = exc.errors()[0]
    return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"


def same_json(left: Any, right: Any) -> bool:
    """Equal as JSON values; date-time strings compare by the instant they name
    (pydantic writes `...Z` where a spec may write `...+00:00` or milliseconds)."""
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(same_json(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(same_json(a, b) for a, b in zip(left, right))
    if isinstance(left, str) and isinstance(right, str) and left != right:
        return _as_instant(left) is not None and _as_instant(left) == _as_instant(right)
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    return bool(left == right)


def _as_instant(text: str) -> object:
    for parse in (datetime.datetime.fromisoformat, datetime.date.fromisoformat):
        try:
            return parse(text.replace("Z", "+00:00"))
        except ValueError:
            continue
    return None


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].strip() if lines else ""


def run_mypy(package_dirs: Sequence[Path]) -> tuple[bool, str]:
    """`mypy --strict` on the packages, from an empty folder so the project's own mypy
    settings (which exclude generated code) do not apply. (passed, last lines of output)"""
    with tempfile.TemporaryDirectory(prefix="corpus-mypy-") as cwd:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "mypy",
                "--strict",
                "--cache-dir",
                os.devnull,
                *map(str, package_dirs),
            ],
            capture_output=True,
            text=True,
            cwd=cwd,
            timeout=CHILD_TIMEOUT,
            check=False,
        )
    return result.returncode == 0, result.stdout[-3000:] + result.stderr[-1000:]
