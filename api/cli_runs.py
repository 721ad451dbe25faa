"""`aicmo runs list|show|replay|export|prune|delete`: inspect and replay any run kept by the checkpointer."""

from __future__ import annotations

import json
import re
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer
from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph.state import CompiledStateGraph
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from api.chat import quiet_project_types, section_writer
from api.engine import EngineRefusedError, resolve_engine
from api.runner import known_brands
from api.settings import Settings, load_settings
from graphs.context import PackContext
from graphs.intake import builder as chat_builder
from graphs.intake_context import ChatContext
from graphs.pack import builder as pack_builder
from memory.checkpointer import open_checkpointer
from memory.run_history import (
    Step,
    branches,
    delete_tenant_runs,
    jsonable,
    latest,
    list_runs,
    prune_runs,
    run_graph_name,
    run_steps,
)
from tools.catalog import default_catalog

EXIT_OK, EXIT_FAILED, EXIT_INVALID = 0, 1, 2
Graph = CompiledStateGraph[Any, Any, Any, Any]
app = typer.Typer(help="Inspect, replay, export, prune and erase runs kept by the checkpointer.",
                  no_args_is_help=True, add_completion=False)
# logs and pipes get a wide, stable layout so ids are never cut; terminals use their own width
console = Console(highlight=False, emoji=False, width=None if sys.stdout.isatty() else 220)
_SPAN = re.compile(r"^\s*(\d+)\s*(d|h|w)\s*$", re.I)
# where a replay starts by default: re-plan and rewrite the pack from the validated (or confirmed) brief
_DEFAULT_FROM = {"pack": ("plan_strategy",), "chat": ("write_pack",)}


def _fail(message: str, code: int = EXIT_INVALID) -> typer.Exit:
    console.print(f"[red]{escape(message)}[/]")
    return typer.Exit(code)


@contextmanager
def _open(settings: Settings) -> Iterator[tuple[BaseCheckpointSaver, dict[str, Graph]]]:
    quiet_project_types()
    with open_checkpointer(sqlite_path=settings.checkpoint_path, database_url=settings.database_url) as saver:
        yield saver, {"pack": pack_builder.compile(checkpointer=saver, name="pack"),
                      "chat": chat_builder.compile(checkpointer=saver, name="chat")}


def _graph_for(saver: BaseCheckpointSaver, graphs: dict[str, Graph], thread: str
               ) -> tuple[str, Graph]:
    name = run_graph_name(saver, thread)
    if name is None:
        raise _fail(f"No run with thread id '{thread}'. List runs with: aicmo runs list")
    if name not in graphs:
        raise _fail(f"Run '{thread}' belongs to graph '{name}', which runs inspection does not know.")
    return name, graphs[name]


@app.command("list")
def list_command(
    tenant: Annotated[str | None, typer.Option(help="Only runs of this tenant.")] = None,
    limit: Annotated[int, typer.Option(min=1, help="Newest runs to show.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON lines instead of a table.")] = False,
) -> None:
    """Every run: thread, graph, brand, pack, status, started, duration."""
    with _open(load_settings()) as (saver, graphs):
        runs = [r for r in list_runs(saver, graphs) if tenant is None or r.tenant == tenant][:limit]
    if as_json:
        for run in runs:
            typer.echo(json.dumps({**jsonable(run), "duration_s": run.duration_s}, ensure_ascii=False))
        return
    table = Table(title=f"Runs ({len(runs)})")
    for column in ("thread", "graph", "brand", "pack", "status", "started", "duration s", "tenant"):
        table.add_column(column, no_wrap=column in {"thread", "started"})
    for run in runs:
        table.add_row(escape(run.thread_id), run.graph, escape(run.brand), escape(run.pack_key), run.status,
                      run.started.strftime("%Y-%m-%d %H:%M:%S"), f"{run.duration_s:.2f}", escape(run.tenant or ""))
    console.print(table)


def _branch_table(steps: list[Step]) -> Table:
    table = Table(title="Branches")
    for column in ("branch", "checkpoints", "forked from", "leaf checkpoint", "run id"):
        table.add_column(column)
    by_id = {s.checkpoint_id: s for s in steps if not s.namespace}
    for number, path in enumerate(branches(steps), start=1):
        fork = next((by_id[c].parent_id for c in path if by_id[c].source == "fork"), None)
        table.add_row(str(number), str(len(path)), fork or "-", path[-1], str(by_id[path[-1]].run_id or ""))
    return table


def _nodes(names: list[str]) -> str:
    counts = {name: names.count(name) for name in dict.fromkeys(names)}
    return ", ".join(f"{n} x{c}" if c > 1 else n for n, c in counts.items()) or "-"


