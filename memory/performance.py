"""Performance ingestion: parse CSV/JSON outcome files row by row, tier by engagement rate, report every bad line."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

Tier = Literal["excellent", "good", "average", "poor"]
WINNING_TIERS: tuple[Tier, ...] = ("excellent", "good")
# (tier, minimum engagement rate in percent); rates are compared exactly with integers
TIER_FLOORS: tuple[tuple[Tier, int], ...] = (("excellent", 10), ("good", 5), ("average", 2))
REQUIRED = ("content_id", "date", "platform", "content_type", "hook", "tone", "text", "impressions", "clicks",
            "engagements", "conversions", "cost", "revenue")
OPTIONAL = ("industry", "pack_key", "section_id")
HOOK_STYLES: dict[str, tuple[str, ...]] = {
    "question": ("question", "questions", "ask", "quiz", "poll", "q&a"),
    "statistic": ("stat", "stats", "statistic", "number", "numbers", "data", "percentage"),
    "story": ("story", "storytelling", "narrative", "anecdote", "behind the scenes"),
    "how-to": ("how-to", "how to", "tutorial", "tip", "tips", "guide", "explainer", "hack"),
    "contrarian": ("contrarian", "myth", "myths", "myth-busting", "hot take", "unpopular opinion"),
    "list": ("list", "listicle", "top"),
    "testimonial": ("testimonial", "review", "social proof", "customer quote", "ugc", "case study"),
    "offer": ("offer", "discount", "promo", "deal", "sale", "giveaway"),
    "curiosity": ("curiosity", "teaser", "secret", "surprising", "cliffhanger"),
    "pov": ("pov", "point of view", "opinion"),
    "humour": ("humor", "humour", "funny", "meme", "joke"),
    "challenge": ("challenge", "trend"),
}
_HOOK_PATTERNS = [(style, re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w-])", re.I))
                  for style, words in HOOK_STYLES.items()]
_MONEY = re.compile(r"[\s,$€£¥]")
PlatformNamer = Callable[[str], str]
Day = date  # an alias, so the PerformanceRow field named "date" does not shadow the type


class PerformanceFileError(ValueError):
    """The file as a whole cannot be imported (unreadable, not CSV/JSON, required columns missing)."""


def tier_for(engagements: int, impressions: int) -> Tier:
    """Tier by engagement rate: excellent >= 10%, good >= 5%, average >= 2%, poor below (exact arithmetic)."""
    if impressions <= 0:
        raise ValueError("impressions must be positive to compute an engagement rate")
    for tier, floor in TIER_FLOORS:
        if engagements * 100 >= impressions * floor:
            return tier
    return "poor"


@lru_cache(maxsize=8192)
def hook_style(hook: str) -> str:
    """The canonical hook style of a hook label or hook line ("Ever wondered...?" -> question), else 'other'."""
    text = hook.strip()
    if not text:
        return "none"
    for style, pattern in _HOOK_PATTERNS:
        if pattern.search(text):
            return style
    return "question" if text.endswith("?") else "other"


@dataclass(frozen=True)
class PerformanceRow:
    """One validated outcome row."""

    content_id: str
    date: Day
    platform: str
    content_type: str
    hook: str
    tone: str
    text: str
    impressions: int
    clicks: int
    engagements: int
    conversions: int
    cost: float
    revenue: float
    industry: str | None = None
    pack_key: str | None = None
    section_id: str | None = None

    @property
    def key(self) -> tuple[str, Day, str]:
        """What makes a row unique for a tenant: content, day and platform."""
        return self.content_id, self.date, self.platform

    @property
    def engagement_rate(self) -> float:
        """Engagements per impression."""
        return self.engagements / self.impressions

    @property
    def tier(self) -> Tier:
        """The row's performance tier."""
        return tier_for(self.engagements, self.impressions)

    @property
    def hook_style(self) -> str:
        """The canonical style of the row's hook."""
        return hook_style(self.hook)


