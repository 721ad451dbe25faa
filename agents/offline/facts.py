"""Brief and strategy facts phrased once, so every offline composer quotes the same words and numbers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from agents.offline.sections import SectionInput
from tools.catalog import SectionRules
from tools.currencies import SYMBOLS
from tools.planning.channels import paid_allowed
from tools.planning.slots import Slots, fill_slots, join_and
from tools.result import ChannelAllocation, KpiTarget

__all__ = ["Facts", "Phase", "SectionContext", "Slots", "cap", "day", "join_and", "lower_first", "money", "percent",
           "possessive", "sentence", "unique"]


def money(amount: float, currency: str) -> str:
    """'$6,300' / '€1,250' / '12,000 SEK' — whole units, thousands separated."""
    symbol = SYMBOLS.get(currency)
    value = f"{amount:,.0f}"
    return f"{symbol}{value}" if symbol else f"{value} {currency}"


def percent(share: float) -> str:
    """0.35 -> '35%'."""
    return f"{share * 100:.0f}%"


def day(value: date) -> str:
    """ISO date, the form every calendar and KPI deadline uses."""
    return value.isoformat()


def lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an acronym or a name."""
    if not text:
        return text
    first = text.split()[0]
    if first.isupper() or (len(first) > 1 and any(c.isupper() for c in first[1:])):
        return text
    return text[0].lower() + text[1:]


def sentence(text: str) -> str:
    """Capitalise and end with a full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


@dataclass(frozen=True)
class Facts:
    """Derived phrases of one SectionInput. Optional brief fields never leak as placeholders."""

    inp: SectionInput

    @property
    def brand(self) -> str:
        return self.inp.brief.brand_name

    @property
    def industry(self) -> str:
        return self.inp.brief.industry

    @property
    def product(self) -> str:
        return lower_first(self.inp.brief.product_service)

    @property
    def goal(self) -> str:
        return self.inp.brief.primary_goal

    @property
    def customer(self) -> str:
        return lower_first(self.inp.brief.primary_customer)

    @property
    def b2b(self) -> bool:
        return self.inp.brief.is_b2b

    @property
    def archetype(self) -> str:
        return self.inp.strategy.archetype

    @property
    def geography(self) -> str | None:
        return self.inp.brief.geography

    @property
    def in_geo(self) -> str:
        """' in Austin, Texas' or '' when no geography was given."""
        return f" in {self.geography}" if self.geography else ""

    @property
    def currency(self) -> str:
        return self.inp.strategy.currency

    @property
    def budget_total(self) -> float:
        return self.inp.strategy.budget_total

    @property
    def has_budget(self) -> bool:
        return self.budget_total > 0

    @property
    def budget_text(self) -> str:
        """'$18,000 over the campaign' or 'no paid budget (organic only)'."""
        if not self.has_budget:
            return "no paid budget (organic only)"
        return f"{money(self.budget_total, self.currency)} over the campaign"

    def money(self, amount: float) -> str:
        return money(amount, self.currency)

    @property
    def start(self) -> date:
        return self.inp.strategy.timeline.start

    @property
    def end(self) -> date:
        return self.inp.strategy.timeline.end

    @property
    def days(self) -> int:
        return self.inp.strategy.timeline.days

    @property
    def window(self) -> str:
        """'2026-11-23 to 2027-02-20 (90 days)'."""
        return f"{day(self.start)} to {day(self.end)} ({self.days} days)"

    @property
    def channels(self) -> list[ChannelAllocation]:
        return self.inp.strategy.channel_mix

    @property
    def channel_names(self) -> list[str]:
        return [c.channel for c in self.channels]

    @property
    def ranked_channels(self) -> list[ChannelAllocation]:
        """The channel mix, largest budget share first."""
        return sorted(self.channels, key=lambda c: -c.budget_share)

    @property
    def top_channels(self) -> list[str]:
        return [c.channel for c in self.ranked_channels[:3]]

    @property
    def kpis(self) -> list[KpiTarget]:
        return self.inp.strategy.kpi_targets

    @property
    def pillars(self) -> list[str]:
        return [p.name for p in self.inp.strategy.pillars]

    @property
    def tones(self) -> list[str]:
        tones = self.inp.brief.tone_of_voice or self.inp.kaizen.recommended_tones
        return tones or (["clear", "credible", "practical"] if self.b2b else ["warm", "direct", "upbeat"])

    @property
    def pains(self) -> list[str]:
        return self.inp.brief.pain_points

    @property
    def competitors(self) -> list[str]:
        return self.inp.brief.competitors

    @property
    def competitor_phrase(self) -> str:
        """'Tatcha, First Aid Beauty and The Ordinary' or 'the established alternatives'."""
        return join_and(self.competitors) if self.competitors else "the established alternatives"

    @property
    def proof(self) -> list[str]:
        return self.inp.brief.proof_points

    @property
    def thirds(self) -> list[tuple[date, date]]:
        """The campaign window cut into three consecutive spans (at least one day each)."""
        start, days = self.start, max(3, self.days)
        cut1, cut2 = start + timedelta(days=days // 3), start + timedelta(days=2 * days // 3)
        return [(start, cut1 - timedelta(days=1)), (cut1, cut2 - timedelta(days=1)), (cut2, self.end)]

    @cached_property
    def goal_number(self) -> str | None:
        """The first number in the goal ('200', '25,000', '12%'), if any."""
        match = re.search(r"\d[\d,\.]*%?", self.goal)
        return match.group(0) if match else None


def possessive(name: str) -> str:
    """"CloudSync's" / "Glow Botanicals'"."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def unique(items: Iterable[str]) -> list[str]:
    """Items in order without case-insensitive duplicates or blanks, stripped."""
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        key = item.strip().lower()
        if key and key not in seen:
            seen.add(key)
            out.append(item.strip())
    return out


