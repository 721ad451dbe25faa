"""Read natural chat answers as brief values: money, timelines, platforms, business type, yes/no, skips, lists."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from tools.currencies import ISO_4217
from tools.planning.channels import ChannelInfo
from tools.planning.timeline import parse_window, quarter_window
from tools.text import clean_text

Period = Literal["total", "monthly"]

_UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
          "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
          "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_NUMBER_WORDS = re.compile(r"\b(?:(?:a|an|" + "|".join(_UNITS) + r")(?:[\s-]+(?:" + "|".join(_UNITS) +
                           r"|hundred|and))*)\b(?=[\s-]+(?:hundred|thousand|grand|million|k\b|day|week|month|"
                           r"quarter|year|dollar|euro|pound))", re.I)
_SCALES = {"hundred": 1e2, "k": 1e3, "thousand": 1e3, "grand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9,
           "billion": 1e9, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7}
_PREFIX = {"US$": "USD", "A$": "AUD", "AU$": "AUD", "C$": "CAD", "CA$": "CAD", "NZ$": "NZD", "R$": "BRL",
           "$": "USD", "€": "EUR", "£": "GBP", "₹": "INR", "¥": "JPY"}
_CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "bucks": "USD", "usd": "USD", "euro": "EUR", "euros": "EUR",
                   "eur": "EUR", "pound": "GBP", "pounds": "GBP", "quid": "GBP", "gbp": "GBP", "rupee": "INR",
                   "rupees": "INR", "yen": "JPY", "francs": "CHF", "kronor": "SEK"}
_MONEY = re.compile(
    r"(?P<pre>US\$|AU?\$|CA?\$|NZ\$|R\$|[$€£₹¥]|\b[A-Z]{3}\b)?\s?"
    r"(?P<num>\d{1,3}(?:[.,\u00a0 ]\d{3})+(?:[.,]\d{1,2})?(?!\d)|\d+(?:[.,]\d+)?)\s?"
    r"(?P<scale>(?i:k|mn|m|bn|hundred|thousand|grand|million|billion|lakhs?|crores?))?\b\s?"
    r"(?P<post>[$€£₹¥]|\b[A-Z]{3}\b|(?i:dollars?|bucks|usd|euros?|eur|pounds?|quid|gbp|rupees?|yen|francs|kronor)\b)?")
_RANGE_GLUE = re.compile(r"^\s*(?:-|–|to|or|and)\s*$", re.I)
_ZERO = re.compile(r"^\s*(?:[$€£]?\s*0+(?:\.0+)?\s*\w*|zero|nothing|none|nil|no budget|no money|organic( only)?|"
                   r"we have no budget|no paid budget|only organic|no spend)\s*[.!]?\s*$|\bno budget\b|"
                   r"\borganic[- ]only\b|\bzero budget\b|\bno (?:money|spend) (?:at all|for ads)\b", re.I)
_MONTHLY = re.compile(r"\b(?:a|per|each|every|/)\s*(?:month|mo)\b|\bmonthly\b|/\s*mo(?:nth)?\b|\bp/?m\b|\bpcm\b", re.I)
_WEEKLY = re.compile(r"\b(?:a|per|each|every|/)\s*week\b|\bweekly\b|/\s*wk\b", re.I)
_QUARTERLY = re.compile(r"\b(?:a|per|each|every|/)\s*quarter\b|\bquarterly\b", re.I)
_YEARLY = re.compile(r"\b(?:a|per|each|every|/)\s*(?:year|yr|annum)\b|\bannual(?:ly)?\b|\byearly\b|\bp\.?a\.?\b",
                     re.I)
_APPROX = re.compile(r"\b(?:about|around|roughly|approx\w*|circa|ish|maybe|probably|up to|max(?:imum)?)\b|~", re.I)

_YES = re.compile(r"^\s*(?:y|yes|yeah|yep|yup|sure|ok|okay|correct|right|confirm(?:ed)?|approve[d]?|go|go ahead|"
                  r"do it|perfect|great|fine|good|looks good|looks right|sounds good|that's right|that is right|"
                  r"lgtm|all good|absolutely|definitely|please do|use it|keep it)\b"
                  r"[\s.!,]*(?:please|thanks|thank you)?[\s.!]*$", re.I)
_NO = re.compile(r"^\s*(?:n|no|nope|nah|not really|no thanks|don't|do not|never|drop it|avoid it|skip it|"
                 r"leave it out)\b[\s.!]*$", re.I)
_SKIP = re.compile(r"^\s*(?:skip|pass|next|n/?a|none|nothing|idk|i don'?t know|don'?t know|not sure|unsure|"
                   r"no idea|dunno|not yet|later|tbd|tbc|no preference|doesn'?t matter|whatever|-+|\?+)"
                   r"(?:\s+(?:yet|really|for now|sorry))?[\s.!]*$", re.I)
_VAGUE_TIME = re.compile(r"^\s*(?:asap|soon|whenever|ongoing|always|forever|a while|some time|sometime|"
                         r"a few (?:weeks|months)|not sure)\b", re.I)
_HALF = re.compile(r"\bhalf an? (year|month)\b|\bsix months\b", re.I)
_COUPLE = re.compile(r"\ba couple of (day|week|month|year)s?\b", re.I)

_NEGATION = re.compile(
    r"\b(?:no|not|never|avoid\w*|without|except|excluding|exclude|skip|nothing on|stay(?:ing)? away from|"
    r"steer clear of|(?:do|does|did|would)\s*n[o']?t\s+(?:want|use|do|like|need|care about)|dont (?:want|use|do|like)|"
    r"won'?t|hate|no more|ban|none of|but not|rather not|not on|forget|less|fewer|drop|remove|cut)\b", re.I)
_NEGATIVE_AFTER = re.compile(r"^[\s'\"]*(?:is|are|'s|'re)?\s*(?:out|a no[- ]go|no[- ]go|off the table|off[- ]limits|"
                             r"not for us|banned|forbidden|excluded|a no|dead to us)\b", re.I)
_CLAUSES = re.compile(r"[.;!?\n]+|,\s*|\s+\bbut\b\s+|\s+\bhowever\b\s+|\s+-\s+", re.I)
_UNSAFE_ALIASES = {"text", "partners", "referral", "referrals", "creators", "crm", "x", "sem", "gbp"}
EXTRA_PLATFORMS = ("Snapchat", "Threads", "Bluesky", "Twitch", "Discord", "Telegram", "Substack", "Yelp", "Nextdoor",
                   "Spotify", "Quora", "Tumblr", "Vimeo", "Etsy", "Medium")

_B2B = re.compile(r"\bb2b\b|\b(?:other )?businesses\b|\bcompan(?:y|ies)\b|\bbusiness (?:customers|clients|owners)\b|"
                  r"\benterprises?\b|\bfirms\b|\bsmes?\b|\bsmbs?\b|\bstartups\b|\bagencies\b|\bpractices\b|"
                  r"\bclinics\b|\bretailers\b|\bwholesale\b|\brestaurants\b|\bdistributors\b|\b(?:dentists|"
                  r"lawyers|solicitors|accountants|architects|vets|landlords|contractors|manufacturers|schools|"
                  r"hospitals|hotels|salons|gyms)\b", re.I)
_B2C = re.compile(r"\bb2c\b|\bd2c\b|\bdtc\b|\bconsumers?\b|\bindividuals\b|\bthe public\b|\bshoppers\b|"
                  r"\bhouseholds\b|\bfamilies\b|\bparents\b|\bstudents\b|\bpeople\b|\bhomeowners\b", re.I)
_HYBRID = re.compile(r"\bb2b2c\b|\bhybrid\b|\bboth\b", re.I)


@dataclass(frozen=True)
class Money:
    """A budget read from text; ``low``/``high`` are set when a range was given instead of one figure."""

    amount: float
    currency: str | None
    period: Period = "total"
    approximate: bool = False
    low: float | None = None
    high: float | None = None

    @property
    def is_range(self) -> bool:
        """True when the answer gave a range, which needs one figure to plan with."""
        return self.low is not None and self.high is not None and self.low != self.high

    def as_budget(self, default_currency: str = "USD") -> dict[str, Any]:
        """The brief's budget mapping."""
        return {"amount": round(self.amount, 2), "currency": self.currency or default_currency, "period": self.period}


