"""bench/out/results.json -> the measured part of bench/RESULTS.md, as Markdown tables.

Only the text between the two markers is rewritten; the analysis around it is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

BEGIN = "<!-- measured:begin (written by `python -m bench.run`; edit outside these markers) -->"
END = "<!-- measured:end -->"
OURS = "sdkgen (ours)"


def write_results(report: dict[str, Any], path: Path) -> None:
    measured = f"{BEGIN}\n{render(report)}{END}"
    if path.is_file() and BEGIN in (text := path.read_text(encoding="utf-8")) and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + measured + rest.split(END, 1)[1]
    else:
        text = f"# Benchmark results\n\n{measured}\n"
    path.write_text(text, encoding="utf-8")


def render(report: dict[str, Any]) -> str:
    parts = [
        _machine(report),
        _generation(report),
        _packages(report),
        _runtime(report),
        _regeneration(report),
        _models(report),
        _targets(report),
    ]
    return "\n".join(p for p in parts if p)


def _table(header: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join("" if c is None else str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _machine(report: dict[str, Any]) -> str:
    m = report["machine"]

    def load(values: list[float]) -> str:
        return " / ".join(f"{v:.1f}" for v in values)

    return (
        "## Machine and run\n\n"
        f"- date: {m['date']}; commit `{m['commit']}` (plus uncommitted work in the tree)\n"
        f"- {m['nproc']} cores, {m['cpu']}, {m['memory_gib']} GiB RAM; Python {m['python']}; {m['java']}\n"
        f"- load average (1/5/15 min) at start {load(m['load_average_start'])}, at end "
        f"{load(m['load_average_end'])}: the cores are shared with other jobs, so wall times carry their noise; "
        "CPU times (user + system of the whole process tree) are the steadier figure\n"
        f"- command: `{report['command']}` ({report['runs']} runs of each tool on each input, medians shown); "
        f"whole benchmark {m['bench_seconds']:.0f} s\n"
    )


def _generation(report: dict[str, Any]) -> str:
    out = [
        "## Generation, side by side\n\n",
        (
            "Wall time and peak RSS of the whole process tree (the JVM, ruff and any other process a "
            'tool starts included), median of the runs. "ours ÷" is our figure divided by the tool\'s: '
            "below 1 means we are faster or smaller. Operations: distinct method + path pairs of the "
            "spec the tool generated a call for.\n"
        ),
    ]
    results = report["results"]
    for spec in report["inputs"]:
        rows = [r for r in results if r["input"] == spec["key"]]
        ours = next((r for r in rows if r["tool"] == OURS and r["wall_seconds"]), None)
        out.append(f"\n**{spec['title']}** ({spec['operations']} operations in the spec)\n\n")
        table_rows = []
        for r in rows:
            ratio = None
            if ours and r is not ours and r["wall_seconds"]:
                ratio = f"{ours['wall_seconds'] / r['wall_seconds']:.2f} / {ours['peak_rss_mib'] / r['peak_rss_mib']:.2f}"
            if r["variant"] is None:
                table_rows.append([r["tool"], "failed", "", "", "", "", "", "", ""])
                continue
            table_rows.append(
                [
                    r["tool"],
                    r["variant"],
                    f"{r['wall_seconds']:.2f}",
                    f"{r['cpu_seconds']:.2f}",
                    f"{r['peak_rss_mib']:.0f}",
                    _of(r["operations"], spec["operations"]),
                    r["models"],
                    r["warnings"],
                    ratio,
                ]
            )
        out.append(
            _table(
                [
                    "tool",
                    "options",
                    "wall s",
                    "CPU s",
                    "peak MiB",
                    "operations",
                    "models",
                    "warnings",
                    "ours ÷ (time / memory)",
                ],
                table_rows,
            )
        )
        failures = [(r["tool"], f) for r in rows for f in r["failed_variants"]]
        for tool, failure in failures:
            out.append(f"- {tool}, {failure['variant']} options: {_escape(failure['reason'])}\n")
    return "".join(out)


def _of(found: int | None, total: int) -> str:
    return "n/a" if found is None else f"{found} of {total}"


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _packages(report: dict[str, Any]) -> str:
    rows = []
    for key, checks in sorted(report["package_checks"].items()):
        spec, tool = key.split("|", 1)
        if not checks:
            rows.append([spec, tool, "no package", "", ""])
            continue
        imported = checks["import"]
        mypy = checks.get("mypy_strict_errors", "not run")
        if imported["ok"]:
            timing = (
                f"{imported['median_seconds'] * 1000:.0f} ms "
                f"(first run: {imported['first_seconds'] * 1000:.0f} ms)"
            )
            rows.append([spec, tool, "yes", timing, mypy])
        else:
            rows.append([spec, tool, f"no: {_escape(imported['error'])}", "", mypy])
    if not rows:
        return ""
    return (
        "## The generated packages\n\nImport time: `import <package>` in a fresh interpreter, "
        "median of 7 after a first run that compiles the bytecode if it is not there yet (in brackets).\n\n"
        + _table(["input", "tool", "imports", "import time", "mypy --strict errors"], rows)
    )


def _runtime(report: dict[str, Any]) -> str:
    out = ["## The generated SDK at run time\n"]
    for key, figures in report["runtime"].items():
        if "error" in figures:
            out.append(f"\n**{key}**: failed: `{_escape(figures['error'][-300:])}`\n")
            continue
        call, parse, imports = figures["per_call"], figures["parse"], figures["import"]
        times = call["microseconds_per_call"]
        client = call["client_side_only"]
        out.append(
            f"\n**{key}**: `{call['method']}()` = `{call['operation']}` -> `{call['model']}`"
            + (f" (inside the `{call['envelope']}` envelope)" if call["envelope"] else "")
            + "\n\n"
        )
        out.append(
            _table(
                [
                    "figure",
                    "SDK",
                    "bare httpx + same model",
                    "bare httpx + .json()",
                    "SDK ÷ httpx+model",
                    "SDK ÷ httpx+json",
                ],
                [
                    [
                        "per call, server on 127.0.0.1 (µs)",
                        times["sdk"],
                        times["httpx + model"],
                        times["httpx + json()"],
                        call["ratio_to_httpx_model"],
                        call["ratio_to_httpx_json"],
                    ],
                    [
                        "per call, client side only: httpx.MockTransport (µs)",
                        client["microseconds_per_call"]["sdk"],
                        client["microseconds_per_call"]["httpx + model"],
                        client["microseconds_per_call"]["httpx + json()"],
                        client["ratio_to_httpx_model"],
                        client["ratio_to_httpx_json"],
                    ],
                ],
            )
        )
        out.append(
            f"\nParse throughput over {parse['payloads']} response bodies ({parse['bytes'] / 1000:.0f} kB, one "
            f"per operation returning a model, {parse['enveloped']} in an envelope): SDK parser {parse['sdk_mb_per_s']} MB/s, direct `model_validate_json` "
            f"{parse['direct_mb_per_s']} MB/s: **{parse['throughput_ratio']}x**.\n"
        )
        for label, figure in imports.items():
            if figure.get("ok"):
                out.append(
                    f"- import, {label}: {figure['median_seconds'] * 1000:.0f} ms "
                    f"(first run: {figure['first_seconds'] * 1000:.0f} ms)\n"
                )
    return "".join(out)


def _regeneration(report: dict[str, Any]) -> str:
    regen = report["regeneration"]
    no_op, changed, prime = regen["no_op"], regen["one_changed"], regen["prime"]
    return "\n## Regeneration (`make generate` over all five vendors, on copies)\n\n" + _table(
        ["run", "wall s", "peak MiB", "packages regenerated", "files written"],
        [
            [
                "first run on generated/ as it is in the tree",
                prime["wall_seconds"],
                prime["peak_rss_mib"],
                ", ".join(prime["regenerated"]) or "none",
                prime["files_written"],
            ],
            [
                f"nothing changed (median of {no_op['runs']})",
                no_op["wall_seconds"],
                no_op["peak_rss_mib"],
                ", ".join(no_op["regenerated"]) or "none",
                no_op["files_written"],
            ],
            [
                f"`specs/{changed['changed']}/sdk.toml` changed (a comment)",
                changed["wall_seconds"],
                changed["peak_rss_mib"],
                ", ".join(changed["regenerated"]) or "none",
                changed["files_written"],
            ],
        ],
    )


def _models(report: dict[str, Any]) -> str:
    out = []
    for key, found in report["models"].items():
        if "error" in found:
            last = [line.strip() for line in found["error"].splitlines() if line.strip()][-2:]
            out.append(f"\n**{key}**: no comparison: `{_escape(' '.join(last))[:300]}`\n")
            continue
        timing = found["validate_seconds"]
        out.append(
            f"\n**{key}**: {found['schemas_compared']} component schemas with a class in both "
            f"(skipped: {found['skipped'] or 'none'}). Validating the {int(timing['payloads'])} valid "
            f"examples both accept: ours {timing['ours'] * 1000:.1f} ms, datamodel-code-generator "
            f"{timing['dmcg'] * 1000:.1f} ms (best of 5).\n\n"
        )
        out.append(
            _table(
                [
                    "payload",
                    "cases",
                    "referee accepts",
                    "ours agrees with referee",
                    "dmcg agrees with referee",
                    "ours = dmcg",
                ],
                [
                    [
                        r["kind"],
                        r["cases"],
                        r["referee_accepts"],
                        r["ours_agrees"],
                        r["dmcg_agrees"],
                        r["tools_agree"],
                    ]
                    for r in found["by_kind"]
                ],
            )
        )
        counts = [d for d in found["disagreements"] if "count" in d]
        for d in counts:
            out.append(
                f"- {d['kind']}: ours {'accepts' if d['ours'] else 'rejects'}, datamodel-code-generator "
                f"{'accepts' if d['dmcg'] else 'rejects'}: {d['count']} schemas\n"
            )
    if not out:
        return ""
    return (
        "\n## Models: datamodel-code-generator against ours, same schemas\n\n"
        "Per component schema: one valid example and one-rule mutations, validated by both "
        "tools' classes and by a JSON Schema 2020-12 validator over the normalised document "
        "(the referee).\n" + "".join(out)
    )


def _targets(report: dict[str, Any]) -> str:
    rows = [row for check in _TARGETS if (row := check(report)) is not None]
    rows += [row for group in _TARGET_GROUPS for row in group(report)]
    return "\n## Targets\n\n" + _table(["target", "measured", "met", "by how much"], rows)


def _ours(report: dict[str, Any], key: str) -> dict[str, Any] | None:
    return next(
        (
            r
            for r in report["results"]
            if r["input"] == key and r["tool"] == OURS and r["wall_seconds"]
        ),
        None,
    )


def _at_most(label: str, measured: float, limit: float, unit: str) -> list[Any]:
    met = measured <= limit
    return [
        label,
        f"{measured:g} {unit}",
        "yes" if met else "**no**",
        f"{(measured - limit):+.2f} {unit} ({measured / limit:.2f}x the limit)",
    ]


def _at_least(label: str, measured: float, floor: float, unit: str) -> list[Any]:
    met = measured >= floor
    return [
        label,
        f"{measured:g} {unit}",
        "yes" if met else "**no**",
        f"{measured - floor:+.3f} {unit}",
    ]


def _stripe_time(r: dict[str, Any]) -> list[Any] | None:
    ours = _ours(r, "stripe")
    return (
        _at_most("Stripe, full generation: wall time ≤ 2.5 s", ours["wall_seconds"], 2.5, "s")
        if ours
        else None
    )


def _stripe_memory(r: dict[str, Any]) -> list[Any] | None:
    ours = _ours(r, "stripe")
    return (
        _at_most("Stripe, full generation: peak memory ≤ 300 MiB", ours["peak_rss_mib"], 300, "MiB")
        if ours
        else None
    )


def _stripe_operations(r: dict[str, Any]) -> list[Any] | None:
    ours = _ours(r, "stripe")
    total = next((i["operations"] for i in r["inputs"] if i["key"] == "stripe"), None)
    if not ours or total is None:
        return None
    return [
        "Stripe: every operation",
        f"{ours['operations']} of {total}",
        "yes" if ours["operations"] == total else "**no**",
        f"{ours['operations'] - total:+d}",
    ]


def _stripe_package(r: dict[str, Any]) -> list[Any] | None:
    checks = r["package_checks"].get(f"stripe|{OURS}")
    if not checks:
        return None
    errors = checks.get("mypy_strict_errors")
    ok = checks["import"]["ok"] and errors == 0
    return [
        "Stripe: package imports and is mypy --strict clean",
        f"imports: {'yes' if checks['import']['ok'] else 'no'}; mypy errors: {errors}",
        "yes" if ok else "**no**",
        "",
    ]


def _lightdash_time(r: dict[str, Any]) -> list[Any] | None:
    ours = _ours(r, "lightdash-official")
    return (
        _at_most("Lightdash official: wall time ≤ 1 s", ours["wall_seconds"], 1.0, "s")
        if ours
        else None
    )


def _no_op(r: dict[str, Any]) -> list[Any] | None:
    return _at_most(
        "no-op `make generate`: < 1 s", r["regeneration"]["no_op"]["wall_seconds"], 1.0, "s"
    )


def _import(r: dict[str, Any]) -> list[Any] | None:
    figure = r["runtime"].get("stripe", {}).get("import", {}).get("package", {})
    if not figure.get("ok"):
        return None
    return _at_most(
        "import of the generated Stripe SDK < 150 ms",
        round(figure["median_seconds"] * 1000),
        150,
        "ms",
    )


def _per_call(r: dict[str, Any]) -> list[list[Any]]:
    return [
        _at_most(
            f"per-call overhead ≤ 1.3x bare httpx, same request and model ({key})",
            figures["per_call"]["ratio_to_httpx_model"],
            1.3,
            "x",
        )
        for key, figures in r["runtime"].items()
        if "per_call" in figures
    ]


def _parse(r: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for key, figures in r["runtime"].items():
        if "parse" in figures:
            kind = "enveloped bodies" if figures["parse"]["enveloped"] else "plain bodies"
            rows.append(
                _at_least(
                    f"parse throughput ≥ 0.9x direct model_validate_json ({key}, {kind})",
                    figures["parse"]["throughput_ratio"],
                    0.9,
                    "x",
                )
            )
    return rows


_TARGETS: list[Callable[[dict[str, Any]], list[Any] | None]] = [
    _stripe_time,
    _stripe_memory,
    _stripe_operations,
    _stripe_package,
    _lightdash_time,
    _no_op,
    _import,
]
_TARGET_GROUPS: list[Callable[[dict[str, Any]], list[list[Any]]]] = [_per_call, _parse]


def render_file(results_json: Path, path: Path) -> None:
    """Rewrite the measured part of `path` from a saved results.json (no re-run)."""
    import json

    write_results(json.loads(results_json.read_text(encoding="utf-8")), path)


if __name__ == "__main__":
    import sys

    render_file(Path(sys.argv[1]), Path(sys.argv[2]))
