"""The copywriter: write or revise one section with the configured engine and record who wrote it."""

from __future__ import annotations

from agents.offline.sections import SectionInput
from agents.offline.writer import write_offline
from graphs.context import PackContext, WrittenSection
from tools.quality.metrics import measure
from tools.result import SectionMetrics, SectionResult, Usage, add_usage


def offline_writer(inp: SectionInput) -> WrittenSection:
    """The deterministic engine: compose from brief, strategy core and knowledge base."""
    return WrittenSection(markdown=write_offline(inp), engine="offline")


def write(inp: SectionInput, ctx: PackContext, previous: SectionResult | None) -> tuple[SectionResult, Usage | None]:
    """Write a section as an unchecked SectionResult keeping earlier versions; also return this call's usage."""
    writer = ctx.writer or offline_writer
    written = writer(inp)
    metrics = measure(written.markdown)
    history = list(previous.history) if previous else []
    if previous:
        history.append({"attempt": previous.attempts, "markdown": previous.markdown, "status": previous.status,
                        "issues": [i.model_dump() for i in previous.issues], "engine": previous.engine})
    return SectionResult(
        id=inp.section_id, title=inp.rules.label, markdown=written.markdown, status="PASS", issues=[],
        metrics=SectionMetrics(words=metrics.words, bullets=metrics.bullets, headings=metrics.headings,
                               table_rows=metrics.table_rows),
        attempts=inp.attempt, engine=written.engine, provider=written.provider, model=written.model,
        usage=add_usage(previous.usage if previous else None, written.usage) if written.usage else None,
        fallbacks=written.fallbacks, history=history,
    ), written.usage
