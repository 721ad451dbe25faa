"""Per-run knobs of the pack graph, passed as the runtime context (not state, not environment)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from agents.offline.sections import SectionInput
from memory.kaizen import KaizenContext
from tools.catalog import Catalog, default_catalog
from tools.knowledge import KnowledgeBase, default_knowledge
from tools.result import PackResult


@dataclass(frozen=True)
class WrittenSection:
    """What a section writer returns: the body and who wrote it."""

    markdown: str
    engine: Literal["offline", "llm"] = "offline"
    provider: str | None = None
    model: str | None = None


SectionWriter = Callable[[SectionInput], WrittenSection]
KaizenProvider = Callable[[str, str], KaizenContext]
PackSink = Callable[[PackResult], None]


@dataclass(kw_only=True)
class PackContext:
    """Run-scoped configuration for the pack graph."""

    today: date = field(default_factory=date.today, metadata={"description": "The date plans start from."})
    max_revisions: int = field(default=2, metadata={"description": "Revision rounds for failing sections."})
    strict: bool = field(default=False, metadata={"description": "Refuse to run on a vague brief."})
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