def describe_budget(budget: dict[str, Any]) -> str:
    """'18,000 USD total' or '5,000 EUR a month'."""
    amount = float(budget.get("amount", 0))
    if amount == 0:
        return "0 (organic only)"
    text = f"{amount:,.2f}".removesuffix(".00")
    return f"{text} {budget.get('currency', 'USD')} {'a month' if budget.get('period') == 'monthly' else 'total'}"


def words_to_digits(text: str) -> str:
    """'five thousand' -> '5 thousand', 'three months' -> '3 months', 'a month' stays 'a month'."""
    def convert(match: re.Match[str]) -> str:
        words = [w for w in re.split(r"[\s-]+", match.group(0).lower()) if w != "and"]
        if words in (["a"], ["an"]):
            return match.group(0)
        total, current = 0, 0
        for word in words:
            if word == "hundred":
                current = max(current, 1) * 100
            else:
                current += 1 if word in {"a", "an"} else _UNITS[word]
        return str(total + current)

    text = _HALF.sub(lambda m: "6 months" if m.group(0).lower() != "half a month" else "2 weeks", text)
    text = _COUPLE.sub(lambda m: f"2 {m.group(1)}s", text)
    return _NUMBER_WORDS.sub(convert, text)


def _number(raw: str, has_scale: bool) -> float:
    """'5.000' -> 5000, '5,5' -> 5.5, '2,500.75' -> 2500.75, '18 000' -> 18000."""
    raw = raw.replace("\u00a0", " ")
    if " " in raw:
        raw = raw.replace(" ", "")
    if "." in raw and "," in raw:
        decimal = "." if raw.rfind(".") > raw.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        return float(raw.replace(thousands, "").replace(decimal, "."))
    for sep in (",", "."):
        if sep in raw:
            parts = raw.split(sep)
            if len(parts) > 2 or (len(parts[-1]) == 3 and not has_scale):
                return float(raw.replace(sep, ""))
            return float(raw.replace(sep, "."))
    return float(raw)


