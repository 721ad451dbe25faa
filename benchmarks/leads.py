"""Lead pipeline speed: import -> dedupe -> enrich -> score -> qualify -> route for 100,000 synthetic leads.

Run: `python -m benchmarks.leads` (target: under 60 s on SQLite). PostgreSQL is measured too when it is reachable
(AICMO_TEST_POSTGRES_URL or postgresql://postgres@127.0.0.1:5432/test, in a fresh schema dropped afterwards).
Writing and sending are left out: they are bounded by the daily caps, not by volume.
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from api.leads_wiring import open_services, run_pipeline
from graphs.leads_context import LeadsContext
from memory.db import temporary_schema
from tools.leads.campaign import parse_campaign
from tools.leads.csv_import import parse_csv

TARGET_S = 60.0
NOW = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
HEADER = ("email,first_name,last_name,company,title,company_size,industry,annual_revenue,location,"
          "recent_job_change,company_funded_recently,company_hiring,recent_activity,is_decision_maker,"
          "has_budget_authority,timezone")
TITLES = ("Head of Sales", "VP Sales", "CMO", "Marketing Manager", "Founder", "Engineer", "Sales Lead", "Director")
INDUSTRIES = ("SaaS", "Fintech", "Retail", "B2B SaaS", "Healthcare", "Logistics")
ZONES = ("Europe/Berlin", "Europe/London", "America/New_York", "Asia/Tokyo", "")
CAMPAIGN = {"name": "Benchmark", "offer": "An outbound sprint",
            "icp": {"sizes": ["medium"], "industries": ["saas"], "revenue_min": 1_000_000, "locations": ["germany"],
                    "roles": ["head of sales", "vp sales"]},
            "sender": {"from_name": "Sam", "from_email": "sam@agency.example"}}


def leads_csv(count: int, seed: int = 11) -> str:
    """``count`` synthetic rows, 2% of them duplicates of earlier rows and 1% role accounts."""
    rng = random.Random(seed)
    lines = [HEADER]
    for i in range(count):
        if i and rng.random() < 0.02:
            lines.append(lines[rng.randint(1, len(lines) - 1)])
            continue
        local = "info" if rng.random() < 0.01 else f"lead{i}"
        flags = ",".join(rng.choice(("yes", "no", "no", "0", "1", "")) for _ in range(6))
        lines.append(f"{local}@firm{i}.com,Lead{i},Doe,Firm{i},{rng.choice(TITLES)},{rng.choice((5, 40, 120, 900))},"
                     f"{rng.choice(INDUSTRIES)},{rng.randint(100_000, 90_000_000)},Germany,{flags},"
                     f"{rng.choice(ZONES)}")
    return "\n".join(lines) + "\n"


def postgres_url() -> str | None:
    """The PostgreSQL URL when the server answers, else None."""
    url = os.environ.get("AICMO_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1.0):
            return url
    except OSError:
        return None


def bench(url: str, text: str, batch_size: int) -> dict[str, Any]:
    """Seconds per phase and the outcome counts for one database."""
    services = open_services(url)
    try:
        info = services.leads.create_campaign("bench", parse_campaign(CAMPAIGN), NOW)
        started, cpu_started = time.perf_counter(), time.process_time()
        parsed = parse_csv(text)
        parsed_at = time.perf_counter()
        stats = services.leads.import_records(info, parsed.records, NOW)
        imported_at = time.perf_counter()
        ctx = LeadsContext(leads=services.leads, outreach=services.outreach, now=NOW, tenant="bench",
                           batch_size=batch_size, stages=("enrich", "score", "qualify", "route"))
        result = run_pipeline(ctx, info.name)
        done, cpu = time.perf_counter(), time.process_time() - cpu_started
    finally:
        services.factory.kw["bind"].dispose()
    totals = result["totals"]
    return {"parse": parsed_at - started, "import": imported_at - parsed_at, "pipeline": done - imported_at,
            "total": done - started, "cpu": cpu, "imported": stats.imported, "duplicates": stats.duplicates,
            "routed": sum(v for k, v in totals.items() if k.startswith("route.")),
            "rejected": totals.get("qualify.rejected", 0), "review": totals.get("qualify.manual_review", 0),
            "rounds": result["rounds"], "errors": result["errors"]}


def main() -> None:
    """Run the benchmark and print one row per database."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leads", type=int, default=100_000)
    parser.add_argument("--batch-size", type=int, default=5_000)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    text = leads_csv(args.leads)
    rows: list[tuple[str, dict[str, Any]]] = []
    with tempfile.TemporaryDirectory() as tmp:
        rows.append(("SQLite", bench(f"sqlite:///{Path(tmp) / 'bench.db'}", text, args.batch_size)))
    base = None if args.no_postgres else postgres_url()
    if base:
        with temporary_schema(base, prefix="bench") as url:
            rows.append(("PostgreSQL", bench(url, text, args.batch_size)))
    table = Table(title=f"Lead pipeline: import -> route, {args.leads:,} rows (target < {TARGET_S:.0f} s on SQLite)")
    for column in ("database", "parse s", "import s", "enrich..route s", "total s", "cpu s", "leads/s", "imported",
                   "duplicates", "routed", "rejected", "review", "rounds", "target"):
        table.add_column(column, justify="left" if column == "database" else "right")
    for name, r in rows:
        ok = "-" if name != "SQLite" else ("PASS" if r["total"] < TARGET_S and not r["errors"] else "FAIL")
        table.add_row(name, *(f"{r[key]:.1f}" for key in ("parse", "import", "pipeline", "total", "cpu")),
                      f"{args.leads / r['total']:,.0f}", f"{r['imported']:,}", f"{r['duplicates']:,}",
                      f"{r['routed']:,}", f"{r['rejected']:,}", f"{r['review']:,}", str(r["rounds"]), ok)
    Console().print(table)
    Console().print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs; cpu s = this process's CPU time")
    if not base and not args.no_postgres:
        Console().print("PostgreSQL not reachable at 127.0.0.1:5432: only SQLite was measured")


if __name__ == "__main__":
    main()
