"""Per-run knobs of the pack graph, passed as the runtime context (not state, not environment)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from agents.offline.sections import SectionInput
from memory.kaizen import KaizenContext
from tools.catalog import Catalog, default_catalog
from tools.knowledge import KnowledgeBase, default_knowledge
from tools.result import PackResult, Usage


@dataclass(frozen=True)
class WrittenSection:
    """What a section writer returns: the body, who wrote it, what it cost and which providers failed first."""

    markdown: str
    engine: Literal["offline", "llm"] = "offline"
    provider: str | None = None
    model: str | None = None
    usage: Usage | None = None
    fallbacks: list[dict[str, str]] = field(default_factory=list)


SectionWriter = Callable[[SectionInput], WrittenSection]
KaizenProvider = Callable[[str, str], KaizenContext]
PackSink = Callable[[PackResult], None]
StrategyRefiner = Callable[..., Any]


@dataclass(kw_only=True)
class PackContext:
    """Run-scoped configuration for the pack graph."""

    today: date = field(default_factory=date.today, metadata={"description": "The date plans start from."})
    max_revisions: int = field(default=2, metadata={"description": "Revision rounds for failing sections."})
    strict: bool = field(default=False, metadata={"description": "Refuse to run on a vague brief."})
    review: bool = field(default=False, metadata={
        "description": "Pause after assembly for a human decision (approve / regenerate / replace)."})
    tenant: str = field(default="default", metadata={"description": "Tenant whose memory may be used."})
    other_brands: tuple[str, ...] = field(default=(), metadata={
        "description": "Brands of other clients that must never appear in this pack."})
    catalog: Catalog = field(default_factory=default_catalog)
    knowledge: KnowledgeBase = field(default_factory=default_knowledge)
    writer: SectionWriter | None = field(default=None, metadata={
        "description": "Writes one section; None means the offline engine."})
    kaizen_provider: KaizenProvider | None = field(default=None, metadata={
        "description": "Builds Kaizen context for (tenant, industry); None means no learning yet."})
    sink: PackSink | None = field(default=None, metadata={"description": "Stores the finished pack."})
    strategist: StrategyRefiner | None = field(default=None, metadata={
        "description": "Sharpens the strategy core's words with an LLM; None keeps the planner's words."})
    rubric: Callable[..., Any] | None = field(default=None, metadata={
        "description": "Optional LLM rubric run after the deterministic gates (advisory warnings)."})
    engine: Literal["offline", "llm"] = field(default="offline", metadata={
        "description": "Which engine this run uses (recorded in the result)."})