def _currency(match: re.Match[str]) -> str | None:
    for group in ("pre", "post"):
        token = match.group(group)
        if not token:
            continue
        if token in _PREFIX:
            return _PREFIX[token]
        if token.isupper() and token in ISO_4217:
            return token
        if token.lower() in _CURRENCY_WORDS:
            return _CURRENCY_WORDS[token.lower()]
    return None


def _amounts(text: str) -> list[tuple[re.Match[str], float]]:
    found = []
    for match in _MONEY.finditer(text):
        if match.group("pre") and match.group("pre").isalpha() and match.group("pre") not in ISO_4217:
            continue
        scale = _SCALES.get((match.group("scale") or "").lower(), 1.0)
        tail = text[match.end():match.end() + 12].lower()
        if re.match(r"\s*(?:%|percent|days?|weeks?|months?|years?|people|customers|members|x\b)", tail) and \
                not (match.group("pre") or match.group("post")):
            continue
        found.append((match, _number(match.group("num"), bool(match.group("scale"))) * scale))
    return found


def _period(text: str) -> tuple[Period, float]:
    """The period named in the text, and the factor that turns the amount into that period's amount."""
    if _MONTHLY.search(text):
        return "monthly", 1.0
    if _WEEKLY.search(text):
        return "monthly", 52 / 12
    if _QUARTERLY.search(text):
        return "monthly", 1 / 3
    if _YEARLY.search(text):
        return "monthly", 1 / 12
    return "total", 1.0


