"""Write the overlays that place the operations of the two `redoc-text` captures.

The captures lost every operation's HTTP method and path. The facts come from reference
files that stay outside the project (`../shared/specs/reference/`):

- Lightdash: the official OpenAPI document of the same release. Named operations match
  by operationId. An operation whose heading was lost is matched by position: Redoc lists
  operations tag by tag in the order of the document, so one lost between two matched
  neighbours is one of the official operations between them, chosen by how well its
  response sample's property names fit each candidate's response schema.
- Qluster: a route table (operation name, method, path) of the current API, whose paths
  carry an `/api/orgs/{organization_id}` prefix the v1.0.0 capture predates. Names match
  as the PascalCase of the capture's title; a few renamed operations are matched through
  `QLUSTER_RENAMED`, and a few placed by what the capture itself states
  (`QLUSTER_STATED_BY_CAPTURE`). A route whose path parameters do not include every path
  parameter the capture lists is refused; `QLUSTER_UNPLACED` says why each operation left
  without a route has none.

The Lightdash page also lost its tag sections: each placed operation gets its official
tags, and the document the official tag declarations.

Lightdash also gets `alternatives.yaml`: where the official document offers alternatives
(`anyOf` / `oneOf`) and the page shows one of them, what the others add
(`tools/redoc_alternatives.py`).

Usage: .venv/bin/python -m tools.make_redoc_overlays [--reference DIR]
Prints a match report; writes specs/{lightdash,qluster}/overlays/placement.yaml and
specs/lightdash/overlays/alternatives.yaml.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator.diagnostics import Diagnostics
from generator.loading.overlay import METHOD_KEY, PATH_KEY, REASON_KEY, UNPLACED
from generator.loading.redoc_text import load, read_page
from generator.loading.redoc_text.model import Line
from generator.loading.redoc_text.names import assign_ids
from tools import redoc_alternatives

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = ROOT / ".." / "shared" / "specs" / "reference"
LIGHTDASH_REFERENCE = "lightdash-0.1366.1-openapi.json"
QLUSTER_REFERENCE = "qluster-routes.tsv"
QLUSTER_PREFIX = "/api/orgs/{organization_id}"
_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_TEMPLATE_PARAMETER = re.compile(r"{([^}/]+)}")
_MIN_FIT = 0.5
"""Below this share of shared response property names a lost operation stays unmatched."""
TITLES = {
    "lightdash": "method and path (and a lost heading) from Lightdash's official OpenAPI document",
    "qluster": "method and path from Qluster's route table or the page's own examples",
}
ALTERNATIVES_TITLE = (
    "fields of alternatives the page collapsed, from Lightdash's official OpenAPI document"
)

QLUSTER_RENAMED: dict[str, tuple[str, str]] = {
    "get_menu_stats": ("GetMenuStatsView", "same operation with a `View` suffix"),
    "create_fatal_error": (
        "CreateErrorIncident",
        "fatal errors became error incidents: `Get Errors` is GET /error-incidents",
    ),
    "get_fatal_error": (
        "GetErrorIncident",
        "fatal errors became error incidents; same `error_id` path parameter",
    ),
    "delete_fatal_error": (
        "DeleteErrorIncident",
        "fatal errors became error incidents; the only delete of them, also body-based",
    ),
    "get_new_backup_settings_for_dataset": (
        "GetNewBackupSettings",
        "same description (backup settings with default values); `/backup-settings/new`",
    ),
    "patch_stored_item": (
        "DeleteOrRecoverStoredItem",
        "every v1 `Patch X` with the id in its body is PATCH /x; the only PATCH /stored-items",
    ),
    "delete_stored_item": (
        "DeleteZombieStoredItemObject",
        (
            "deletes the record left by an unsuccessful signed-url upload (a zombie object); "
            "the only route deleting one stored item by `stored_item_id`"
        ),
    ),
    "get_dataset_extra_details": (
        "GetDatasetMigrationDetails",
        (
            "`extra information about a dataset including database migration information`; "
            "the only GET `/datasets/{dataset_id}/*-details`"
        ),
    ),
    "patch_fields_modification": (
        "PatchMigration",
        (
            "renames fields of the dataset's draft migration; the only PATCH whose sole path "
            "parameter is `dataset_id`"
        ),
    ),
}
QLUSTER_STATED_BY_CAPTURE: dict[str, tuple[str, str, str]] = {
    "ignore_line_signature_for_dataset_view": (
        "post",
        "/datasets/{dataset_id}/ignore_line_signature",
        "its description: `POST /datasets/1/ignore_line_signature`",
    ),
    "update_dataset_validation_info_for_one_field": (
        "post",
        "/datasets/{dataset_id}/validation_info/{field_name}",
        "its description: `POST /datasets/1/validation_info/score`",
    ),
    "get_dataset_validation_info_for_one_field": (
        "get",
        "/datasets/{dataset_id}/validation_info/{field_name}",
        (
            "the Get twin of `Update Dataset Validation Info For One Field` (next on the page, "
            "same path parameters and wording), whose description states that path"
        ),
    ),
    "get_data_source_validation_model": (
        "get",
        "/data-sources/{data_source_model_id}/validation-model",
        "its description: `GET /data-sources/1/validation-model`",
    ),
    "login_for_access_token": (
        "post",
        "/token",
        "the Authentication section: OAuth2 password flow, `Token URL: token`",
    ),
}
QLUSTER_UNPLACED: dict[str, str] = {
    "get_dataset_history": "no history route takes `dataset_id`; GET /history takes none",
    "get_data_source_history": (
        "no history route takes `data_source_model_id`; GET /history takes none"
    ),
    "get_dataset_any_training_job_running": "no route asks whether a training job runs",
    "get_migration": "no GET of one migration by `migration_id` (only GET /migrations)",
    "get_or_create_draft_migration_and_review_alert": (
        "no route creates a draft migration or returns an `alert_item_id` for one"
    ),
    "create_user_view": "no POST /users; users now sign up through GET /api/auth/register",
    "run_training_job_now": (
        "RunTrainingJobNow is POST /datasets/{dataset_id}/run-training-job, but the capture's "
        "path parameter is `settings_model_id`, a field its samples keep apart from `dataset_id`"
    ),
}
"""Operations the route table has no honest match for, and why."""


@dataclass
class Placement:
    operation_id: str
    method: str
    path: str
    source: str
    update: dict[str, Any]


@dataclass
class Report:
    vendor: str
    total: int
    placements: list[Placement]
    removed: list[tuple[str, str]]
    unmatched: list[tuple[str, str]]
    order: list[str]
    """The operationIds in page order."""

    def lines(self) -> list[str]:
        placed = len(self.placements)
        headline = (
            f"{self.vendor}: {self.total} operations, {placed} placed "
            f"({placed / self.total:.0%}), {len(self.removed)} removed as repeats, "
            f"{len(self.unmatched)} unmatched"
        )
        lines = [headline]
        kinds: dict[str, int] = {}
        for placement in self.placements:
            kind = placement.source.split(":")[0]
            kinds[kind] = kinds.get(kind, 0) + 1
        lines += [f"  matched by {kind}: {count}" for kind, count in sorted(kinds.items())]
        lines += [f"  removed {operation_id}: {why}" for operation_id, why in self.removed]
        lines += [f"  UNMATCHED {operation_id}: {why}" for operation_id, why in self.unmatched]
        return lines


@dataclass(frozen=True)
class Written:
    """One overlay file: where it goes, its text, and the report lines that explain it."""

    path: Path
    text: str
    summary: list[str]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    args = parser.parse_args()
    for overlay in overlays(args.reference):
        print("\n".join(overlay.summary))
        overlay.path.parent.mkdir(parents=True, exist_ok=True)
        overlay.path.write_text(overlay.text, encoding="utf-8")


def overlays(reference: Path) -> list[Written]:
    """Every overlay this tool makes, with its text and report."""
    lightdash_report, restored = lightdash(reference / LIGHTDASH_REFERENCE)
    qluster_report = qluster(reference / QLUSTER_REFERENCE)
    official = json.loads((reference / LIGHTDASH_REFERENCE).read_text(encoding="utf-8"))
    return [
        Written(
            overlay_path("lightdash"),
            overlay_text(lightdash_report, [*LIGHTDASH_AUTH, *lightdash_tags(official)]),
            lightdash_report.lines(),
        ),
        Written(overlay_path("qluster"), overlay_text(qluster_report, []), qluster_report.lines()),
        restored,
    ]


def overlay_path(vendor: str, name: str = "placement.yaml") -> Path:
    return ROOT / "specs" / vendor / "overlays" / name


# --- Lightdash -------------------------------------------------------------------------

LIGHTDASH_AUTH = [
    {
        "target": "$",
        "description": "official document: components.securitySchemes.api_key",
        "update": {
            "components": {
                "securitySchemes": {
                    "api_key": {
                        "type": "apiKey",
                        "in": "header",
                        "name": "Authorization",
                        "description": "Value should be 'ApiKey <your key>'",
                    }
                }
            },
            "security": [{"api_key": []}],
        },
    }
]


@dataclass(frozen=True)
class Official:
    operation_id: str
    method: str
    path: str
    operation: dict[str, Any]


def lightdash(reference: Path) -> tuple[Report, Written]:
    """The placement report, and the alternatives overlay built on its matches."""
    capture = ROOT / "specs" / "lightdash" / "lightdash-redoc.txt"
    document = load(capture, {}, Diagnostics())
    official = json.loads(reference.read_text(encoding="utf-8"))
    listing = redoc_order(official)
    sequence = page_sequence(capture)
    report = _LightdashMatcher(document, official, listing).run(sequence)
    return report, lightdash_alternatives(document, official, report)


def lightdash_alternatives(
    document: dict[str, Any], official: dict[str, Any], report: Report
) -> Written:
    alternatives = redoc_alternatives.Alternatives(official)
    for placement in sorted(report.placements, key=lambda p: report.order.index(p.operation_id)):
        theirs = official["paths"][placement.path][placement.method]
        alternatives.compare(
            placement.operation_id, document[UNPLACED][placement.operation_id], theirs
        )
    components = alternatives.upgraded()
    actions = redoc_alternatives.actions(alternatives.restored, components)
    headline = (
        f"lightdash alternatives: {len(alternatives.restored)} places, "
        f"{len(components)} reference schemas copied"
    )
    summary = [headline]
    summary += [
        f"  {item.operation_id} {'/'.join(map(str, item.where))}: +{', '.join(item.added)}"
        + (f"; required {item.required}" if item.required is not None else "")
        for item in alternatives.restored
    ]
    text = _overlay_document(ALTERNATIVES_TITLE, actions)
    return Written(overlay_path("lightdash", "alternatives.yaml"), text, summary)


def redoc_order(official: dict[str, Any]) -> list[Official]:
    """Every operation once per tag, tags in Redoc's order (declared, then first used)."""
    tag_order = [tag["name"] for tag in official.get("tags", [])]
    by_tag: dict[str, list[Official]] = {}
    for path, item in official["paths"].items():
        for method, operation in item.items():
            if method not in _METHODS:
                continue
            entry = Official(operation["operationId"], method, path, operation)
            for tag in operation.get("tags") or [""]:
                if tag not in tag_order:
                    tag_order.append(tag)
                by_tag.setdefault(tag, []).append(entry)
    return [entry for tag in tag_order for entry in by_tag.get(tag, [])]


