"""A discriminator mapping may name its schemas (`mapping: {dog: Dog}`), as OpenAPI
allows, instead of referring to them: the name is the component, never a file to read,
in the root document and in a file it refers to alike; generation succeeds and a
response dispatches on the mapping's tags (parsed against a real server on 127.0.0.1).
A mapping entry that names nothing is reported and left out."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from generator.diagnostics import Diagnostics
from generator.pipeline import generate, load_normalized
from tests.conftest import import_generated
from tests.properties.packages import resources, sync_client
from tests.support.http_server import RecordingServer, Reply

# Tags that are no schema's name and no value a member pins: only the mapping says them.
MAPPING = {"c": "Cat", "d": "Dog"}


def _pets(mapping: dict[str, str]) -> dict[str, Any]:
    member = {"type": "object", "required": ["petType"]}
    return {
        "Pet": {
            "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}],
            "discriminator": {"propertyName": "petType", "mapping": mapping},
        },
        "Cat": {
            **member,
            "properties": {"petType": {"type": "string"}, "lives": {"type": "integer"}},
        },
        "Dog": {
            **member,
            "properties": {"petType": {"type": "string"}, "barks": {"type": "boolean"}},
        },
    }


def _document(schema: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    ok = {"description": "ok", "content": {"application/json": {"schema": schema}}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "Pets", "version": "1"},
        "paths": {
            "/pets/{id}": {
                "get": {
                    "operationId": "getPet",
                    "tags": ["pets"],
                    "parameters": [
                        {"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}
                    ],
                    "responses": {"200": ok},
                }
            }
        },
        "components": {"schemas": schemas},
    }


def _single_file(folder: Path) -> Path:
    spec = folder / "spec.json"
    spec.write_text(json.dumps(_document({"$ref": "#/components/schemas/Pet"}, _pets(MAPPING))))
    return spec


def _two_files(folder: Path) -> Path:
    """The union and its members in `pets.yaml`, whose mapping names its own schemas."""
    (folder / "pets.yaml").write_text(yaml.safe_dump({"components": {"schemas": _pets(MAPPING)}}))
    spec = folder / "spec.json"
    spec.write_text(json.dumps(_document({"$ref": "pets.yaml#/components/schemas/Pet"}, {})))
    return spec


def _dispatch(spec: Path, out: Path, server: RecordingServer, name: str) -> list[tuple[str, Any]]:
    generate(spec, out / name, force=True, name=name)
    package = import_generated(out / name, name)
    (pets,) = resources(sync_client(package, base_url=server.url)).values()
    server.enqueue(
        Reply.json({"petType": "d", "barks": True}), Reply.json({"petType": "c", "lives": 9})
    )
    dog, cat = pets.retrieve("1"), pets.retrieve("2")
    return [(type(dog).__name__, dog.barks), (type(cat).__name__, cat.lives)]


def test_names_in_the_root_document_dispatch(tmp_path: Path, http_server: RecordingServer) -> None:
    found = _dispatch(_single_file(tmp_path), tmp_path / "out", http_server, "pets_root")
    assert found == [("Dog", True), ("Cat", 9)]


def test_names_in_a_referenced_file_dispatch(tmp_path: Path, http_server: RecordingServer) -> None:
    found = _dispatch(_two_files(tmp_path), tmp_path / "out", http_server, "pets_file")
    assert found == [("Dog", True), ("Cat", 9)]


def test_names_become_references_and_files_stay_unread(tmp_path: Path) -> None:
    # A file called like the schema sits beside the spec: a name must not read it.
    (tmp_path / "Cat").write_text("not: [a schema")
    document = load_normalized(_single_file(tmp_path), Diagnostics())
    mapping = document["components"]["schemas"]["Pet"]["discriminator"]["mapping"]
    assert mapping == {"c": "#/components/schemas/Cat", "d": "#/components/schemas/Dog"}


def test_a_mapping_that_names_nothing_is_reported(tmp_path: Path) -> None:
    spec = tmp_path / "spec.json"
    pets = _pets({"c": "Cat", "d": "Dog", "f": "Fish"})
    spec.write_text(json.dumps(_document({"$ref": "#/components/schemas/Pet"}, pets)))
    summary = generate(spec, tmp_path / "out", force=True, name="pets_fish")
    said = [str(d) for d in summary.diagnostics]
    assert any(
        "#/components/schemas/Pet/discriminator/mapping/f: warning: discriminator mapping 'f'" in s
        for s in said
    ), said