def parse_money(text: str) -> Money | None:
    """Read 'about $18k', '€5.000 a month', '10-15k EUR', 'zero' or 'organic only'; None when no amount."""
    cleaned = words_to_digits(clean_text(text))
    found = _amounts(cleaned)
    if _ZERO.search(cleaned) and not any(value > 0 for _, value in found):
        return Money(amount=0.0, currency=None)
    if not found:
        return None
    period, factor = _period(cleaned)
    approximate = bool(_APPROX.search(cleaned))
    first_match, first = found[0]
    currency = next((c for c in (_currency(m) for m, _ in found) if c), None)
    if len(found) > 1:
        second_match, second = found[1]
        glue = cleaned[first_match.end():second_match.start()]
        if _RANGE_GLUE.match(glue) or re.search(r"\bbetween\b", cleaned[:first_match.start()], re.I):
            if not first_match.group("scale") and second_match.group("scale"):
                first *= _SCALES[second_match.group("scale").lower()]
            low, high = sorted((first, second))
            return Money(amount=round((low + high) / 2 * factor, 2), currency=currency, period=period,
                         approximate=True, low=round(low * factor, 2), high=round(high * factor, 2))
    marked = next(((m, v) for m, v in found if _currency(m) or m.group("scale")), found[0])
    return Money(amount=round(marked[1] * factor, 2), currency=currency, period=period, approximate=approximate)


def parse_timeline(text: str, today: date) -> str | None:
    """A timeline the planner can read ('3 months', 'Q1 2027', 'March to May 2027'); None when vague."""
    cleaned = words_to_digits(clean_text(text))
    if not cleaned or _VAGUE_TIME.match(cleaned):
        return None
    if parse_window(cleaned, today) is None:
        return None
    quarter = re.search(r"\bQ([1-4])\b(?:\s*(?:FY)?\s*'?(\d{2,4}))?", cleaned, re.I)
    duration = re.search(r"\b(\d+(?:\.\d+)?)\s*(day|week|month|quarter|year)s?\b", cleaned, re.I)
    has_dates = re.search(r"\b20\d\d-\d{1,2}-\d{1,2}\b", cleaned) or re.search(
        r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", cleaned, re.I)
    if quarter and not duration and not has_dates:
        window = quarter_window(cleaned, today)
        year = window[0].year if window else today.year
        return f"Q{quarter.group(1)} {year}"
    if duration and not quarter and not has_dates and len(re.findall(r"\d+\s*(?:day|week|month|quarter|year)",
                                                                     cleaned, re.I)) == 1:
        number = duration.group(1).removesuffix(".0")
        return f"{number} {duration.group(2).lower()}{'s' if number != '1' else ''}"
    lead = re.compile(r"^(?:about|around|roughly|for|over|during|within|in|the next|we have|it's|it is|"
                      r"we're thinking|we are thinking|let's say|say)\s+", re.I)
    while lead.match(cleaned):
        cleaned = lead.sub("", cleaned, count=1)
    return cleaned[:120].rstrip(" .!")


@dataclass(frozen=True)
class Platforms:
    """Platforms an answer asks us to use and to avoid; ``both`` lists ones named both ways."""

    focus: list[str] = field(default_factory=list)
    avoid: list[str] = field(default_factory=list)
    both: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.focus or self.avoid or self.both)


def _flexible(form: str) -> str:
    """A regex for a platform name where spaces may also be hyphens or missing ('tik tok', 'e-mail')."""
    return r"[\s-]?".join(re.escape(word) for word in form.split())


def _platform_forms(catalog: dict[str, ChannelInfo]) -> list[tuple[re.Pattern[str], str]]:
    forms: list[tuple[str, str]] = [(name.lower(), name) for name in catalog]
    forms += [(alias, info.name) for info in catalog.values() for alias in info.aliases
              if alias not in _UNSAFE_ALIASES and len(alias) > 1]
    forms += [(name.lower(), name) for name in EXTRA_PLATFORMS]
    forms.sort(key=lambda f: -len(f[0]))
    patterns = [(re.compile(r"(?<![\w-])" + _flexible(form) + r"s?(?![\w-])", re.I), canonical)
                for form, canonical in forms]
    if "X (Twitter)" in catalog:
        patterns.append((re.compile(r"(?<![\w-])X(?![\w-])"), "X (Twitter)"))
    return patterns


