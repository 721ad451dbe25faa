"""Export speed: the enterprise pack (39 sections) in all six formats, timed per step, printed as a table.

Run: `python -m benchmarks.exports` (target: all formats together under 10 s). The pack is generated
offline from a sample brief, or read from `--pack-json PATH`.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table

from api.runner import compiled_pack_graph, run_pack
from api.settings import Settings
from tools.brief import load_brief
from tools.catalog import sample_brief_paths
from tools.exporters import FILE_NAMES, RENDERERS, export_pack
from tools.exporters.document import prepare
from tools.result import PackResult

TODAY = date(2026, 11, 22)
PACK = "strategy_campaign_enterprise"
TARGET_S = 10.0


def enterprise_pack(example: str) -> PackResult:
    """The enterprise pack written offline for a sample brief."""
    path = next(p for p in sample_brief_paths() if p.stem == example)
    brief = load_brief(path).model_dump(mode="json", exclude_none=True)
    with tempfile.TemporaryDirectory() as home:
        settings = Settings(home=Path(home))
        with compiled_pack_graph(settings) as graph:
            return run_pack(graph, brief=brief, pack_key=PACK, settings=settings, today=TODAY, engine="offline")


def time_steps(result: PackResult, repeat: int) -> dict[str, list[float]]:
    """Seconds per step (prepare + each renderer), ``repeat`` times."""
    timings: dict[str, list[float]] = {}
    for _ in range(repeat):
        started = time.perf_counter()
        doc = prepare(result)
        timings.setdefault("prepare (parse + charts)", []).append(time.perf_counter() - started)
        for fmt, render in RENDERERS.items():
            started = time.perf_counter()
            render(doc)
            timings.setdefault(fmt, []).append(time.perf_counter() - started)
    return timings


def main() -> None:
    """Generate (or load) the pack, time every exporter and the full six-format export, print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--example", default="glow_botanicals", help="sample brief stem")
    parser.add_argument("--pack-json", type=Path, help="benchmark this pack.json instead")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    result = (PackResult.model_validate_json(args.pack_json.read_bytes()) if args.pack_json
              else enterprise_pack(args.example))
    console = Console()
    console.print(f"{result.pack_key}: {len(result.sections)} sections, "
                  f"{sum(len(s.markdown) for s in result.sections):,} characters of markdown")
    prepare(result)  # warm-up: imports, font registration
    steps = time_steps(result, args.repeat)
    totals: list[float] = []
    sizes: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as out:
        for _ in range(args.repeat):
            started = time.perf_counter()
            paths = export_pack(result, Path(out), {"pdf", "docx", "pptx", "html", "md", "zip"})
            totals.append(time.perf_counter() - started)
        sizes = {fmt: path.stat().st_size for fmt, path in paths.items()}
    table = Table(title=f"Exports of {result.pack_key} (median of {args.repeat})")
    for column in ("step", "median s", "max s", "file", "bytes"):
        table.add_column(column, justify="left" if column in ("step", "file") else "right")
    for step, values in steps.items():
        table.add_row(step, f"{statistics.median(values):.2f}", f"{max(values):.2f}",
                      FILE_NAMES.get(step, ""), f"{sizes[step]:,}" if step in sizes else "")
    verdict = "[green]under target[/]" if statistics.median(totals) < TARGET_S else "[red]over target[/]"
    table.add_row("all six formats (export_pack, incl. zip)", f"{statistics.median(totals):.2f}", f"{max(totals):.2f}",
                  FILE_NAMES["zip"], f"{sizes['zip']:,}")
    console.print(table)
    console.print(f"target < {TARGET_S:.0f} s: {verdict}")


if __name__ == "__main__":
    main()
