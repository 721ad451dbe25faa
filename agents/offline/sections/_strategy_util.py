"""Shared context for the strategy composers: brief facts, knowledge picks, quoted numbers and safe output."""

from __future__ import annotations

import re
from functools import cached_property

from agents.offline.facts import Phase, SectionContext, Slots, day, join_and, lower_first, money, percent
from agents.offline.guard import (
    avoided_terms,
    compiled,
    global_phrases,
    names_avoided_platform,
    phrases_regex,
    quality_patterns,
)
from agents.offline.sections import context_composer
from tools.markdown import Block
from tools.quality.metrics import is_heading
from tools.result import ChannelAllocation, KpiTarget

_NEEDS_THE = re.compile(r"(United\b|Netherlands|Philippines|UK\b|US\b|USA\b|UAE\b|Pacific\b|Midwest|Nordics|Baltics)")


_AUDIENCE_CUT = re.compile(r",\s|\s(?:who|that|living|within|with|at|in|booking|furnishing|looking)\s")


class Ctx(SectionContext):
    """Everything a strategy composer quotes, phrased once so every section agrees."""

    kb_prefix = "strategy_"

    @cached_property
    def slots(self) -> Slots:
        """Template values; optional fields get neutral wording."""
        return Slots(
            brand=self.f.brand, product=self.f.product, customer=self.f.customer, pain=self.pains[0],
            proof=self.proofs[0] if self.proofs else "results from current customers",
            industry=lower_first(self.f.industry),
            competitor=self.f.competitors[0] if self.f.competitors else "the usual alternatives",
        )

    # -- brief facts -------------------------------------------------------------------------
    @cached_property
    def pains(self) -> list[str]:
        """The brief's pain points, else the archetype's typical ones."""
        return [lower_first(p) for p in self.f.pains] or list(self.kb("typical_pains"))

    @cached_property
    def audience(self) -> str:
        """A short name for the primary customer ('home coffee enthusiasts aged 28-55')."""
        full = self.f.customer
        head = _AUDIENCE_CUT.split(full, maxsplit=1)[0].strip()
        return head if 2 <= len(head.split()) < len(full.split()) else full

    @cached_property
    def benefit(self) -> str:
        """What the brand does for the customer, from the strategy core's positioning."""
        hit = re.search(r"\bchoice that (.+?)\.?$", self.strategy.positioning)
        if hit:
            return hit.group(1)
        return f"delivers {self.fill(self.kb('value')['functional'][0])}"

    @property
    def pains_given(self) -> bool:
        """True when the brief named its own pain points."""
        return bool(self.f.pains)

    @cached_property
    def proofs(self) -> list[str]:
        """Proof points, re-joining numbers a list split at the thousands comma ('40', '000 x')."""
        out: list[str] = []
        for item in self.f.proof:
            if out and re.fullmatch(r"\d{1,3}", out[-1]) and re.match(r"\d{3}\b", item):
                out[-1] = f"{out[-1]},{item}"
            else:
                out.append(item)
        return [p for p in out if not re.fullmatch(r"[\d,.\s]*", p)]

    @property
    def geo(self) -> str:
        """The geography with its article ('the United States'), or a neutral phrase."""
        g = self.f.geography
        if not g:
            return "the brand's core market"
        return f"the {g}" if _NEEDS_THE.match(g) else g

    @property
    def in_geo(self) -> str:
        """' in the United States' or '' when no geography was given."""
        return f" in {self.geo}" if self.f.geography else ""

    @property
    def customer_geo(self) -> str:
        """The full primary customer plus the geography, unless the customer already names a place."""
        located = re.search(r"\b(in|across) (the )?[A-Z]", self.brief.primary_customer)
        return self.f.customer if located else f"{self.f.customer}{self.in_geo}"

    @property
    def spend(self) -> str:
        """'budget' when the plan spends money, else 'effort'."""
        return "budget" if self.f.has_budget else "effort"

    @property
    def tones(self) -> str:
        """'clear, technical and confident'."""
        return join_and([t.lower() for t in self.f.tones])

    @cached_property
    def product_names(self) -> list[str]:
        """Named products of the brief."""
        return [p.name for p in self.brief.products]

    @cached_property
    def discount_cap(self) -> int | None:
        """The deepest discount a constraint allows, in percent."""
        for c in self.brief.constraints:
            hit = re.search(r"(\d{1,2})\s*(?:%|percent)", c, re.I)
            if hit and re.search(r"discount|off\b|promo", c, re.I):
                return int(hit.group(1))
        return None

    # -- strategy core -----------------------------------------------------------------------
    @property
    def channels(self) -> list[ChannelAllocation]:
        """The channel mix, largest share first."""
        return self.f.ranked_channels

    def channel_share(self, c: ChannelAllocation) -> str:
        """'29%, $17,400' or '33% of effort' when there is no budget."""
        if self.f.has_budget:
            return f"{percent(c.budget_share)}, {money(c.budget_amount, self.f.currency)}"
        return f"{percent(c.budget_share)} of effort"

    def channel_move(self, c: ChannelAllocation) -> str:
        """How this channel carries the campaign, from the knowledge base or the catalog role."""
        moves = self.inp.kb.topics.get("strategy_channel_moves", {})
        first, second = ("general_b2b", "general_b2c") if self.f.b2b else ("general_b2c", "general_b2b")
        return moves.get(first, {}).get(c.channel) or moves.get(second, {}).get(c.channel) or c.role

    @property
    def top_channels(self) -> str:
        """'Google Search, LinkedIn and Email'."""
        return join_and([c.channel for c in self.channels[:3]]) or "owned channels"

    @property
    def kpis(self) -> list[KpiTarget]:
        """KPI targets without midpoint checkpoints."""
        return [k for k in self.f.kpis if "checkpoint" not in k.kpi.lower()]

    @property
    def checkpoints(self) -> list[KpiTarget]:
        """Midpoint checkpoints of the strategy core."""
        return [k for k in self.f.kpis if "checkpoint" in k.kpi.lower()]

    @cached_property
    def goal_kpis(self) -> list[KpiTarget]:
        """Targets that restate the primary goal (always at least the first target)."""
        goal = self.f.goal.lower()
        found = [k for k in self.kpis if k.kpi.split()[0].lower() in goal]
        return found or self.kpis[:1]

    @property
    def support_kpis(self) -> list[KpiTarget]:
        """Targets that support the goal."""
        return [k for k in self.kpis if k not in self.goal_kpis]

    @staticmethod
    def kpi_line(k: KpiTarget) -> str:
        """'monthly churn: 7% by 2027-05-21 (baseline 12%)' — exactly as the strategy core states it."""
        base = f" (baseline {k.baseline})" if k.baseline and k.baseline[:1].isdigit() else ""
        return f"{k.kpi}: {k.target} by {day(k.by)}{base}"

    @property
    def lead_kpi(self) -> str:
        """The first goal target as a phrase, or the goal itself."""
        return self.kpi_line(self.goal_kpis[0]) if self.goal_kpis else self.f.goal

    @cached_property
    def phases(self) -> list[Phase]:
        """Three consecutive phases covering the timeline."""
        names = ("Phase 1: Launch and learn", "Phase 2: Scale what works", "Phase 3: Convert and keep")
        return [Phase(name, start, end, job)
                for name, (start, end), job in zip(names, self.f.thirds, self.kb_phase_jobs(), strict=True)]

    def kb_phase_jobs(self) -> list[str]:
        """The job of each phase for this brief."""
        lead = self.channels[0].channel if self.channels else "the lead channel"
        return [
            f"ship the core assets, open {lead} and capture baselines for every KPI",
            "move budget and effort to the two best-performing channels and formats",
            f"push the conversion asks and lock in repeat behaviour behind {self.f.brand}",
        ]

    @property
    def calendar_first(self) -> str:
        """'2027-01-04 on LinkedIn: The hidden cost of ...' for the first calendar entry."""
        cal = self.strategy.calendar
        if not cal:
            return f"{day(self.f.start)}: launch"
        return f"{day(cal[0].date)} on {cal[0].channel}: {cal[0].theme}"

    def heading_set(self) -> set[str]:
        """Required headings of this section's rules, lower-cased."""
        return {h.lower() for h in self.rules.required_headings}