@app.command("show")
def show(thread: Annotated[str, typer.Argument(help="Thread id (see runs list).")]) -> None:
    """A run's branches and steps: node, timing, tokens, issues, checkpoint."""
    with _open(load_settings()) as (saver, graphs):
        name, graph = _graph_for(saver, graphs, thread)
        steps = run_steps(graph, saver, thread)
    paths = branches(steps)
    member = {c: ",".join(str(i) for i, p in enumerate(paths, start=1) if c in p) for s in steps
              for c in [s.checkpoint_id]}
    console.print(f"[bold]Run {escape(thread)}[/] · graph {name} · {len(steps)} checkpoints · {len(paths)} branch(es)")
    console.print(_branch_table(steps))
    table = Table(title="Steps")
    for column in ("branch", "namespace", "step", "source", "node", "seconds", "tokens", "issues", "checkpoint"):
        table.add_column(column)
    for s in steps:
        table.add_row(member.get(s.checkpoint_id, "") if not s.namespace else "sub", escape(s.namespace.split(":")[0]),
                      str(s.step), s.source, escape(_nodes(s.nodes)),
                      f"{s.seconds:.3f}" if s.seconds is not None else "-", str(s.tokens),
                      escape(", ".join(s.issues[:4]) + (" ..." if len(s.issues) > 4 else "")), s.checkpoint_id)
    console.print(table)


@app.command("export")
def export(
    thread: Annotated[str, typer.Argument(help="Thread id (see runs list).")],
    out: Annotated[Path | None, typer.Option(help="Write the JSON here instead of printing it.")] = None,
) -> None:
    """The run as JSON: every step's inputs (state before), outputs (node writes) and timings."""
    with _open(load_settings()) as (saver, graphs):
        name, graph = _graph_for(saver, graphs, thread)
        steps = run_steps(graph, saver, thread, with_io=True)
        newest = latest(saver, thread)
    document = {"thread_id": thread, "graph": name, "metadata": jsonable(dict(newest.metadata or {})) if newest else {},
                "branches": branches(steps), "steps": [jsonable(s) for s in steps]}
    text = json.dumps(document, indent=1, ensure_ascii=False, default=str)
    if out is None:
        typer.echo(text)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise _fail(f"--out: cannot write {out}: {exc.strerror or exc}", EXIT_FAILED) from None
    console.print(f"Wrote {len(steps)} steps of {escape(thread)} to {escape(str(out))}")


def _pick_checkpoint(graph: Graph, thread: str, name: str, wanted: str | None) -> Any:
    history = list(graph.get_state_history({"configurable": {"thread_id": thread}}))
    if wanted:
        matches = [s for s in history if s.config["configurable"]["checkpoint_id"] == wanted]
        if not matches:
            raise _fail(f"--from: no checkpoint '{wanted}' in the run's top-level steps; see aicmo runs show {thread}")
        return matches[0]
    current = history[0] if history else None
    for snapshot in history:
        if snapshot.next == _DEFAULT_FROM.get(name) and (snapshot.metadata or {}).get("source") != "fork":
            return snapshot
    if current is None:
        raise _fail(f"Run '{thread}' has no checkpoints to replay.")
    raise _fail(f"Run '{thread}' never reached {_DEFAULT_FROM.get(name)}; pass --from CHECKPOINT (see runs show).")


def _context(settings: Settings, name: str, values: dict[str, Any], engine: str | None, today: date) -> PackContext:
    setup = resolve_engine(settings, engine)  # type: ignore[arg-type]
    if setup.unavailable:
        raise _fail(setup.unavailable)
    brief = values.get("brief") or {}
    brand = str(brief.get("brand_name", "")) if isinstance(brief, dict) else ""
    common: dict[str, Any] = dict(today=today, max_revisions=settings.max_revisions, tenant=settings.tenant,
                                  other_brands=known_brands(brand), catalog=default_catalog(),
                                  writer=section_writer(setup), strategist=setup.strategist, rubric=setup.rubric,
                                  engine=setup.engine)
    return ChatContext(**common) if name == "chat" else PackContext(**common)


def _plan_day(graph: Graph, thread: str, values: dict[str, Any], metadata: dict[str, Any]) -> date:
    """The day the run planned from: the chat's first day, the run's recorded 'today', else its first checkpoint."""
    recorded = values.get("started_on") or metadata.get("today")
    if recorded:
        return date.fromisoformat(str(recorded))
    first = min(str(s.created_at) for s in graph.get_state_history({"configurable": {"thread_id": thread}}))
    return datetime.fromisoformat(first).date()


