"""Shared context for the creative composers: brief facts, knowledge picks, quoted numbers and safe output."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property
from typing import Any

from agents.offline.facts import Phase, SectionContext, Slots, cap, day, join_and, lower_first, money, percent, unique
from agents.offline.guard import (
    Matchers,
    avoid_names,
    clean_line,
    ensure_brand,
    global_phrases,
    guard_blocks,
    matchers,
    platform_matchers,
)
from agents.offline.sections import context_composer
from agents.offline.sections.creative_text import ascii_words, tag
from tools.markdown import Block
from tools.planning.channels import paid_allowed
from tools.result import CalendarEntry, ChannelAllocation, KpiTarget

_DISCOUNT = re.compile(r"discount|% off|percent off|price cut|markdown", re.I)
_NUMBER = re.compile(r"(\d{1,3})\s*(%|percent)", re.I)
_NO_DISCOUNT = re.compile(r"\bno\s+(discounts?|price cuts?|markdowns?)\b", re.I)
_NEEDS_THE = re.compile(r"(United\b|Netherlands|Philippines|UK\b|US\b|USA\b|UAE\b|Pacific\b|Midwest|Nordics|"
                       r"Baltics|Czech Republic|Bay Area)")
_PLACED = re.compile(r"\b(in|within|across|near|around)\s+(the\s+)?[A-Z0-9]")


class Ctx(SectionContext):
    """Everything a creative composer quotes, phrased once so sections agree with the strategy core."""

    kb_prefix = "creative_"

    @cached_property
    def slots(self) -> Slots:
        """Template values; optional fields get neutral wording."""
        return Slots(brand=self.f.brand, product=self.f.product, customer=self.f.customer, pain=self.pains[0],
                     proof=cap(self.proof or f"What customers say about {self.f.brand}"),
                     goal=lower_first(self.f.goal), geo=self.brief.geography or "",
                     industry=lower_first(self.f.industry),
                     competitor=self.f.competitors[0] if self.f.competitors else "the usual alternatives")

    @cached_property
    def persona(self) -> dict[str, Any]:
        """The archetype's persona knowledge."""
        return dict(self.kb("persona"))

    # -- brief facts ---------------------------------------------------------------------------
    @cached_property
    def pains_given(self) -> bool:
        """True when the brief names pain points."""
        return bool(self.f.pains)

    @cached_property
    def pains(self) -> list[str]:
        """Brief pains, else the archetype's typical objections."""
        return unique([lower_first(p) for p in self.f.pains] or list(self.persona["objections"]))

    @cached_property
    def pain_pool(self) -> list[str]:
        """Brief pains first, topped up with the archetype's objections, for lists that need variety."""
        return unique([*self.pains, *[lower_first(o) for o in self.persona["objections"]]])

    @cached_property
    def proof(self) -> str | None:
        """The brief's first proof point, if any."""
        return self.f.proof[0] if self.f.proof else None

    @property
    def audience(self) -> str:
        """'buyers' for B2B, 'customers' for B2C."""
        return "buyers" if self.b2b else "customers"

    @cached_property
    def in_geo(self) -> str:
        """' in the United States' / ' in Austin, Texas' or '' without a geography."""
        geo = self.brief.geography
        if not geo or _PLACED.search(self.brief.primary_customer):
            return ""
        the = "the " if _NEEDS_THE.match(geo) else ""
        return f" in {the}{geo}"

    @cached_property
    def geo_short(self) -> str | None:
        """The first place named in the geography ('Austin' from 'Austin, Texas')."""
        geo = self.brief.geography
        if not geo:
            return None
        return re.split(r",| and | & |/", geo)[0].strip() or None

    @cached_property
    def secondary(self) -> tuple[str, str]:
        """(name, description) of the secondary audience: brief first, then the strategy core."""
        auds = self.strategy.audiences
        name, desc = (auds[1].name, auds[1].description) if len(auds) > 1 else ("Secondary buyers", "")
        if self.brief.secondary_customer:
            desc = lower_first(self.brief.secondary_customer) + (f", plus {desc}" if desc else "")
        return name, desc or lower_first(self.persona["secondary_role"])

    @cached_property
    def tones(self) -> list[str]:
        """Up to four tone words (brief, else Kaizen, else defaults)."""
        return unique(lower_first(t) for t in self.f.tones)[:4]

    @cached_property
    def must_include(self) -> list[str]:
        """Messages the brief requires."""
        return list(self.brief.must_include_messages)

    @cached_property
    def big_idea_name(self) -> str:
        """The campaign name: the big idea up to its colon."""
        return self.strategy.big_idea.split(":")[0].strip()

    @cached_property
    def big_idea_line(self) -> str:
        """The big idea's explanation after its name, as a sentence ('' when it has none)."""
        _, _, rest = self.strategy.big_idea.partition(":")
        rest = rest.strip().rstrip(".")
        return f"{cap(rest)}." if rest else ""

    # -- strategy numbers ----------------------------------------------------------------------
    @property
    def channels(self) -> list[ChannelAllocation]:
        """The strategy core's channel mix."""
        return self.strategy.channel_mix

    @cached_property
    def paid_ok(self) -> bool:
        """True when paid media is allowed and the mix funds at least one paid channel."""
        allowed = paid_allowed(self.brief.constraints, self.strategy.budget_total)
        return allowed and any(c.paid and c.budget_amount > 0 for c in self.channels)

    @cached_property
    def paid_channels(self) -> list[ChannelAllocation]:
        """Funded paid channels when paid media is allowed, else none."""
        return [c for c in self.channels if c.paid] if self.paid_ok else []

    def play(self, channel: str) -> dict[str, Any] | None:
        """The playbook entry of a channel, or None for a channel the playbook does not know."""
        book = self.kb("channel_playbook")
        return book.get(channel)

    def cadence(self, channel: str) -> str:
        """The playbook's posting cadence of a channel for this business type."""
        entry = self.play(channel)
        if not entry:
            return "weekly"
        return str(entry["cadence_b2b" if self.b2b else "cadence_b2c"])

    def tactic(self, channel: str) -> str:
        """The playbook's main tactic of a channel for this business type."""
        entry = self.play(channel)
        if not entry:
            return "one clear message per post, tied to the pillar of the week"
        return str(entry["tactic_b2b" if self.b2b else "tactic_b2c"])

    @cached_property
    def posting_channels(self) -> list[ChannelAllocation]:
        """Channels of the mix the brand publishes on itself."""
        return [c for c in self.channels if (self.play(c.channel) or {}).get("posting")]

    def share(self, c: ChannelAllocation) -> str:
        """'29% (USD 17,400)' or '33% of effort, organic' when there is no budget."""
        if self.strategy.budget_total > 0:
            return f"{percent(c.budget_share)} ({money(c.budget_amount, self.strategy.currency)})"
        return f"{percent(c.budget_share)} of team effort (organic, {money(0, self.strategy.currency)} spend)"

    @cached_property
    def kpis(self) -> list[KpiTarget]:
        """The strategy core's KPI targets."""
        return list(self.strategy.kpi_targets)

    def kpi_text(self, k: KpiTarget) -> str:
        """'500 marketing-qualified leads by 2027-03-31' (baseline quoted when given)."""
        base = f" (from {k.baseline})" if k.baseline and k.baseline not in k.target else ""
        return f"{k.kpi} at {k.target}{base} by {day(k.by)}"

    @cached_property
    def calendar(self) -> list[CalendarEntry]:
        """The strategy core's dated calendar."""
        return list(self.strategy.calendar)

    def first_on(self, channel: str) -> CalendarEntry | None:
        """The first calendar entry on a channel."""
        return next((e for e in self.calendar if e.channel == channel), None)

    @cached_property
    def phases(self) -> list[Phase]:
        """The campaign window cut into three phases."""
        return [Phase(name, start, end) for name, (start, end) in zip(("Launch", "Build", "Convert"), self.f.thirds,
                                                                       strict=True)]

    @cached_property
    def discount_cap(self) -> int | None:
        """The deepest discount the brief allows in percent: None when unconstrained, 0 for none."""
        caps: list[int] = []
        for text in self.brief.constraints:
            if not _DISCOUNT.search(text):
                continue
            found = _NUMBER.search(text)
            if found:
                caps.append(int(found.group(1)))
            elif _NO_DISCOUNT.search(text):
                caps.append(0)
        return min(caps) if caps else None

    @cached_property
    def current_offer(self) -> str | None:
        """The brief's current offer, unless it breaks the brief's own discount cap."""
        offer = (self.brief.current_offers or "").strip().rstrip(".")
        if not offer:
            return None
        limit = self.discount_cap
        cuts = [int(n) for n in re.findall(r"(\d{1,3})\s*(?:%|percent)", offer)]
        if limit is not None and cuts and max(cuts) > limit:
            return None
        return offer

    def discount(self, wanted: int) -> int:
        """The discount to quote: the knowledge's value within the brief's cap (0 means none)."""
        limit = self.discount_cap
        return wanted if limit is None else min(wanted, limit)

    # -- headings ------------------------------------------------------------------------------
    def head(self, candidates: Iterable[str], default: str) -> str:
        """The first required heading among ``candidates``, else ``default``."""
        wanted = [h.lower() for h in self.rules.required_headings]
        for cand in candidates:
            if cand.lower() in wanted:
                return cand
        return default

    def requires(self, name: str) -> bool:
        """True when the rules require a heading with exactly this text."""
        return any(name.lower() == h.lower() for h in self.rules.required_headings)

    # -- output safety -------------------------------------------------------------------------
    @cached_property
    def banned(self) -> Matchers:
        """Matchers for what no line may contain: section, global and Kaizen phrases, brief must-avoid
        messages and avoided platforms (with their aliases)."""
        phrases = [*self.rules.forbidden_phrases, *global_phrases(), *self.inp.kaizen.banned_phrases,
                   *self.brief.must_avoid_messages]
        return matchers(tuple(unique(phrases))) + platform_matchers(tuple(self.avoid_names))

    @cached_property
    def avoid_names(self) -> list[str]:
        """Avoided platforms with their canonical channel names."""
        return list(avoid_names(tuple(self.brief.avoid_platforms), self.inp.kb))

    def clean_line(self, line: str) -> bool:
        """True when a line contains nothing banned, no placeholder and no discount above the cap."""
        return clean_line(line, self.banned, self.discount_cap)


def guard(blocks: list[Block], ctx: Ctx) -> list[Block]:
    """Drop unsafe lines; make sure the brand is still named in a required block."""
    fallback = f"This is {ctx.brand_s} {ctx.rules.label.lower()} for {ctx.f.window}."
    return ensure_brand(guard_blocks(blocks, ctx.clean_line), ctx.brand, fallback)


creative_composer = context_composer(Ctx, guard)


__all__ = ["Ctx", "Phase", "ascii_words", "cap", "creative_composer", "day", "join_and", "lower_first", "money",
           "percent", "tag", "unique"]
