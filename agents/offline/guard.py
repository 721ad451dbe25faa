"""Output safety shared by the offline composers: avoided platforms, banned phrases, discount caps and the brand.

Avoided platforms are matched with the pack critic's own terms and matcher (``tools.quality.pack_checks``), so a
writer drops exactly the mentions the critic would flag. Each group keeps its policy (which lists it bans, whether
headings survive); the matching pieces live here once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import Any

from agents.offline.facts import unique
from tools.brief import Brief
from tools.catalog import default_catalog
from tools.knowledge import default_knowledge
from tools.markdown import Block
from tools.planning.channels import ChannelInfo, avoided_channels, channel_catalog
from tools.quality.metrics import is_heading
from tools.quality.pack_checks import avoid_terms, platform_named
from tools.quality.section_checks import phrase_regex

Matchers = tuple[tuple[str, Any], ...]

_OFF = re.compile(r"(\d{1,3})\s*(?:%|percent)\s+(?:off|discount)", re.I)


# -- avoided platforms ---------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def channels() -> dict[str, ChannelInfo]:
    """The packaged channel catalog (the one the pack critic reads)."""
    return channel_catalog(default_knowledge().get("channel_catalog"))


def critic_terms(avoid: Iterable[str], catalog: dict[str, ChannelInfo]) -> list[str]:
    """The pack critic's names and aliases of the avoided platforms, over ``catalog``."""
    return avoid_terms(Brief.model_construct(avoid_platforms=list(avoid)), catalog)


@lru_cache(maxsize=256)
def avoided_terms(avoid: tuple[str, ...]) -> tuple[str, ...]:
    """Every name and alias the pack critic treats as a mention of an avoided platform."""
    return tuple(critic_terms(avoid, channels())) if avoid else ()


def names_avoided_platform(line: str, terms: Iterable[str]) -> bool:
    """True when the line names any avoided platform the way the pack critic reads it."""
    return any(platform_named(t, line) for t in terms)


_AVOID_CACHE: dict[tuple[int, tuple[str, ...]], tuple[Any, tuple[str, ...]]] = {}


def avoid_names(avoid: tuple[str, ...], kb: Any) -> tuple[str, ...]:
    """The critic's terms over ``kb``'s catalog plus the lead name of a bracketed channel ('X' of 'X (Twitter)')."""
    key = (id(kb), avoid)
    cached = _AVOID_CACHE.get(key)
    if cached is None or cached[0] is not kb:
        catalog = channel_catalog(kb.get("channel_catalog"))
        heads = [name.split(" (")[0] for name in sorted(avoided_channels(list(avoid), catalog)) if " (" in name]
        cached = (kb, tuple(unique([*critic_terms(avoid, catalog), *heads])))
        _AVOID_CACHE[key] = cached
    return cached[1]


# -- banned phrases and patterns -----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def global_phrases() -> tuple[str, ...]:
    """Blacklisted and generic phrases from quality.yaml."""
    generic = default_catalog().quality["generic_checks"]
    return tuple(generic["blacklist"]["phrases"]) + tuple(generic["genericity"]["generic_phrases"])


@lru_cache(maxsize=8)
def quality_patterns(group: str | None = None) -> tuple[str, ...]:
    """Regexes of quality.yaml's generic checks: one group's, or those of every group that has patterns."""
    quality = default_catalog().quality["generic_checks"]
    if group is not None:
        return tuple(quality[group]["patterns"].values())
    return tuple(p for v in quality.values() if isinstance(v, dict) and isinstance(v.get("patterns"), dict)
                 for p in v["patterns"].values())


@lru_cache(maxsize=256)
def compiled(patterns: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """Compiled regexes, cached per tuple."""
    return tuple(re.compile(p) for p in patterns)


@lru_cache(maxsize=512)
def phrases_regex(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-insensitive whole-phrase alternation for many phrases."""
    bodies = sorted({r"\s+".join(re.escape(p) for p in w.replace("’", "'").split()) for w in words if w.strip()},
                    key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{'|'.join(bodies)})(?!\w)", re.IGNORECASE) if bodies else None


def quotes_any(text: str, phrases: Iterable[str]) -> bool:
    """True when ``text`` contains any non-blank phrase, ignoring case (plain substring match)."""
    lowered = text.lower()
    return any(p.strip() and p.lower() in lowered for p in phrases)


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


# -- line filtering ------------------------------------------------------------------------------------------

def over_cap(text: str, discount_cap: int | None) -> bool:
    """True when ``text`` offers a discount ('20% off') deeper than the cap."""
    return discount_cap is not None and any(int(n) > discount_cap for n in _OFF.findall(text))


def clean_line(line: str, banned: Matchers, discount_cap: int | None) -> bool:
    """True when a line holds no banned phrase, no placeholder and no discount deeper than the cap."""
    text = line.replace("’", "'")
    low = text.lower()
    if any(word in low and pattern.search(text) for word, pattern in banned):
        return False
    if over_cap(text, discount_cap):
        return False
    return not any(p.search(line) for p in compiled(quality_patterns("placeholders")))


def guard_blocks(blocks: list[Block], ok: Callable[[str], bool]) -> list[Block]:
    """Drop lines ``ok`` rejects; an optional block left with only a heading is dropped."""
    out: list[Block] = []
    for b in blocks:
        if ok(b.markdown):
            out.append(b)
            continue
        lines = [ln for ln in b.markdown.splitlines() if ok(ln)]
        text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines).strip())
        body = [ln for ln in lines if ln.strip() and not is_heading(ln)]
        if not text or (b.optional and not body):
            continue
        out.append(Block(text, optional=b.optional, priority=b.priority))
    return out


def ensure_brand(blocks: list[Block], brand: str, fallback: str) -> list[Block]:
    """The brand-mention safety net: when no required block names ``brand``, lead with ``fallback``."""
    if not any(brand in b.markdown for b in blocks if not b.optional):
        blocks.insert(0, Block(fallback))
    return blocks
