"""The aicmo command line: list packs and generate them from a brief, with live progress."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
import yaml
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from api.engine import EngineRefusedError
from api.learning import open_learning
from api.progress import SectionProgress
from api.runner import compiled_pack_graph, resolve_pack_keys, run_pack
from api.settings import load_settings
from tools.brief import BriefError, FieldError
from tools.catalog import default_catalog, sample_brief_paths
from tools.pack import render_markdown
from tools.result import PackResult

app = typer.Typer(
    help="AICMO: turn a client brief into an agency-grade marketing pack (offline by default).",
    no_args_is_help=True, add_completion=False, rich_markup_mode="rich",
)
# logs and pipes get a wide, stable layout; terminals use their own width
_WIDTH = None if sys.stdout.isatty() else 140
console = Console(emoji=False, highlight=False, width=_WIDTH)
err = Console(stderr=True, emoji=False, highlight=False, width=_WIDTH)
EXIT_PASSED, EXIT_FAILED, EXIT_INVALID = 0, 1, 2
# the same names as tools.exporters.EXPORT_FORMATS (a test keeps them equal); md and json need no exporter import
FORMATS = {"md", "json", "html", "pdf", "docx", "pptx", "zip"}


@app.command("packs")
def list_packs() -> None:
    """Show every pack with its tier and section count."""
    table = Table(title="AICMO packs")
    for column in ("key", "label", "tier", "sections"):
        table.add_column(column, justify="right" if column == "sections" else "left")
    for pack in default_catalog().packs.values():
        table.add_row(pack.key, pack.label, pack.tier, str(len(pack.sections)))
    console.print(table)


def _read_brief(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BriefError([FieldError(field="brief", problem=f"cannot read {path}: {exc.strerror}",
                                     fix="pass the path of an existing YAML or JSON brief")]) from None
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise BriefError([FieldError(field="brief", problem=f"{path.name} is not valid YAML/JSON: {exc}",
                                     fix="fix the file's syntax")]) from None
    if not isinstance(data, dict):
        raise BriefError([FieldError(field="brief", problem="the file does not hold a mapping of fields",
                                     fix="write keys such as brand_name: ... at the top level")])
    return data


def _write_outputs(result: PackResult, folder: Path, formats: set[str], brief_path: Path | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    if formats - {"md", "json"} and result.sections:
        from tools.exporters import export_pack  # charts and document libraries load only when asked for

        export_pack(result, folder, formats | {"json"}, brief_source=brief_path)
        return
    if "json" in formats or formats - {"md", "json"}:
        (folder / "pack.json").write_text(result.model_dump_json(indent=2), encoding="utf-8")
    if "md" in formats:
        (folder / "pack.md").write_text(render_markdown(result), encoding="utf-8")


def _summary_table(results: list[tuple[PackResult, Path]]) -> Table:
    table = Table(title="Packs written")
    for column in ("pack", "status", "quality", "engine", "sections", "revised", "tokens", "cost $", "seconds",
                   "folder"):
        table.add_column(column)
    for result, folder in results:
        revised = sum(1 for s in result.sections if s.attempts > 1)
        colour = "green" if result.quality_passed else "red"
        tokens = result.usage.input_tokens + result.usage.output_tokens
        table.add_row(result.pack_key, f"[{colour}]{result.status}[/]", str(result.quality_passed).lower(),
                      result.engine, str(len(result.sections)), str(revised), f"{tokens:,}",
                      f"{result.usage.cost_usd:.4f}", f"{result.timings.get('total_s', 0):.2f}", str(folder))
    return table


@app.command("generate")
def generate(
    brief: Annotated[Path | None, typer.Option(help="Brief file (YAML or JSON), see spec/brief.md.")] = None,
    pack: Annotated[str, typer.Option(help="Pack key, KEY,KEY or 'all' (see `aicmo packs`).")] =
        "strategy_campaign_standard",
    out: Annotated[Path | None, typer.Option(help="Output folder (default out/<pack or brand>).")] = None,
    format: Annotated[str, typer.Option("--format", help="Comma-separated: md,json,html,pdf,docx,pptx,zip.")] =
        "md,json",
    example: Annotated[str | None, typer.Option(
        help="Use a packaged sample brief instead of --brief (e.g. glow_botanicals).", show_default=False,
        metavar="NAME")] = None,
    strict: Annotated[bool, typer.Option(help="Refuse vague briefs (clarity below 60).")] = False,
    today: Annotated[str | None, typer.Option(help="Plan as if today were YYYY-MM-DD.")] = None,
    quiet: Annotated[bool, typer.Option(help="No live progress, summary only.")] = False,
    tenant: Annotated[str | None, typer.Option(help="Tenant whose learning (Kaizen) the pack uses.",
                                               show_default="AICMO_TENANT or default")] = None,
    engine: Annotated[str | None, typer.Option(
        help="auto (LLM when a provider is configured, else offline), llm, or offline.",
        show_default="AICMO_ENGINE or auto")] = None,
) -> None:
    """Write one or more packs from a brief: DIR/pack.json and DIR/pack.md (exit 0 passed, 1 failed, 2 invalid)."""
    formats = {f.strip().lower() for f in format.split(",") if f.strip()}
    if not formats or formats - FORMATS:
        unknown = escape(str(sorted(formats - FORMATS)))
        err.print(f"[red]--format: unknown {unknown}; use {','.join(sorted(FORMATS))}[/]")
        raise typer.Exit(EXIT_INVALID)
    catalog = default_catalog()
    try:
        pack_keys = resolve_pack_keys(pack, catalog)
    except KeyError as exc:
        err.print(f"[red]--pack: {escape(str(exc.args[0]))}[/]")
        raise typer.Exit(EXIT_INVALID) from None
    brief_path = _brief_path(brief, example)
    plan_day = _parse_day(today)
    settings = load_settings()
    if tenant:
        settings = settings.model_copy(update={"tenant": tenant})
    try:
        data = _read_brief(brief_path)
    except BriefError as exc:
        err.print(f"[red]{escape(exc.summary())}[/]")
        raise typer.Exit(EXIT_INVALID) from None
    base = out or Path("out") / (pack_keys[0] if len(pack_keys) == 1 else brief_path.stem)
    if engine not in (None, "auto", "llm", "offline"):
        err.print(f"[red]--engine: '{escape(engine)}' is not one of auto, llm, offline[/]")
        raise typer.Exit(EXIT_INVALID)
    try:
        results = _run_all(data, pack_keys, base, formats, settings, plan_day, strict, quiet, engine, brief_path)
    except EngineRefusedError as exc:
        err.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(EXIT_INVALID) from None
    console.print(_summary_table(results))
    invalid = [r for r, _ in results if r.error_type == "invalid_brief"]
    if invalid:
        err.print(f"[red]{escape(str(invalid[0].debug_hint))}[/]")
        raise typer.Exit(EXIT_INVALID)
    for result, _ in results:
        if result.error_type:
            err.print(f"[red]{result.pack_key}: {result.error_type}: {escape(str(result.debug_hint))}[/]")
    raise typer.Exit(EXIT_PASSED if all(r.quality_passed for r, _ in results) else EXIT_FAILED)


def _brief_path(brief: Path | None, example: str | None) -> Path:
    if example:
        names = {p.stem: p for p in sample_brief_paths()}
        if example not in names:
            err.print(f"[red]--example: unknown sample '{escape(example)}'; choose one of: {', '.join(names)}[/]")
            raise typer.Exit(EXIT_INVALID)
        return names[example]
    if brief is None:
        err.print("[red]--brief: missing; pass a brief file or --example glow_botanicals[/]")
        raise typer.Exit(EXIT_INVALID)
    return brief


def _parse_day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        err.print(f"[red]--today: '{escape(value)}' is not a date; write YYYY-MM-DD[/]")
        raise typer.Exit(EXIT_INVALID) from None


def _run_all(data: dict[str, Any], pack_keys: list[str], base: Path, formats: set[str], settings: Any,
             plan_day: date | None, strict: bool, quiet: bool, engine: Any,
             brief_path: Path | None = None) -> list[tuple[PackResult, Path]]:
    results: list[tuple[PackResult, Path]] = []
    catalog = default_catalog()
    with compiled_pack_graph(settings) as graph, open_learning(settings) as learning:
        for key in pack_keys:
            folder = base if len(pack_keys) == 1 else base / key
            sections = catalog.pack(key).sections
            with SectionProgress(console, key, sections, enabled=not quiet and sys.stdout.isatty()) as progress:
                result = run_pack(graph, brief=data, pack_key=key, settings=settings, today=plan_day,
                                  strict=strict, on_section=progress.update, engine=engine, learning=learning)
            _write_outputs(result, folder, formats, brief_path)
            results.append((result, folder))
            if result.error_type == "invalid_brief":
                break
    return results


@app.command("doctor")
def doctor() -> None:
    """Probe each configured LLM provider with a tiny live call, and the checkpointer; exit 1 if unusable."""
    from api.doctor import chain_usable, run_doctor

    settings = load_settings()
    probes = run_doctor(settings)
    table = Table(title="AICMO doctor")
    for column in ("check", "ok", "latency ms", "detail"):
        table.add_column(column)
    for probe in probes:
        table.add_row(escape(probe.name), "[green]yes[/]" if probe.ok else "[red]no[/]", f"{probe.latency_ms:.0f}",
                      escape(probe.detail))
    console.print(table)
    healthy = chain_usable(probes, settings) and all(p.ok for p in probes if p.name == "checkpointer")
    raise typer.Exit(EXIT_PASSED if healthy else EXIT_FAILED)


def _forward(name: str, module: str, help_text: str, command: str | None = None, app_attr: str = "app") -> None:
    """Register a command (or a group) whose implementation and heavy imports load only when it runs."""

    @app.command(name, help=help_text, add_help_option=False,
                 context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
    def forwarded(ctx: typer.Context) -> None:
        import importlib

        target = typer.main.get_command(getattr(importlib.import_module(module), app_attr))
        subcommands = getattr(target, "commands", None)  # a group (Typer ships its own click types)
        args = list(ctx.args)
        if command is not None and subcommands:
            target = subcommands[command]
        elif not subcommands and args and args[0] == target.name:
            args = args[1:]  # Typer folds a one-command app into that command: `performance import F` still works
        target.main(args=args, prog_name=f"aicmo {name}", standalone_mode=True)


_forward("events", "api.cli_learning", "The typed event log: list events by tenant, type and date.",
         app_attr="events_app")
_forward("performance", "api.cli_learning", "Import measured content performance so the next pack learns from it.",
         app_attr="performance_app")
_forward("chat", "api.cli_chat", "Chat a brief into a pack: questions, live section progress, review, export.")
_forward("runs", "api.cli_runs", "Inspect, replay, export, prune and erase runs kept by the checkpointer.")
_forward("eval", "evals.cli", "Eval datasets and scorecards: run a dataset, compare two runs.")
_forward("leads", "api.cli_leads", "Lead pipeline: import, run, status, dashboard, explain.", app_attr="leads_app")
_forward("campaigns", "api.cli_leads", "Create outreach campaigns from YAML.", app_attr="campaigns_app")
_forward("export", "api.cli_export",
         "Render a pack.json as client files: PDF, DOCX, PPTX, HTML, Markdown, ZIP (`aicmo export --help`).",
         command="export")


def _register_serve() -> None:
    from api.cli_serve import register

    register(app)


_register_serve()


def main() -> None:
    """Console-script entry point."""
    app()
