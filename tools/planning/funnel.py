"""Supporting KPI targets derived from the goal's volumes, the budget and archetype benchmarks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from tools.currencies import SYMBOLS
from tools.planning.kpis import GoalTarget, format_count, kpi_kind, volume_of

RATE_KINDS = {"engagement_rate", "repeat_rate", "retention_30d", "view_through_rate", "completion_rate",
               "activation_rate", "recurring_share", "win_rate", "open_rate", "referral_rate"}
_ALIASES = {"mql": "marketing qualified lead", "mqls": "marketing qualified leads",
            "sql": "sales qualified lead",
            "ltv": "lifetime value", "clv": "lifetime value", "cac": "acquisition cost",
            "aov": "average order value", "roas": "return on ad spend", "nps": "net promoter score",
            "ctr": "click through rate", "cpl": "cost per lead"}
_GENERIC = {"rate", "growth", "total", "number", "count", "value", "the", "of", "and", "per", "to", "new",
            "a"}


@dataclass(frozen=True)
class Funnel:
    """Campaign volumes: leads and customers, each either stated in the goal or derived."""

    leads: float | None
    customers: float | None
    conversion: float
    leads_stated: bool = False
    customers_stated: bool = False


def money(amount: float, currency: str) -> str:
    """'$1,200' / '€12.50' / '3,400 SEK': cents only below 100 units."""
    value = f"{amount:,.2f}" if amount < 100 else f"{amount:,.0f}"
    symbol = SYMBOLS.get(currency)
    return f"{symbol}{value}" if symbol else f"{value} {currency}"


def percent(value: float) -> str:
    """A rate, whole above 10 and with at most one decimal below: 39.2 -> '39%', 3.84 -> '3.8%'."""
    text = f"{value:.0f}" if value >= 10 else f"{value:.1f}".removesuffix(".0")
    return f"{text}%"


def nice(value: float) -> float:
    """Round a derived volume to two significant figures (at least 1)."""
    if value < 10:
        return float(max(1, round(value)))
    digits = len(str(int(value))) - 2
    return float(round(value, -digits))


def improvement(days: int) -> float:
    """Relative lift a campaign of ``days`` can plausibly claim: ~4% a month, between 5% and 30%."""
    return min(0.30, max(0.05, 0.04 * days / 30))


def target_kind(target: GoalTarget) -> str:
    """Kind of a goal target, reading its value as well as its name."""
    value = target.target
    kind = kpi_kind(target.kpi)
    if re.search(r"[$€£₹¥]|\b[A-Z]{3}\b", value):
        return "value"
    if "%" in value and kind in {"leads", "customers", "followers", "reach", "other"}:
        return "rate"
    return kind


def build_funnel(goal: list[GoalTarget], bench: dict[str, Any], budget_usd: float) -> Funnel:
    """Leads and customers for the campaign: stated volumes first, then benchmark conversion or budget/CAC."""
    leads = customers = None
    for t in goal:
        volume = volume_of(t.target)
        kind = target_kind(t)
        if volume is None:
            continue
        if kind == "leads" and leads is None:
            leads = volume
        elif kind == "customers" and customers is None:
            customers = volume
    conversion = float(bench["conversion"])
    stated = (leads is not None, customers is not None)
    if leads and customers:
        conversion = min(100.0, customers / leads * 100)
    elif customers:
        leads = nice(customers / (conversion / 100))
    elif leads:
        customers = nice(leads * conversion / 100)
    elif budget_usd > 0:
        cac_low, cac_high = bench["cac"]
        customers = nice(budget_usd / ((cac_low + cac_high) / 2))
        leads = nice(customers / (conversion / 100))
    return Funnel(leads=leads, customers=customers, conversion=conversion,
                  leads_stated=stated[0], customers_stated=stated[1])


def spec_kind(name: str, kind: str) -> str:
    """Normalise a knowledge-base KPI kind ("orders", "rate", "cost") into a derivation rule."""
    if kind == "orders":
        return "customers"
    if kind == "cost":
        return "cost_per_lead" if kpi_kind(name) == "cost_per_lead" else "cost_per_customer"
    if kind == "rate":
        guessed = kpi_kind(name)
        return guessed if guessed in RATE_KINDS | {"conversion", "decrease"} else "uplift"
    return kind


def derive_target(kind: str, funnel: Funnel, bench: dict[str, Any], budget: float, currency: str,
                  days: int, engagement: float) -> str | None:
    """One value for a KPI of ``kind``; None when the numbers to derive it are missing (e.g. no budget)."""
    lift = improvement(days)
    relative = f"+{percent(lift * 100)} vs the pre-campaign baseline"
    if kind == "leads":
        return format_count(funnel.leads) if funnel.leads else relative
    if kind == "customers":
        return format_count(funnel.customers) if funnel.customers else relative
    if kind in {"cost_per_lead", "cost_per_customer"}:
        volume = funnel.leads if kind == "cost_per_lead" else funnel.customers
        return money(budget / volume, currency) if budget > 0 and volume else None
    if kind == "conversion":
        return percent(funnel.conversion)
    if kind == "engagement_rate":
        return percent(engagement)
    if kind in RATE_KINDS:
        base = float(bench.get(kind, bench.get("repeat_rate", 20)))
        return percent(min(95.0, base * (1 + lift / 2)))
    if kind == "pipeline":
        return money(budget * float(bench.get("pipeline_multiple", 4)), currency) if budget > 0 else None
    if kind == "roas":
        return f"{float(bench.get('roas', 3)) * (1 + lift / 2):.1f}x" if budget > 0 else None
    if kind == "rating":
        return f"{min(4.9, float(bench.get('review_rating', 4.5)) + 0.1):.1f} stars"
    if kind == "decrease":
        return f"-{percent(lift * 100)} vs the pre-campaign baseline"
    return relative


@lru_cache(maxsize=4096)
def _tokens(name: str) -> frozenset[str]:
    words = re.findall(r"[a-z0-9]+", name.lower())
    expanded = " ".join(_ALIASES.get(w, w) for w in words)
    return frozenset(w.rstrip("s")[:6] for w in re.findall(r"[a-z0-9]+", expanded) if w not in _GENERIC)


def covered(name: str, existing: list[str]) -> bool:
    """True when a KPI named ``name`` measures the same thing (kind and words) as one of ``existing``."""
    wanted, kind = _tokens(name), kpi_kind(name)
    if not wanted:
        return True
    for other in existing:
        theirs = _tokens(other)
        if theirs == wanted or (kpi_kind(other) == kind and (wanted <= theirs or theirs <= wanted)):
            return True
    return False


def engagement_target(bench: dict[str, Any], channel_factors: list[float], days: int) -> float:
    """Engagement-rate target: archetype benchmark scaled by the mix's social channels, plus a lift."""
    base = float(bench.get("engagement_rate", 3.0))
    factor = sum(channel_factors) / len(channel_factors) if channel_factors else 1.0
    return round(base * factor * (1 + improvement(days) / 2), 1)


