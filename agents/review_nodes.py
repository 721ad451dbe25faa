"""Human review inside the pack graph: approve, regenerate a section with an instruction, or replace it."""

from __future__ import annotations

import time
from typing import Any, Literal

from langgraph.runtime import Runtime
from langgraph.types import interrupt
from pydantic import BaseModel, ValidationError, model_validator

from graphs.context import PackContext
from graphs.state import PackState
from tools.markdown import clean_markdown
from tools.quality.metrics import measure
from tools.result import SectionMetrics, SectionResult


class ReviewDecision(BaseModel):
    """What the reviewer decided; regenerate and replace name a section of this pack."""

    action: Literal["approve", "regenerate", "replace"]
    section_id: str | None = None
    instruction: str | None = None
    markdown: str | None = None

    @model_validator(mode="after")
    def _complete(self) -> ReviewDecision:
        if self.action != "approve" and not self.section_id:
            raise ValueError(f"{self.action} needs section_id (one of the pack's section ids)")
        if self.action == "replace" and not (self.markdown or "").strip():
            raise ValueError("replace needs markdown: the new section body")
        return self


def review_pack(state: PackState, runtime: Runtime[PackContext]) -> dict[str, Any]:
    """Pause for the reviewer when review is on; otherwise approve at once."""
    if not runtime.context.review:
        return {"review": {"action": "approve"}, "review_error": None}
    sections = state.get("sections") or {}
    raw = interrupt({
        "pack_key": state["pack_key"],
        "sections": [{"id": s.id, "title": s.title, "status": s.status, "attempts": s.attempts}
                     for s in sections.values()],
        "pack_issues": [i.model_dump() for i in state.get("pack_issues") or []],
        "actions": ["approve", "regenerate {section_id, instruction}", "replace {section_id, markdown}"],
        "error": state.get("review_error"),
    })
    try:
        decision = ReviewDecision.model_validate(raw if isinstance(raw, dict) else {"action": raw})
    except ValidationError as exc:
        return {"review": None, "review_error": f"invalid review decision: {exc.errors()[0]['msg']}"}
    if decision.section_id and decision.section_id not in sections:
        known = ", ".join(sections)
        return {"review": None, "review_error": f"unknown section_id '{decision.section_id}'; use one of: {known}"}
    update: dict[str, Any] = {"review": decision.model_dump(), "review_error": None}
    if decision.action != "approve":
        update["check_round"] = 0
    return update


def replace_section(state: PackState, runtime: Runtime[PackContext]) -> dict[str, Any]:
    """Put the reviewer's markdown in place of a section, keeping the old version in its history."""
    started = time.perf_counter()
    decision = ReviewDecision.model_validate(state["review"])
    previous = state["sections"][str(decision.section_id)]
    body = clean_markdown(str(decision.markdown))
    metrics = measure(body)
    history = [*previous.history, {"attempt": previous.attempts, "markdown": previous.markdown,
                                   "status": previous.status, "engine": previous.engine,
                                   "issues": [i.model_dump() for i in previous.issues]}]
    section = SectionResult(
        id=previous.id, title=previous.title, markdown=body, attempts=previous.attempts + 1, engine="human",
        metrics=SectionMetrics(words=metrics.words, bullets=metrics.bullets, headings=metrics.headings,
                               table_rows=metrics.table_rows), history=history,
    )
    return {"sections": {section.id: section}, "timings": {"replace_section": time.perf_counter() - started}}
