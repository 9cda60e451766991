"""What a user imports by name from a vendor package type-checks in their own code: every
model and enum from `<pkg>.models`, every exception from `<pkg>`, under `mypy --strict`
(which refuses a name a module does not explicitly export)."""

from __future__ import annotations

import importlib
import inspect
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.vendors.conftest import GENERATED, VENDORS, vendor_sdk


def _model_classes(sdk: ModuleType) -> set[str]:
    """Every class the package's model modules define."""
    package = Path(sdk.__file__).parent / "models"
    found = set()
    for path in package.glob("*.py"):
        if path.name == "__init__.py":
            continue
        module = importlib.import_module(f"{sdk.__name__}.models.{path.stem}")
        found |= {
            name
            for name, value in vars(module).items()
            if inspect.isclass(value) and value.__module__ == module.__name__
        }
    return found


def _exception_classes(sdk: ModuleType) -> set[str]:
    """Every exception class the package's runtime defines."""
    found = set()
    for module_name in ("_exceptions", "_webhooks"):
        try:
            module = importlib.import_module(f"{sdk.__name__}.{module_name}")
        except ModuleNotFoundError:
            continue
        found |= {
            name
            for name, value in vars(module).items()
            if inspect.isclass(value)
            and issubclass(value, BaseException)
            and value.__module__ == module.__name__
        }
    return found


def _user_code(vendor: str) -> str:
    sdk = vendor_sdk(vendor)
    models = sorted(_model_classes(sdk))
    exceptions = sorted(_exception_classes(sdk))
    assert sorted(sdk.models.__all__) == models
    assert set(exceptions) <= set(sdk.__all__)
    lines = [f"from {vendor} import {', '.join(exceptions)}"]
    if models:
        lines.append(f"from {vendor}.models import {', '.join(models)}")
    names = [*exceptions, *models]
    lines.append(f"everything: list[type[object]] = [{', '.join(names)}]")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("vendor", VENDORS)
def test_every_model_enum_and_exception_imports_by_name_under_mypy_strict(
    vendor: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    user_file = tmp_path / f"uses_{vendor}.py"
    user_file.write_text(_user_code(vendor), encoding="utf-8")
    (tmp_path / "mypy.ini").write_text("[mypy]\n", encoding="utf-8")
    cache = request.config.cache
    cache_dir = cache.mkdir("exports-mypy") if cache else tmp_path / ".mypy_cache"
    result = subprocess.run(
        [
            *(sys.executable, "-m", "mypy", "--strict", "--config-file", "mypy.ini"),
            *("--cache-dir", str(cache_dir), user_file.name),
        ],
        cwd=tmp_path,
        env={"MYPYPATH": str(GENERATED / vendor), "PATH": ""},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
