"""Fill brief slots from chat text: the direct answer to a question, and facts mentioned in passing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from tools.intake_parse import (
    is_no,
    is_skip,
    parse_business_type,
    parse_list,
    parse_money,
    parse_platforms,
    parse_timeline,
    words_to_digits,
)
from tools.planning.channels import ChannelInfo
from tools.text import clean_text

REQUIRED = ("brand_name", "industry", "product_service", "primary_customer", "primary_goal")
CORE_OPTIONAL = ("geography", "budget", "timeline", "platforms")
LIST_FIELDS = ("pain_points", "competitors", "tone_of_voice", "proof_points", "kpis", "constraints")
TEXT_FIELDS = ("brand_name", "industry", "product_service", "primary_goal", "primary_customer", "geography",
               "secondary_customer", "current_offers", "upcoming_events", "extra_notes")
LABELS = {"brand_name": "Brand", "industry": "Industry", "product_service": "Product / service",
          "primary_customer": "Customer", "primary_goal": "Goal", "business_type": "Business type",
          "geography": "Geography", "budget": "Budget", "timeline": "Timeline", "focus_platforms": "Focus on",
          "avoid_platforms": "Avoid", "pain_points": "Pain points", "competitors": "Competitors",
          "tone_of_voice": "Tone of voice", "proof_points": "Proof points", "kpis": "KPIs",
          "constraints": "Constraints"}
_CAP = r"[A-Z0-9][\w&'’.\-]*"
_BRAND = [
    re.compile(r"\b(?:we(?:'re|’re| are)\s+called|(?:brand|company|business|shop|store|studio|startup|name)"
               r"(?:'s)?\s+(?:name\s+)?is(?:\s+called)?|(?<!be )(?:called|named))\s+[\"“']?(?P<name>" + _CAP +
               r"(?:\s+(?:&|and|of|the|de|" + _CAP + r"))*)"),
    re.compile(r"^(?:(?:hi|hello|hey)\W+)?(?:we(?:'re|’re| are)|this is)\s+(?P<name>" + _CAP + r"(?:\s+(?:&|" + _CAP +
               r"))*)\s*,\s*(?:a|an)\s", re.I),
]
_WHAT = (r"(?P<what>[^,.;!?]+?)(?=\s+(?:opening|based|located|in|that|which|who|and we|selling|for|with|from|near|"
         r"called|named)\b|[,.;!?]|$)")
_INDUSTRY = [
    re.compile(r"\b(?:we(?:'re|’re| are)|i(?:'m|’m| am)|it(?:'s|’s| is)|this is)\s+(?:just\s+)?(?:a|an)\s+" + _WHAT,
               re.I),
    re.compile(r"\b(?:run|own|have|started|launching|opening|founded)\s+(?:a|an)\s+" + _WHAT, re.I),
    re.compile(r"^(?:(?:hi|hello|hey)\W+)?(?:we(?:'re|’re| are)|this is)\s+[^,]{1,60},\s+(?:a|an)\s+" + _WHAT, re.I),
]
_PRODUCT = re.compile(r"\bwe\s+(?:sell|make|offer|provide|bake|build|brew|roast|design|produce)\s+(?!to\b)"
                      r"(?P<what>[^,.;!?]+?)(?=\s+(?:to|for|in|and we|but|so)\b|[,.;!?]|$)", re.I)
_CUSTOMER = re.compile(r"\b(?:(?:we\s+)?(?:sell|sells|selling)\s+to|we\s+serve|we\s+target|targeting|aimed\s+at|"
                       r"our\s+(?:customers|clients|buyers|audience)\s+(?:are|is))\s+(?P<who>[^.;!?]+?)"
                       r"(?=[.;!?]|,\s*(?:and\s+)?(?:we|our|the|budget|with)\b|\s+and\s+(?:we|our)\b|$)", re.I)
_GOAL = re.compile(r"\b(?:we\s+want(?:\s+to)?|(?:our|the|main)?\s*goal\s+is(?:\s+to)?|aim(?:ing)?\s+(?:is\s+)?to|"
                   r"looking\s+to|hoping\s+to|we(?:'d|’d| would)\s+(?:like|love)(?:\s+to)?|we\s+need(?:\s+to)?|"
                   r"trying\s+to)\s+(?P<goal>[^.;!?]+?)(?=[.;!?]|,?\s+and\s+(?:our|we|the)\s+budget\b|$)", re.I)
_PLACE_WORD = r"[A-Z][\w'’-]*"
_PLACE = re.compile(r"\b(?:based in|located in|opening in|open in|in|across|throughout|around)\s+(?P<place>(?:the\s+)?"
                    + _PLACE_WORD + r"(?:(?:,\s*|\s+|\s+and\s+)" + _PLACE_WORD + r")*)")
_NOT_PLACES = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun|q[1-4]|"
                         r"instagram|tiktok|facebook|linkedin|youtube|google|email|the next|i|we|our)", re.I)
_BUDGET_CUE = re.compile(r"\b(?:budget|spend|spending|invest|ad spend|afford)\b|[$€£₹¥]|\b(?:USD|EUR|GBP|INR)\b")
_TIME_CUE = re.compile(r"\b(?:over|within|in|during|for the next)\s+(?:the\s+next\s+)?\d+\s+(?:days?|weeks?|months?)\b|"
                       r"\bQ[1-4](?:\s+20\d\d)?\b", re.I)
_EXPLICIT_TYPE = re.compile(r"\b(?:b2b2c|b2b|b2c|d2c|dtc)\b", re.I)
_LEAD = {
    "brand_name": r"^(?:it(?:'s|’s| is)|we(?:'re|’re| are)|the (?:brand|name|company) is|our (?:brand|name|company) is"
                  r"|(?:it's |we're )?called|named|brand name:?)\s+",
    "industry": r"^(?:we(?:'re|’re| are)|it(?:'s|’s| is)|i(?:'m| am))\s+(?:in\s+|an?\s+)?|^(?:an?|the)\s+",
    "product_service": r"^(?:we\s+(?:sell|make|offer|provide|do)|it(?:'s|’s| is)|mostly|mainly)\s+",
    "primary_customer": r"^(?:we\s+sell\s+to|we\s+serve|we\s+target|mostly|mainly|it(?:'s|’s| is)\s+for|our\s+"
                        r"(?:customers|clients|buyers)\s+are|targeting|for)\s+",
    "primary_goal": r"^(?:we\s+want(?:\s+to)?|our\s+goal\s+is(?:\s+to)?|the\s+goal\s+is(?:\s+to)?|to|get|i\s+want"
                    r"(?:\s+to)?)\s+",
    "geography": r"^(?:we(?:'re|’re| are)\s+(?:in|based in)|based in|mostly|mainly|in|around|across)\s+",
}


@dataclass
class Extraction:
    """Brief values found in one message, and the fields whose answer could not be used (with why)."""

    values: dict[str, Any] = field(default_factory=dict)
    vague: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _tidy(text: str, field_name: str) -> str:
    value = clean_text(text).strip(" .!,;:\"'“”")
    lead = _LEAD.get(field_name)
    for _ in range(2):
        if lead:
            value = re.sub(lead, "", value, flags=re.I).strip(" .!,;:\"'“”")
    if field_name != "brand_name" and value[:1].islower():
        value = value[0].upper() + value[1:]
    return value


def _place(text: str) -> str | None:
    for match in _PLACE.finditer(text):
        place = re.sub(r"^the\s+", "", match.group("place")).strip(" ,.")
        if place and not _NOT_PLACES.match(place):
            return place
    return None


def _brand(text: str) -> str | None:
    for pattern in _BRAND:
        match = pattern.search(text)
        if match:
            name = re.sub(r"\s+(?:and|of|the|&)$", "", match.group("name")).strip(" .,")
            if name and name.lower() not in {"a", "an", "the", "we", "i"}:
                return name[:120]
    return None


def mentioned(text: str, today: date, catalog: dict[str, ChannelInfo]) -> Extraction:
    """Facts stated in passing ('we're Crumb & Co, a vegan bakery in Austin, we want foot traffic')."""
    cleaned = words_to_digits(clean_text(text))
    found: dict[str, Any] = {}
    if brand := _brand(cleaned):
        found["brand_name"] = brand
    for pattern in _INDUSTRY:
        match = pattern.search(cleaned)
        if match and len(match.group("what").split()) <= 6 and not re.search(r"\b\d", match.group("what")):
            found["industry"] = _tidy(match.group("what"), "industry")
            break
    if match := _PRODUCT.search(cleaned):
        found["product_service"] = _tidy(match.group("what"), "product_service")
    if match := _CUSTOMER.search(cleaned):
        found["primary_customer"] = _tidy(match.group("who"), "primary_customer")
    if match := _GOAL.search(cleaned):
        found["primary_goal"] = _tidy(match.group("goal"), "primary_goal")[:300]
    if place := _place(cleaned):
        found["geography"] = place
    found.update(_passing_numbers(cleaned, today))
    platforms = parse_platforms(cleaned, catalog)
    if platforms.focus:
        found["focus_platforms"] = platforms.focus
    if platforms.avoid:
        found["avoid_platforms"] = platforms.avoid
    if explicit := _EXPLICIT_TYPE.search(cleaned):
        found["business_type"] = parse_business_type(explicit.group(0))
    elif "primary_customer" in found and (kind := parse_business_type(found["primary_customer"])):
        found["business_type"] = kind
    return Extraction(values={k: v for k, v in found.items() if v})


def _passing_numbers(cleaned: str, today: date) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for sentence in re.split(r"(?<=[.;!?])\s+|,\s+(?=(?:and\s+)?(?:our|the|we|budget|timeline)\b)", cleaned):
        if "budget" not in found and _BUDGET_CUE.search(sentence):
            money = parse_money(sentence)
            if money is not None and not money.is_range:
                found["budget"] = money.as_budget()
                if money.currency is None:
                    found["budget"].pop("currency")
        if "timeline" not in found and (match := _TIME_CUE.search(sentence)):
            span = sentence[match.start():] if match.group(0).upper().startswith("Q") else match.group(0)
            timeline = parse_timeline(span, today)
            if timeline:
                found["timeline"] = timeline
    return found


_FIELD_WORDS = (
    ("brand_name", r"brand(?: name)?|name|company name"), ("industry", r"industry|sector|category"),
    ("product_service", r"products?|services?|offer(?:ing)?|what we sell"),
    ("primary_customer", r"customers?|audience|buyers?|target(?: customer| audience)?"),
    ("primary_goal", r"goal|objective|target|aim"), ("geography", r"geography|location|city|region|area|market"),
    ("budget", r"budget|spend"), ("timeline", r"timeline|dates|duration|timing|campaign length"),
    ("platforms", r"platforms?|channels?"), ("competitors", r"competitors?|competition|rivals?"),
    ("tone_of_voice", r"tone(?: of voice)?|voice"), ("pain_points", r"pain points?|pains?|problems?"),
    ("proof_points", r"proof(?: points)?|reviews?|testimonials?|awards?"), ("business_type", r"business type|model"),
)
_CORRECTION = re.compile(r"^\s*(?:(?:please\s+)?(?:change|set|update|make|fix|correct)\s+)?(?:the\s+|our\s+|my\s+)?"
                         r"(?P<word>[a-z ]+?)\s*(?:should be|is actually|is|are|to|=|:|->)\s+(?P<rest>.+)$", re.I)


def field_named(text: str) -> tuple[str | None, str]:
    """('budget', '$20k') for 'change the budget to $20k' or 'budget: $20k'; (None, text) when no field is named."""
    match = _CORRECTION.match(clean_text(text))
    if match:
        word = match.group("word").strip().lower()
        for name, pattern in _FIELD_WORDS:
            if re.fullmatch(pattern, word):
                return name, match.group("rest").strip()
    return None, text


def answer_for(field_name: str, text: str, today: date, catalog: dict[str, ChannelInfo]) -> Extraction:
    """Read ``text`` as the answer to the question about ``field_name``, plus anything else it mentions."""
    extra = mentioned(text, today, catalog)
    if is_skip(text) and not (field_name == "budget" and parse_money(text)):
        return Extraction(values=extra.values, skipped=[field_name])
    others = {k for k in extra.values if k != field_name}
    if field_name in TEXT_FIELDS and others:
        text = _first_clause(text)  # 'Austin. Oh and our budget is $20k': the rest is read as other facts
    direct = _direct(field_name, text, today, catalog)
    values = {k: v for k, v in extra.values.items() if k not in direct.values}
    if field_name == "platforms":
        values = {k: v for k, v in values.items() if k not in {"focus_platforms", "avoid_platforms"}}
    values.update(direct.values)
    return Extraction(values=values, vague=direct.vague, skipped=direct.skipped)


def _first_clause(text: str) -> str:
    return re.split(r"(?<=[.!?;])\s+|,?\s+(?:oh\s+)?and\s+(?:our|the|we)\b", text.strip(), maxsplit=1)[0]


def _direct(field_name: str, text: str, today: date, catalog: dict[str, ChannelInfo]) -> Extraction:
    if field_name == "budget":
        return _budget_answer(text)
    if field_name == "timeline":
        timeline = parse_timeline(text, today)
        if timeline is None:
            return Extraction(vague={"timeline": f"'{clean_text(text)}' does not give dates or a length"})
        return Extraction(values={"timeline": timeline})
    if field_name == "platforms":
        return _platform_answer(text, catalog)
    if field_name == "business_type":
        kind = parse_business_type(text)
        return Extraction(values={"business_type": kind}) if kind else Extraction(
            vague={"business_type": "say B2B, B2C or both"})
    if field_name in LIST_FIELDS:
        items = parse_list(text)
        return Extraction(values={field_name: items}) if items else Extraction(skipped=[field_name])
    return _text_answer(field_name, text, today, catalog)


def _text_answer(field_name: str, text: str, today: date, catalog: dict[str, ChannelInfo]) -> Extraction:
    cleaned = clean_text(text)
    if field_name == "brand_name":
        value = _brand(cleaned) if len(cleaned.split()) > 6 else None
        value = value or _tidy(cleaned, field_name)[:120]
        return Extraction(values={"brand_name": value})
    value = _tidy(cleaned, field_name)
    values: dict[str, Any] = {field_name: value}
    if field_name == "primary_customer":
        place = _place(cleaned)
        if place:
            values["geography"] = place
        kind = parse_business_type(value)
        if kind:
            values["business_type"] = kind
    return Extraction(values=values)


def _budget_answer(text: str) -> Extraction:
    money = parse_money(text)
    if money is None:
        if is_no(text):
            return Extraction(values={"budget": {"amount": 0.0, "period": "total"}})
        return Extraction(vague={"budget": f"'{clean_text(text)}' has no amount"})
    budget = money.as_budget()
    if money.currency is None:
        budget.pop("currency")
    if money.is_range:
        return Extraction(values={"budget": budget}, vague={
            "budget": f"a range ({money.low:,.0f}-{money.high:,.0f}); which figure should we plan with?"})
    return Extraction(values={"budget": budget})


def _platform_answer(text: str, catalog: dict[str, ChannelInfo]) -> Extraction:
    platforms = parse_platforms(text, catalog)
    if not platforms:
        if is_no(text) or re.search(r"\b(?:no preference|any|whatever works|you decide|up to you)\b", text, re.I):
            return Extraction(skipped=["platforms"])
        return Extraction(vague={"platforms": f"'{clean_text(text)}' names no platform we know"})
    values: dict[str, Any] = {}
    if platforms.focus:
        values["focus_platforms"] = platforms.focus
    if platforms.avoid:
        values["avoid_platforms"] = platforms.avoid
    return Extraction(values=values)
