"""The specs every tool is run on.

The two public specs go to every tool as they are. A vendor's capture is not OpenAPI
(Redoc page text, Markdown, example JSON), so the peers get the OpenAPI 3.1 document our
loader and overlays make of it, and we are timed from the capture, loader included.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from bench.tools import REPO

SHARED = REPO.parent / "shared"
VENDORS = ("catalog", "datafold", "eddytor", "lightdash", "qluster")


@dataclass(frozen=True)
class BenchInput:
    key: str
    title: str
    ours: Path
    """What `sdkgen generate` is given: a spec file or a spec folder."""
    peers: Path
    """The OpenAPI document the other tools are given."""
    large: bool = False
    """Gets the package checks (import, mypy) as well as the timings."""


def bench_inputs(scratch: Path, only: set[str] | None = None) -> list[BenchInput]:
    found = []
    lightdash = SHARED / "specs" / "reference" / "lightdash-0.1366.1-openapi.json"
    stripe = SHARED / "corpus" / "stripe" / "spec3.json"
    if lightdash.is_file():
        found.append(
            BenchInput(
                "lightdash-official", "Lightdash official 0.1366.1", lightdash, lightdash, True
            )
        )
    if stripe.is_file():
        found.append(BenchInput("stripe", "Stripe 2022-04 (spec3.json)", stripe, stripe, True))
    for vendor in VENDORS:
        if only is not None and f"vendor-{vendor}" not in only:
            continue
        folder = REPO / "specs" / vendor
        if folder.is_dir():
            found.append(
                BenchInput(
                    f"vendor-{vendor}",
                    f"vendor {vendor} (our capture)",
                    folder,
                    _normalized_copy(folder, scratch / "inputs" / f"{vendor}.openapi.json"),
                )
            )
    return [i for i in found if only is None or i.key in only]


def _normalized_copy(folder: Path, destination: Path) -> Path:
    from generator.diagnostics import Diagnostics
    from generator.pipeline import load_normalized

    document = load_normalized(folder, Diagnostics())
    destination.parent.mkdir(parents=True, exist_ok=True)
    destination.write_text(
        json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return destination
