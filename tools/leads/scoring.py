"""Explainable lead score: 0.5 * ICP fit + 0.5 * opportunity, every factor kept with its weight and reason.

Numbers from spec/cam.md. A component is "unknown" (0.5) when the lead lacks the fact or the campaign's ICP does
not state a preference for it. Scores are rounded to 4 decimals before tiering, so a boundary is met exactly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from tools.leads.records import FactsLike, LeadRecord

if TYPE_CHECKING:
    from tools.leads.campaign import ICP, Rules

SIZE_LADDER = ("startup", "small", "medium", "enterprise")
_SIZE_ALIASES = {"smb": "small", "mid": "medium", "mid-market": "medium", "midmarket": "medium",
                 "large": "enterprise"}
_SIZE_NUMBER = re.compile(r"^\s*(\d[\d,]*)\s*(?:\+|-\s*\d[\d,]*)?\s*(?:employees)?\s*$", re.IGNORECASE)
_RUNGS = {name: i for i, name in enumerate(SIZE_LADDER)}
UNKNOWN = 0.5
Tier = Literal["HOT", "WARM", "COOL", "COLD"]
_SENIORITY = (
    (1.0, "c-level/founder", re.compile(r"\b(?:c[a-z]o|chief|founder|co-?founder)\b")),
    (0.95, "vp/president/executive", re.compile(r"\b(?:vp|svp|evp|vice president|president|executive)\b")),
    (0.90, "director/head", re.compile(r"\b(?:director|head)\b")),
    (0.70, "manager", re.compile(r"\bmanager\b")),
    (0.65, "lead", re.compile(r"\blead\b")),
    (0.60, "senior", re.compile(r"\b(?:senior|sr)\b")),
)
SIGNAL_WEIGHTS = (("recent_job_change", 0.25), ("company_funded_recently", 0.15), ("company_hiring", 0.10),
                  ("recent_activity", 0.10), ("is_decision_maker", 0.15), ("has_budget_authority", 0.10))


@dataclass(frozen=True, slots=True)
class Factor:
    """One scored component: its weight in its group, its value 0-1 and why."""

    name: str
    weight: float
    value: float
    reason: str

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"name": self.name, "weight": self.weight, "value": self.value, "reason": self.reason}


@dataclass(frozen=True)
class ScoreBreakdown:
    """The score, its tier and every factor behind it."""

    score: float
    tier: Tier
    icp_fit: float
    opportunity: float
    icp_factors: tuple[Factor, ...]
    opportunity_factors: tuple[Factor, ...]

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready breakdown for the lead's record (built by hand: dataclasses.asdict deep-copies, 10x slower)."""
        return {"score": self.score, "tier": self.tier, "icp_fit": self.icp_fit, "opportunity": self.opportunity,
                "icp_factors": [f.as_dict() for f in self.icp_factors],
                "opportunity_factors": [f.as_dict() for f in self.opportunity_factors]}


@lru_cache(maxsize=8192)
def _norm(value: str | None) -> str:
    """Case-folded, single-spaced (cached: sizes, industries, locations and titles repeat across leads)."""
    return " ".join((value or "").casefold().split())


@lru_cache(maxsize=256)
def _targets(values: tuple[str, ...]) -> tuple[str, ...]:
    """Normalised, non-empty targets (cached: the same ICP is matched against every lead of a batch)."""
    return tuple(t for t in map(_norm, values) if t)


def size_rung(value: str | None) -> int | None:
    """Position on the size ladder from a name (startup..enterprise) or an employee count/range (lower bound)."""
    text = _norm(value)
    if not text:
        return None
    text = _SIZE_ALIASES.get(text, text)
    if text in SIZE_LADDER:
        return SIZE_LADDER.index(text)
    match = _SIZE_NUMBER.match(text)
    if not match:
        return None
    count = int(match[1].replace(",", ""))
    return 0 if count < 10 else 1 if count < 50 else 2 if count < 500 else 3


def size_fit(size: str | None, targets: list[str]) -> Factor:
    """Exact rung 1.0, else max(0.5, 1 - 0.2 * steps apart)."""
    rung = size_rung(size)
    if rung is None or not targets:
        return Factor("size", 0.30, UNKNOWN, "unknown size" if rung is None else "no target size")
    steps = min(abs(rung - _RUNGS[t]) for t in targets)
    value = 1.0 if steps == 0 else max(0.5, round(1 - 0.2 * steps, 4))
    return Factor("size", 0.30, value, f"{SIZE_LADDER[rung]}: {steps} step(s) from the target")


def industry_fit(industry: str | None, targets: list[str]) -> Factor:
    """Exact 1.0, one contains the other 0.8, else 0.3."""
    text = _norm(industry)
    wanted = _targets(tuple(targets))
    if not text or not wanted:
        return Factor("industry", 0.30, UNKNOWN, "unknown industry" if not text else "no target industry")
    if text in wanted:
        return Factor("industry", 0.30, 1.0, f"{text}: exact match")
    if any(w in text or text in w for w in wanted):
        return Factor("industry", 0.30, 0.8, f"{text}: partial match")
    return Factor("industry", 0.30, 0.3, f"{text}: not a target industry")


