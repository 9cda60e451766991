"""OpenAI's description offers JSON or server-sent events on one operation, chosen by a
`stream` flag in the body. Each such operation of the generated package has typed
overloads: `mypy --strict` reads user code calling it both ways, sync and async, and
sees the JSON answer by default and a stream of typed events with `stream=True`."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.corpus.packages import corpus_package
from tools.corpus import CORPUS

OPENAI = next(spec for spec in CORPUS if spec.name == "openai")
STREAMING_OPERATIONS = {
    "POST /audio/transcriptions",
    "POST /chat/completions",
    "POST /images/edits",
    "POST /images/generations",
    "POST /responses",
    "POST /responses?beta=true",
}
# A value for each required argument's type, enough for a call to type-check.
_VALUES = {"str": '"x"', "file": 'b""', "int": "0", "float": "0.0", "bool": "True"}


def _value(type_: Any) -> str:
    if isinstance(type_, str) and type_ in _VALUES:
        return _VALUES[type_]
    if isinstance(type_, dict) and "list" in type_:
        return "[]"
    if isinstance(type_, dict) and "map" in type_:
        return "{}"
    if isinstance(type_, dict) and "union" in type_:
        return next(_value(m) for m in type_["union"] if m in _VALUES or isinstance(m, dict))
    raise AssertionError(f"no sample value for {type_!r}")


def _user_code(package: str, clients: list[str], methods: list[dict[str, Any]]) -> str:
    sync, async_ = clients
    lines = [
        "from __future__ import annotations",
        f"from {package} import {async_}, {sync}",
        "",
        f'client = {sync}(api_key="k")',
        f'async_client = {async_}(api_key="k")',
    ]
    for index, method in enumerate(methods):
        call = method["call"].removeprefix("client.")
        arguments = ", ".join(
            f"{a['name']}={_value(a['type'])}"
            for a in method["arguments"]
            if a["required"] and not a["positional"]
        )
        streamed = f"{arguments}, stream=True" if arguments else "stream=True"
        lines += [
            "",
            f"answer_{index} = client.{call}({arguments})",
            f"reveal_type(answer_{index})",
            f"stream_{index} = client.{call}({streamed})",
            f"reveal_type(stream_{index})",
            f"for event_{index} in stream_{index}:",
            f"    reveal_type(event_{index})",
            "",
            f"async def use_{index}() -> None:",
            f"    answer = await async_client.{call}({arguments})",
            "    reveal_type(answer)",
            f"    stream = await async_client.{call}({streamed})",
            "    reveal_type(stream)",
            "    async for event in stream:",
            "        reveal_type(event)",
        ]
    return "\n".join(lines) + "\n"


def test_each_streaming_operation_is_typed_both_ways(corpus_out: Path, tmp_path: Path) -> None:
    package = corpus_package(OPENAI, corpus_out)
    surface = json.loads((package.root / "api.json").read_text(encoding="utf-8"))
    methods = [m for m in surface["methods"] if m["operation"] in STREAMING_OPERATIONS]
    assert {m["operation"] for m in methods} == STREAMING_OPERATIONS
    for method in methods:
        assert " | Stream[" in method["returns_text"], method  # the surface shows both forms
    (tmp_path / "user.py").write_text(
        _user_code(package.package, surface["clients"], methods), encoding="utf-8"
    )
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            str(tmp_path / "cache"),
            "user.py",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"MYPYPATH": str(package.root), "PATH": ""},
        timeout=300,
        check=False,
    )
    errors = [line for line in result.stdout.splitlines() if ": error:" in line]
    assert not errors, "\n".join(errors[:20])
    revealed = re.findall(r"user\.py:\d+: note: Revealed type is \"(.*)\"", result.stdout)
    assert len(revealed) == 6 * len(methods), result.stdout
    for index in range(0, len(revealed), 3):
        answer, stream, event = revealed[index : index + 3]
        flavour = "Stream" if index % 6 == 0 else "AsyncStream"
        assert "Stream[" not in answer and answer != "Any", answer
        assert stream == f"{package.package}._streaming.{flavour}[{event}]", (stream, event)
        assert event != "Any"
