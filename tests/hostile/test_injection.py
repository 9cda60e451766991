"""Spec text placed everywhere the generator copies text into code: whatever it tries
(closing a literal or a docstring, template syntax, control and bidi characters), the
package compiles, imports, runs none of it, and keeps every string exactly."""

from __future__ import annotations

import os
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.properties.packages import build, resources, sync_client
from tests.support.http_server import RecordingServer, Reply

_MARKER = "SDKGEN_SPEC_TEXT_RAN"


def _payloads() -> list[str]:
    """Each one sets an environment variable if any part of it is ever run as Python."""
    run = f"__import__('os').environ.__setitem__('{_MARKER}', '1')"
    return [
        f'"""; {run}; """',
        f"'''; {run}; '''",
        f'"); {run} #',
        f"'); {run} #",
        f"\\\n{run}\n\\",
        f"{{{run}}}",  # an f-string field
        f"{{{{ {run} }}}}{{% raw %}}{{# x #}}",
        f"\n{run}\n#",
        f"\\N{{{run}}}",
        f"\u2028{run}\u2029",
        f"\x00\r\x1b[31m\u202e{run}\u2066",
    ]


def _document(payloads: list[str]) -> dict[str, Any]:
    first = payloads[0]
    properties = {p: {"type": "string", "description": p, "default": p} for p in payloads}
    return {
        "openapi": "3.1.0",
        "info": {"title": first, "version": payloads[1], "description": payloads[2]},
        "servers": [{"url": "https://example.com/" + payloads[3]}],
        "tags": [{"name": p, "description": p} for p in payloads[:2]],
        "paths": {
            "/things/{thing_id}": {
                "get": {
                    "operationId": payloads[4],
                    "summary": payloads[5],
                    "description": payloads[6],
                    "tags": [payloads[0]],
                    "parameters": [
                        {
                            "name": "thing_id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string"},
                        },
                        *(
                            {
                                "name": p,
                                "in": "query",
                                "description": p,
                                "schema": {"type": "string", "default": p},
                            }
                            for p in payloads
                        ),
                    ],
                    "responses": {
                        "200": {
                            "description": payloads[7],
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Thing"}
                                }
                            },
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "Thing": {
                    "type": "object",
                    "title": payloads[8],
                    "description": payloads[9],
                    "properties": properties,
                },
                "Kind": {"type": "string", "enum": payloads, "description": payloads[10]},
            }
        },
    }


Hostile = tuple[Path, ModuleType, list[str]]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Hostile:
    os.environ.pop(_MARKER, None)
    payloads = _payloads()
    root, package = build(_document(payloads), tmp_path_factory.mktemp("injection"), "injection")
    return root, package, payloads


def test_nothing_from_the_spec_runs_and_defaults_reach_the_wire_exactly(
    hostile: Hostile, http_server: RecordingServer
) -> None:
    _, package, payloads = hostile
    models = __import__("injection.models", fromlist=["__all__"])
    for name in models.__all__:
        getattr(models, name)
    http_server.enqueue(Reply.json({p: p for p in payloads}))
    client = sync_client(package, base_url=http_server.url)
    (resource,) = resources(client).values()
    (method,) = [
        getattr(resource, n)
        for n in dir(resource)
        if not n.startswith("_") and n != "with_raw_response" and callable(getattr(resource, n))
    ]
    thing = method("a b/../c")
    assert _MARKER not in os.environ, "spec text was run"
    request = http_server.requests[0]
    assert request.path == "/things/a%20b%2F..%2Fc"
    assert sorted(request.query_params) == sorted((p, p) for p in payloads)
    assert thing.to_dict() == {p: p for p in payloads}


def test_strings_survive_exactly(hostile: Hostile) -> None:
    payloads = hostile[2]
    models = __import__("injection.models", fromlist=["__all__"])
    assert sorted(m.value for m in models.Kind) == sorted(payloads)
    thing = models.Thing()
    assert thing.to_dict() == {}  # defaults are not "set"
    assert sorted(thing.model_dump(by_alias=True).values()) == sorted(payloads)
    assert models.Thing.model_validate({p: p for p in payloads}).to_dict() == {
        p: p for p in payloads
    }


def test_no_raw_control_or_bidi_characters_in_source(hostile: Hostile) -> None:
    root = hostile[0]
    unsafe = re.compile("[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
    found = [
        f"{path.relative_to(root)}:{number}: {line[:80]!r}"
        for path in sorted(root.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1)
        if unsafe.search(line)
    ]
    assert not found, "\n".join(found[:20])


def test_every_module_compiles(hostile: Hostile) -> None:
    root = hostile[0]
    for path in sorted(root.rglob("*.py")):
        compile(path.read_bytes(), str(path), "exec")