def page_sequence(capture: Path) -> list[str]:
    """The operationId of each listing on the page, in page order, repeats included."""
    lines = [Line(n, t) for n, t in enumerate(capture.read_text("utf-8").splitlines(), 1)]
    sections = read_page(lines, capture.name, Diagnostics()).sections
    return [listing.operation_id for listing in assign_ids(sections)]


class _LightdashMatcher:
    def __init__(
        self, document: dict[str, Any], official: dict[str, Any], listing: list[Official]
    ) -> None:
        self.document = document
        self.official = official
        self.listing = listing
        self.placed: dict[str, Official] = {}
        self.report = Report(
            "lightdash", len(document[UNPLACED]), [], [], [], list(document[UNPLACED])
        )

    def run(self, sequence: list[str]) -> Report:
        position = 0
        pending: list[str] = []
        for operation_id in sequence:
            if operation_id.startswith("unnamed_"):
                pending.append(operation_id)
                continue
            found = self._find(operation_id, position)
            if found is None:
                # A repeat listing of a placed operation needs nothing; the loader keeps one.
                if operation_id not in self.placed:
                    self.report.unmatched.append(
                        (operation_id, "no such operationId in the official document")
                    )
                continue
            self._match_lost(pending, self.listing[position:found])
            pending = []
            position = found + 1
            self._place_named(operation_id, self.listing[found])
        self._match_lost(pending, self.listing[position:])
        return self.report

    def _find(self, operation_id: str, start: int) -> int | None:
        return next(
            (
                i
                for i in range(start, len(self.listing))
                if self.listing[i].operation_id == operation_id
            ),
            None,
        )

    def _place_named(self, operation_id: str, official: Official) -> None:
        if operation_id in self.placed:
            return
        self.placed[operation_id] = official
        placement = Placement(
            operation_id,
            official.method,
            official.path,
            "operationId: the same in both",
            _tags(official),
        )
        self.report.placements.append(placement)

    def _match_lost(self, lost: list[str], candidates: list[Official]) -> None:
        for operation_id, candidate, fit in best_order_preserving(
            lost, candidates, lambda o, c: self._fit(o, c)
        ):
            if candidate is None or fit < _MIN_FIT:
                self.report.unmatched.append(
                    (
                        operation_id,
                        "heading lost; no official operation between its neighbours fits",
                    )
                )
            elif candidate.operation_id in self.placed:
                self.report.removed.append(
                    (operation_id, f"repeat listing of {candidate.operation_id} (fit {fit:.2f})")
                )
            else:
                self.placed[candidate.operation_id] = candidate
                self.report.placements.append(
                    Placement(
                        operation_id,
                        candidate.method,
                        candidate.path,
                        f"position+sample: {candidate.operation_id} (fit {fit:.2f})",
                        self._lost_heading(candidate),
                    )
                )

    def _lost_heading(self, candidate: Official) -> dict[str, Any]:
        """What the page lost with a heading: the operationId, description, parameters."""
        operation = candidate.operation
        update: dict[str, Any] = {"operationId": candidate.operation_id, **_tags(candidate)}
        if operation.get("description"):
            update["description"] = operation["description"]
        parameters = [self._parameter(p) for p in operation.get("parameters", [])]
        if parameters:
            update["parameters"] = parameters
        return update

    def _parameter(self, parameter: dict[str, Any]) -> dict[str, Any]:
        schema = resolve(self.official, parameter.get("schema", {}))
        kept = {k: schema[k] for k in ("type", "format", "enum") if k in schema}
        result = {"name": parameter["name"], "in": parameter["in"]}
        if parameter.get("required"):
            result["required"] = True
        if parameter.get("description"):
            result["description"] = parameter["description"]
        return {**result, "schema": kept or {"type": "string"}}

    def _fit(self, operation_id: str, candidate: Official) -> float:
        sample = response_schema(self.document, self.document[UNPLACED][operation_id])
        responses = candidate.operation.get("responses", {})
        success: dict[str, Any] = next(
            (responses[c] for c in sorted(responses) if c.startswith("2")), {}
        )
        schema = success.get("content", {}).get("application/json", {}).get("schema", {})
        ours = property_paths(self.document, sample)
        theirs = property_paths(self.official, schema)
        return len(ours & theirs) / len(ours | theirs) if ours | theirs else 0.0


