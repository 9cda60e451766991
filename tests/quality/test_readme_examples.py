"""Every Python example in a generated package's README type-checks as written, under
`mypy --strict`: the vendor packages and every golden case.

A README's examples read as one program, top to bottom (the first one makes the
`client` the others call), so each README becomes one module of its ```python blocks;
one mypy run checks every README's module against its package.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import GOLDEN_CASES, ROOT

VENDORS = ("catalog", "datafold", "eddytor", "lightdash", "qluster")
PACKAGES = [
    *(ROOT / "generated" / vendor for vendor in VENDORS),
    *sorted(case / "expected" for case in GOLDEN_CASES.iterdir() if case.is_dir()),
]
# A fenced block, possibly indented (inside a list item): its indent, then its body.
_PYTHON_BLOCK = re.compile(r"^( *)```python\n(.*?)^\1```$", re.MULTILINE | re.DOTALL)


def python_blocks(readme: str) -> list[str]:
    """The README's ```python blocks, each dedented, in order."""
    return [textwrap.dedent(body) for _, body in _PYTHON_BLOCK.findall(readme)]


def _name(root: Path) -> str:
    return root.parent.name if root.name == "expected" else root.name


@pytest.mark.parametrize("root", PACKAGES, ids=_name)
def test_readme_has_one_authentication_and_pagination_and_errors_sections(
    root: Path,
) -> None:
    readme = (root / "README.md").read_text("utf-8")
    headings = re.findall(r"^## (.+)$", readme, re.MULTILINE)
    assert headings.count("Authentication") <= 1
    assert "Errors" in headings and "Pagination" in headings
    errors = readme.split("## Errors", 1)[1].split("\n## ", 1)[0]
    for name in ("NotFoundError", "APIConnectionError", "APIResponseValidationError"):
        assert name in errors, name
    # A try/except example wherever the API has an operation to call.
    assert "\n### `client." not in readme or "except " in errors
    pagination = readme.split("## Pagination", 1)[1].split("\n## ", 1)[0]
    # api.md types every paginated method with the page it returns.
    if "Page[" in (root / "api.md").read_text("utf-8"):
        for usage in (
            "for item in page",
            "has_next_page()",
            "get_next_page()",
            "async for",
        ):
            assert usage in pagination, usage


def test_python_blocks_are_found_inside_list_items_too() -> None:
    readme = "# T\n\n```python\na = 1\n```\n\n- item\n\n  ```python\n  b = 2\n  ```\n"
    assert python_blocks(readme) == ["a = 1\n", "b = 2\n"]


@pytest.mark.slow
@pytest.mark.timeout(300)  # every package analysed once: about a minute
def test_every_readme_example_passes_mypy_strict(tmp_path: Path) -> None:
    modules = []
    for root in PACKAGES:
        blocks = python_blocks((root / "README.md").read_text("utf-8"))
        assert blocks, f"{root} README has no Python example"
        module = (
            tmp_path
            / f"readme_{root.name if root.name != 'expected' else root.parent.name}.py"
        )
        module.write_text("\n\n".join(blocks), encoding="utf-8")
        modules.append(str(module))
    config = tmp_path / "mypy.ini"
    # Each package is found on the path as a user would install it; an empty config,
    # so that the repository's own mypy settings (which exclude generated/) do not apply.
    config.write_text(
        "[mypy]\nmypy_path = " + ":".join(str(root) for root in PACKAGES) + "\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--config-file",
            str(config),
            *modules,
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-2000:]
