"""Read a pack out of a pack or intake thread: progress, sections so far, the pending review, the result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from langchain_core.runnables import RunnableConfig

from api.assistants import Assistant
from api.schemas import PackStatus
from api.serde import jsonable
from tools.catalog import default_catalog
from tools.pack import build_result
from tools.result import PackResult, SectionResult

PACK_ASSISTANTS = ("pack", "intake")


@dataclass(frozen=True)
class PackView:
    """What a thread holds about its pack."""

    values: dict[str, Any]
    pack_values: dict[str, Any]
    pause: dict[str, Any] | None

    @property
    def result(self) -> PackResult | None:
        """The final pack, once the run persisted it."""
        result = self.values.get("result")
        return result if isinstance(result, PackResult) else None

    @property
    def pack_key(self) -> str | None:
        """The pack being written."""
        return self.values.get("pack_key") or self.pack_values.get("pack_key")

    def sections(self) -> list[SectionResult]:
        """The latest draft of each section, in the pack's order."""
        if self.result is not None:
            return list(self.result.sections)
        drafts = dict(self.pack_values.get("sections") or {})
        order = default_catalog().packs.get(self.pack_key or "")
        ids = list(order.sections) if order else list(drafts)
        return [drafts[s] for s in ids if s in drafts]

    def status(self, busy: bool) -> PackStatus:
        """running, intake (a question waits), review, done, failed or empty."""
        if busy:
            return "running"
        if self.result is not None:
            return "failed" if self.result.error_type else "done"
        if self.pause and "actions" in self.pause:
            return "review"
        if self.pause and "question" in self.pause:
            return "intake"
        return "failed" if self.sections() else "empty"

    def draft(self, thread_id: str) -> PackResult | None:
        """The final pack, else the pack under review as a result (for exports of a draft)."""
        if self.result is not None or not self.sections():
            return self.result
        values = self.pack_values
        pack = default_catalog().pack(str(values["pack_key"]))
        brief = values.get("brief_model")
        return build_result(pack=pack, brief=brief.model_dump(mode="json") if brief else values.get("brief"),
                            sections=self.sections(), pack_issues=values.get("pack_issues") or [],
                            strategy=values.get("strategy"), thread_id=thread_id, run_id=thread_id, timings={},
                            clarity=values.get("clarity"))


def read_pack(assistant: Assistant, thread_id: str) -> PackView:
    """The pack view of a thread (the intake's pack lives in its write_pack subgraph while paused)."""
    config: RunnableConfig = {"configurable": {"thread_id": thread_id}}
    snapshot = assistant.graph.get_state(config, subgraphs=True)
    values = dict(snapshot.values or {})
    pack_values = values
    for task in snapshot.tasks:
        state = getattr(task, "state", None)
        if task.name == "write_pack" and state is not None and hasattr(state, "values"):
            pack_values = dict(state.values)
    pause = snapshot.interrupts[0].value if snapshot.interrupts else None
    return PackView(values=values, pack_values=pack_values, pause=pause if isinstance(pause, dict) else None)


def section_out(section: SectionResult) -> dict[str, Any]:
    """A section as the pack routes show it."""
    return {"id": section.id, "title": section.title, "status": section.status, "attempts": section.attempts,
            "engine": section.engine, "markdown": section.markdown,
            "issues": [jsonable(i) for i in section.issues]}