@dataclass(frozen=True)
class RowError:
    """A rejected row: its line (CSV) or record number (JSON) and why."""

    line: int
    reason: str
    content_id: str | None = None


@dataclass
class ParsedFile:
    """Good rows with their line numbers, bad rows with reasons, and columns nobody asked for."""

    rows: list[tuple[int, PerformanceRow]] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    unknown_columns: list[str] = field(default_factory=list)


class _RowProblem(ValueError):
    pass


@dataclass(frozen=True)
class _Malformed:
    reason: str


def _text(raw: dict[str, Any], name: str, *, required: bool = True, limit: int = 200) -> str:
    value = raw.get(name)
    text = "" if value is None else str(value).strip()
    if required and not text:
        raise _RowProblem(f"{name} is empty")
    if len(text) > limit:
        raise _RowProblem(f"{name} is longer than {limit} characters")
    return text


def _count(raw: dict[str, Any], name: str, *, required: bool) -> int:
    value = raw.get(name)
    if isinstance(value, int) and value >= 0:
        return value
    text = "" if value is None else str(value).strip()
    if text.isdigit():
        return int(text)
    text = _MONEY.sub("", text)
    if not text:
        if required:
            raise _RowProblem(f"{name} is empty")
        return 0
    try:
        number = float(text)
    except ValueError:
        raise _RowProblem(f"{name} '{value}' is not a number") from None
    if number < 0 or number != int(number):
        raise _RowProblem(f"{name} '{value}' must be a whole number >= 0")
    return int(number)


def _money(raw: dict[str, Any], name: str) -> float:
    value = raw.get(name)
    text = "" if value is None else _MONEY.sub("", str(value))
    if not text:
        return 0.0
    try:
        number = float(text)
    except ValueError:
        raise _RowProblem(f"{name} '{value}' is not an amount") from None
    if number < 0 or number != number or number == float("inf"):
        raise _RowProblem(f"{name} '{value}' must be an amount >= 0")
    return round(number, 2)


def _day(raw: dict[str, Any]) -> date:
    value = _text(raw, "date")
    try:
        return datetime.fromisoformat(value).date() if "T" in value or " " in value else date.fromisoformat(value)
    except ValueError:
        raise _RowProblem(f"date '{value}' is not an ISO date (YYYY-MM-DD)") from None


def parse_row(raw: dict[str, Any], platform_name: PlatformNamer = str.strip) -> PerformanceRow:
    """Validate one raw record; raises ValueError naming the field and the problem."""
    impressions = _count(raw, "impressions", required=True)
    engagements = _count(raw, "engagements", required=True)
    if impressions == 0:
        raise _RowProblem("impressions is 0: an engagement rate needs at least one impression")
    if engagements > impressions:
        raise _RowProblem(f"engagements ({engagements}) exceed impressions ({impressions})")
    return PerformanceRow(
        content_id=_text(raw, "content_id"), date=_day(raw), platform=platform_name(_text(raw, "platform", limit=64)),
        content_type=_text(raw, "content_type", limit=64), hook=_text(raw, "hook", required=False),
        tone=_text(raw, "tone", required=False, limit=64), text=_text(raw, "text", limit=20_000),
        impressions=impressions, clicks=_count(raw, "clicks", required=False), engagements=engagements,
        conversions=_count(raw, "conversions", required=False), cost=_money(raw, "cost"),
        revenue=_money(raw, "revenue"), industry=_text(raw, "industry", required=False, limit=120) or None,
        pack_key=_text(raw, "pack_key", required=False, limit=64) or None,
        section_id=_text(raw, "section_id", required=False, limit=64) or None,
    )


def _check_columns(columns: Iterable[str]) -> list[str]:
    names = [c.strip().lower() for c in columns if c and c.strip()]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise PerformanceFileError(f"required column(s) missing: {', '.join(missing)} "
                                   f"(the header must name {', '.join(REQUIRED)})")
    return sorted({c for c in names if c not in REQUIRED and c not in OPTIONAL})


