"""Speed and memory of the offline pack graph: every pack x every sample brief, printed as a table.

Run: `make bench` (or `python -m benchmarks.packs --repeat 5`). Uses the real SQLite checkpointer in a
temporary AICMO_HOME, exactly like `aicmo generate`.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

from rich.console import Console
from rich.table import Table

from api.runner import compiled_pack_graph, run_pack
from api.settings import Settings
from tools.brief import load_brief
from tools.catalog import default_catalog, sample_brief_paths

TODAY = date(2026, 11, 22)


def peak_rss_mb() -> float:
    """Peak resident set size of this process in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Run the benchmark and print one row per pack plus per-node overhead."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per (pack, brief)")
    parser.add_argument("--pack", action="append", help="only these pack keys (repeatable)")
    args = parser.parse_args()
    catalog = default_catalog()
    keys = args.pack or list(catalog.packs)
    briefs = [load_brief(p).model_dump(mode="json", exclude_none=True) for p in sample_brief_paths()]
    walls: dict[str, list[float]] = defaultdict(list)
    node_sums: dict[str, float] = defaultdict(float)
    failures = 0
    runs = 0
    with tempfile.TemporaryDirectory() as home:
        settings = Settings(home=Path(home))
        with compiled_pack_graph(settings) as graph:
            run_pack(graph, brief=briefs[0], pack_key=keys[0], settings=settings, today=TODAY)  # warm-up
            for key in keys:
                for brief in briefs:
                    for _ in range(args.repeat):
                        started = time.perf_counter()
                        result = run_pack(graph, brief=brief, pack_key=key, settings=settings, today=TODAY)
                        walls[key].append(time.perf_counter() - started)
                        failures += not result.quality_passed
                        runs += 1
                        for node, seconds in result.timings["by_node"].items():
                            node_sums[node] += seconds
    _print(keys, walls, node_sums, runs, failures)


def _print(keys: list[str], walls: dict[str, list[float]], node_sums: dict[str, float], runs: int,
           failures: int) -> None:
    console = Console()
    catalog = default_catalog()
    table = Table(title=f"Offline packs: {runs} runs, {failures} failed quality, peak RSS {peak_rss_mb():.0f} MB")
    for column in ("pack", "sections", "median s", "max s"):
        table.add_column(column, justify="left" if column == "pack" else "right")
    for key in keys:
        table.add_row(key, str(len(catalog.pack(key).sections)), f"{statistics.median(walls[key]):.3f}",
                      f"{max(walls[key]):.3f}")
    console.print(table)
    total_wall = sum(sum(v) for v in walls.values())
    nodes = Table(title="Time per node (mean per run) and graph/checkpoint overhead")
    nodes.add_column("node")
    nodes.add_column("mean ms", justify="right")
    for node, seconds in sorted(node_sums.items(), key=lambda kv: -kv[1]):
        nodes.add_row(node, f"{seconds / runs * 1000:.1f}")
    overhead = (total_wall - sum(node_sums.values())) / runs
    nodes.add_row("[bold]graph + checkpointer overhead[/]", f"{overhead * 1000:.1f}")
    console.print(nodes)


if __name__ == "__main__":
    main()