def revenue_fit(revenue: float | None, low: float | None, high: float | None) -> Factor:
    """Inside [min, max] 1.0; below max(0.3, revenue/min); above max(0.3, max/revenue)."""
    if revenue is None or (low is None and high is None):
        return Factor("revenue", 0.25, UNKNOWN, "unknown revenue" if revenue is None else "no target revenue")
    if low is not None and revenue < low:
        return Factor("revenue", 0.25, max(0.3, round(revenue / low, 4)), f"{revenue:,.0f} below {low:,.0f}")
    if high is not None and revenue > high:
        return Factor("revenue", 0.25, max(0.3, round(high / revenue, 4)), f"{revenue:,.0f} above {high:,.0f}")
    return Factor("revenue", 0.25, 1.0, f"{revenue:,.0f} inside the target range")


def location_fit(location: str | None, targets: list[str]) -> Factor:
    """Exact 1.0, a target contained in the lead's location 0.8, else 0.4."""
    text = _norm(location)
    wanted = _targets(tuple(targets))
    if not text or not wanted:
        return Factor("location", 0.15, UNKNOWN, "unknown location" if not text else "no target location")
    if text in wanted:
        return Factor("location", 0.15, 1.0, f"{text}: exact match")
    if any(w in text for w in wanted):
        return Factor("location", 0.15, 0.8, f"{text}: inside a target location")
    return Factor("location", 0.15, 0.4, f"{text}: outside the target locations")


def title_fit(title: str | None, roles: list[str]) -> Factor:
    """Exact 1.0, substring 0.8, no match 0.3, no target list 0.6, no title 0.5."""
    text = _norm(title)
    wanted = _targets(tuple(roles))
    if not text:
        return Factor("title", 0.35, 0.5, "no title")
    if not wanted:
        return Factor("title", 0.35, 0.6, "no target roles")
    if text in wanted:
        return Factor("title", 0.35, 1.0, f"{text}: exact target role")
    if any(w in text or text in w for w in wanted):
        return Factor("title", 0.35, 0.8, f"{text}: partial target role")
    return Factor("title", 0.35, 0.3, f"{text}: not a target role")


def seniority_fit(title: str | None, job_level: str | None = None) -> Factor:
    """Seniority from the title (else the job level): c-level/founder 1.0 down to senior 0.60, else 0.5."""
    text = _norm(title) or _norm(job_level)
    for value, label, pattern in _SENIORITY:
        if pattern.search(text):
            return Factor("seniority", 0.25, value, label)
    return Factor("seniority", 0.25, 0.5, "no seniority keyword" if text else "no title")


def signals_fit(enrichment: FactsLike) -> Factor:
    """0.5 plus each true signal's weight, capped at 1.0."""
    present = [(name, w) for name, w in SIGNAL_WEIGHTS if getattr(enrichment, name)]
    value = min(1.0, round(0.5 + sum(w for _, w in present), 4))
    return Factor("signals", 0.40, value, ", ".join(name for name, _ in present) or "no signals")


def tier_for(score: float, rules: Rules | None = None) -> Tier:
    """HOT >= 0.85, WARM >= 0.65, COOL >= 0.40, else COLD (thresholds from the campaign's rules)."""
    hot, warm, cool = (rules.hot, rules.warm, rules.cool) if rules else (0.85, 0.65, 0.40)
    return "HOT" if score >= hot else "WARM" if score >= warm else "COOL" if score >= cool else "COLD"


def _weighted(factors: tuple[Factor, ...]) -> float:
    return round(sum(f.weight * f.value for f in factors), 6)


def score_lead(lead: LeadRecord, icp: ICP, rules: Rules | None = None) -> ScoreBreakdown:
    """Score a lead against a campaign's ICP, keeping every factor."""
    return score_facts(lead.title, lead.enrichment, icp, rules)


def score_facts(title: str | None, e: FactsLike, icp: ICP, rules: Rules | None = None) -> ScoreBreakdown:
    """Score from a title and the company facts and signals (what score_lead reads from a lead)."""
    icp_factors = (size_fit(e.company_size, icp.sizes), industry_fit(e.industry, icp.industries),
                   revenue_fit(e.annual_revenue, icp.revenue_min, icp.revenue_max),
                   location_fit(e.location, icp.locations))
    opp_factors = (title_fit(title, icp.roles), seniority_fit(title, e.job_level), signals_fit(e))
    icp_fit, opportunity = _weighted(icp_factors), _weighted(opp_factors)
    score = round(0.5 * icp_fit + 0.5 * opportunity, 4)
    return ScoreBreakdown(score=score, tier=tier_for(score, rules), icp_fit=round(icp_fit, 4),
                          opportunity=round(opportunity, 4), icp_factors=icp_factors, opportunity_factors=opp_factors)
