"""Our models against datamodel-code-generator's, on the same component schemas.

    .venv/bin/python -m bench.models_compare SPEC OUR_PACKAGE_ROOT OUR_PACKAGE DMCG_OUTPUT

For every object schema under `components/schemas` that both tools turned into a class,
one valid example and a handful of one-rule mutations are validated by both model
classes and by a JSON Schema 2020-12 validator over the normalised document (the
referee). Reported: how often each tool agrees with the referee, per kind of payload, the
payloads the two tools disagree on, and the time each takes to validate the valid ones.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import pydantic
from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from bench.payloads import ExampleMaker, mutations
from generator.building import build_api
from generator.config import PackageConfig, SdkConfig, SourceConfig
from generator.diagnostics import Diagnostics
from generator.ir import types as t
from generator.pipeline import load_normalized

DOCUMENT_URI = "urn:sdkgen-bench:document"
TIMING_ROUNDS = 5


def compare(spec: Path, ours_root: Path, ours_name: str, dmcg_output: Path) -> dict[str, Any]:
    document = load_normalized(spec, Diagnostics())
    ours_classes = _our_classes(document, ours_root, ours_name)
    dmcg_classes = _dmcg_classes(dmcg_output)
    maker = ExampleMaker(document)
    referee = _Referee(document)
    cases = []
    skipped = Counter[str]()
    for name, schema in sorted((document.get("components", {}).get("schemas") or {}).items()):
        ours, theirs = ours_classes.get(name), dmcg_classes.get(_key(name))
        if ours is None or theirs is None:
            skipped["no class in one of the tools"] += 1
            continue
        valid = maker.example({"$ref": f"#/components/schemas/{name}"})
        if not referee.accepts(name, valid):
            skipped["example generator could not satisfy the schema"] += 1
            continue
        for kind, payload in [("valid example", valid), *mutations(schema, valid, maker)]:
            text = json.dumps(payload)
            cases.append(
                {
                    "schema": name,
                    "kind": kind,
                    "referee": referee.accepts(name, payload),
                    "ours": _accepts(ours, text),
                    "dmcg": _accepts(theirs, text),
                    "payload": text,
                    "ours_class": ours,
                    "dmcg_class": theirs,
                }
            )
    return {
        "spec": str(spec),
        "schemas_compared": len({c["schema"] for c in cases}),
        "skipped": dict(skipped),
        "by_kind": _by_kind(cases),
        "disagreements": _disagreements(cases),
        "validate_seconds": _timing(cases),
    }


def _our_classes(
    document: dict[str, Any], root: Path, package: str
) -> dict[str, type[pydantic.BaseModel]]:
    config = SdkConfig(source=SourceConfig(path="bench"), package=PackageConfig(name=package))
    api = build_api(document, config, "bench", Diagnostics())
    sys.path.insert(0, str(root))
    models = importlib.import_module(f"{package}.models")
    found = {}
    for name, ref in api.components:
        if isinstance(ref, t.ModelRef):
            cls = getattr(models, ref.name, None)
            if isinstance(cls, type) and issubclass(cls, pydantic.BaseModel):
                found[name] = cls
    return found


def _dmcg_classes(output: Path) -> dict[str, type[pydantic.BaseModel]]:
    """datamodel-code-generator's classes by the key of the schema name they stand for.

    Its output is one `models.py`, or a `models/` package when schema names contain dots
    (`issuing.card` becomes class `Card` in `models/issuing.py`), so a class is keyed by
    the path of the module that exports it plus its name."""
    sys.path.insert(0, str(output))
    root = importlib.import_module("models")
    modules = [root]
    if hasattr(root, "__path__"):
        modules += [
            importlib.import_module(info.name)
            for info in pkgutil.walk_packages(root.__path__, "models.")
        ]
    by_key: dict[str, set[type[pydantic.BaseModel]]] = defaultdict(set)
    for module in modules:
        prefix = ".".join(p for p in module.__name__.split(".")[1:] if not p.startswith("_"))
        for name, value in vars(module).items():
            if (
                isinstance(value, type)
                and issubclass(value, pydantic.BaseModel)
                and value.__module__.startswith("models")
            ):
                by_key[_key(f"{prefix}.{name}")].add(value)
    return {key: next(iter(classes)) for key, classes in by_key.items() if len(classes) == 1}


def _key(name: str) -> str:
    """Schema and class names compared without case or separators (`account_link` = `AccountLink`)."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


class _Referee:
    def __init__(self, document: dict[str, Any]) -> None:
        resource = Resource.from_contents(document, default_specification=DRAFT202012)
        self.registry = Registry().with_resource(DOCUMENT_URI, resource)
        self.validators: dict[str, Draft202012Validator] = {}

    def accepts(self, name: str, payload: Any) -> bool:
        if name not in self.validators:
            schema = {"$ref": f"{DOCUMENT_URI}#/components/schemas/{name}"}
            self.validators[name] = Draft202012Validator(schema, registry=self.registry)
        return bool(self.validators[name].is_valid(payload))


def _accepts(cls: type[pydantic.BaseModel], text: str) -> bool:
    try:
        cls.model_validate_json(text)
    except (pydantic.ValidationError, ValueError, TypeError):
        return False
    return True


def _by_kind(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for kind in sorted({c["kind"] for c in cases}):
        group = [c for c in cases if c["kind"] == kind]
        rows.append(
            {
                "kind": kind,
                "cases": len(group),
                "referee_accepts": sum(c["referee"] for c in group),
                "ours_agrees": sum(c["ours"] == c["referee"] for c in group),
                "dmcg_agrees": sum(c["dmcg"] == c["referee"] for c in group),
                "tools_agree": sum(c["ours"] == c["dmcg"] for c in group),
            }
        )
    return rows


def _disagreements(cases: list[dict[str, Any]], per_kind: int = 3) -> list[dict[str, Any]]:
    shown: Counter[tuple[str, bool, bool]] = Counter()
    found = []
    for case in cases:
        if case["ours"] == case["dmcg"] == case["referee"]:
            continue
        signature = (case["kind"], case["ours"], case["dmcg"])
        shown[signature] += 1
        if shown[signature] <= per_kind:
            found.append(
                {k: case[k] for k in ("schema", "kind", "referee", "ours", "dmcg")}
                | {"payload": case["payload"][:200]}
            )
    return found + [
        {"kind": k, "ours": o, "dmcg": d, "count": n} for (k, o, d), n in sorted(shown.items())
    ]


def _timing(cases: list[dict[str, Any]]) -> dict[str, float]:
    valid = [c for c in cases if c["kind"] == "valid example" and c["ours"] and c["dmcg"]]
    result = {"payloads": float(len(valid))}
    for tool in ("ours", "dmcg"):
        best = float("inf")
        for _ in range(TIMING_ROUNDS):
            started = time.perf_counter()
            for case in valid:
                case[f"{tool}_class"].model_validate_json(case["payload"])
            best = min(best, time.perf_counter() - started)
        result[tool] = round(best, 4)
    return result


if __name__ == "__main__":
    spec, root, name, dmcg = sys.argv[1:5]
    print(json.dumps(compare(Path(spec), Path(root), name, Path(dmcg))))