@app.command("replay")
def replay(
    thread: Annotated[str, typer.Argument(help="Thread id (see runs list).")],
    from_: Annotated[str | None, typer.Option("--from", help="Checkpoint id to re-execute from (see runs show); "
                                              "default: the strategy step of a pack, the pack step of a chat.",
                                              show_default=False)] = None,
    engine: Annotated[str | None, typer.Option(help="auto, llm or offline.", show_default="AICMO_ENGINE")] = None,
) -> None:
    """Re-execute a run from a checkpoint on a new branch; the old branch is kept."""
    if engine not in (None, "auto", "llm", "offline"):
        raise _fail(f"--engine: '{engine}' is not one of auto, llm, offline")
    settings = load_settings()
    with _open(settings) as (saver, graphs):
        name, graph = _graph_for(saver, graphs, thread)
        start = _pick_checkpoint(graph, thread, name, from_)
        values = dict(start.values)
        today = _plan_day(graph, thread, values, dict(start.metadata or {}))
        try:
            context = _context(settings, name, values, engine, today)
        except EngineRefusedError as exc:
            raise _fail(str(exc)) from None
        run_id = uuid.uuid4().hex
        cid = start.config["configurable"]["checkpoint_id"]
        brief = values.get("brief") if isinstance(values.get("brief"), dict) else {}
        config: RunnableConfig = {"configurable": {"thread_id": thread, "checkpoint_id": cid, "run_id": run_id},
                  "max_concurrency": settings.max_concurrency,
                  "metadata": {"graph": name, "pack_key": values.get("pack_key", ""),
                               "brand": str((brief or {}).get("brand_name", "")), "tenant": settings.tenant,
                               "replay_of": cid, "engine": context.engine}}
        out = graph.invoke(None, config=config, context=context)  # type: ignore[call-overload]
        leaf = latest(saver, thread)
    result = (out or {}).get("result")
    console.print(f"Replayed {escape(thread)} from {cid} on a new branch (run {run_id}); leaf "
                  f"{leaf.config['configurable']['checkpoint_id'] if leaf else '-'}.")
    if result is not None:
        colour = "green" if result.quality_passed else "red"
        verdict = "passed" if result.quality_passed else "failed"
        console.print(f"[{colour}]Result: {result.status}, quality gates {verdict}, engine {result.engine}.[/]")


def _span(value: str) -> timedelta:
    match = _SPAN.match(value)
    if not match:
        raise _fail(f"--older-than: '{value}' is not a span like 30d, 12h or 2w")
    number, unit = int(match.group(1)), match.group(2).lower()
    return timedelta(days=number * (7 if unit == "w" else 1)) if unit in "dw" else timedelta(hours=number)


@app.command("prune")
def prune(
    older_than: Annotated[str, typer.Option(help="Delete runs idle longer than this: 30d, 12h, 2w.")],
    dry_run: Annotated[bool, typer.Option(help="Only list what would be deleted.")] = False,
) -> None:
    """Delete runs (every checkpoint, branch and write) whose last activity is older than the span."""
    span = _span(older_than)
    with _open(load_settings()) as (saver, _):
        threads = prune_runs(saver, span, datetime.now(UTC), dry_run=dry_run)
    verb = "Would delete" if dry_run else "Deleted"
    console.print(f"{verb} {len(threads)} run(s) idle for more than {escape(older_than)}: "
                  f"{escape(', '.join(threads)) or '-'}")


@app.command("delete")
def delete(
    tenant: Annotated[str, typer.Option(help="Tenant whose runs and app data to erase.")],
    dry_run: Annotated[bool, typer.Option(help="Only list what would be deleted.")] = False,
) -> None:
    """Erase a tenant: its runs' checkpoints (all branches) and its rows in the app database."""
    settings = load_settings()
    with _open(settings) as (saver, _):
        threads = delete_tenant_runs(saver, tenant, dry_run=dry_run)
    erased = False if dry_run else _erase_app_data(settings, tenant)
    verb = "Would delete" if dry_run else "Deleted"
    console.print(f"{verb} {len(threads)} run(s) of tenant {escape(tenant)}: {escape(', '.join(threads)) or '-'}")
    if not dry_run:
        console.print("App data (events, pack runs, performance, leads): "
                      + ("erased." if erased else "none stored for this tenant."))


def _erase_app_data(settings: Settings, tenant: str) -> bool:
    from sqlalchemy.exc import SQLAlchemyError

    from api.learning import open_learning
    from memory.db import session_scope
    from memory.models import Tenant

    try:
        with open_learning(settings) as learning, session_scope(learning.sessions) as session:
            row = session.get(Tenant, tenant)
            if row is None:
                return False
            session.delete(row)  # every tenant table cascades from tenants.id
            return True
    except SQLAlchemyError as exc:
        raise _fail(f"checkpoints erased, but the app data of '{tenant}' could not be: {exc}", EXIT_FAILED) from None


if __name__ == "__main__":
    app()