_ONE_PER_KIND = {"leads", "customers", "conversion", "cost_per_lead", "cost_per_customer", "pipeline",
                 "engagement_rate", "rating", "roas", "followers", *RATE_KINDS}


@dataclass(frozen=True)
class KpiPlanInput:
    """Everything the KPI plan is derived from."""

    goal: list[GoalTarget]
    client_kpis: list[str]
    supporting: list[tuple[str, str]]
    bench: dict[str, Any]
    budget: float
    budget_usd: float
    currency: str
    days: int
    engagement: float


def kpi_plan(inp: KpiPlanInput) -> list[tuple[str, str, str | None]]:
    """(kpi, target, baseline) rows: goal targets, the client's KPIs, then supporting KPIs, names unique."""
    rows: list[tuple[str, str, str | None]] = [(t.kpi, t.target, t.baseline) for t in inp.goal]
    funnel = build_funnel(inp.goal, inp.bench, inp.budget_usd)
    kinds = {target_kind(t) for t in inp.goal
             if volume_of(t.target) is not None or target_kind(t) not in {"leads", "customers"}}

    def add(name: str, kind: str) -> None:
        if covered(name, [r[0] for r in rows]) or (kind in _ONE_PER_KIND and kind in kinds):
            return
        value = derive_target(kind, funnel, inp.bench, inp.budget, inp.currency, inp.days, inp.engagement)
        if value is not None:
            rows.append((name, value, "pre-campaign baseline" if "baseline" in value else None))
            kinds.add(kind)

    for name in inp.client_kpis:
        add(name, kpi_kind(name))
    for name, kind in inp.supporting:
        add(name, spec_kind(name, kind))
    if not inp.goal:
        lift = percent(improvement(inp.days) * 100)
        rows.insert(0, ("primary goal progress", f"+{lift} vs the pre-campaign baseline", "pre-campaign baseline"))
    return rows


def midpoint_checkpoint(goal: list[GoalTarget]) -> tuple[str, str] | None:
    """(kpi, target) of a 40% checkpoint for the first volume target of the goal, if there is one."""
    first = next((t for t in goal if volume_of(t.target)), None)
    if first is None:
        return None
    return f"{first.kpi} (midpoint checkpoint)", format_count(nice((volume_of(first.target) or 0) * 0.4))