def _tags(official: Official) -> dict[str, Any]:
    """The official operation's tags: what the page's sections lost with its headings."""
    tags = official.operation.get("tags")
    return {"tags": list(tags)} if tags else {}


def lightdash_tags(official: dict[str, Any]) -> list[dict[str, Any]]:
    """The official document's declared tags, with their descriptions."""
    declared = [
        {key: tag[key] for key in ("name", "description") if key in tag}
        for tag in official.get("tags", [])
    ]
    if not declared:
        return []
    return [
        {
            "target": "$",
            "description": "official document: tags (the page lost its tag sections)",
            "update": {"tags": declared},
        }
    ]


def best_order_preserving(
    lost: list[str], candidates: list[Official], fit: Any
) -> list[tuple[str, Official | None, float]]:
    """Assign each lost operation a distinct candidate, in page order, maximising the
    total fit (a small dynamic programme: both lists are a handful long)."""
    if not lost:
        return []
    scores = [[fit(o, c) for c in candidates] for o in lost]
    best: dict[tuple[int, int], tuple[float, list[int]]] = {}

    def solve(i: int, j: int) -> tuple[float, list[int]]:
        if i == len(lost) or j == len(candidates):
            return 0.0, []
        if (i, j) not in best:
            take_score, take_rest = solve(i + 1, j + 1)
            skip_candidate = solve(i, j + 1)
            skip_lost = solve(i + 1, j)
            options = [
                (scores[i][j] + take_score, [j, *take_rest]),
                skip_candidate,
                (skip_lost[0], [-1, *skip_lost[1]]),
            ]
            best[(i, j)] = max(options, key=lambda option: option[0])
        return best[(i, j)]

    _, picks = solve(0, 0)
    picks = [*picks, *[-1] * (len(lost) - len(picks))]
    return [
        (o, candidates[j] if j >= 0 else None, scores[i][j] if j >= 0 else 0.0)
        for i, (o, j) in enumerate(zip(lost, picks, strict=True))
    ]


