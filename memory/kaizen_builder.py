"""Build the Kaizen context for (tenant, industry) from that tenant's outcomes plus anonymised aggregates.

Isolation: every text, hook line, tone label and winner comes from the tenant's own rows. Other tenants contribute
only numbers behind catalog platform names and canonical hook styles, and only when at least ``min_tenants``
tenants stand behind a figure, so nothing identifies a client.
"""

from __future__ import annotations

import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from memory.db import SessionFactory
from memory.events import EventType
from memory.kaizen import KaizenContext, Winner, confidence_for
from memory.models import Event, PackRun, PerformanceRecord
from memory.performance import HOOK_STYLES, TIER_FLOORS, WINNING_TIERS
from memory.winners import WinnersStore

GOOD_RATE = dict(TIER_FLOORS)["good"] / 100
AVERAGE_RATE = dict(TIER_FLOORS)["average"] / 100
_WORD = re.compile(r"[a-z0-9][a-z0-9'’-]*")
_MEMO_SIZE = 1024
_DATA_EVENTS = tuple(t.value for t in (EventType.PERFORMANCE_RECORDED, EventType.CREATIVE_MARKED_LOSER,
                                      EventType.CREATIVE_MARKED_WINNER, EventType.PACK_COMPLETED,
                                      EventType.PACK_FAILED))
_STOP = frozenset(("a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "i", "in",
                   "is", "it", "its", "of", "on", "or", "our", "so", "that", "the", "this", "to", "us", "was", "we",
                   "what", "when", "with", "you", "your"))


@dataclass
class _Stat:
    """Count and summed engagement rate of a group of records."""

    n: int = 0
    rate_sum: float = 0.0
    poor: int = 0

    def add(self, n: int, rate_sum: float, poor: bool = False) -> None:
        self.n += n
        self.rate_sum += rate_sum
        self.poor += n if poor else 0

    def score(self, prior: float, weight: float = 2.0) -> float:
        """Mean rate shrunk toward ``prior`` so one lucky (or unlucky) post does not decide the ranking."""
        return (self.rate_sum + prior * weight) / (self.n + weight)


@dataclass(frozen=True)
class _Own:
    """What the tenant's own data teaches, ready to copy into a KaizenContext."""

    tones: tuple[str, ...]
    preferred: tuple[str, ...]
    weak: tuple[str, ...]
    hooks: tuple[str, ...]
    banned: tuple[str, ...]
    success: float | None
    sample_size: int


@dataclass
class _Profile:
    """The tenant's own aggregates from one grouped scan."""

    total: _Stat = field(default_factory=_Stat)
    platforms: dict[str, _Stat] = field(default_factory=lambda: defaultdict(_Stat))
    hooks: dict[str, _Stat] = field(default_factory=lambda: defaultdict(_Stat))
    winning_tones: dict[str, _Stat] = field(default_factory=lambda: defaultdict(_Stat))


@lru_cache(maxsize=16_384)
def _ngrams(text: str, sizes: tuple[int, ...] = (2, 3)) -> frozenset[str]:
    words = _WORD.findall(text.casefold())
    grams: set[str] = set()
    for size in sizes:
        for i in range(len(words) - size + 1):
            gram = words[i:i + size]
            if gram[0] not in _STOP and gram[-1] not in _STOP:
                grams.add(" ".join(gram))
    return frozenset(grams)


def banned_from_texts(losers: list[str], winners: list[str], *, limit: int = 8, min_share: float = 0.2) -> list[str]:
    """Phrases that recur in losing copy (2+ texts and ``min_share`` of them) and never appear in winning copy."""
    if len(losers) < 2:
        return []
    won: set[str] = set().union(*(_ngrams(t) for t in winners)) if winners else set()
    counts = Counter(g for t in losers for g in _ngrams(t) if g not in won)
    floor = max(2, int(len(losers) * min_share + 0.999))
    ranked = sorted((g for g, n in counts.items() if n >= floor), key=lambda g: (-counts[g], -len(g), g))
    chosen: list[str] = []
    for gram in ranked:
        if not any(gram in c or c in gram for c in chosen):
            chosen.append(gram)
        if len(chosen) == limit:
            break
    return chosen


