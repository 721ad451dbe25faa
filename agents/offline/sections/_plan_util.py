"""Shared context for the plan group's composers: brief slots, filtered knowledge picks, dates and owners."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from functools import cached_property, lru_cache

from agents.offline.facts import SectionContext, Slots, day, join_and, lower_first
from agents.offline.guard import channels, quotes_any
from agents.offline.sections import context_composer
from tools.markdown import Block
from tools.planning.channels import avoided_channels
from tools.planning.slots import fill_slots
from tools.result import CalendarEntry, ChannelAllocation, KpiTarget

_PRODUCT_CUTS = (" for ", " with ", " from ", " that ", " sold ", " delivered ", " made ", " brewed ",
                 " built ", " designed ")
_CUSTOMER_CUTS = (" aged ", " at ", " who ", " with ", " in ", " living ", " within ", " that ", " for ",
                  ", ", " looking ", " booking ")
_ARTICLES = re.compile(r"^(a|an|the)\s+", re.IGNORECASE)
_DISCOUNT_CAP = re.compile(r"discounts?\s+(?:deeper|greater|bigger|larger|higher|more)\s+than\s+(\d+)", re.I)
_COMMON_ALIASES = frozenset({"text", "press", "partners", "blog", "referral", "referrals", "creators", "crm",
                             "newsletter", "partnerships", "events", "workshops"})
PAID_MARK = "[paid] "


def cut_phrase(text: str, cuts: tuple[str, ...], max_words: int, min_words: int = 1) -> str:
    """The head of ``text`` before the earliest cut marker, kept only when it still says something."""
    lowered = text.lower()
    positions = [lowered.find(c) for c in cuts if lowered.find(c) > 0]
    head = text[: min(positions)] if positions else text
    head = head.strip(" ,;")
    if len(_ARTICLES.sub("", head).split()) < min_words and len(text.split()) <= 9:
        return text.strip()
    return clip_words(head, max_words)


def article_lower(text: str) -> str:
    """'A 24-room hotel' -> 'a 24-room hotel' (leading articles read mid-sentence)."""
    return _ARTICLES.sub(lambda m: m.group(0).lower(), text)


def clip_words(text: str, max_words: int, slack: int = 0) -> str:
    """At most ``max_words`` words (``slack`` more rather than orphan a short tail), cut at a natural break."""
    words = text.split()
    if len(words) <= max_words + slack:
        return text
    head = words[:max_words]
    breaks = [i for i, w in enumerate(head) if w.endswith((",", ":", ";")) and i >= 2]
    if breaks:
        head = head[: breaks[-1] + 1]
    while head and head[-1].lower().strip(",;:") in _DANGLING:
        head.pop()
    return " ".join(head).rstrip(",;:")


_DANGLING = frozenset({"and", "or", "of", "for", "with", "the", "a", "an", "to", "in", "from", "at", "on", "about",
                       "how", "your", "vs", "by", "per", "what", "when", "why", "who", "is", "are"})


@lru_cache(maxsize=256)
def avoid_terms(avoid: tuple[str, ...]) -> tuple[str, ...]:
    """Every name that would mention an avoided platform: brief names, canonical names and aliases."""
    catalog = channels()
    banned = avoided_channels(list(avoid), catalog)
    terms = list(avoid)
    for name in sorted(banned):
        terms.append(name)
        terms.extend(part.strip(") ") for part in name.split(" (")[1:])
        terms.extend(a for a in catalog[name].aliases if len(a) > 1 and a not in _COMMON_ALIASES)
    return tuple(dict.fromkeys(t for t in terms if t.strip()))


@lru_cache(maxsize=1024)
def _term_regex(term: str) -> re.Pattern[str]:
    body = r"\s+".join(re.escape(p) for p in term.split())
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def names_any(text: str, terms: tuple[str, ...]) -> bool:
    """True when ``text`` names any of ``terms`` as a whole word, ignoring case."""
    return any(_term_regex(t).search(text) for t in terms)


def scrub(markdown: str, terms: tuple[str, ...], avoid_messages: list[str]) -> str:
    """Brief text can contradict itself (a goal naming an avoided platform): neutralise such names and
    drop any non-heading line that quotes a must-avoid message."""
    for term in sorted(terms, key=len, reverse=True):
        markdown = _term_regex(term).sub("social", markdown)
    if any(m.strip() for m in avoid_messages):
        markdown = "\n".join(line for line in markdown.splitlines()
                             if line.startswith("#") or not quotes_any(line, avoid_messages))
    return markdown


class Plan(SectionContext):
    """Facts plus the plan group's knowledge, filtered for avoided platforms and the paid-media rule."""

    @property
    def rules_headings(self) -> tuple[str, ...]:
        """Headings the section's benchmark requires."""
        return self.inp.rules.required_headings

    def wants(self, name: str) -> bool:
        """True when the section's rules require a heading containing ``name``."""
        return any(name.lower() in h.lower() for h in self.rules_headings)

    @cached_property
    def avoid(self) -> tuple[str, ...]:
        """Names that would mention an avoided platform."""
        return avoid_terms(tuple(self.inp.brief.avoid_platforms))

    @cached_property
    def discount(self) -> str:
        """The deepest discount the plan may offer: 10%, or less when the brief caps discounts lower."""
        cap = 10
        for constraint in self.inp.brief.constraints:
            found = _DISCOUNT_CAP.search(constraint)
            if found:
                cap = min(cap, int(found.group(1)))
        return f"{cap}%"

    @cached_property
    def product(self) -> str:
        """A short name for what the brand sells."""
        brief = self.inp.brief
        if brief.products:
            return brief.products[0].name
        return article_lower(lower_first(cut_phrase(brief.product_service, _PRODUCT_CUTS, 6, min_words=2)))

    @cached_property
    def customer(self) -> str:
        """A short, lower-case name for the primary customer."""
        return lower_first(cut_phrase(self.inp.brief.primary_customer, _CUSTOMER_CUTS, 6))

    @cached_property
    def industry(self) -> str:
        """The industry without its parenthetical detail."""
        return self.inp.brief.industry.split("(")[0].strip()

    @cached_property
    def pains(self) -> list[str]:
        """The brief's pain points, or archetype defaults when none were given."""
        pains = [lower_first(p) for p in self.inp.brief.pain_points if p.strip()]
        return pains or list(self.pick("plan_default_pains"))

    @property
    def has_pains(self) -> bool:
        """True when the brief itself lists pain points (not archetype defaults)."""
        return any(p.strip() for p in self.inp.brief.pain_points)

    @property
    def rival(self) -> str:
        """The first named competitor, or 'rivals' when the brief names none."""
        competitors = self.inp.brief.competitors
        return competitors[0] if competitors else "rivals"

    @cached_property
    def proofs(self) -> list[str]:
        """The brief's proof points (may be empty)."""
        return [p for p in self.inp.brief.proof_points if p.strip()]

    @cached_property
    def offer(self) -> str:
        """The brief's current offer, or an archetype offer within the discount cap."""
        offers = self.inp.brief.current_offers
        if offers:
            return lower_first(offers.rstrip("."))
        return self.fill(self.pick("plan_default_offer"))

    @cached_property
    def slots(self) -> Slots:
        """Values our knowledge templates may quote."""
        brief = self.inp.brief
        pains = self.pains
        proof = self.proofs[0] if self.proofs else self.fill_plain(self.pick("plan_default_proof"))
        fallback = "the incumbent provider" if self.f.b2b else "the usual alternatives"
        competitor = brief.competitors[0] if brief.competitors else fallback
        return Slots(
            brand=self.brand, product=self.product, customer=self.customer, industry=self.industry,
            pain=pains[0], pain2=pains[1] if len(pains) > 1 else pains[0], proof=proof,
            proof2=self.proofs[1] if len(self.proofs) > 1 else proof, competitor=competitor,
            competitors=self.f.competitor_phrase, discount=self.discount, geo=self.f.in_geo,
            place=brief.geography or "the local area", owned=self.owned_channel, lead=self.lead_channel,
            event=lower_first((brief.upcoming_events or "the next launch moment").rstrip(".")),
            goal=lower_first(brief.primary_goal.rstrip(".")),
        )

    def fill_plain(self, template: str) -> str:
        """Fill a knowledge template without the offer slot (used while building the slots)."""
        return fill_slots(template, {"brand": self.brand, "product": self.product})

    def fill(self, template: str, **extra: str) -> str:
        """Fill one of OUR knowledge templates; the offer slot is filled only when the template names it."""
        if "{offer}" in template:
            extra = {**extra, "offer": self.offer}
        return super().fill(template, **extra)

    def ok(self, text: str) -> bool:
        """True when the text names no avoided platform and quotes no must-avoid message."""
        if names_any(text, self.avoid):
            return False
        return not quotes_any(text, [*self.inp.brief.must_avoid_messages, *self.inp.kaizen.banned_phrases])

    def usable(self, items: list[str]) -> list[str]:
        """Fill templates; drop paid-media items when paid is ruled out and items naming avoided platforms."""
        out: list[str] = []
        for item in items:
            if item.startswith(PAID_MARK):
                if not self.paid_ok:
                    continue
                item = item[len(PAID_MARK):]
            text = self.fill(item)
            text = text[:1].upper() + text[1:]
            if self.ok(text) and text not in out:
                out.append(text)
        return out

    def items(self, topic: str, key: str | None = None) -> list[str]:
        """Filled, filtered list items of a topic (optionally one key of a mapping topic)."""
        raw = self.pick(topic)
        if key is not None:
            raw = raw.get(key, []) if isinstance(raw, dict) else []
        return self.usable([str(x) for x in raw])

    def text(self, topic: str, key: str | None = None) -> str:
        """One filled template string of a topic."""
        raw = self.pick(topic)
        return self.fill(str(raw[key] if key is not None else raw))

    # ---- channels -------------------------------------------------------------------------------------
    @cached_property
    def mix(self) -> list[ChannelAllocation]:
        """Channels of the strategy mix that name no avoided platform."""
        return [c for c in self.f.channels if self.ok(c.channel)]

    @cached_property
    def organic(self) -> list[ChannelAllocation]:
        """Unpaid channels of the mix."""
        return [c for c in self.mix if not c.paid]

    @cached_property
    def owned_channel(self) -> str:
        """The owned channel for follow-ups (Email, SMS or WhatsApp when in the mix)."""
        names = [c.channel for c in self.mix]
        for wanted in ("Email", "SMS", "WhatsApp"):
            if wanted in names:
                return wanted
        return "email" if self.ok("email") else "the customer list"

    @cached_property
    def lead_channel(self) -> str:
        """The channel with the largest budget share."""
        ranked = self.ranked_mix
        return ranked[0].channel if ranked else "the owned list"

    @property
    def ranked_mix(self) -> list[ChannelAllocation]:
        """The usable mix, largest budget share first."""
        return sorted(self.mix, key=lambda c: -c.budget_share)

    def stage_channels(self, *stages: str) -> list[ChannelAllocation]:
        """Channels whose main stage is one of ``stages`` (all channels when none match)."""
        found = [c for c in self.mix if c.stage in stages]
        return found or self.mix

    def spend(self, channel: ChannelAllocation) -> str:
        """'$17,400 (29%)' for paid budgets, '29% of effort' for organic-only plans."""
        share = f"{channel.budget_share * 100:.0f}%"
        if self.f.has_budget:
            return f"{self.f.money(channel.budget_amount)}, {share}"
        return f"{share} of effort"

    # ---- dates, KPIs, owners -------------------------------------------------------------------------
    def at(self, fraction: float) -> date:
        """A date at ``fraction`` of the timeline, always inside it."""
        offset = round((self.f.days - 1) * max(0.0, min(1.0, fraction)))
        return self.f.start + timedelta(days=offset)

    def after(self, days: int) -> date:
        """Start + ``days`` (1-based day count), clamped to the timeline end."""
        return min(self.f.end, self.f.start + timedelta(days=max(0, days - 1)))

    @cached_property
    def kpis(self) -> list[KpiTarget]:
        """The strategy's KPI targets."""
        return list(self.f.kpis)

    def kpi_line(self, kpi: KpiTarget) -> str:
        """'marketing-qualified leads: 500 by 2027-03-31' quoted exactly from the strategy."""
        base = f" (from {kpi.baseline})" if kpi.baseline else ""
        return f"{kpi.kpi}: {kpi.target}{base} by {day(kpi.by)}"

    def kpi_for(self, *words: str) -> KpiTarget | None:
        """The first KPI whose name contains any of ``words``."""
        for kpi in self.kpis:
            if any(w in kpi.kpi.lower() for w in words):
                return kpi
        return None

    def owner(self, role: str) -> str:
        """The named owner of a role for this archetype (e.g. 'Demand-gen lead')."""
        owners = self.pick("plan_owners")
        return str(owners.get(role) or owners.get("lead") or "Marketing lead")

    @cached_property
    def month(self) -> list[CalendarEntry]:
        """The first month of the strategy calendar (up to 30 daily entries)."""
        return list(self.inp.strategy.calendar[:30])

    @cached_property
    def later(self) -> list[CalendarEntry]:
        """Weekly beats after the first month."""
        return list(self.inp.strategy.calendar[30:])

    def channels_text(self, channels: list[ChannelAllocation], limit: int = 3) -> str:
        """'A, B and C' for the first ``limit`` channels."""
        return join_and([c.channel for c in channels[:limit]])


def scrub_blocks(blocks: list[Block], plan: Plan) -> list[Block]:
    """The plan output guard: avoided platform names neutralised, must-avoid lines dropped."""
    messages = plan.inp.brief.must_avoid_messages
    if not plan.avoid and not messages:
        return blocks
    return [replace(b, markdown=scrub(b.markdown, plan.avoid, messages)) for b in blocks]


plan_composer = context_composer(Plan, scrub_blocks)