def parse_records(records: Iterable[tuple[int, Any]], platform_name: PlatformNamer = str.strip) -> ParsedFile:
    """Validate (line, record) pairs; duplicates of an earlier row's content/day/platform are rejected."""
    parsed = ParsedFile()
    seen: dict[tuple[str, date, str], int] = {}
    for line, raw in records:
        if not isinstance(raw, dict):
            reason = raw.reason if isinstance(raw, _Malformed) else "not an object of column: value pairs"
            parsed.errors.append(RowError(line, reason))
            continue
        try:
            row = parse_row(raw, platform_name)
        except ValueError as exc:
            content = str(raw.get("content_id") or "").strip() or None
            parsed.errors.append(RowError(line, str(exc), content))
            continue
        if row.key in seen:
            parsed.errors.append(RowError(line, f"duplicate of line {seen[row.key]} (same content_id, date and "
                                                f"platform)", row.content_id))
            continue
        seen[row.key] = line
        parsed.rows.append((line, row))
    return parsed


def parse_csv(text: str, platform_name: PlatformNamer = str.strip) -> ParsedFile:
    """Parse CSV text with a header row; errors carry the physical line number of the row."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if not reader.fieldnames:
        raise PerformanceFileError("the CSV file is empty: it needs a header row and data rows")
    reader.fieldnames = [(name or "").strip().lower() for name in reader.fieldnames]
    unknown = _check_columns(reader.fieldnames)

    def numbered() -> Iterable[tuple[int, Any]]:
        start = reader.line_num + 1
        for raw in reader:
            if None in raw:
                yield start, _Malformed(f"{len(raw[None])} more cell(s) than the header has columns")
            elif any((v or "").strip() for v in raw.values() if isinstance(v, str)):
                yield start, raw
            start = reader.line_num + 1

    try:
        parsed = parse_records(numbered(), platform_name)
    except csv.Error as exc:
        raise PerformanceFileError(f"malformed CSV near line {reader.line_num}: {exc}") from exc
    parsed.unknown_columns = unknown
    return parsed


def parse_json(text: str, platform_name: PlatformNamer = str.strip) -> ParsedFile:
    """Parse a JSON list of records (or {"records": [...]}); errors carry the 1-based record number."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PerformanceFileError(f"not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}") from exc
    if isinstance(data, dict) and isinstance(data.get("records"), list):
        data = data["records"]
    if not isinstance(data, list):
        raise PerformanceFileError('JSON must be a list of records or an object {"records": [...]}')
    columns = sorted({str(k) for item in data if isinstance(item, dict) for k in item})
    unknown = _check_columns(columns) if data else []
    parsed = parse_records(((i, item) for i, item in enumerate(data, start=1)), platform_name)
    parsed.unknown_columns = unknown
    return parsed


def parse_file(path: Path, platform_name: PlatformNamer = str.strip) -> ParsedFile:
    """Parse a .csv or .json file by its suffix."""
    suffix = path.suffix.lower()
    if suffix not in {".csv", ".json"}:
        raise PerformanceFileError(f"{path.name}: use a .csv or .json file")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PerformanceFileError(f"cannot read {path}: {exc}") from exc
    return parse_csv(text, platform_name) if suffix == ".csv" else parse_json(text, platform_name)


def channel_namer() -> PlatformNamer:
    """Map platform names in files onto the channel catalog ("tiktok" -> "TikTok"); unknown names stay as given."""
    from tools.knowledge import default_knowledge
    from tools.planning.channels import channel_catalog, match_channel

    catalog = channel_catalog(default_knowledge().get("channel_catalog"))
    exact = {name.casefold(): name for name in catalog}

    def name(raw: str) -> str:
        text = raw.strip()
        first = text.split()[0].casefold() if text.split() else ""
        return exact.get(text.casefold()) or exact.get(first) or match_channel(text, catalog) or text

    return name
