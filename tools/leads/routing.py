"""Route a qualified lead to a sequence by effective score (spec/cam.md "Route") and schedule its steps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tools.leads.campaign import Rules, SequenceSpec
from tools.leads.records import SIGNALS, FactsLike


@dataclass(frozen=True)
class Route:
    """The chosen sequence and the numbers behind the choice."""

    sequence: str
    score: float
    effective_score: float
    intent_share: float
    boosted: bool
    offsets: tuple[int, ...]
    goal: str

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form for the lead's record."""
        return {"sequence": self.sequence, "score": self.score, "effective_score": self.effective_score,
                "intent_share": self.intent_share, "boosted": self.boosted, "offsets": list(self.offsets),
                "goal": self.goal}


def intent_share(enrichment: FactsLike) -> float:
    """True signals out of six."""
    return round(sum(bool(getattr(enrichment, name)) for name in SIGNALS) / len(SIGNALS), 4)


def pick_sequence(effective_score: float, sequences: list[SequenceSpec]) -> SequenceSpec:
    """The first sequence (highest threshold first) whose minimum the score meets."""
    for spec in sorted(sequences, key=lambda s: s.min_score, reverse=True):
        if effective_score >= spec.min_score:
            return spec
    raise ValueError("no sequence takes this score: one sequence must have min_score 0")


def route_lead(score: float, enrichment: FactsLike, rules: Rules | None = None) -> Route:
    """Intent share >= 0.5 adds 0.15 (capped at 1); the effective score picks the sequence."""
    rules = rules or Rules()
    share = intent_share(enrichment)
    boosted = share >= rules.intent_share_boost_at
    effective = round(min(1.0, score + rules.intent_boost), 4) if boosted else score
    spec = pick_sequence(effective, rules.sequences)
    return Route(sequence=spec.name, score=score, effective_score=effective, intent_share=share, boosted=boosted,
                 offsets=tuple(spec.offsets), goal=spec.goal)


def step_due(started_at: datetime, offsets: tuple[int, ...] | list[int], step: int) -> datetime:
    """When step ``step`` (1-based) is due: the sequence start plus that step's day offset."""
    return started_at + timedelta(days=offsets[step - 1])
