"""Live per-section progress for long pack runs (Rich)."""

from __future__ import annotations

from types import TracebackType

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tools.result import SectionResult


class SectionProgress:
    """A progress bar per pack plus a line per section as it is written, checked or revised."""

    def __init__(self, console: Console, pack_key: str, sections: tuple[str, ...], *, enabled: bool) -> None:
        self.enabled = enabled
        self.total = len(sections)
        self.done: set[str] = set()
        self.progress = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[last]}"), TimeElapsedColumn(), console=console,
                                 disable=not enabled)
        self.task = self.progress.add_task(pack_key, total=self.total, last="")

    def __enter__(self) -> SectionProgress:
        self.progress.__enter__()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.progress.__exit__(exc_type, exc, tb)

    def update(self, node: str, section: SectionResult) -> None:
        """Record that a section was written (or revised, or checked)."""
        if node == "check_sections":
            if section.status == "FAIL":
                codes = ", ".join(sorted({i.code for i in section.issues if i.severity == "error"}))
                self.progress.update(self.task, last=f"{section.id}: revising ({codes})")
            return
        self.done.add(section.id)
        label = "revised" if node == "revise_section" else "written"
        writer = f" by {section.provider}:{section.model}" if section.engine == "llm" else ""
        self.progress.update(self.task, completed=len(self.done), last=f"{section.id} {label}{writer}")
