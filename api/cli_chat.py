"""`aicmo chat [--thread ID] [--pack KEY]`: chat a brief, watch the pack being written, review it, export it."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, cast

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from api.chat import ChatSession, intake_recorder, open_chat
from api.chat_review import Reviewer, help_table, sections_table
from api.engine import EngineName, EngineRefusedError
from api.settings import load_settings
from tools.catalog import default_catalog
from tools.result import SectionResult

EXIT_OK, EXIT_INVALID = 0, 2
INTAKE_HELP = ("Answer in your own words; 'skip' leaves an optional question out, 'quit' saves and leaves "
               "(resume with aicmo chat --thread ID).")
app = typer.Typer(add_completion=False, help="Chat a brief into a pack.")
console = Console(highlight=False, emoji=False)


class QuitChat(Exception):
    """The person left (quit, Ctrl-D or Ctrl-C); the thread is saved."""


@dataclass
class PackProgress:
    """A live bar of sections written, plus one line per section as it is written, fails a check or is revised."""

    console: Console
    total: int
    done: set[str] = field(default_factory=set)
    progress: Progress | None = None

    def update(self, node: str, section: SectionResult) -> None:
        """Record one section event from the pack subgraph."""
        if self.progress is None:
            self.progress = Progress(TextColumn("[bold]writing"), BarColumn(), MofNCompleteColumn(),
                                     TimeElapsedColumn(), console=self.console, transient=True)
            self.progress.start()
            self.task = self.progress.add_task("pack", total=self.total)
        if node == "check_sections":
            if section.status == "FAIL":
                codes = ", ".join(sorted({i.code for i in section.issues if i.severity == "error"}))
                self.console.print(f"  [yellow]! {escape(section.id)} failed a check ({escape(codes)}), revising[/]")
            return
        self.done.add(section.id)
        verb = "revised" if node == "revise_section" else "written"
        self.console.print(f"  [green]✓[/] {escape(section.id)} {verb} (attempt {section.attempts})")
        self.progress.update(self.task, completed=min(len(self.done), self.total))

    def stop(self) -> None:
        """Close the live bar."""
        if self.progress is not None:
            self.progress.stop()


@dataclass
class ChatTerminal:
    """The conversation loop: intake questions, pack progress, review commands, finished-pack commands."""

    session: ChatSession
    console: Console
    editor: str
    shown_review: int = -1

    def read(self, prompt: str) -> str:
        """One line from the person; Ctrl-D / Ctrl-C leave the chat."""
        try:
            return self.console.input(f"[bold cyan]{escape(prompt)}[/]")
        except (EOFError, KeyboardInterrupt):
            raise QuitChat from None

    def advance(self, value: Any) -> None:
        """Send an answer or decision and show pack progress while the graph runs."""
        total = len(default_catalog().pack(self.session.pack_key).sections)
        progress = PackProgress(self.console, total)
        seen = len(self.session.snapshot().values.get("notes") or [])
        try:
            self.session.send(value, on_section=progress.update)
        finally:
            progress.stop()
        for note in (self.session.snapshot().values.get("notes") or [])[seen:]:
            self.console.print(f"[yellow]note: {escape(str(note))}[/]")

    def run(self) -> None:
        """Talk until the pack is approved and the person quits, or until they leave."""
        reviewer = Reviewer(self.session, self.console, self.editor, self.read)
        if not self.session.exists():
            self.console.print("Tell me about your business and what you want marketing to achieve. "
                               f"[dim]{escape(INTAKE_HELP)}[/]")
            self.advance(self._first_message())
        while True:
            pause = self.session.pause()
            if pause is None and self.session.result() is None:
                self.console.print("[dim]Continuing where the run stopped...[/]")
                self.advance(None)
            elif pause is None:
                self._finished(reviewer)
                return
            elif "actions" in pause:
                decision = self._review(pause, reviewer)
                before = self.session.sections()
                self.advance(decision)
                self._report_change(decision, before)
            else:
                self.advance(self._answer(pause))

    def _first_message(self) -> str:
        while True:
            text = self.read("you> ").strip()
            if text.lower() in {"quit", "exit"}:
                raise QuitChat
            if text.lower() == "help" or not text:
                self.console.print(f"[dim]{escape(INTAKE_HELP)}[/]")
                continue
            return text

    def _answer(self, pause: dict[str, Any]) -> str:
        if pause.get("type") == "confirm":
            table = Table(title="Brief", show_header=False)
            table.add_column("field", style="bold")
            table.add_column("value")
            for label, value in pause.get("summary") or []:
                table.add_row(escape(str(label)), escape(str(value)))
            self.console.print(table)
        score = pause.get("clarity")
        clarity = f" [dim](clarity {score}/100)[/]" if score is not None else ""
        style = "yellow" if pause.get("type") == "conflict" else "bold"
        self.console.print(f"[{style}]aicmo>[/] {escape(str(pause.get('question', '')))}{clarity}")
        while True:
            text = self.read("you> ").strip()
            if text.lower() in {"quit", "exit"}:
                raise QuitChat
            if text.lower() == "help":
                self.console.print(f"[dim]{escape(INTAKE_HELP)}[/]")
                continue
            if not text:
                self.console.print("[dim]Type an answer, 'skip', or 'quit'.[/]")
                continue
            return text

    def _review(self, pause: dict[str, Any], reviewer: Reviewer) -> dict[str, Any]:
        if pause.get("error"):
            self.console.print(f"[red]{escape(str(pause['error']))}[/]")
        sections = self.session.sections()
        if self.shown_review != sum(s.attempts for s in sections.values()):
            self.shown_review = sum(s.attempts for s in sections.values())
            self.console.print(sections_table(sections))
            failing = [s.id for s in sections.values() if s.status == "FAIL"]
            note = f" [red]Failing: {escape(', '.join(failing))}[/]" if failing else " [green]All sections pass.[/]"
            self.console.print("Review the pack: show, regenerate, edit, approve, export, help, quit." + note)
        while True:
            decision = reviewer.handle(self.read("review> "))
            if decision == "quit":
                raise QuitChat
            if isinstance(decision, dict):
                if decision["action"] != "approve":
                    self.console.print(f"[dim]Working on {escape(decision['section_id'])}...[/]")
                return decision

    def _report_change(self, decision: dict[str, Any], before: dict[str, SectionResult]) -> None:
        sid = decision.get("section_id")
        if not sid or self.session.result() is not None:
            return
        after = self.session.sections()
        section = after[sid]
        changed = section.markdown.strip() != before[sid].markdown.strip()
        colour = "green" if section.status != "FAIL" else "red"
        self.console.print(f"[{colour}]{escape(sid)}: attempt {section.attempts}, {section.status}; text "
                           f"{'changed' if changed else 'unchanged'}.[/] Other sections untouched: "
                           f"{all(after[k].markdown == before[k].markdown for k in after if k != sid)}.")
        if not changed and decision["action"] == "regenerate" and self.session.setup.engine == "offline":
            self.console.print("[dim]Offline, an instruction can name platforms to lead with and ask for a "
                               "shorter or more detailed section; other wishes need the LLM engine or edit.[/]")

    def _finished(self, reviewer: Reviewer) -> None:
        result = self.session.result()
        if result is None:
            return
        reviewer.approved = True
        colour = "green" if result.quality_passed else "red"
        self.console.print(f"[{colour}]Pack approved: {escape(result.pack_label)}, status {result.status}, "
                           f"quality gates {'passed' if result.quality_passed else 'failed'}.[/]")
        if result.debug_hint:
            self.console.print(f"[red]{escape(result.debug_hint)}[/]")
        self.console.print(escape("Commands now: show <section>, export <format> [folder], sections, help, quit."))
        while reviewer.handle(self.read("pack> ")) != "quit":
            continue


def _fail(message: str) -> typer.Exit:
    console.print(f"[red]{escape(message)}[/]")
    return typer.Exit(EXIT_INVALID)


@app.command("chat")
def chat(
    thread: Annotated[str | None, typer.Option(help="Resume this conversation (its id is shown when it starts).",
                                               show_default=False)] = None,
    pack: Annotated[str, typer.Option(help="Pack to write (see `aicmo packs`).")] = "strategy_campaign_standard",
    engine: Annotated[str | None, typer.Option(help="auto, llm or offline.", show_default="AICMO_ENGINE or auto")]
        = None,
    today: Annotated[str | None, typer.Option(help="Plan as if today were YYYY-MM-DD (new conversations).",
                                              show_default=False)] = None,
) -> None:
    """Chat a brief into a pack: answer questions, watch sections being written, review, approve, export."""
    settings = load_settings()
    if engine not in (None, "auto", "llm", "offline"):
        raise _fail(f"--engine: '{engine}' is not one of auto, llm, offline")
    try:
        default_catalog().pack(pack)
        plan_day = date.fromisoformat(today) if today else None
    except KeyError:
        raise _fail(f"--pack: unknown pack '{pack}'; see `aicmo packs`") from None
    except ValueError:
        raise _fail(f"--today: '{today}' is not a date; write YYYY-MM-DD") from None
    thread_id = thread or uuid.uuid4().hex[:12]
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        with open_chat(settings, thread_id, pack, cast(EngineName | None, engine), today=plan_day) as session:
            _check_thread(session, thread)
            if session.setup.unavailable:
                raise _fail(session.setup.unavailable)
            from api.learning import open_learning  # the app database is opened only for a real conversation

            with open_learning(settings) as learning:
                session.events = intake_recorder(learning.events, settings.tenant, thread_id,
                                                 lambda text: console.print(f"[yellow]{escape(text)}[/]"))
                _converse(session, thread is not None, editor)
    except EngineRefusedError as exc:
        raise _fail(str(exc)) from None
    raise typer.Exit(EXIT_OK)


def _check_thread(session: ChatSession, thread: str | None) -> None:
    if thread is None:
        return
    if not session.exists():
        raise _fail(f"No conversation with thread id '{thread}'. Start a new one with: aicmo chat")
    values = session.snapshot().values
    if "transcript" not in values and "started_on" not in values:
        raise _fail(f"Thread '{thread}' is a pack run, not a chat; inspect it with: aicmo runs show {thread}")
    session.pack_key = str(values.get("pack_key") or session.pack_key)


def _converse(session: ChatSession, resumed: bool, editor: str) -> None:
    word = "Resuming" if resumed else "Started"
    console.print(f"[bold]AICMO chat[/] · {word} conversation [bold]{session.thread_id}[/] · pack "
                  f"{escape(session.pack_key)} · engine {session.setup.engine}")
    console.print(f"[dim]Leave any time; resume with: aicmo chat --thread {session.thread_id}[/]")
    try:
        ChatTerminal(session, console, editor).run()
    except QuitChat:
        if session.exists():
            console.print(f"\nSaved. Resume any time with: aicmo chat --thread {session.thread_id}")
        else:
            console.print("\nNothing was said yet, so nothing was saved.")


__all__ = ["app", "chat", "help_table"]

if __name__ == "__main__":
    app()
