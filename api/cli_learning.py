"""CLI for the learning loop: `aicmo events list` and `aicmo performance import FILE --tenant T`."""

from __future__ import annotations

import json
from datetime import UTC, datetime, time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from api.learning import open_learning, parse_since
from api.settings import load_settings
from memory.events import EventType, EventWriteError
from memory.performance import PerformanceFileError, channel_namer, parse_file
from memory.performance_store import ImportReport, PerformanceStoreError

EXIT_OK, EXIT_PARTIAL, EXIT_INVALID, EXIT_STORE_FAILED = 0, 1, 2, 3
MAX_ERRORS_SHOWN = 25

events_app = typer.Typer(help="The typed event log (packs, sections, quality, intake, leads, performance).",
                         no_args_is_help=True, add_completion=False)
performance_app = typer.Typer(help="Import measured content performance so the next pack learns from it.",
                              no_args_is_help=True, add_completion=False)
console = Console(emoji=False, highlight=False)
err = Console(stderr=True, emoji=False, highlight=False)


def _types(values: list[str]) -> list[EventType]:
    out = []
    for value in values:
        try:
            out.append(EventType(value.strip().upper()))
        except ValueError:
            err.print(f"[red]unknown event type[/red] '{escape(value)}': use one of {', '.join(EventType)}")
            raise typer.Exit(EXIT_INVALID) from None
    return out


@events_app.command("list")
def list_events(
    tenant: Annotated[str | None, typer.Option(help="Tenant whose events to list (default: AICMO_TENANT).")] = None,
    type_: Annotated[list[str] | None, typer.Option("--type", help="Event type; repeat for several.")] = None,
    since: Annotated[str | None, typer.Option(help="From this date: YYYY-MM-DD, or 7d / 2w ago.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="Newest events to show.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines instead of a table.")] = False,
) -> None:
    """List a tenant's events, newest first."""
    settings = load_settings()
    kinds = _types(type_ or [])
    try:
        start = datetime.combine(parse_since(since), time.min, tzinfo=UTC) if since else None
    except ValueError:
        err.print(f"[red]--since[/red] '{escape(since or '')}' is not a date (YYYY-MM-DD) or a span like 7d or 2w")
        raise typer.Exit(EXIT_INVALID) from None
    who = tenant or settings.tenant
    with open_learning(settings) as learning:
        records = learning.events.list_events(who, types=kinds, since=start, limit=limit)
    if as_json:
        for record in records:
            console.print_json(record.model_dump_json())
        return
    table = Table(title=f"Events of tenant {escape(who)} ({len(records)})")
    for column in ("time (UTC)", "type", "pack", "run", "subject", "payload"):
        table.add_column(column, overflow="fold")
    for r in records:
        table.add_row(r.occurred_at.strftime("%Y-%m-%d %H:%M:%S"), r.type.value, escape(r.pack_key or ""),
                      escape((r.run_id or "")[:8]), escape(r.subject_id or ""),
                      escape(json.dumps(r.payload, ensure_ascii=False)[:120]))
    console.print(table)


def _summary(report: ImportReport, indexed: int, path: Path) -> Table:
    table = Table(title=f"Performance import: {escape(path.name)} -> tenant {escape(report.tenant)}")
    table.add_column("result")
    table.add_column("rows", justify="right")
    for label, value in (("inserted", report.inserted), ("updated", report.updated),
                         ("unchanged (already imported)", report.unchanged), ("rejected", report.rejected),
                         ("winners indexed", indexed)):
        table.add_row(label, str(value))
    for tier in ("excellent", "good", "average", "poor"):
        table.add_row(f"tier {tier}", str(report.tiers.get(tier, 0)))
    return table


def _print_problems(report: ImportReport) -> None:
    if report.unknown_columns:
        err.print(f"[yellow]unknown columns ignored:[/yellow] {escape(', '.join(report.unknown_columns))}")
    for error in report.errors[:MAX_ERRORS_SHOWN]:
        who = f" ({escape(error.content_id)})" if error.content_id else ""
        err.print(f"[red]line {error.line}[/red]{who}: {escape(error.reason)}")
    if len(report.errors) > MAX_ERRORS_SHOWN:
        err.print(f"... and {len(report.errors) - MAX_ERRORS_SHOWN} more rejected rows")


@performance_app.command("import")
def import_performance(
    file: Annotated[Path, typer.Argument(help="CSV (with a header row) or JSON file of performance records.")],
    tenant: Annotated[str | None, typer.Option(help="Tenant the results belong to (default: AICMO_TENANT).")] = None,
    index_winners: Annotated[bool, typer.Option(help="Embed excellent/good content into the winners store.")] = True,
) -> None:
    """Import results; exit 0 when every row was stored, 1 when some were rejected, 2 when none could be."""
    settings = load_settings()
    try:
        parsed = parse_file(file, channel_namer())
    except PerformanceFileError as exc:
        err.print(f"[red]cannot import[/red] {escape(str(file))}: {escape(str(exc))}")
        raise typer.Exit(EXIT_INVALID) from None
    try:
        with open_learning(settings) as learning:
            report, indexed = learning.import_performance(tenant or settings.tenant, parsed, source=file.name,
                                                          index_winners=index_winners)
    except (PerformanceStoreError, EventWriteError) as exc:
        err.print(f"[red]import failed, nothing stored:[/red] {escape(str(exc))}")
        raise typer.Exit(EXIT_STORE_FAILED) from None
    console.print(_summary(report, indexed, file))
    _print_problems(report)
    if report.accepted == 0:
        raise typer.Exit(EXIT_INVALID)
    raise typer.Exit(EXIT_PARTIAL if report.rejected else EXIT_OK)
