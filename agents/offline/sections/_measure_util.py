"""Shared context for the measure group's composers: brief facts, knowledge picks, KPI and offer guards."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from functools import cached_property
from typing import Any

from agents.offline.facts import SectionContext, Slots, day, join_and, lower_first, money, percent
from agents.offline.guard import avoided_terms, names_avoided_platform, quotes_any
from agents.offline.sections import context_composer
from tools.result import ChannelAllocation, KpiTarget

_CUT = re.compile(r"\s+(?:for|from|with|sold|that|which|delivered|made|built|designed|brewed|crafted|roasted|"
                  r"plus|and a|and an|in \d+)\s+|[(:;]|\s+-\s+")
_TRAIL = re.compile(r"[\s,]+(?:and|or|of|the|a|an|with|for|to)$", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:a|an|the|our)\s+", re.IGNORECASE)
_DISCOUNT_CAP = re.compile(r"\bno\s+discounts?\s+(?:deeper|more|greater|bigger|higher|larger|over)\s+than\s+"
                           r"(\d+)", re.IGNORECASE)
_NO_DISCOUNT = re.compile(r"\bno\s+(?:discounts?|discounting|price\s+cuts?|coupons?)\b(?!\s+(?:deeper|more|"
                          r"greater|bigger|higher|larger|over))", re.IGNORECASE)
_CHECKPOINT = " (midpoint checkpoint)"
_PAID = re.compile(r"(?<![\w-])(paid|ads?|ad set|ad spend|retarget\w*|prospecting|cpm|sponsored|bids?|"
                   r"keywords?|search terms?|search click-through|frequency|creator fees)(?![\w-])", re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")


_SMALL = frozenset({"rate", "per", "of", "the", "to", "on", "in", "by", "and", "a", "or", "for"})
_GENERIC = frozenset({"cost", "value", "within", "day", "days", "monthly", "weekly", "average", "new", "total",
                      "first", "share", "page", "customer", "conversion", "time", "number", "all", "14", "30",
                      "60", "90", "order", "active", "post", "growth", "score", "online"})


def _tokens(text: str) -> set[str]:
    """Content tokens of a metric name, plural 's' dropped."""
    words = _WORD.findall(text.lower())
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words} - _SMALL


def _contains(outer: str, inner: str) -> bool:
    return bool(re.search(rf"(?<![\w-]){re.escape(inner.lower())}(?![\w-])", outer.lower()))


def _match_score(metric: str, mine: set[str], kpi: str, theirs: set[str]) -> float:
    """How surely a benchmark metric and a strategy KPI name the same thing (above 0.5 = same)."""
    if mine == theirs:
        return 3.0
    union = len(mine | theirs)
    small = min(mine, theirs, key=len)
    if (mine <= theirs or theirs <= mine) and len(small) > 1:
        return 1.0 + len(mine & theirs) / union
    shorter = min((metric, mine), (kpi, theirs), key=lambda pair: len(pair[1]))
    if shorter[1] - _GENERIC and _contains(metric if shorter[0] == kpi else kpi, shorter[0]):
        return 1.0
    a, b = mine - _GENERIC, theirs - _GENERIC
    return len(a & b) / len(a | b) if a and b else 0.0


class Ctx(SectionContext):
    """One SectionInput seen through the measure group's lens."""

    @cached_property
    def life(self) -> dict[str, Any]:
        """Lifecycle vocabulary of the archetype: unit, conversion event, lapse window, north star."""
        return dict(self.kb("measure_lifecycle"))

    @cached_property
    def short(self) -> str:
        """A short product name for subject lines: 'specialty coffee subscription', 'CloudSync app'."""
        products = self.inp.brief.products
        if products:
            return products[0].name
        text = _ARTICLE.sub("", self.inp.brief.product_service.strip())
        head = _CUT.split(text, maxsplit=1)[0].strip()
        words = head.split()
        if len(words) < 2:
            return f"{self.brand} {lower_first(head) or self.life['unit']}"
        return lower_first(_TRAIL.sub("", " ".join(words[:6])).strip(" ,"))

    def pain(self, i: int = 0) -> str:
        """The i-th pain point (cycled), or the archetype's typical friction when none was given."""
        pains = self.f.pains
        return pains[i % len(pains)] if pains else str(self.life["default_pain"])

    def proof(self, i: int = 0) -> str | None:
        """The i-th proof point (cycled), if any."""
        proof = self.f.proof
        return proof[i % len(proof)] if proof else None

    @cached_property
    def slots(self) -> Slots:
        """Values our knowledge templates may quote."""
        f = self.f
        return Slots(
            brand=self.brand, short=self.short, product=f.product, customer=f.customer,
            pain=self.pain(0), pain2=self.pain(1), proof=self.proof(0) or str(self.life["proof_fallback"]),
            unit=str(self.life["unit"]), units=str(self.life["units"]), event=str(self.life["conversion"]),
            repeat=str(self.life["repeat"]), lapse=str(self.life["lapse_days"]),
            competitor=join_and(f.competitors) if f.competitors else "lower-cost alternatives",
            industry=lower_first(f.industry), geo=f.geography or "every market served",
        )

    def offer(self, template: str, pct: int) -> str | None:
        """An offer line with its discount clipped to the brief's ceiling; None when discounts are ruled out."""
        if pct and self.discount_cap <= 0:
            return None
        return self.fill(template, pct=str(self.discount(pct)))

    @property
    def brief_offers(self) -> list[str]:
        """The brief's current offer and must-include messages, quoted as given."""
        b = self.inp.brief
        out = [f"The current offer stays the entry point: {b.current_offers}"] if b.current_offers else []
        out += [f"Every offer message keeps the promise '{m}' visible" for m in b.must_include_messages]
        return out

    # --- strategy numbers -------------------------------------------------------------------------

    @cached_property
    def goal(self) -> str:
        """The brief's goal, lower-cased first letter, with avoided platform names replaced by 'social'."""
        text = self.inp.brief.primary_goal
        for p in self.inp.brief.avoid_platforms:
            if p.strip():
                text = re.sub(rf"(?<!\w){re.escape(p)}(?!\w)", "social", text, flags=re.IGNORECASE)
        return lower_first(text)

    @property
    def mix(self) -> list[ChannelAllocation]:
        """The strategy core's channel mix."""
        return self.inp.strategy.channel_mix

    def channel(self, name: str) -> ChannelAllocation | None:
        """The mix entry whose channel matches ``name`` (case-insensitive), if any."""
        low = name.lower()
        return next((c for c in self.mix if c.channel.lower() == low), None)

    def share_text(self, c: ChannelAllocation) -> str:
        """'29% of the budget (17,400 USD)' or '27% of team effort' on an organic-only plan."""
        if self.f.has_budget:
            return f"{percent(c.budget_share)} of the budget ({money(c.budget_amount, self.f.currency)})"
        return f"{percent(c.budget_share)} of team effort"

    @property
    def paid_channels(self) -> list[str]:
        """Paid channels in the mix, empty when paid media is ruled out."""
        return [c.channel for c in self.mix if c.paid] if self.paid_ok else []

    @property
    def kpis(self) -> list[KpiTarget]:
        """Strategy KPI targets, minus any that name a platform the brief avoids (never quoted)."""
        return [k for k in self.inp.strategy.kpi_targets if not self.avoided(k.kpi)]

    @property
    def main_kpis(self) -> list[KpiTarget]:
        """KPI targets without the midpoint checkpoints."""
        return [k for k in self.kpis if _CHECKPOINT not in k.kpi]

    @property
    def checkpoint(self) -> KpiTarget | None:
        """The midpoint checkpoint target, if the strategy set one."""
        return next((k for k in self.kpis if _CHECKPOINT in k.kpi), None)

    def kpi_text(self, k: KpiTarget) -> str:
        """'marketing-qualified leads: 500 by 2027-03-31 (baseline 12%)' quoted exactly."""
        base = ""
        if k.baseline and "baseline" not in k.target.lower():
            base = (f" (against the {k.baseline})" if "baseline" in k.baseline.lower()
                    else f" (baseline {k.baseline})")
        return f"{k.kpi}: {k.target} by {day(k.by)}{base}"

    def kpi_for(self, *words: str) -> KpiTarget | None:
        """The first main KPI target whose name contains any of ``words``."""
        for k in self.main_kpis:
            name = k.kpi.lower()
            if any(w.lower() in name for w in words):
                return k
        return None

    def conflicts(self, metric: str) -> KpiTarget | None:
        """The strategy KPI a benchmark metric would restate, so benchmarks never give it another value."""
        mine = _tokens(metric)
        best, best_score = None, 0.0
        for k in self.main_kpis:
            theirs = _tokens(k.kpi)
            if not (mine and theirs):
                continue
            score = _match_score(metric, mine, k.kpi, theirs)
            if score > 0.5 and score > best_score:
                best, best_score = k, score
        return best

    def benchmark(self, metric: str, value: str, label: str = "benchmark") -> str:
        """'open rate: 35-45% (benchmark)' or the strategy's own target when the metric is a KPI."""
        k = self.conflicts(metric)
        if k is not None:
            return f"{k.kpi}: {k.target} by {day(k.by)} (strategy target)"
        return f"{metric}: {value} ({label})"

    # --- offers and dates -------------------------------------------------------------------------

    @cached_property
    def discount_cap(self) -> int:
        """Deepest discount in percent this brief allows; 0 means no discounts at all."""
        cap = 15
        for c in self.inp.brief.constraints:
            found = _DISCOUNT_CAP.search(c)
            if found:
                cap = min(cap, int(found.group(1)))
            elif _NO_DISCOUNT.search(c):
                cap = 0
        return cap

    def discount(self, wanted: int) -> int:
        """``wanted`` percent clipped to the brief's discount ceiling."""
        return max(0, min(wanted, self.discount_cap))

    def on(self, offset: int) -> str:
        """ISO date ``offset`` days after the start, clipped to the campaign window."""
        when = self.f.start + timedelta(days=offset)
        return day(min(max(when, self.f.start), self.f.end))

    @property
    def midpoint(self) -> date:
        """The checkpoint date, or the middle of the window."""
        cp = self.checkpoint
        return cp.by if cp else self.f.start + timedelta(days=self.f.days // 2)

    def avoided(self, text: str) -> bool:
        """True when ``text`` names a platform the brief avoids, or one of its aliases (as the critic matches)."""
        return names_avoided_platform(text, avoided_terms(tuple(self.inp.brief.avoid_platforms)))

    def clean(self, items: Iterable[str]) -> list[str]:
        """Drop items naming an avoided platform, a Kaizen-banned phrase, or paid media on a no-paid plan."""
        banned = self.inp.kaizen.banned_phrases
        no_paid = not self.paid_channels
        return [self.kpi_safe(i) for i in items if i and not self.avoided(i)
                and not quotes_any(i, banned) and not (no_paid and _PAID.search(i))]

    def kpi_safe(self, text: str) -> str:
        """``text``, unless it pairs a strategy KPI's name with another number: then a pace rule for that KPI."""
        low = text.lower()
        for k in self.main_kpis:
            if k.kpi.lower() in low and re.search(r"\d", text) and k.target not in text:
                label = re.match(r"^[A-Z][\w -]{0,20}: ", text)
                return f"{label.group(0) if label else ''}{k.kpi} off pace against its target of {k.target} " \
                       "for 2 weeks in a row"
        return text

    def rows(self, rows: Iterable[Sequence[str]]) -> list[Sequence[str]]:
        """Table rows kept by ``clean`` (judged on the whole row's text)."""
        rows = list(rows)
        kept = set(self.clean(" | ".join(map(str, r)) for r in rows))
        return [r for r in rows if " | ".join(map(str, r)) in kept]


measure_composer = context_composer(Ctx)
