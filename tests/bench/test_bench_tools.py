"""The benchmark's own measuring tools: process-tree memory, payloads, the results file.

Fast and offline: no peer is installed or run here.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator  # type: ignore[import-untyped]
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from bench.payloads import ExampleMaker, mutations
from bench.procmon import run_measured
from bench.report import BEGIN, END, write_results

DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "components": {
        "schemas": {
            "Pet": {
                "type": "object",
                "required": ["id", "kind", "age"],
                "properties": {
                    "id": {"type": "string", "format": "uuid"},
                    "kind": {"type": "string", "enum": ["cat", "dog"]},
                    "age": {"type": "integer", "minimum": 3, "maximum": 4},
                    "parent": {"anyOf": [{"$ref": "#/components/schemas/Pet"}, {"type": "null"}]},
                    "tags": {
                        "type": "array",
                        "minItems": 2,
                        "items": {"type": "string", "minLength": 12},
                    },
                    "owner": {"$ref": "#/components/schemas/Owner"},
                },
            },
            "Owner": {
                "allOf": [
                    {"$ref": "#/components/schemas/Named"},
                    {
                        "type": "object",
                        "required": ["since"],
                        "properties": {"since": {"type": "string", "format": "date"}},
                    },
                ]
            },
            "Named": {
                "type": "object",
                "required": ["name"],
                "properties": {"name": {"type": "string", "maxLength": 3}},
            },
            "Animal": {
                "oneOf": [
                    {"$ref": "#/components/schemas/Pet"},
                    {"$ref": "#/components/schemas/Named"},
                ],
                "discriminator": {
                    "propertyName": "kind",
                    "mapping": {"dog": "#/components/schemas/Pet"},
                },
            },
        }
    },
}


def _referee(name: str) -> Draft202012Validator:
    registry = Registry().with_resource(
        "urn:doc", Resource.from_contents(DOCUMENT, default_specification=DRAFT202012)
    )
    return Draft202012Validator({"$ref": f"urn:doc#/components/schemas/{name}"}, registry=registry)


def test_examples_satisfy_their_schema_through_refs_recursion_and_bounds() -> None:
    maker = ExampleMaker(DOCUMENT)
    for name in ("Pet", "Owner", "Animal"):
        example = maker.example({"$ref": f"#/components/schemas/{name}"})
        assert _referee(name).is_valid(example), (name, example)
    assert maker.example({"$ref": "#/components/schemas/Animal"})["kind"] == "dog"


def test_each_rule_breaking_mutation_is_rejected_by_the_referee() -> None:
    maker = ExampleMaker(DOCUMENT)
    schema = DOCUMENT["components"]["schemas"]["Pet"]
    valid = maker.example({"$ref": "#/components/schemas/Pet"})
    found = dict(mutations(schema, valid, maker))
    assert {
        "missing required property",
        "value outside the enum",
        "array instead of object",
    } <= set(found)
    for kind, payload in found.items():
        assert _referee("Pet").is_valid(payload) is (kind == "unknown extra property"), kind


def test_peak_memory_counts_the_processes_a_command_starts(tmp_path: Path) -> None:
    # The parent holds ~40 MiB, the child it waits for ~80 MiB: only a tree-wide sum sees 120.
    child = "x = bytearray(80 * 2**20); import time; time.sleep(0.4)"
    parent = (
        f"import subprocess, sys; x = bytearray(40 * 2**20); "
        f"subprocess.run([sys.executable, '-c', {child!r}], check=True)"
    )
    measured = run_measured([sys.executable, "-c", parent], cwd=tmp_path)
    assert measured.ok
    assert measured.peak_rss_mib > 120
    assert measured.wall_seconds >= 0.4


def test_results_file_keeps_the_prose_around_the_measured_part(
    tmp_path: Path, monkeypatch: Any
) -> None:
    results = tmp_path / "RESULTS.md"
    results.write_text(
        f"# Results\n\nWhy we missed.\n\n{BEGIN}\nold tables\n{END}\n\n## Commands\n",
        encoding="utf-8",
    )
    monkeypatch.setattr("bench.report.render", lambda report: f"tables of {report['name']}\n")
    write_results({"name": "run 2"}, results)
    text = results.read_text(encoding="utf-8")
    assert "Why we missed." in text and "## Commands" in text
    assert "tables of run 2" in text and "old tables" not in text
