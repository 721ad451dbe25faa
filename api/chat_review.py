"""Review commands of the terminal chat: show, regenerate, edit ($EDITOR), approve, export, sections, help."""

from __future__ import annotations

import shlex
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markdown import Markdown
from rich.markup import escape
from rich.table import Table

from api.chat import ChatSession
from tools.result import SectionResult

HELP_ROWS = (
    ("show <section>", "print a section (id or number from the table)"),
    ("regenerate <section> [instruction]", "rewrite one section, e.g. regenerate calendar make it more TikTok-heavy"),
    ("edit <section>", "open the section in $EDITOR; the saved text replaces it (same quality gates)"),
    ("approve", "accept the pack as it is"),
    ("export <format> [folder]", "write the pack: md, json, html, pdf, docx, pptx or zip"),
    ("sections", "list the sections again"),
    ("help", "this help"),
    ("quit", "leave; resume later with aicmo chat --thread ID"),
)


def help_table() -> Table:
    """The review commands."""
    table = Table(title="Commands", show_header=False)
    table.add_column("command", style="bold")
    table.add_column("what it does")
    for command, text in HELP_ROWS:
        table.add_row(escape(command), escape(text))
    return table


def sections_table(sections: dict[str, SectionResult]) -> Table:
    """Numbered sections with status and attempts."""
    table = Table(title="Sections")
    for column in ("#", "id", "title", "status", "attempts", "by"):
        table.add_column(column)
    for number, section in enumerate(sections.values(), start=1):
        colour = {"PASS": "green", "WARN": "yellow"}.get(section.status, "red")
        table.add_row(str(number), escape(section.id), escape(section.title), f"[{colour}]{section.status}[/]",
                      str(section.attempts), escape(section.engine))
    return table


def pick_section(token: str, sections: dict[str, SectionResult]) -> str | None:
    """The section id a token names (its id or its number in the table), or None."""
    token = token.strip()
    if token in sections:
        return token
    if token.isdigit() and 1 <= int(token) <= len(sections):
        return list(sections)[int(token) - 1]
    lowered = {sid.lower(): sid for sid in sections}
    return lowered.get(token.lower())


def edit_text(editor: str, text: str, name: str) -> str:
    """Open ``text`` in the editor command and return what was saved; raises OSError or CalledProcessError."""
    with tempfile.TemporaryDirectory(prefix="aicmo-edit-") as folder:
        path = Path(folder) / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        subprocess.run([*shlex.split(editor), str(path)], check=True)
        return path.read_text(encoding="utf-8")


@dataclass
class Reviewer:
    """Turns one typed review command into a graph decision, or handles it locally (show, export, help)."""

    session: ChatSession
    console: Console
    editor: str
    read: Callable[[str], str]
    approved: bool = False

    def say(self, text: str, style: str = "") -> None:
        """Print one plain message (escaped)."""
        self.console.print(f"[{style}]{escape(text)}[/]" if style else escape(text))

    def handle(self, line: str) -> dict[str, Any] | str | None:
        """A decision for the graph, 'quit', or None when the command was handled here."""
        command, _, rest = line.strip().partition(" ")
        command = command.lower()
        sections = self.session.sections()
        if command in {"quit", "exit", "q"}:
            return "quit"
        if command in {"help", "?"}:
            self.console.print(help_table())
        elif command in {"sections", "list", "ls"}:
            self.console.print(sections_table(sections))
        elif command == "show":
            self._show(rest, sections)
        elif command == "export":
            self._export(rest)
        elif command in {"regenerate", "edit", "approve"} and self.approved:
            self.say("This pack is approved and closed; start a new chat (aicmo chat) to change it.", "yellow")
        elif command == "approve":
            return {"action": "approve"}
        elif command == "regenerate":
            return self._regenerate(rest, sections)
        elif command == "edit":
            return self._edit(rest, sections)
        elif command:
            self.say(f"Unknown command '{command}'. Type help for the commands.", "yellow")
        return None

    def _section(self, token: str, sections: dict[str, SectionResult], usage: str) -> str | None:
        if not token.strip():
            self.say(f"Which section? Usage: {usage}. Nothing changed.", "yellow")
            return None
        sid = pick_section(token, sections)
        if sid is None:
            self.say(f"Unknown section '{token.strip()}'. Sections: {', '.join(sections)}. Nothing changed.",
                     "yellow")
        return sid

    def _show(self, token: str, sections: dict[str, SectionResult]) -> None:
        sid = self._section(token, sections, "show <section>")
        if sid is None:
            return
        section = sections[sid]
        self.console.rule(f"{escape(section.title)} · {section.status} · attempt {section.attempts}")
        self.console.print(Markdown(section.markdown))
        errors = [f"{i.code}: {i.message}" for i in section.issues if i.severity == "error"]
        if errors:
            self.say("Failing checks: " + "; ".join(errors), "red")

    def _regenerate(self, rest: str, sections: dict[str, SectionResult]) -> dict[str, Any] | None:
        token, _, instruction = rest.strip().partition(" ")
        sid = self._section(token, sections, "regenerate <section> [instruction]")
        if sid is None:
            return None
        if not instruction.strip():
            instruction = self.read(f"What should change in {sid}? ")
        if not instruction.strip():
            self.say("Empty instruction: nothing changed. Say what should change, e.g. "
                     f"regenerate {sid} make it more Instagram-heavy.", "yellow")
            return None
        return {"action": "regenerate", "section_id": sid, "instruction": instruction.strip()}

    def _edit(self, token: str, sections: dict[str, SectionResult]) -> dict[str, Any] | None:
        sid = self._section(token, sections, "edit <section>")
        if sid is None:
            return None
        before = sections[sid].markdown
        try:
            after = edit_text(self.editor, before, sid)
        except (OSError, ValueError, subprocess.CalledProcessError) as exc:
            self.say(f"The editor '{self.editor}' did not finish ({exc}). Nothing changed.", "red")
            return None
        if not after.strip() or after.strip() == before.strip():
            self.say(f"{sid} was not changed in the editor. Nothing changed.", "yellow")
            return None
        return {"action": "replace", "section_id": sid, "markdown": after}

    def _export(self, rest: str) -> None:
        fmt, _, folder_text = rest.strip().partition(" ")
        if not fmt:
            self.say("Which format? Usage: export <md|json|html|pdf|docx|pptx|zip> [folder].", "yellow")
            return
        draft = self.session.draft()
        if draft is None:
            self.say("There is no pack to export yet.", "yellow")
            return
        folder = Path(folder_text.strip() or Path("out") / f"chat-{self.session.thread_id[:8]}")
        from tools.exporters import BrandingError, UnknownFormatError, export_pack, parse_formats  # charts load slowly

        try:
            written = export_pack(draft, folder, parse_formats(fmt))
        except (UnknownFormatError, BrandingError) as exc:
            self.say(f"export: {exc}", "yellow")
            return
        except OSError as exc:
            self.say(f"export: cannot write to {folder}: {exc.strerror or exc}", "red")
            return
        label = "approved pack" if self.approved else "draft (not approved yet)"
        for kind, path in sorted(written.items()):
            self.say(f"Exported {label} as {kind}: {path}", "green")
