"""The pack result contract (spec/result.md): issues, strategy core, sections and the pack."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

Severity = Literal["error", "warning"]
Status = Literal["PASS", "PASS_WITH_WARNINGS", "FAIL"]
Engine = Literal["offline", "llm", "mixed"]
ErrorType = Literal[
    "invalid_brief", "llm_unavailable", "llm_chain_failed", "llm_failure",
    "runtime_quality_failed", "budget_exceeded", "unexpected_error",
]


class Issue(BaseModel):
    """One quality finding: a stable code, its severity and a message a writer can act on."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    message: str


def status_of(issues: list[Issue]) -> Status:
    """FAIL on any error, PASS_WITH_WARNINGS on warnings only, else PASS."""
    if any(i.severity == "error" for i in issues):
        return "FAIL"
    return "PASS_WITH_WARNINGS" if issues else "PASS"


def worst_status(statuses: list[Status]) -> Status:
    """The worst of several statuses."""
    order: dict[Status, int] = {"PASS": 0, "PASS_WITH_WARNINGS": 1, "FAIL": 2}
    return max(statuses, key=order.__getitem__, default="PASS")


class Pillar(BaseModel):
    """A messaging/content pillar."""

    name: str
    description: str


class Audience(BaseModel):
    """An audience segment the strategy targets."""

    name: str
    description: str
    pain_points: list[str] = Field(default_factory=list)


class ChannelAllocation(BaseModel):
    """One channel in the mix with its role and its share of the budget."""

    channel: str
    role: str
    budget_share: float
    budget_amount: float
    paid: bool = False
    stage: str = "Awareness"


class KpiTarget(BaseModel):
    """A measurable target with its deadline."""

    kpi: str
    target: str
    by: date
    baseline: str | None = None


class CalendarEntry(BaseModel):
    """One dated item of the campaign calendar."""

    date: date
    channel: str
    theme: str
    stage: str
    format: str = ""
    pillar: str = ""
    cta: str = ""


class Timeline(BaseModel):
    """The resolved campaign window."""

    start: date
    end: date

    @property
    def days(self) -> int:
        """Length of the window in days, inclusive."""
        return (self.end - self.start).days + 1


class StrategyCore(BaseModel):
    """The single source of numbers every section quotes."""

    positioning: str
    big_idea: str
    pillars: list[Pillar]
    audiences: list[Audience]
    channel_mix: list[ChannelAllocation]
    kpi_targets: list[KpiTarget]
    calendar: list[CalendarEntry]
    timeline: Timeline
    budget_total: float = 0.0
    currency: str = "USD"
    archetype: str = "general"


class SectionMetrics(BaseModel):
    """Measured shape of a section body."""

    words: int = 0
    bullets: int = 0
    headings: int = 0
    table_rows: int = 0


class SectionResult(BaseModel):
    """One written section with its checks and who wrote it."""

    id: str
    title: str
    markdown: str
    status: Status = "PASS"
    issues: list[Issue] = Field(default_factory=list)
    metrics: SectionMetrics = Field(default_factory=SectionMetrics)
    attempts: int = 1
    engine: Literal["offline", "llm", "human"] = "offline"
    provider: str | None = None
    model: str | None = None
    usage: Usage | None = None
    fallbacks: list[dict[str, str]] = Field(default_factory=list)
    rubric: dict[str, Any] | None = None
    history: list[dict[str, Any]] = Field(default_factory=list)


class Usage(BaseModel):
    """LLM usage and cost for a run."""

    llm_calls: int = 0
    input_tokens: int = 0
    output_tokens: int = 0
    cost_usd: float = 0.0
    cache_hits: int = 0


def add_usage(left: Usage | None, right: Usage | None) -> Usage:
    """Sum two usage records (calls, tokens, cost, cache hits)."""
    a, b = left or Usage(), right or Usage()
    return Usage(llm_calls=a.llm_calls + b.llm_calls, input_tokens=a.input_tokens + b.input_tokens,
                 output_tokens=a.output_tokens + b.output_tokens, cost_usd=round(a.cost_usd + b.cost_usd, 6),
                 cache_hits=a.cache_hits + b.cache_hits)


class KaizenSummary(BaseModel):
    """What learning context was applied to this pack."""

    confidence: int = 0
    sample_size: int = 0
    applied: list[str] = Field(default_factory=list)


class PackResult(BaseModel):
    """pack.json: the machine-readable result of one pack run."""

    pack_key: str
    pack_label: str
    brief: dict[str, Any] | None
    status: Status
    quality_passed: bool
    engine: Engine = "offline"
    llm_used: bool = False
    stub_used: bool = False
    error_type: ErrorType | None = None
    debug_hint: str | None = None
    thread_id: str
    run_id: str
    created_at: str
    timings: dict[str, Any] = Field(default_factory=dict)
    usage: Usage = Field(default_factory=Usage)
    kaizen: KaizenSummary = Field(default_factory=KaizenSummary)
    clarity: dict[str, Any] | None = None
    strategy: StrategyCore | None = None
    pack_issues: list[Issue] = Field(default_factory=list)
    sections: list[SectionResult] = Field(default_factory=list)
    strategy_source: dict[str, Any] = Field(default_factory=lambda: {"engine": "offline"})


SectionResult.model_rebuild()