def _mentions(clause: str, patterns: list[tuple[re.Pattern[str], str]]) -> list[tuple[int, int, str]]:
    taken: list[tuple[int, int, str]] = []
    for pattern, canonical in patterns:
        for match in pattern.finditer(clause):
            if not any(s < match.end() and match.start() < e for s, e, _ in taken):
                taken.append((match.start(), match.end(), canonical))
    return sorted(taken)


def parse_platforms(text: str, catalog: dict[str, ChannelInfo]) -> Platforms:
    """'Instagram and email, no TikTok' -> focus [Instagram, Email], avoid [TikTok]."""
    cleaned = re.sub(r"\b(?:anything|everything|all) but\b", "except", clean_text(text), flags=re.I)
    cleaned = re.sub(r"-(heavy|first|led|focused|centric|only|based|driven)\b", r" \1", cleaned, flags=re.I)
    patterns = _platform_forms(catalog)
    focus: list[str] = []
    avoid: list[str] = []
    previous_negative = False
    for clause in _CLAUSES.split(cleaned):
        mentions = _mentions(clause, patterns)
        if not mentions:
            previous_negative = bool(_NEGATION.search(clause)) and previous_negative
            continue
        cue = _NEGATION.search(clause)
        inherits = previous_negative and not cue and re.search(r"\b(?:or|nor|either)\b", clause, re.I)
        clause_negative = False
        for start, end, name in mentions:
            negative = bool(inherits) or bool(cue and cue.start() < start) or bool(_NEGATIVE_AFTER.match(clause[end:]))
            clause_negative = clause_negative or negative
            (avoid if negative else focus).append(name)
        previous_negative = clause_negative
    both = [p for p in dict.fromkeys(focus) if p in avoid]
    return Platforms(focus=list(dict.fromkeys(focus)), avoid=list(dict.fromkeys(avoid)), both=both)


def parse_business_type(text: str) -> str | None:
    """'B2B', 'we sell to businesses' -> B2B; 'consumers' -> B2C; 'both' -> Hybrid; None when unclear."""
    if _HYBRID.search(text):
        return "Hybrid"
    b2b, b2c = bool(_B2B.search(text)), bool(_B2C.search(text))
    if b2b and b2c:
        return "Hybrid"
    return "B2B" if b2b else "B2C" if b2c else None


def is_yes(text: str) -> bool:
    """True for a plain yes ('yes', 'ok', 'looks good', 'go ahead')."""
    return bool(_YES.match(text))


def is_no(text: str) -> bool:
    """True for a plain no ('no', 'nope', 'leave it out')."""
    return bool(_NO.match(text))


def is_skip(text: str) -> bool:
    """True when the person declines to answer ('skip', 'not sure', 'no idea', 'n/a')."""
    return bool(_SKIP.match(text)) or not clean_text(text)


def parse_list(text: str) -> list[str]:
    """'Greggs, Pret and Gail's' -> ['Greggs', 'Pret', "Gail's"]; filler words and skips are dropped."""
    cleaned = clean_text(text)
    parts = re.split(r"\s*(?:;|,(?!\d{3})|\n|\band\b|\bplus\b|\balso\b|/(?!\d))\s*", cleaned, flags=re.I)
    filler = re.compile(r"^(?:mostly|mainly|probably|maybe|like|e\.?g\.?|i\.?e\.?|such as|including|"
                        r"and|or|the|also|then)\s+", re.I)
    items = []
    for part in parts:
        item = part.strip(" .!-'\"")
        while filler.match(item):
            item = filler.sub("", item, count=1)
        if item and not is_skip(item):
            items.append(item[0].upper() + item[1:] if item[0].islower() else item)
    return list(dict.fromkeys(items))
