"""Derive measurable KPI targets from a free-text goal ("Sign up 200 new members in 90 days")."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TIME_UNIT = r"(?:days?|weeks?|months?|quarters?|years?|hours?|minutes?)\b"
_NUMBER = re.compile(
    r"(?<![A-Za-z\d.,])(?P<pre>\$|€|£)?(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<unit>%|k\b|m\b|-?star\b|x\b)?",
    re.IGNORECASE,
)
_STOP = re.compile(r"\b(in|within|by|before|after|per|over|during|across|from|for|to|at|on|and|while)\b", re.I)
_FROM_TO = re.compile(
    r"(?P<name>[A-Za-z][A-Za-z \-]{2,40}?)\s+from\s+(?P<a>\d[\d,.]*%?)\s+to\s+(?P<b>\d[\d,.]*%?)", re.I
)
_BY_PCT = re.compile(r"(?P<verb>raise|increase|grow|lift|boost|improve|cut|reduce|lower|decrease)\s+"
                     r"(?P<name>[A-Za-z][A-Za-z \-]{2,40}?)\s+by\s+(?P<pct>\d[\d,.]*%)", re.I)
_FILLER = {"the", "a", "an", "our", "total", "more", "at", "least", "over"}


@dataclass(frozen=True)
class GoalTarget:
    """One target read from a goal."""

    kpi: str
    target: str
    baseline: str | None = None


def _noun_after(text: str) -> str:
    words: list[str] = []
    for word in re.findall(r"[A-Za-z][A-Za-z\-']*", text):
        if _STOP.fullmatch(word) or len(words) >= 4:
            break
        words.append(word)
    while words and words[0].lower() in _FILLER:
        words.pop(0)
    return " ".join(words).strip()


def _is_time_or_year(text: str, match: re.Match[str]) -> bool:
    after = text[match.end():match.end() + 12]
    if re.match(rf"\s*(?:-\s*)?{_TIME_UNIT}", after, re.I):
        return True
    raw = match.group("num").replace(",", "")
    return bool(re.fullmatch(r"(19|20)\d\d", raw)) and not match.group("unit")


def _unit_suffix(unit: str) -> str:
    return {"%": "%", "k": "k", "m": "M", "x": "x"}.get(unit, "")


def targets_from_goal(goal: str) -> list[GoalTarget]:
    """Every numeric target stated in the goal, with its KPI name and baseline when given."""
    found: list[GoalTarget] = []
    masked = goal
    for m in list(_FROM_TO.finditer(goal)):
        name = re.sub(r"^(cut|reduce|lower|raise|increase|grow|lift|improve|boost)\s+", "",
                      m.group("name").strip(), flags=re.I)
        found.append(GoalTarget(kpi=name, target=m.group("b"), baseline=m.group("a")))
        masked = masked.replace(m.group(0), " " * len(m.group(0)))
    for m in list(_BY_PCT.finditer(masked)):
        sign = "-" if m.group("verb").lower() in {"cut", "reduce", "lower", "decrease"} else "+"
        found.append(GoalTarget(kpi=m.group("name").strip(), target=f"{sign}{m.group('pct')}"))
        masked = masked.replace(m.group(0), " " * len(m.group(0)))
    for num in _NUMBER.finditer(masked):
        if _is_time_or_year(masked, num):
            continue
        unit = (num.group("unit") or "").lower()
        value = f"{num.group('pre') or ''}{num.group('num')}{_unit_suffix(unit)}"
        if unit.endswith("star"):
            found.append(GoalTarget(kpi="average review rating", target=f"{num.group('num')} stars"))
            continue
        name = _noun_after(masked[num.end():])
        if not name:
            before = re.sub(r"\b(to|reach|hit|get|of|at)\s*$", "", masked[:num.start()].strip(), flags=re.I)
            words = [w for w in before.split()[-3:] if not _STOP.fullmatch(w)]
            name = _noun_after(" ".join(words))
        if name:
            found.append(GoalTarget(kpi=name, target=value))
    unique: dict[str, GoalTarget] = {}
    for t in found:
        unique.setdefault(t.kpi.lower(), t)
    return list(unique.values())