def cap(text: str) -> str:
    """Upper-case the first letter only."""
    return text[:1].upper() + text[1:] if text else text


@dataclass(frozen=True)
class Phase:
    """One third of the campaign window, with its job when a composer gives it one."""

    name: str
    start: date
    end: date
    job: str = ""

    @property
    def span(self) -> str:
        """'2027-01-04 to 2027-02-02'."""
        return f"{day(self.start)} to {day(self.end)}"


class SectionContext:
    """One SectionInput with its Facts: the base of every group's composer context."""

    kb_prefix = ""

    def __init__(self, inp: SectionInput) -> None:
        self.inp = inp
        self.f = Facts(inp)
        self.brief = inp.brief
        self.strategy = inp.strategy
        self.rules: SectionRules = inp.rules

    @property
    def brand(self) -> str:
        """The brand name exactly as the brief spells it."""
        return self.f.brand

    @property
    def brand_s(self) -> str:
        """The brand's possessive: "CloudSync's", "Glow Botanicals'"."""
        return possessive(self.brand)

    @property
    def b2b(self) -> bool:
        """True for B2B briefs."""
        return self.f.b2b

    def pick(self, topic: str) -> Any:
        """Knowledge of ``topic`` for this brief's archetype (general B2B/B2C fallback)."""
        return self.inp.kb.pick(topic, self.f.archetype, self.b2b)

    def kb(self, topic: str) -> Any:
        """Knowledge of this group's ``<kb_prefix><topic>`` topic for the brief's archetype."""
        return self.pick(f"{self.kb_prefix}{topic}")

    @cached_property
    def slots(self) -> Slots:
        """Values our knowledge templates may quote (each group names its own)."""
        return Slots()

    def fill(self, template: str, **extra: str) -> str:
        """Fill one of OUR knowledge templates with brief values (brief text is never used as a template)."""
        return fill_slots(str(template), {**self.slots, **extra} if extra else self.slots)

    def fills(self, templates: Iterable[str]) -> list[str]:
        """Fill several templates."""
        return [self.fill(t) for t in templates]

    @cached_property
    def paid_ok(self) -> bool:
        """Paid media is allowed (a budget, no constraint against ads) and the mix has a paid channel."""
        allowed = paid_allowed(self.inp.brief.constraints, self.f.budget_total)
        return allowed and any(c.paid for c in self.f.channels)
