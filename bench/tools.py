"""The generators compared: how to run each on an input, and what it produced.

Each tool has a default command and, where the default fails on real specs, one fallback
with the option its documentation gives for that failure; the benchmark records the
default's outcome and measures the first variant that succeeds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PEERS = REPO / "bench" / ".peers"
PEERS_BIN = PEERS / "bin"
OURS_PYTHON = REPO / ".venv" / "bin" / "python"


@dataclass(frozen=True)
class Variant:
    label: str
    """How the run was configured, as the results table shows it."""
    command: Callable[[Path, Path], list[str]]
    """(input spec, output folder) -> the command line."""


@dataclass(frozen=True)
class Produced:
    operations: int | None
    """Operations of the spec the tool generated a call for."""
    models: int | None
    warnings: int
    package: Path | None
    """The importable package (or module) the tool wrote, if any."""
    import_name: str | None


@dataclass(frozen=True)
class Tool:
    name: str
    variants: tuple[Variant, ...]
    inspect: Callable[[Path, str, frozenset[tuple[str, str]]], Produced]
    """(output folder, the tool's console output, the spec's operations) -> what it
    produced. Operations are (method, path template) pairs; a call generated for anything
    else (OpenAPI Generator turns webhooks into calls too) is not counted."""
    python: Path
    """The interpreter that can import what the tool generates."""


def _ours_command(spec: Path, out: Path) -> list[str]:
    return [
        str(OURS_PYTHON),
        "-m",
        "generator.cli",
        "generate",
        str(spec),
        "-o",
        str(out),
        "--force",
        "--summary-json",
        str(out / "summary.json"),
    ]


def _inspect_ours(out: Path, output: str, in_spec: frozenset[tuple[str, str]]) -> Produced:
    try:
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))[0]
    except (OSError, ValueError, IndexError):
        return Produced(None, None, output.count("warning:"), None, None)
    name = summary["package"]
    return Produced(
        summary["operations"], summary["models"], len(summary["warnings"]), out / name, name
    )


def _opc_command(config: str | None) -> Callable[[Path, Path], list[str]]:
    def command(spec: Path, out: Path) -> list[str]:
        line = [
            str(PEERS_BIN / "openapi-python-client"),
            "generate",
            "--path",
            str(spec),
            "--output-path",
            str(out / "client"),
            "--overwrite",
        ]
        if config:
            out.mkdir(parents=True, exist_ok=True)
            (out / "opc-config.yaml").write_text(config, encoding="utf-8")
            line += ["--config", str(out / "opc-config.yaml")]
        return line

    return command


def _inspect_opc(out: Path, output: str, in_spec: frozenset[tuple[str, str]]) -> Produced:
    root = out / "client"
    warnings = len(re.findall(r"^(WARNING parsing|Unable to process schema)", output, re.MULTILINE))
    packages = [p for p in sorted(root.glob("*")) if (p / "api").is_dir()] if root.is_dir() else []
    if not packages:
        return Produced(None, None, warnings, None, None)
    package = packages[0]
    operations = set()
    for module in package.joinpath("api").rglob("*.py"):
        text = module.read_text(encoding="utf-8")
        for method, url in re.findall(r'"method": "(\w+)",\s*"url": f?"([^"]+)"', text):
            operations.add((method.lower(), _template(url)))
    models = [m for m in package.joinpath("models").glob("*.py") if m.name != "__init__.py"]
    return Produced(len(operations & in_spec), len(models), warnings, root, package.name)


def _ogen_command(*extra: str) -> Callable[[Path, Path], list[str]]:
    def command(spec: Path, out: Path) -> list[str]:
        return [
            str(PEERS_BIN / "openapi-generator-cli"),
            "generate",
            "-i",
            str(spec),
            "-g",
            "python",
            "-o",
            str(out / "client"),
            *extra,
        ]

    return command


def _inspect_ogen(out: Path, output: str, in_spec: frozenset[tuple[str, str]]) -> Produced:
    package = out / "client" / "openapi_client"
    warnings = len(re.findall(r" WARN ", output))
    if not package.is_dir():
        return Produced(None, None, warnings, None, None)
    operations = set()
    for module in package.joinpath("api").glob("*.py"):
        text = module.read_text(encoding="utf-8")
        for method, path in re.findall(r"method='(\w+)',\s*resource_path='([^']+)'", text):
            operations.add((method.lower(), _template(path)))
    models = [m for m in package.joinpath("models").glob("*.py") if m.name != "__init__.py"]
    return Produced(
        len(operations & in_spec), len(models), warnings, out / "client", "openapi_client"
    )


def _dmcg_command(target: str, *extra: str) -> Callable[[Path, Path], list[str]]:
    def command(spec: Path, out: Path) -> list[str]:
        return [
            str(PEERS_BIN / "datamodel-codegen"),
            "--input",
            str(spec),
            "--input-file-type",
            "openapi",
            "--output",
            str(out / target),
            *extra,
        ]

    return command


def _inspect_dmcg(out: Path, output: str, in_spec: frozenset[tuple[str, str]]) -> Produced:
    warnings = len(re.findall(r"Warning: ", output))
    files = (
        [out / "models.py"]
        if (out / "models.py").is_file()
        else sorted((out / "models").rglob("*.py"))
    )
    if not files:
        return Produced(None, None, warnings, None, None)
    classes = sum(
        len(re.findall(r"^class \w+", f.read_text(encoding="utf-8"), re.MULTILINE)) for f in files
    )
    return Produced(None, classes, warnings, out, "models")


def _template(path: str) -> str:
    """A path with its parameter names blanked: tools rename them (`{projectUuid}`)."""
    return re.sub(r"\{[^}]*\}", "{}", path.split(".format(")[0])


OURS = Tool("sdkgen (ours)", (Variant("default", _ours_command),), _inspect_ours, OURS_PYTHON)
PEER_TOOLS = (
    Tool(
        "openapi-python-client 0.29.1",
        (
            Variant("default", _opc_command(None)),
            Variant("literal_enums: true", _opc_command("literal_enums: true\n")),
        ),
        _inspect_opc,
        PEERS_BIN / "python",
    ),
    Tool(
        "OpenAPI Generator 7.26.0 (python)",
        (
            Variant("default", _ogen_command()),
            Variant("--skip-validate-spec", _ogen_command("--skip-validate-spec")),
        ),
        _inspect_ogen,
        PEERS_BIN / "python",
    ),
    Tool(
        "datamodel-code-generator 0.89.0",
        (
            Variant("default", _dmcg_command("models.py")),
            Variant(
                "output folder, pydantic_v2",
                _dmcg_command("models", "--output-model-type", "pydantic_v2.BaseModel"),
            ),
        ),
        _inspect_dmcg,
        PEERS_BIN / "python",
    ),
)


HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


def spec_operations(spec: Path) -> frozenset[tuple[str, str]]:
    """The (method, path template) pairs under `paths` of an OpenAPI document."""
    from generator.loading.reader import read_document

    document = read_document(spec)
    return frozenset(
        (method, _template(path))
        for path, item in (document.get("paths") or {}).items()
        if isinstance(item, dict)
        for method in item
        if method in HTTP_METHODS
    )


def count_spec_operations(spec: Path) -> int:
    """HTTP-method keys under `paths`, as the corpus table counts them."""
    from generator.loading.reader import read_document

    document = read_document(spec)
    return sum(
        1
        for item in (document.get("paths") or {}).values()
        if isinstance(item, dict)
        for key in item
        if key in HTTP_METHODS
    )