def response_schema(document: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any]:
    for response in operation.get("responses", {}).values():
        for media in response.get("content", {}).values():
            return resolve(document, media.get("schema", {}))
    return {}


def resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        node: Any = document
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def property_paths(document: dict[str, Any], schema: dict[str, Any], depth: int = 3) -> set[str]:
    """Dotted property names reachable in `schema`, through arrays and compositions."""
    schema = resolve(document, schema)
    paths: set[str] = set()
    if depth == 0:
        return paths
    for key in ("allOf", "anyOf", "oneOf"):
        for member in schema.get(key, []):
            paths |= property_paths(document, member, depth)
    if "items" in schema:
        paths |= property_paths(document, schema["items"], depth)
    for name, child in schema.get("properties", {}).items():
        paths.add(name)
        paths |= {f"{name}.{p}" for p in property_paths(document, child, depth - 1)}
    return paths


# --- Qluster ---------------------------------------------------------------------------


def qluster(reference: Path) -> Report:
    capture = ROOT / "specs" / "qluster" / "qluster-redoc.txt"
    document = load(capture, {}, Diagnostics())
    with reference.open(encoding="utf-8") as table:
        routes = {row["operation"]: row for row in csv.DictReader(table, delimiter="\t")}
    report = Report("qluster", len(document[UNPLACED]), [], [], [], list(document[UNPLACED]))
    for operation_id, operation in document[UNPLACED].items():
        found = _qluster_route(operation_id, operation, routes)
        if isinstance(found, str):
            report.unmatched.append((operation_id, found))
            continue
        method, path, source = found
        conflict = _path_conflict(operation, path)
        if conflict:
            report.unmatched.append(
                (operation_id, f"{source} gives {method.upper()} {path}, {conflict}")
            )
            continue
        report.placements.append(Placement(operation_id, method, path, source, {}))
    return report