# -- output safety ---------------------------------------------------------------------------

def _banned(ctx: Ctx) -> tuple[tuple[str, ...], re.Pattern[str] | None, tuple[re.Pattern[str], ...]]:
    """Lower-cased banned phrases, their alternation and the raw patterns a line must never match."""
    words = tuple(w.lower().replace("’", "'") for w in (
        *ctx.brief.must_avoid_messages, *ctx.rules.forbidden_phrases, *global_phrases(),
        *ctx.inp.kaizen.banned_phrases) if w.strip())
    return words, phrases_regex(words), compiled((*ctx.rules.forbidden_patterns, *quality_patterns()))


def clean_blocks(blocks: list[Block], ctx: Ctx) -> list[Block]:
    """Drop any body line that names an avoided platform, a must-avoid message or a banned phrase."""
    words, phrases, raw = _banned(ctx)
    terms = avoided_terms(tuple(ctx.brief.avoid_platforms))
    low_terms = tuple(t.lower() for t in terms)

    def bad(text: str) -> bool:
        low = text.lower().replace("’", "'")
        if phrases is not None and any(w in low for w in words) and phrases.search(low):
            return True
        if any(t in low for t in low_terms) and names_avoided_platform(text, terms):
            return True
        return any(p.search(text) for p in raw)

    out: list[Block] = []
    for b in blocks:
        text = b.markdown
        if bad(text):
            text = "\n".join(ln for ln in text.splitlines() if is_heading(ln) or not bad(ln)).strip()
        if text:
            out.append(Block(text, optional=b.optional, priority=b.priority))
    return out


strategy_composer = context_composer(Ctx, clean_blocks)
