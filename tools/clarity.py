"""Score how clear a brief is (0-100) and ask one follow-up question per weak field."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from pydantic import BaseModel, Field

from tools.brief import Brief, DateRange
from tools.planning.kpis import targets_from_goal
from tools.planning.timeline import parse_window

CLEAR_THRESHOLD = 60
_VAGUE_WORDS = {
    "everyone", "everybody", "anyone", "anybody", "all", "people", "persons", "public", "general", "the",
    "ages", "age", "customers", "customer", "consumers", "users", "buyers", "clients", "businesses",
    "companies", "men", "women", "and", "adults", "families", "individuals", "audience", "market", "mass",
    "of", "any", "kind", "whoever", "wants", "it", "our", "my", "target", "potential", "shoppers", "folks",
}
_VAGUE_START = re.compile(r"^(everyone|everybody|anyone|anybody|all\b|people\b|whoever)", re.I)
_SIGNALS = (
    re.compile(r"\b\d{2}\s*(?:-|–|to)\s*\d{2}\b|\baged?\b|\b\d{2}\+|\bgen ?[zxy]\b|millennials|seniors|"
               r"retirees|teens?\b|students|parents|mums|moms|dads", re.I),
    re.compile(r"\b(in|near|within|around|across|living|based|local)\b", re.I),
    re.compile(r"\b(who|with|that|looking|wanting|seeking|struggling|needing)\b", re.I),
    re.compile(r"\b(managers?|directors?|owners?|founders?|leads?|heads? of|officers?|cfos?|ceos?|ctos?|hr|"
               r"engineers?|teachers?|nurses?|developers?|marketers?|buyers at|teams? at|companies with|"
               r"professionals|homeowners|renters|travell?ers|runners|gamers|athletes)\b", re.I),
)
_DEADLINE = re.compile(
    r"\b\d+\s*(?:-\s*)?(days?|weeks?|months?|quarters?|years?)\b|\bq[1-4]\b|\b(by|before|until|within|"
    r"during|ahead of)\b|\bthis (week|month|quarter|year|season|summer|winter|spring|autumn|fall)\b|"
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\b20\d\d\b|\blaunch\b",
    re.I,
)
_VAGUE_PLACES = re.compile(r"^\s*(everywhere|anywhere|all over|wherever|online)\s*$", re.I)


class FollowUp(BaseModel):
    """One question that would make a weak brief field clear."""

    field: str
    question: str


class Clarity(BaseModel):
    """How clear the brief is, why, and what to ask next."""

    score: int = Field(ge=0, le=100)
    questions: list[FollowUp] = Field(default_factory=list)
    reasons: list[str] = Field(default_factory=list)

    @property
    def is_clear(self) -> bool:
        """True when the brief is clear enough to plan without asking."""
        return self.score >= CLEAR_THRESHOLD


# (points earned, reason, question or None) for one field
Verdict = tuple[int, str, str | None]


def _product(brief: Brief) -> str:
    text = brief.product_service
    return text[0].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _goal(brief: Brief) -> Verdict:
    has_number = bool(targets_from_goal(brief.primary_goal))
    has_deadline = bool(_DEADLINE.search(brief.primary_goal)) or brief.timeline is not None
    example = "150 qualified demos by 31 March" if brief.is_b2b else "500 online orders in 90 days"
    question = (f"What result should {brief.brand_name} hit, as a number with a deadline "
                f"(for example '{example}')?")
    if has_number and has_deadline:
        return 20, "the goal states a number and a deadline", None
    if has_number:
        return 15, "the goal states a number but no deadline", None
    if has_deadline:
        return 6, f"the goal '{brief.primary_goal}' has a deadline but no number to measure", question
    return 0, f"the goal '{brief.primary_goal}' has no number or deadline to measure", question


def _customer(brief: Brief) -> Verdict:
    text = brief.primary_customer
    words = [w for w in re.findall(r"[a-z]+", text.lower())]
    question = (f"Who exactly buys {_product(brief)}? Describe one group: age or role, where they live "
                "or work, and the problem that makes them buy.")
    if not words or all(w in _VAGUE_WORDS for w in words):
        return 0, f"the customer '{text}' names no group a message can be aimed at", question
    signals = sum(1 for pattern in _SIGNALS if pattern.search(text))
    if _VAGUE_START.match(text):
        return 6, f"the customer '{text}' starts from everyone", question
    if signals >= 2:
        return 20, "the customer is specific (who, where or what they need)", None
    if signals == 1:
        return 15, "the customer is named with one qualifier", None
    if len(words) >= 4:
        return 12, "the customer is named but without age, role or place", question
    return 6, f"the customer '{text}' is too broad to target", question


def _geography(brief: Brief) -> Verdict:
    question = f"Where should {brief.brand_name} find customers: a city, a region or whole countries?"
    if not brief.geography:
        return 0, "no geography given", question
    if _VAGUE_PLACES.match(brief.geography):
        return 3, f"geography '{brief.geography}' does not say where", question
    return 8, f"geography given ({brief.geography})", None


def _budget(brief: Brief) -> Verdict:
    if brief.budget is None:
        return 0, "no budget given", ("What can you spend over the campaign (amount and currency), "
                                      "or should we plan organic only (0)?")
    if brief.budget.amount == 0:
        return 10, "budget 0: organic only", None
    return 10, f"budget given ({brief.budget.amount:,.0f} {brief.budget.currency} {brief.budget.period})", None


def _timeline(brief: Brief) -> Verdict:
    question = "When should the campaign start and end (dates, or a length such as '90 days' or 'Q1 2027')?"
    value = brief.timeline
    if value is None:
        return 0, "no timeline given (90 days from tomorrow assumed)", question
    if isinstance(value, DateRange) or parse_window(value, date.today()) is not None:
        return 8, "the timeline can be read as dates", None
    return 3, f"the timeline '{value}' cannot be read as dates", question


def _pains(brief: Brief) -> Verdict:
    count = len(brief.pain_points)
    if count >= 2:
        return 10, f"{count} pain points given", None
    if count == 1:
        return 7, "one pain point given", None
    return 0, "no pain points given", (f"What problems or frustrations make people look for "
                                       f"{_product(brief)}? Name two or three.")


def _competitors(brief: Brief) -> Verdict:
    if brief.competitors:
        return 8, f"{len(brief.competitors)} competitor(s) named", None
    return 0, "no competitors named", f"Which two or three brands do customers compare {brief.brand_name} with?"


def _tone(brief: Brief) -> Verdict:
    if brief.tone_of_voice:
        return 6, "tone of voice given", None
    return 0, "no tone of voice given", (f"How should {brief.brand_name} sound? Pick two or three words "
                                         "(for example friendly, expert, bold).")


def _proof(brief: Brief) -> Verdict:
    if brief.proof_points:
        return 10, f"{len(brief.proof_points)} proof point(s) given", None
    question = ("What proof can we quote: ratings and review counts, customer numbers, awards, "
                "certifications or results?")
    if any(p.usp for p in brief.products) or brief.current_offers:
        return 4, "no proof points; only product claims or offers", question
    return 0, "no proof points given", question


_CHECKS: tuple[tuple[str, Callable[[Brief], Verdict]], ...] = (
    ("primary_goal", _goal), ("primary_customer", _customer), ("budget", _budget), ("pain_points", _pains),
    ("proof_points", _proof), ("geography", _geography), ("timeline", _timeline),
    ("competitors", _competitors), ("tone_of_voice", _tone),
)


def score_clarity(brief: Brief) -> Clarity:
    """Score a brief 0-100 on goal, customer, geography, budget, timeline, pains, competitors, tone, proof."""
    total = 0
    reasons: list[str] = []
    questions: list[FollowUp] = []
    for field, check in _CHECKS:
        points, reason, question = check(brief)
        total += points
        reasons.append(reason)
        if question:
            questions.append(FollowUp(field=field, question=question))
    weak_core = sum(1 for q in questions if q.field in {"primary_goal", "primary_customer"})
    if weak_core:
        cap = 45 if weak_core == 2 else 65
        if total > cap:
            reasons.append(f"capped at {cap}: a vague goal or customer cannot be planned around")
        total = min(total, cap)
    return Clarity(score=max(0, min(100, total)), questions=questions, reasons=reasons)
