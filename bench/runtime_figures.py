"""What a generated SDK costs at run time, against doing the same by hand.

    .venv/bin/python -m bench.runtime_figures --spec SPEC --root OUT --package NAME \
        --method get --path /v1/charges/{charge} --json FILE

- per-call overhead: one generated method against a reply server on 127.0.0.1, compared
  with the same request made with a bare `httpx.Client` and the body validated into the
  same model (and, for scale, with `response.json()` and no model at all);
- parse throughput: the SDK's response parser (`_response.parse_response`) against
  calling the model's `model_validate_json` directly, over one example payload per
  component model of the API (wrapped in the envelope when the API has one).
Calls are interleaved in rounds and the medians of the rounds compared, so that drift in
a shared machine's load hits both sides alike.
"""

from __future__ import annotations

import argparse
import base64
import importlib
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pydantic

from bench.payloads import ExampleMaker
from generator import ir
from generator.building import build_api
from generator.diagnostics import Diagnostics
from generator.ir import types as t
from generator.pipeline import load_normalized, resolve_input

CALL_ROUNDS, CALLS_PER_ROUND = 15, 200
PARSE_ROUNDS = 15
SAMPLE_CREDENTIALS = {"username": "user", "password": "secret"}
"""A value per credential role; any other role gets `key`."""