class KaizenBuilder:
    """Callable as the pack graph's ``kaizen_provider``: (tenant, industry) -> KaizenContext."""

    def __init__(self, sessions: SessionFactory, winners: WinnersStore | None = None, *,
                 known_platforms: Iterable[str] = (), min_tenants: int = 3, similar: int = 3,
                 peer_ttl_s: float = 300.0) -> None:
        """Read from ``sessions``; ``known_platforms`` are the names cross-tenant aggregates may carry."""
        self._sessions = sessions
        self._winners = winners
        self._known = frozenset(known_platforms)
        self._min_tenants = min_tenants
        self._similar = similar
        self._memo: dict[str, tuple[int, _Own]] = {}
        self._peer_memo: dict[tuple[str, str], tuple[float, tuple[list[str], list[str]]]] = {}
        self._peer_ttl = peer_ttl_s

    def forget(self, tenant: str | None = None) -> None:
        """Drop memoised lessons (of one tenant, or all): the next build reads everything again."""
        if tenant is None:
            self._memo.clear()
            self._peer_memo.clear()
            return
        self._memo.pop(tenant, None)
        for key in [k for k in self._peer_memo if k[0] == tenant]:
            del self._peer_memo[key]

    def __call__(self, tenant: str, industry: str) -> KaizenContext:
        """Alias of ``build`` so the builder can be passed as a KaizenProvider."""
        return self.build(tenant, industry)

    def build(self, tenant: str, industry: str) -> KaizenContext:
        """What the tenant's outcomes (and anonymised peers in the same industry) teach the next pack."""
        with self._sessions() as session:
            own = self._own(session, tenant)
            preferred, hooks = list(own.preferred), list(own.hooks)
            if confidence_for(own.sample_size) < 80 and industry.strip():
                peers_platforms, peers_hooks = self._peers(session, tenant, industry)
                preferred += [p for p in peers_platforms if p not in preferred and p not in own.weak][:2]
                hooks += [h for h in peers_hooks if h not in hooks][:1]
        return KaizenContext(
            recommended_tones=list(own.tones), preferred_platforms=preferred[:4], weak_platforms=list(own.weak),
            banned_phrases=list(own.banned), high_performing_hooks=hooks[:3],
            # no own outcomes -> no own winners to search (and Chroma and the model stay unloaded)
            similar_winners=self._similar_winners(tenant, industry) if own.sample_size else [],
            pack_success_rate=own.success,
            sample_size=own.sample_size, confidence=confidence_for(own.sample_size),
        )

    @staticmethod
    def _version(session: Session, tenant: str) -> int:
        """Newest event that changes what the tenant's data teaches (every import, mark and pack run writes one)."""
        query = select(func.max(Event.id)).where(Event.tenant_id == tenant, Event.type.in_(_DATA_EVENTS))
        return int(session.scalar(query) or 0)

    def _own(self, session: Session, tenant: str) -> _Own:
        """The tenant's own lessons, recomputed only when a new import, mark or pack run was logged."""
        version = self._version(session, tenant)
        cached = self._memo.get(tenant)
        if cached is not None and cached[0] == version:
            return cached[1]
        profile = self._profile(session, tenant)
        scores = {p: stat.score(AVERAGE_RATE) for p, stat in profile.platforms.items()}
        ranked = sorted(scores, key=lambda p: (-scores[p], p))
        weak = [p for p in ranked if self._weak(profile.platforms[p], scores[p])]
        own = _Own(
            tones=tuple(sorted(profile.winning_tones, key=lambda t: (-profile.winning_tones[t].n, t))[:3]),
            preferred=tuple(p for p in ranked if scores[p] >= GOOD_RATE and p not in weak),
            weak=tuple(weak[:3]), hooks=tuple(self._hooks(profile, AVERAGE_RATE)),
            banned=tuple(self._banned(session, tenant)), success=self._success_rate(session, tenant),
            sample_size=profile.total.n)
        if len(self._memo) >= _MEMO_SIZE:
            self._memo.pop(next(iter(self._memo)))
        self._memo[tenant] = (version, own)
        return own

    @staticmethod
    def _profile(session: Session, tenant: str) -> _Profile:
        rec = PerformanceRecord
        query = (select(rec.platform, rec.hook_style, rec.tone, rec.tier, func.count(), func.sum(rec.engagement_rate))
                 .where(rec.tenant_id == tenant).group_by(rec.platform, rec.hook_style, rec.tone, rec.tier))
        profile = _Profile()
        for platform, style, tone, tier, n, rate_sum in session.execute(query):
            n, rate_sum = int(n), float(rate_sum or 0.0)
            profile.total.add(n, rate_sum)
            profile.platforms[platform].add(n, rate_sum, poor=tier == "poor")
            if style not in {"none", "other"}:
                profile.hooks[style].add(n, rate_sum)
            if tier in WINNING_TIERS and tone:
                profile.winning_tones[tone].add(n, rate_sum)
        return profile

    @staticmethod
    def _weak(stat: _Stat, score: float) -> bool:
        """Two or more posts that engaged below 2% on average, or mostly in the poor tier."""
        return stat.n >= 2 and (score < AVERAGE_RATE or stat.poor / stat.n >= 0.6)

    @staticmethod
    def _hooks(profile: _Profile, prior: float) -> list[str]:
        scored = {h: s.score(prior) for h, s in profile.hooks.items()}
        return [h for h in sorted(scored, key=lambda h: (-scored[h], h)) if scored[h] >= GOOD_RATE]

    def _peers(self, session: Session, tenant: str, industry: str) -> tuple[list[str], list[str]]:
        """Platforms and hook styles that win for other tenants in the industry (cached for ``peer_ttl_s``)."""
        key, now = (tenant, industry.strip().casefold()), time.monotonic()
        cached = self._peer_memo.get(key)
        if cached is not None and cached[0] > now:
            return cached[1]
        found = self._peers_now(session, tenant, industry)
        if len(self._peer_memo) >= _MEMO_SIZE:
            self._peer_memo.clear()
        self._peer_memo[key] = (now + self._peer_ttl, found)
        return found

    def _peers_now(self, session: Session, tenant: str, industry: str) -> tuple[list[str], list[str]]:
        """Aggregates backed by at least ``min_tenants`` tenants, over catalog platforms and canonical hooks only."""
        rec = PerformanceRecord
        same = (rec.tenant_id != tenant, func.lower(rec.industry) == industry.strip().casefold())
        platforms = self._peer_ranking(session, rec.platform, same, self._known)
        hooks = self._peer_ranking(session, rec.hook_style, same, frozenset(HOOK_STYLES))
        return platforms, hooks

    def _peer_ranking(self, session: Session, column: object, where: tuple[object, ...],
                      allowed: frozenset[str]) -> list[str]:
        rec = PerformanceRecord
        query = (select(column, rec.tenant_id, func.avg(rec.engagement_rate))  # type: ignore[call-overload]
                 .where(*where).group_by(column, rec.tenant_id))
        per_tenant: dict[str, list[float]] = defaultdict(list)
        for name, _tenant, mean in session.execute(query):
            if name in allowed:
                per_tenant[name].append(float(mean))
        scored = {n: sum(v) / len(v) for n, v in per_tenant.items() if len(v) >= self._min_tenants}
        return [n for n in sorted(scored, key=lambda n: (-scored[n], n)) if scored[n] >= GOOD_RATE]

    @staticmethod
    def _banned(session: Session, tenant: str, window: int = 200) -> list[str]:
        rec = PerformanceRecord

        def texts(tiers: tuple[str, ...]) -> list[str]:
            query = (select(rec.text).where(rec.tenant_id == tenant, rec.tier.in_(tiers))
                     .order_by(rec.date.desc(), rec.id.desc()).limit(window))
            return list(session.scalars(query))

        marked = session.scalars(select(Event.payload).where(
            Event.tenant_id == tenant, Event.type == EventType.CREATIVE_MARKED_LOSER.value)
            .order_by(Event.occurred_at.desc()).limit(50))
        explicit = [str(p).strip() for payload in marked for p in (payload or {}).get("phrases", []) if str(p).strip()]
        learned = banned_from_texts(texts(("poor",)), texts(WINNING_TIERS))
        return list(dict.fromkeys(explicit + learned))[:12]

    @staticmethod
    def _success_rate(session: Session, tenant: str) -> float | None:
        query = select(func.count(), func.sum(case((PackRun.quality_passed.is_(True), 1), else_=0)))
        total, passed = session.execute(query.where(PackRun.tenant_id == tenant)).one()
        return round(int(passed or 0) / int(total), 3) if total else None

    def _similar_winners(self, tenant: str, industry: str) -> list[Winner]:
        if self._winners is None:
            return []
        hits = self._winners.search(tenant, industry or "marketing content that performed well", k=self._similar)
        return [Winner(text=h.text, platform=str(h.metadata.get("platform", "")), hook=str(h.metadata.get("hook", "")),
                       tone=str(h.metadata.get("tone", "")),
                       engagement_rate=float(h.metadata.get("engagement_rate", 0.0))) for h in hits]
