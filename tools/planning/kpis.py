"""Derive measurable KPI targets from a free-text goal ("Sign up 200 new members in 90 days")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tools.currencies import ISO_4217

_TIME_UNIT = r"(?:days?|weeks?|months?|quarters?|years?|hours?|minutes?)\b"
_NUMBER = re.compile(
    r"(?<![A-Za-z\d.,])(?P<pre>\$|€|£|₹|¥)?(?P<num>\d[\d,]*(?:\.\d+)?)\s*"
    r"(?P<unit>%|k\b|m\b|-?stars?\b|x\b)?",
    re.IGNORECASE,
)
_STOP = re.compile(
    r"\b(in|within|by|before|after|per|over|during|across|from|for|to|at|on|and|while|this|next|"
    r"each|every|a|an|with|than|of|q[1-4])\b",
    re.I,
)
_VERBS = r"(?:cut|reduce|lower|decrease|raise|increase|grow|lift|boost|improve|take|bring|get|scale|build)"
_FROM_TO = re.compile(
    r"(?P<name>[A-Za-z][A-Za-z \-]{2,40}?)\s+from\s+(?P<a>[$€£]?\d[\d,.]*%?)\s+to\s+(?P<b>[$€£]?\d[\d,.]*%?)",
    re.I,
)
_BY_PCT = re.compile(
    rf"(?P<verb>{_VERBS})\s+(?P<name>[A-Za-z][A-Za-z \-]{{2,40}}?)\s+by\s+(?P<pct>\d[\d,.]*%)", re.I
)
_GROW_TO = re.compile(
    rf"(?P<verb>{_VERBS})\s+(?:our\s+|the\s+)?(?P<name>[A-Za-z][A-Za-z &\-]{{2,50}}?)\s+to\s+"
    r"(?P<num>[$€£]?\d[\d,.]*\s*(?:%|k\b|m\b)?)(?!\s*(?:-\s*)?" + _TIME_UNIT + ")",
    re.I,
)
_BACK_TO_YEAR = re.compile(
    rf"(?:{_VERBS}\s+)?(?P<name>[A-Za-z][A-Za-z \-]{{2,40}}?)\s+(?:back\s+)?to\s+"
    r"(?P<year>(?:19|20)\d\d)\s+levels?",
    re.I,
)
_FILLER = {"the", "a", "an", "our", "total", "more", "at", "least", "over", "new"}
_KEEP_NEW = re.compile(
    r"^new\s+(members?|customers?|clients?|subscribers?|donors?|students?|patients?)$", re.I
)


@dataclass(frozen=True)
class GoalTarget:
    """One target read from a goal."""

    kpi: str
    target: str
    baseline: str | None = None


def format_count(value: float) -> str:
    """A whole-number volume with thousands separators ("1,500")."""
    return f"{round(value):,}"


def volume_of(target: str) -> float | None:
    """The plain count a target states ("1,500", "2k", "1.2M"), or None for rates, money and text."""
    match = re.fullmatch(r"\s*(\d[\d,]*(?:\.\d+)?)\s*([kKmM])?\s*", target)
    if not match:
        return None
    value = float(match.group(1).replace(",", ""))
    scale = {"k": 1_000, "m": 1_000_000}.get((match.group(2) or "").lower(), 1)
    return value * scale


def _normal_value(raw: str) -> str:
    """Tidy a number for display: "2500" -> "2,500", "2k" -> "2,000", rates and money kept."""
    raw = raw.strip()
    volume = volume_of(raw)
    if volume is not None and volume >= 1000 and volume == int(volume):
        return format_count(volume)
    return re.sub(r"\s+", "", raw)


def _clean_name(name: str) -> str:
    parts = re.split(rf"\b{_VERBS}\b", name.strip(), flags=re.I)
    name = parts[-1] if len(parts) > 1 and parts[-1].strip() else name.strip()
    name = re.sub(r"^(of|after|with|for|and)\s+", "", name.strip(), flags=re.I)
    words = name.split()
    while words and words[0].lower() in _FILLER and not _KEEP_NEW.match(" ".join(words)):
        words.pop(0)
    return " ".join(words)


def _noun_after(text: str) -> str:
    words: list[str] = []
    for word in re.findall(r"[A-Za-z][A-Za-z\-']*", text):
        if _STOP.fullmatch(word) or len(words) >= 4:
            break
        words.append(word)
    return _clean_name(" ".join(words))


def _is_time_or_year(text: str, match: re.Match[str]) -> bool:
    after = text[match.end():match.end() + 12]
    if re.match(rf"\s*(?:-\s*)?{_TIME_UNIT}", after, re.I):
        return True
    raw = match.group("num").replace(",", "")
    return bool(re.fullmatch(r"(19|20)\d\d", raw)) and not match.group("unit")


def _unit_suffix(unit: str) -> str:
    return {"%": "%", "k": "k", "m": "M", "x": "x"}.get(unit, "")


def _mask(text: str, match: re.Match[str]) -> str:
    return text[:match.start()] + " " * (match.end() - match.start()) + text[match.end():]


def _phrase_targets(goal: str) -> tuple[list[GoalTarget], str]:
    """Targets stated as phrases (from-to, by-percent, grow-to, back-to-year), plus the goal masked."""
    found: list[GoalTarget] = []
    masked = goal
    for m in list(_FROM_TO.finditer(masked)):
        found.append(GoalTarget(kpi=_clean_name(m.group("name")), target=m.group("b"), baseline=m.group("a")))
        masked = _mask(masked, m)
    for m in list(_BY_PCT.finditer(masked)):
        sign = "-" if m.group("verb").lower() in {"cut", "reduce", "lower", "decrease"} else "+"
        found.append(GoalTarget(kpi=_clean_name(m.group("name")), target=f"{sign}{m.group('pct')}"))
        masked = _mask(masked, m)
    for m in list(_BACK_TO_YEAR.finditer(masked)):
        target = f"back to the {m.group('year')} level"
        found.append(GoalTarget(kpi=_clean_name(m.group("name")), target=target, baseline="current level"))
        masked = _mask(masked, m)
    for m in list(_GROW_TO.finditer(masked)):
        found.append(GoalTarget(kpi=_clean_name(m.group("name")), target=_normal_value(m.group("num"))))
        masked = _mask(masked, m)
    return found, masked


def _number_targets(masked: str) -> list[GoalTarget]:
    found: list[GoalTarget] = []
    for num in _NUMBER.finditer(masked):
        if _is_time_or_year(masked, num):
            continue
        unit = (num.group("unit") or "").lower()
        if "star" in unit:
            found.append(GoalTarget(kpi="average review rating", target=f"{num.group('num')} stars"))
            continue
        value = _normal_value(f"{num.group('pre') or ''}{num.group('num')}{_unit_suffix(unit)}")
        rest = masked[num.end():]
        code = re.match(r"\s*([A-Z]{3})\b", rest)
        if code and code.group(1) in ISO_4217 and not unit:
            value, rest = f"{value} {code.group(1)}", rest[code.end():]
            rest = re.sub(r"^\s*(in|of)\s+", "", rest, flags=re.I)
        name = _noun_after(rest)
        converted = re.match(r"\s*(?:to|into)\s+([A-Za-z][\w-]*)", rest)
        if not name and converted and re.search(r"\bconvert\s*$", masked[:num.start()], re.I):
            name = f"{converted.group(1)} conversions"
        if not name and num.group("pre"):
            name = _noun_after(re.sub(r"^\s*(in|of)\s+", "", rest, flags=re.I))
        if not name:
            before = re.sub(r"\b(to|reach|hit|get|of|at)\s*$", "", masked[:num.start()].strip(), flags=re.I)
            words = [w for w in before.split()[-3:] if not _STOP.fullmatch(w)]
            name = _noun_after(" ".join(words))
        if name:
            found.append(GoalTarget(kpi=name, target=value))
    return found


def targets_from_goal(goal: str) -> list[GoalTarget]:
    """Every numeric target stated in the goal, with its KPI name and baseline when given."""
    return list(_targets(goal))


@lru_cache(maxsize=1024)
def _targets(goal: str) -> tuple[GoalTarget, ...]:
    found, masked = _phrase_targets(goal)
    found += _number_targets(masked)
    unique: dict[str, GoalTarget] = {}
    for t in found:
        if t.kpi:
            unique.setdefault(t.kpi.lower(), t)
    return tuple(unique.values())


_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("cost_per_lead", re.compile(r"\bcpl\b|cost per (lead|mql|sql|booking|demo|call|appointment)", re.I)),
    ("cost_per_customer", re.compile(r"\bcac\b|\bcpa\b|acquisition cost|cost per \w+", re.I)),
    ("roas", re.compile(r"\broas\b|return on ad spend", re.I)),
    ("rating", re.compile(r"rating|stars?\b|reviews?\b", re.I)),
    ("decrease", re.compile(r"churn|skip|bounce|unsubscribe|refund|cancel|complaint|return rate|late", re.I)),
    ("engagement_rate", re.compile(r"engagement", re.I)),
    ("referral_rate", re.compile(r"referr", re.I)),
    ("repeat_rate", re.compile(r"repeat|retention|returning|renewal", re.I)),
    ("conversion", re.compile(r"\bconversion\b|close rate|win rate|\w-to-\w", re.I)),
    ("pipeline", re.compile(r"pipeline", re.I)),
    ("value", re.compile(
        r"\bltv\b|lifetime value|\baov\b|order value|basket|revenue|sales value|booking value", re.I)),
    ("followers", re.compile(r"follow|fans|audience size", re.I)),
    ("leads", re.compile(r"\b(?:email|newsletter|mailing)[ -](?:list|subscribers?|sign-?ups?)|"
                         r"\b(mqls?|sqls?|leads?|demos?|enquir\w*|inquir\w*|bookings?|appointments?|trials?|"
                         r"calls?|applications?|registrations?|rsvps?)\b", re.I)),
    ("customers", re.compile(r"\b(orders?|pre-orders?|sales|customers?|clients?|members?|memberships?|"
                             r"sign-?ups?|subscribers?|subscriptions?|enrol\w*|donors?|students?|patients?|purchases?|"
                             r"conversions?|accounts?|installs?|downloads?|guests?|deals?)\b", re.I)),
    ("reach", re.compile(r"reach|impressions|views|traffic|visits|sessions|awareness|mentions", re.I)),
)


@lru_cache(maxsize=4096)
def kpi_kind(name: str) -> str:
    """What a KPI measures: leads, customers, followers, a cost, a rate, a rating, reach or other."""
    for kind, pattern in _KINDS:
        if pattern.search(name):
            return kind
    return "other"