def import_seconds(python: Path, root: Path, statement: str, runs: int = 7) -> dict[str, Any]:
    """Time of `statement` (an import) in a fresh interpreter each run, bytecode cached."""
    program = (
        f"import sys, time; sys.path.insert(0, {str(root)!r}); t = time.perf_counter(); "
        f"{statement}; print(time.perf_counter() - t)"
    )
    first = subprocess.run(
        [str(python), "-c", program], capture_output=True, text=True, check=False
    )
    if first.returncode != 0:
        return {"ok": False, "error": (first.stderr.strip().splitlines() or ["?"])[-1][:300]}
    times = [
        float(
            subprocess.run(
                [str(python), "-c", program], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(runs)
    ]
    return {
        "ok": True,
        "first_seconds": round(float(first.stdout), 4),
        "median_seconds": round(statistics.median(times), 4),
        "runs": runs,
    }


# -- the operation under test ------------------------------------------------------------


def find_operation(api: ir.Api, method: str, path: str) -> tuple[ir.Resource, ir.Operation]:
    for resource in api.resources:
        for op in resource.operations:
            if op.http_method.lower() == method and op.path == path:
                return resource, op
    raise SystemExit(f"no operation {method.upper()} {path} in the package")


def response_body(document: dict[str, Any], method: str, path: str, status: str) -> bytes:
    content = document["paths"][path][method]["responses"][status]["content"]
    return json.dumps(
        ExampleMaker(document).example(content["application/json"]["schema"])
    ).encode()


def per_call(
    sdk: Any, api: ir.Api, resource: ir.Resource, op: ir.Operation, model: type[Any], body: bytes
) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile(suffix=".json") as body_file:
        body_file.write(body)
        body_file.flush()
        server = subprocess.Popen(
            [sys.executable, "-m", "bench.reply_server", body_file.name],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert server.stdout is not None
            url = f"http://127.0.0.1:{server.stdout.readline().strip()}"
            over_network = _time_calls(sdk, api, resource, op, model, url, None)
        finally:
            server.terminate()
            server.wait()
    # The same calls answered in-process by httpx.MockTransport: what is left is the
    # client side alone, free of the server's and the loopback's noise.
    canned = httpx.MockTransport(
        lambda request: httpx.Response(
            200, content=body, headers={"content-type": "application/json"}
        )
    )
    client_side = _time_calls(sdk, api, resource, op, model, "http://127.0.0.1:9", canned)
    return {
        **over_network,
        "client_side_only": {
            k: client_side[k]
            for k in ("microseconds_per_call", "ratio_to_httpx_model", "ratio_to_httpx_json")
        },
    }


def _time_calls(
    sdk: Any,
    api: ir.Api,
    resource: ir.Resource,
    op: ir.Operation,
    model: type[Any],
    url: str,
    transport: httpx.BaseTransport | None,
) -> dict[str, Any]:
    credentials = _credentials(api)
    client = getattr(sdk, api.package.client_class)(
        base_url=url, http_client=httpx.Client(transport=transport), **credentials
    )
    args = ["x1" for _ in op.path_parameters]
    method = getattr(getattr(client, resource.attribute), op.name)
    request_path = op.path
    for parameter in op.path_parameters:
        request_path = request_path.replace("{" + parameter.wire_name + "}", "x1")
    headers = _auth_headers(api.schemes[0] if api.schemes else None, credentials)
    bare = httpx.Client(base_url=url, transport=transport)
    envelope = op.response.envelope
    fields: dict[str, Any] = {envelope: (model, ...)} if envelope else {}
    wrapper = pydantic.create_model("Envelope", **fields) if envelope else None

    def bare_model() -> Any:
        response = bare.request(op.http_method.upper(), request_path, headers=headers)
        response.raise_for_status()
        if wrapper is not None:
            return getattr(wrapper.model_validate_json(response.content), envelope or "")
        return model.model_validate_json(response.content)

    def bare_json() -> Any:
        response = bare.request(op.http_method.upper(), request_path, headers=headers)
        response.raise_for_status()
        return response.json()

    calls: dict[str, Callable[[], Any]] = {
        "sdk": lambda: method(*args),
        "httpx + model": bare_model,
        "httpx + json()": bare_json,
    }
    if not isinstance(calls["sdk"](), model) or not isinstance(bare_model(), model):
        raise SystemExit("the SDK call or the bare call did not return the model")
    per_round = _interleaved(calls, CALL_ROUNDS, CALLS_PER_ROUND)
    result = {name: round(seconds * 1e6, 1) for name, seconds in per_round.items()}
    return {
        "operation": f"{op.http_method.upper()} {op.path}",
        "method": f"client.{resource.attribute}.{op.name}",
        "model": model.__name__,
        "envelope": envelope,
        "microseconds_per_call": result,
        "ratio_to_httpx_model": round(per_round["sdk"] / per_round["httpx + model"], 3),
        "ratio_to_httpx_json": round(per_round["sdk"] / per_round["httpx + json()"], 3),
        "rounds": CALL_ROUNDS,
        "calls_per_round": CALLS_PER_ROUND,
    }


def _credentials(api: ir.Api) -> dict[str, str]:
    """A value for every credential the client needs, by constructor argument."""
    return {
        c.argument: SAMPLE_CREDENTIALS.get(c.role, "key") for c in api.credentials if not c.optional
    }


def _auth_headers(auth: ir.AuthScheme | None, credentials: dict[str, str]) -> dict[str, str]:
    """The header the SDK's auth sends (its first scheme's), built by hand for the bare
    request."""
    if auth is None:
        return {}
    given = {c.role: credentials[c.argument] for c in auth.credentials if not c.optional}
    if auth.kind == "basic":
        token = base64.b64encode(f"{given['username']}:{given['password']}".encode()).decode()
        return {"Authorization": f"Basic {token}"}
    if auth.kind == "bearer":
        return {"Authorization": f"{auth.prefix or 'Bearer '}{given['api_key']}"}
    return {auth.parameter or "Authorization": f"{auth.prefix}{given['api_key']}"}


def _interleaved(calls: dict[str, Callable[[], Any]], rounds: int, repeat: int) -> dict[str, float]:
    """Median seconds per call of each. The calls alternate one by one, so that a change
    in the machine's load falls on all of them alike, and the order rotates (A B C,
    B C A, C A B, ...) so that none always runs right after another."""
    for call in calls.values():  # warm up connections and validators
        for _ in range(min(repeat, 20)):
            call()
    clock = time.perf_counter
    names = list(calls)
    samples: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(rounds):
        spent = dict.fromkeys(calls, 0.0)
        for turn in range(repeat):
            for name in names[turn % len(names) :] + names[: turn % len(names)]:
                call = calls[name]
                started = clock()
                call()
                spent[name] += clock() - started
        for name in calls:
            samples[name].append(spent[name] / repeat)
    return {name: statistics.median(values) for name, values in samples.items()}


# -- parse throughput --------------------------------------------------------------------


def parse_throughput(sdk_name: str, document: dict[str, Any], api: ir.Api) -> dict[str, Any]:
    """Over one example response body per JSON operation that returns a model."""
    response_module = importlib.import_module(f"{sdk_name}._response")
    models = importlib.import_module(f"{sdk_name}.models")
    maker = ExampleMaker(document)
    cases = []
    for op in (op for resource in api.resources for op in resource.operations):
        if op.response.kind != "json" or not isinstance(op.response.type, t.ModelRef):
            continue
        cls = getattr(models, op.response.type.name)
        content = document["paths"][op.path][op.http_method]["responses"][op.response.status][
            "content"
        ]
        body = json.dumps(maker.example(content["application/json"]["schema"])).encode()
        envelope = op.response.envelope
        fields: dict[str, Any] = {envelope: (cls, ...)} if envelope else {}
        wrapper = pydantic.create_model(f"Envelope{cls.__name__}", **fields) if envelope else cls
        try:
            wrapper.model_validate_json(body)
        except pydantic.ValidationError:
            continue
        response = httpx.Response(
            200,
            content=body,
            headers={"content-type": "application/json"},
            request=httpx.Request("GET", "http://127.0.0.1/"),
        )
        cases.append((cls, wrapper, body, response, envelope))
    parse = response_module.parse_response

    def sdk() -> None:
        for cls, _, _, response, envelope in cases:
            parse(response, cls, envelope)

    def direct() -> None:
        for _, wrapper, body, _, _ in cases:
            wrapper.model_validate_json(body)

    # Whole passes over every payload, alternating which goes first: validating the same
    # payload twice in a row would hand the second a warm cache.
    seconds = _interleaved({"sdk": sdk, "direct": direct}, PARSE_ROUNDS, 2)
    size = sum(len(case[2]) for case in cases)
    return {
        "payloads": len(cases),
        "bytes": size,
        "enveloped": sum(case[4] is not None for case in cases),
        "sdk_mb_per_s": round(size / seconds["sdk"] / 1e6, 2),
        "direct_mb_per_s": round(size / seconds["direct"] / 1e6, 2),
        "throughput_ratio": round(seconds["direct"] / seconds["sdk"], 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--spec", type=Path, required=True)
    parser.add_argument(
        "--root", type=Path, required=True, help="folder holding the generated package"
    )
    parser.add_argument("--package", required=True)
    parser.add_argument("--method", required=True)
    parser.add_argument("--path", required=True)
    parser.add_argument("--json", type=Path, required=True)
    args = parser.parse_args(argv)
    document = load_normalized(args.spec, Diagnostics())
    api = build_api(document, resolve_input(args.spec).config, str(args.spec), Diagnostics())
    resource, op = find_operation(api, args.method, args.path)
    sys.path.insert(0, str(args.root))
    sdk = importlib.import_module(args.package)
    assert isinstance(op.response.type, t.ModelRef), "the operation must return a model"
    model = getattr(importlib.import_module(f"{args.package}.models"), op.response.type.name)
    body = response_body(document, args.method, args.path, op.response.status)
    credentials = _credentials(api)
    first_call = (
        f"import {args.package}; client = {args.package}.{api.package.client_class}("
        f"base_url='http://127.0.0.1:9', **{credentials!r}); client.{resource.attribute}; "
        f"from {args.package}.models import {model.__name__}"
    )
    figures = {
        "import": {
            "package": import_seconds(Path(sys.executable), args.root, f"import {args.package}"),
            "package, client, resource and the call's model": import_seconds(
                Path(sys.executable), args.root, first_call
            ),
        },
        "per_call": per_call(sdk, api, resource, op, model, body),
        "parse": parse_throughput(args.package, document, api),
    }
    args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