def _qluster_route(
    operation_id: str, operation: dict[str, Any], routes: dict[str, dict[str, str]]
) -> tuple[str, str, str] | str:
    """(method, path, source) of an operation, or why there is none."""
    if operation_id in QLUSTER_UNPLACED:
        return QLUSTER_UNPLACED[operation_id]
    name = pascal(operation.get("summary", operation_id))
    why = ""
    if operation_id in QLUSTER_RENAMED:
        name, why = QLUSTER_RENAMED[operation_id]
    if operation_id in QLUSTER_STATED_BY_CAPTURE:
        method, path, where = QLUSTER_STATED_BY_CAPTURE[operation_id]
        return method, path, f"capture: {where}"
    route = routes.get(name)
    if route is None:
        return f"no route named {name}"
    if not route["path"].startswith(QLUSTER_PREFIX + "/"):
        return f"route {name} is {route['method']} {route['path']}, outside {QLUSTER_PREFIX}"
    source = f"renamed: {name} ({why})" if why else f"routes: {name}"
    return route["method"].lower(), route["path"].removeprefix(QLUSTER_PREFIX), source


def pascal(title: str) -> str:
    """The route table's name for a title: `Get A Dataset Copy` -> `GetADatasetCopy`."""
    return "".join(word[:1].upper() + word[1:] for word in re.findall(r"[A-Za-z0-9]+", title))


def _path_conflict(operation: dict[str, Any], path: str) -> str:
    listed = {p["name"] for p in operation.get("parameters", []) if p["in"] == "path"}
    missing = sorted(listed - set(_TEMPLATE_PARAMETER.findall(path)))
    return (
        f"which lacks the path parameter(s) {', '.join(missing)} the capture lists"
        if missing
        else ""
    )


# --- Output ----------------------------------------------------------------------------


def overlay_text(report: Report, extra: list[dict[str, Any]]) -> str:
    actions = list(extra)
    for placement in sorted(report.placements, key=lambda p: report.order.index(p.operation_id)):
        actions.append(
            {
                "target": f'$["{UNPLACED}"]["{placement.operation_id}"]',
                "description": placement.source,
                "update": {
                    METHOD_KEY: placement.method,
                    PATH_KEY: placement.path,
                    **placement.update,
                },
            }
        )
    for operation_id, why in report.removed:
        actions.append(
            {
                "target": f'$["{UNPLACED}"]["{operation_id}"]',
                "description": why,
                "remove": True,
            }
        )
    for operation_id, why in report.unmatched:
        actions.append(
            {
                "target": f'$["{UNPLACED}"]["{operation_id}"]',
                "description": "no route here: unless another overlay places it, it is left out",
                "update": {REASON_KEY: why},
            }
        )
    return _overlay_document(TITLES[report.vendor], actions)


def _overlay_document(title: str, actions: list[dict[str, Any]]) -> str:
    overlay = {
        "overlay": "1.0.0",
        "info": {"title": title, "version": "1.0.0"},
        "actions": actions,
    }
    header = (
        "# Generated by tools/make_redoc_overlays.py from reference facts kept outside\n"
        "# the project; edit that script, not this file.\n"
    )
    body: str = yaml.safe_dump(overlay, sort_keys=False, width=100, allow_unicode=True)
    return header + body


if __name__ == "__main__":
    main()
