"""Fidelity of the Lightdash SDK made from the Redoc capture, against Lightdash's official
OpenAPI document: for every operation both have, the request body's property names and
the property names of the `results` it answers with (through arrays and alternatives)
must be the official ones, or the difference must be one the capture itself explains."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from tests.conftest import ROOT, shared_file
from tests.vendors.conftest import GENERATED

OFFICIAL = "specs/reference/lightdash-0.1366.1-openapi.json"
CAPTURE = ROOT / "specs" / "lightdash" / "lightdash-redoc.txt"
_METHODS = ("get", "put", "post", "delete", "patch")
_TEMPLATE = re.compile(r"\{[^{}]*\}")


@dataclass(frozen=True)
class Explained:
    line: int
    text: str
    """What the capture says on that line."""
    why: str


EXPLAINED: dict[tuple[str, str, str], Explained] = {
    ("DownloadCsvFromExplore", "body", "pivotColumns"): Explained(
        772,
        "pivotColumns | Array of strings |",
        "the capture is Lightdash 0.1366.1 and lists this field; the reference document "
        "(info.version 0.1364.0) predates it",
    ),
}
"""(operationId, `body` or `result`, property) -> the capture line behind the difference."""


class Names:
    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document

    def resolve(self, schema: Any) -> Any:
        for _ in range(50):
            if not (isinstance(schema, dict) and "$ref" in schema):
                break
            node: Any = self.document
            for part in schema["$ref"].removeprefix("#/").split("/"):
                node = node[part.replace("~1", "/").replace("~0", "~")]
            schema = node
        return schema

    def properties(self, schema: Any, depth: int = 0) -> set[str]:
        """Property names of an object, its array items and its alternatives."""
        schema = self.resolve(schema)
        if not isinstance(schema, dict) or depth > 20:
            return set()
        names = set(schema.get("properties") or {})
        for key in ("allOf", "anyOf", "oneOf"):
            for member in schema.get(key) or []:
                names |= self.properties(member, depth + 1)
        if "items" in schema:
            names |= self.properties(schema["items"], depth + 1)
        return names

    def operations(self) -> dict[tuple[str, str], dict[str, Any]]:
        return {
            (method, _TEMPLATE.sub("{}", path)): item[method]
            for path, item in self.document["paths"].items()
            for method in _METHODS
            if method in item
        }

    def body(self, operation: dict[str, Any]) -> set[str]:
        body = self.resolve(operation.get("requestBody") or {})
        media = next(iter((body.get("content") or {}).values()), {})
        return self.properties(media.get("schema"))

    def results(self, operation: dict[str, Any]) -> set[str]:
        responses = operation.get("responses") or {}
        success = next((responses[c] for c in sorted(responses) if c.startswith("2")), {})
        media = next(iter((self.resolve(success).get("content") or {}).values()), {})
        envelope = self.resolve(media.get("schema"))
        results = self._results(envelope)
        return set() if results is None else self.properties(results)

    def _results(self, envelope: Any) -> Any:
        if not isinstance(envelope, dict):
            return None
        if "results" in (envelope.get("properties") or {}):
            return envelope["properties"]["results"]
        for member in envelope.get("allOf") or []:
            found = self._results(self.resolve(member))
            if found is not None:
                return found
        return None


@dataclass
class Tally:
    compared: int = 0
    equal: int = 0
    explained: int = 0

    def line(self, what: str) -> str:
        return f"{what} {self.equal + self.explained}/{self.compared} ({self.explained} explained)"


def test_redoc_sdk_keeps_the_official_property_names() -> None:
    official = Names(json.loads(shared_file(OFFICIAL).read_text(encoding="utf-8")))
    ours = Names(json.loads((GENERATED / "lightdash" / "openapi.json").read_text("utf-8")))
    capture = CAPTURE.read_text(encoding="utf-8").splitlines()
    theirs = official.operations()
    tallies = {"body": Tally(), "result": Tally()}
    unexplained: list[str] = []
    used: set[tuple[str, str, str]] = set()
    for key, operation in sorted(ours.operations().items()):
        if key not in theirs:
            continue  # newer than the reference (overlays/newer-than-reference.yaml)
        compared = {"result": (ours.results(operation), official.results(theirs[key]))}
        if "requestBody" in theirs[key]:
            compared["body"] = (ours.body(operation), official.body(theirs[key]))
        for kind, (mine, expected) in compared.items():
            tally = tallies[kind]
            tally.compared += 1
            differences = {(operation["operationId"], kind, name) for name in mine ^ expected}
            if not differences:
                tally.equal += 1
            elif differences <= set(EXPLAINED):
                tally.explained += 1
                used |= differences
            else:
                unexplained += [" ".join(d) for d in sorted(differences - set(EXPLAINED))]
    for explained in EXPLAINED.values():
        assert capture[explained.line - 1] == explained.text, explained
    print(
        "lightdash Redoc SDK vs official: "
        + ", ".join(tally.line(f"{kind} property names") for kind, tally in tallies.items())
    )
    assert not unexplained, unexplained
    assert used == set(EXPLAINED), "an explanation no longer needed"
    assert (tallies["body"].compared, tallies["result"].compared) == (49, 99)
