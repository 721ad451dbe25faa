"""`aicmo eval`: run a dataset into a scorecard (exit 1 below threshold) and compare two scorecards."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from evals.compare import ScorecardError, compare, load_scorecard
from evals.dataset import DatasetError, dataset_names
from evals.runner import EvalConfigError, ExampleRecord, RunConfig, load_thresholds, run_eval
from evals.scorecard import build_scorecard, write_scorecard

app = typer.Typer(help="Eval datasets and scorecards (LangSmith-compatible; local unless --upload).",
                  no_args_is_help=True, add_completion=False, rich_markup_mode="rich")
_WIDTH = None if sys.stdout.isatty() else 140
console = Console(emoji=False, highlight=False, width=_WIDTH)
err = Console(stderr=True, emoji=False, highlight=False, width=_WIDTH)
EXIT_PASSED, EXIT_BELOW, EXIT_INVALID = 0, 1, 2


def _progress(record: ExampleRecord) -> None:
    low = [f"{r['key']} {float(r['score'] or 0):.2f}" for r in record.results if float(r["score"] or 0) < 1]
    mark = "[red]error[/]" if record.error else ("[yellow]" + escape(", ".join(low)) + "[/]" if low else "[green]ok[/]")
    err.print(f"  {escape(record.example.id)} {record.seconds:.2f}s {mark}")


def _summary_table(card: dict) -> Table:
    table = Table(title=f"Eval {card['dataset']} v{card['dataset_version']} "
                        f"({card['metadata'].get('engine')}, {len(card['examples'])} examples, {card['duration_s']} s)")
    for column in ("evaluator", "mean", "worst", "threshold", "status"):
        table.add_column(column)
    for key, row in card["summary"].items():
        floor = row.get("threshold") or {}
        status = "[dim]advisory[/]" if row["passed"] is None else \
            ("[green]pass[/]" if row["passed"] else "[red]below[/]")
        table.add_row(escape(key), f"{row['mean']:.3f}", f"{row['min']:.3f}",
                      escape(", ".join(f"{k} >= {v}" for k, v in floor.items()) or "-"), status)
    return table


def _run_one(config: RunConfig, out: Path, now: datetime, quiet: bool) -> bool | None:
    run = run_eval(config, now=now, progress=None if quiet else _progress)
    card = build_scorecard(run, load_thresholds(config.thresholds))
    paths = write_scorecard(card, run, out)
    if run.skipped:
        console.print(f"[yellow]{escape(run.skipped)}[/]")
        return None
    console.print(_summary_table(card))
    for failure in card["failures"]:
        console.print(f"[red]{escape(failure)}[/]")
    if run.experiment_url:
        console.print(f"LangSmith experiment: {escape(run.experiment_url)}")
    console.print(f"scorecard: {escape(str(paths['json']))}, {escape(str(paths['html']))}")
    return bool(card["passed"])


@app.command("run")
def run(
    dataset: Annotated[str, typer.Option(help="Dataset name (evals/datasets/NAME.jsonl) or 'all'.")],
    engine: Annotated[str, typer.Option(help="offline or llm (packs dataset).")] = "offline",
    model: Annotated[str | None, typer.Option(help="Model chain for the llm engine and the judge, "
                                                   "e.g. local:smollm2 or openai:gpt-4.1-mini.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="Run only the first N examples.")] = None,
    example: Annotated[list[str] | None, typer.Option(help="Run only this example id (repeatable).")] = None,
    out: Annotated[Path | None, typer.Option(help="Scorecard folder.", show_default="eval-results/<timestamp>")] = None,
    upload: Annotated[bool, typer.Option(help="Create/update the LangSmith dataset and record the experiment "
                                              "(needs LANGSMITH_API_KEY).")] = False,
    judge: Annotated[bool | None, typer.Option("--judge/--no-judge", help="LLM-as-judge rubric.",
                                               show_default="on when a model is configured")] = None,
    quiet: Annotated[bool, typer.Option(help="No per-example progress lines.")] = False,
) -> None:
    """Run a dataset and write DIR/scorecard.json + scorecard.html (exit 0 passed, 1 below threshold, 2 invalid)."""
    if engine not in ("offline", "llm"):
        err.print(f"[red]--engine: '{escape(engine)}' is not one of offline, llm[/]")
        raise typer.Exit(EXIT_INVALID)
    now = datetime.now(UTC)
    base = out or Path("eval-results") / now.strftime("%Y%m%d-%H%M%S")
    names = dataset_names() if dataset == "all" else [dataset]
    mode: Literal["offline", "llm"] = "llm" if engine == "llm" else "offline"
    outcomes = []
    try:
        for name in names:
            config = RunConfig(dataset=name, engine=mode, model=model, limit=limit, examples=tuple(example or ()),
                               upload=upload, judge=judge)
            outcomes.append(_run_one(config, base / name if len(names) > 1 else base, now, quiet))
    except (DatasetError, EvalConfigError) as exc:
        err.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(EXIT_INVALID) from None
    raise typer.Exit(EXIT_BELOW if any(o is False for o in outcomes) else EXIT_PASSED)


def _print_comparison(result: dict) -> None:
    table = Table(title=f"B ({result['b']['engine']}, {result['b']['model']}) vs A ({result['a']['engine']}, "
                        f"{result['a']['model']})")
    for column in ("evaluator", "A mean", "B mean", "delta", "B wins", "B losses", "ties"):
        table.add_column(column)
    for key, row in result["evaluators"].items():
        colour = "green" if row["delta"] > 0 else ("red" if row["delta"] < 0 else "white")
        table.add_row(escape(key), f"{row['a_mean']:.3f}", f"{row['b_mean']:.3f}", f"[{colour}]{row['delta']:+.3f}[/]",
                      str(row["wins"]), str(row["losses"]), str(row["ties"]))
    console.print(table)
    if result["sections"]:
        sections = Table(title="Per section id: gate pass rate (and mean rubric 1-5)")
        for column in ("section", "A gate", "B gate", "A rubric", "B rubric"):
            sections.add_column(column)
        for sid, row in result["sections"].items():
            sections.add_row(escape(sid), f"{row['a_gate']:.2f}", f"{row['b_gate']:.2f}",
                             str(row["a_rubric"] if row["a_rubric"] is not None else "-"),
                             str(row["b_rubric"] if row["b_rubric"] is not None else "-"))
        console.print(sections)
    if result["examples"]:
        changes = Table(title="Examples that changed")
        for column in ("example", "evaluator", "A", "B", "outcome"):
            changes.add_column(column)
        for row in result["examples"]:
            colour = "green" if row["outcome"] == "win" else "red"
            changes.add_row(escape(row["example"]), escape(row["key"]), f"{row['a']:.3f}", f"{row['b']:.3f}",
                            f"[{colour}]{row['outcome']}[/]")
        console.print(changes)


@app.command("compare")
def compare_cmd(
    a: Annotated[Path, typer.Argument(help="Baseline scorecard.json (or its folder).")],
    b: Annotated[Path, typer.Argument(help="Candidate scorecard.json (or its folder).")],
    fail_on_loss: Annotated[bool, typer.Option(help="Exit 1 when B loses on any evaluator's mean.")] = False,
) -> None:
    """Wins and losses of B against A per evaluator, per section id and per example."""
    try:
        result = compare(load_scorecard(a), load_scorecard(b))
    except ScorecardError as exc:
        err.print(f"[red]{escape(str(exc))}[/]")
        raise typer.Exit(EXIT_INVALID) from None
    for warning in result["warnings"]:
        console.print(f"[yellow]{escape(warning)}[/]")
    _print_comparison(result)
    worse = fail_on_loss and any(row["delta"] < 0 for row in result["evaluators"].values())
    raise typer.Exit(EXIT_BELOW if worse else EXIT_PASSED)


def main() -> None:
    """Entry point for ``python -m evals``."""
    app()
