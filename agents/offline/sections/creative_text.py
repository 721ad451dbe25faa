"""Text helpers for the creative composers: casing, hashtags and the output safety guard."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from tools.catalog import default_catalog
from tools.markdown import Block
from tools.planning.channels import avoided_channels, channel_catalog
from tools.quality.metrics import is_heading
from tools.quality.pack_checks import platform_named
from tools.quality.section_checks import phrase_regex

Matchers = tuple[tuple[str, Any], ...]

# Catalog aliases that are everyday words; the pack check does not treat them as platform names either.
_EVERYDAY_ALIASES = frozenset({"text", "press", "partners", "blog", "referral", "referrals", "creators", "crm",
                               "newsletter", "partnerships", "events", "workshops"})
_OFF = re.compile(r"(\d{1,3})\s*(?:%|percent)\s+(?:off|discount)", re.I)
_TRANSLIT = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "ß": "ss", "đ": "d", "Đ": "D",
                           "ł": "l", "Ł": "L", "œ": "oe", "Œ": "Oe", "þ": "th", "Þ": "Th", "ð": "d"})


def cap(text: str) -> str:
    """Upper-case the first letter only."""
    return text[:1].upper() + text[1:] if text else text


def unique(items: Iterable[str]) -> list[str]:
    """Items in order without case-insensitive duplicates or blanks."""
    seen: set[str] = set()
    out: list[str] = []
    for item in items:
        key = item.strip().lower()
        if key and key not in seen:
            seen.add(key)
            out.append(item.strip())
    return out


def ascii_words(text: str) -> list[str]:
    """Words of ``text`` with accents stripped ('Café Ñandú' -> ['Cafe', 'Nandu'])."""
    folded = unicodedata.normalize("NFKD", text.translate(_TRANSLIT))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    words = re.findall(r"[A-Za-z0-9]+", plain)
    return words or re.findall(r"\w+", text)


def tag(text: str) -> str:
    """A CamelCase hashtag from free text: 'Zero-Friction Quarter' -> '#ZeroFrictionQuarter'."""
    words = ascii_words(text)
    return "#" + "".join(w if w[:1].isupper() or w.isdigit() else w[:1].upper() + w[1:] for w in words)


@lru_cache(maxsize=1)
def global_phrases() -> tuple[str, ...]:
    """Blacklisted and generic phrases from quality.yaml."""
    generic = default_catalog().quality["generic_checks"]
    return tuple(generic["blacklist"]["phrases"]) + tuple(generic["genericity"]["generic_phrases"])


@lru_cache(maxsize=1)
def _placeholder_patterns() -> tuple[re.Pattern[str], ...]:
    patterns = default_catalog().quality["generic_checks"]["placeholders"]["patterns"]
    return tuple(re.compile(p) for p in patterns.values())


_AVOID_CACHE: dict[tuple[int, tuple[str, ...]], tuple[Any, tuple[str, ...]]] = {}


def avoid_names(avoid: tuple[str, ...], kb: Any) -> tuple[str, ...]:
    """Avoided platforms plus the catalog channels they exclude (cached per knowledge base)."""
    key = (id(kb), avoid)
    cached = _AVOID_CACHE.get(key)
    if cached is None or cached[0] is not kb:
        cached = (kb, _expand_avoid(avoid, kb.get("channel_catalog")))
        _AVOID_CACHE[key] = cached
    return cached[1]


def _expand_avoid(avoid: tuple[str, ...], raw_catalog: dict[str, Any]) -> tuple[str, ...]:
    """The brief's avoided platforms, the channels they exclude and those channels' specific aliases."""
    catalog = channel_catalog(raw_catalog)
    banned = avoided_channels(list(avoid), catalog)
    others = [n for info in catalog.values() if info.name not in banned for n in (info.name, *info.aliases)]
    names = list(avoid)
    for canonical in sorted(banned):
        names.append(canonical)
        names.extend(part.strip("() ") for part in canonical.split(" ("))
        names.extend(a for a in catalog[canonical].aliases if len(a) > 1 and a not in _EVERYDAY_ALIASES
                     and not any(phrase_regex(a).search(o) for o in others))
    return tuple(unique(n for n in names if n.strip()))


class _Platform:
    """Matches a platform name the way the pack check does ('X' and 'Meta' only as proper nouns)."""

    def __init__(self, term: str) -> None:
        self.term = term

    def search(self, text: str) -> bool:
        """True when the platform is named in ``text``."""
        return platform_named(self.term, text)


def platform_matchers(terms: tuple[str, ...]) -> Matchers:
    """Matchers for avoided platform names."""
    return tuple((max(t.lower().split(), key=len), _Platform(t)) for t in terms if t.split())


def matchers(phrases: tuple[str, ...]) -> Matchers:
    """(longest lower-case word, whole-phrase matcher) pairs; the word is a cheap pre-filter."""
    return tuple((max(p.replace("’", "'").lower().split(), key=len), phrase_regex(p)) for p in phrases if p.split())


def clean_line(line: str, banned: Matchers, discount_cap: int | None) -> bool:
    """True when a line holds no banned phrase, no placeholder and no discount deeper than the cap."""
    text = line.replace("’", "'")
    low = text.lower()
    if any(word in low and pattern.search(text) for word, pattern in banned):
        return False
    if discount_cap is not None and any(int(n) > discount_cap for n in _OFF.findall(text)):
        return False
    return not any(p.search(line) for p in _placeholder_patterns())


def guard_blocks(blocks: list[Block], banned: Matchers, discount_cap: int | None) -> list[Block]:
    """Drop unsafe lines; an optional block left with only a heading is dropped."""
    out: list[Block] = []
    for b in blocks:
        if clean_line(b.markdown, banned, discount_cap):
            out.append(b)
            continue
        lines = [ln for ln in b.markdown.splitlines() if clean_line(ln, banned, discount_cap)]
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines).strip())
        body = [ln for ln in lines if ln.strip() and not is_heading(ln)]
        if not text or (b.optional and not body):
            continue
        out.append(Block(text, optional=b.optional, priority=b.priority))
    return out
