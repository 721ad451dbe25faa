"""Kaizen builder (tenant-scoped, anonymised aggregates) and apply_kaizen's budget and calendar invariants."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from agents.kaizen import apply_kaizen
from agents.strategist import plan_strategy
from memory.db import SessionFactory
from memory.kaizen import KaizenContext
from memory.kaizen_builder import KaizenBuilder, banned_from_texts
from memory.performance import parse_records
from memory.performance_store import PerformanceStore
from memory.runs import record_pack_run
from tests.support.learning import days, migrated_sessions, perf_row, sqlite_file_url
from tools.brief import load_brief
from tools.catalog import sample_brief_paths
from tools.knowledge import default_knowledge
from tools.planning.channels import avoided_channels, channel_catalog
from tools.result import PackResult

PLATFORMS = channel_catalog(default_knowledge().get("channel_catalog"))


@pytest.fixture
def sessions(tmp_path: Path) -> Iterator[SessionFactory]:
    """A migrated SQLite app database."""
    with migrated_sessions(sqlite_file_url(tmp_path)) as factory:
        yield factory


def _import(sessions: SessionFactory, tenant: str, rows: list[dict[str, object]]) -> None:
    PerformanceStore(sessions).import_rows(tenant, parse_records(enumerate(rows, 2)))


def test_builder_learns_platforms_hooks_tones_and_banned_phrases(sessions: SessionFactory) -> None:
    rows = [perf_row(f"t{i}", "TikTok", 120 + i, hook="question", tone="playful", day=d)
            for i, d in enumerate(days(8))]
    rows += [perf_row(f"l{i}", "LinkedIn", 5, hook="stat", tone="formal", day=d,
                      text=f"Excited to announce our synergy roadmap, part {i}") for i, d in enumerate(days(6))]
    rows += [perf_row("e1", "Email", 60, hook="story", tone="warm")]  # one good post proves no platform
    _import(sessions, "acme", rows)
    kaizen = KaizenBuilder(sessions).build("acme", "Coffee")
    assert kaizen.preferred_platforms == ["TikTok"]
    assert kaizen.weak_platforms == ["LinkedIn"]
    assert kaizen.high_performing_hooks == ["question"]
    assert kaizen.recommended_tones == ["playful", "warm"]
    assert "excited to announce" in kaizen.banned_phrases and "synergy roadmap" in " ".join(kaizen.banned_phrases)
    assert (kaizen.sample_size, kaizen.confidence, kaizen.pack_success_rate) == (15, 50, None)
    assert KaizenBuilder(sessions)("nobody", "Coffee") == KaizenContext()


def test_builder_memo_follows_new_imports(sessions: SessionFactory) -> None:
    builder = KaizenBuilder(sessions)
    _import(sessions, "acme", [perf_row(f"t{i}", "TikTok", 150, day=d) for i, d in enumerate(days(3))])
    assert builder.build("acme", "Coffee").preferred_platforms == ["TikTok"]
    _import(sessions, "acme", [perf_row(f"t{i}", "TikTok", 3, day=d) for i, d in enumerate(days(3))])  # corrected
    corrected = builder.build("acme", "Coffee")
    assert corrected.preferred_platforms == [] and corrected.weak_platforms == ["TikTok"]


def test_marked_losers_and_pack_runs_feed_the_context(sessions: SessionFactory) -> None:
    PerformanceStore(sessions).mark_creative("acme", "c9", winner=False, phrases=["world-class solution", " "])
    for n, passed in enumerate([True, True, False, True]):
        result = PackResult(pack_key="quick_social_basic", pack_label="Quick", brief=None,
                            status="PASS" if passed else "FAIL", quality_passed=passed, thread_id="t",
                            run_id=f"run-{n}", created_at="2026-01-01T00:00:00Z")
        record_pack_run(sessions, "acme", result)
    kaizen = KaizenBuilder(sessions).build("acme", "Coffee")
    assert kaizen.banned_phrases == ["world-class solution"]
    assert kaizen.pack_success_rate == 0.75


def test_peers_contribute_only_anonymised_numbers_backed_by_enough_tenants(sessions: SessionFactory) -> None:
    for n, tenant in enumerate(["alpha", "beta"]):
        _import(sessions, tenant, [perf_row(f"{tenant}{i}", "Pinterest", 150, hook="story", tone="Alpha-secret",
                                            text=f"Alpha Beans launch {i}", day=d)
                                   for i, d in enumerate(days(3 + n))])
    builder = KaizenBuilder(sessions, known_platforms=PLATFORMS, peer_ttl_s=0)
    assert builder.build("newco", "coffee").preferred_platforms == []  # two tenants are not enough
    _import(sessions, "gamma", [perf_row("g1", "Pinterest", 150, hook="story", text="Gamma Grounds promo"),
                                perf_row("g2", "Acme Forum", 300, hook="story", text="Gamma Grounds forum post")])
    kaizen = builder.build("newco", "Coffee")
    assert kaizen.preferred_platforms == ["Pinterest"] and kaizen.high_performing_hooks == ["story"]
    dumped = json.dumps(kaizen.model_dump()).lower()
    assert not any(secret in dumped for secret in ("alpha", "gamma", "beans", "grounds", "forum"))
    assert kaizen.sample_size == 0 and kaizen.recommended_tones == [] and kaizen.similar_winners == []
    assert builder.build("newco", "Dental clinic").preferred_platforms == []  # other industries do not count


def test_banned_phrases_need_repetition_and_absence_from_winners() -> None:
    losers = ["Excited to announce our new range", "Excited to announce a webinar", "Great news for everyone"]
    assert banned_from_texts(losers, ["We are excited to announce nothing"]) == []
    assert banned_from_texts(losers, ["Fresh beans every week"]) == ["excited to announce"]
    assert banned_from_texts(losers[:1], []) == []


def _strategies() -> Iterator[tuple[str, object, list[str]]]:
    for path in sample_brief_paths():
        brief = load_brief(path)
        yield path.stem, plan_strategy(brief, default_knowledge(), KaizenContext(), date(2026, 3, 2)), \
            brief.avoid_platforms


KAIZEN = KaizenContext(preferred_platforms=["tiktok", "YouTube", "Pinterest"], weak_platforms=["LinkedIn", "Email"],
                       high_performing_hooks=["question", "statistic", "offer"], sample_size=60, confidence=100)


@pytest.mark.parametrize(("name", "strategy", "avoid"), list(_strategies()))
def test_apply_kaizen_keeps_budget_dates_and_unique_themes(name: str, strategy: object, avoid: list[str]) -> None:
    new, notes = apply_kaizen(strategy, KAIZEN, avoid)  # type: ignore[arg-type]
    mix = new.channel_mix
    assert sum(round(c.budget_share * 100) for c in mix) == 100
    assert round(sum(c.budget_amount for c in mix), 2) == round(strategy.budget_total, 2)  # type: ignore[attr-defined]
    banned = avoided_channels(avoid, PLATFORMS)
    added = {c.channel for c in mix} - {c.channel for c in strategy.channel_mix}  # type: ignore[attr-defined]
    assert not added & banned and not {e.channel for e in new.calendar} - {c.channel for c in mix} - {"Events"}
    assert [e.date for e in new.calendar] == [e.date for e in strategy.calendar]  # type: ignore[attr-defined]
    assert len({e.theme.casefold() for e in new.calendar}) == len(new.calendar)
    assert not any(e.theme.startswith("Lead with the offer") for e in new.calendar)
    top = next(c.channel for c in mix if c.channel in {"TikTok", "YouTube", "Pinterest"})
    assert mix[0].channel == top and any(top in n for n in notes)
    again, _ = apply_kaizen(new, KAIZEN, avoid)
    assert all(t.theme.count(": ") <= e.theme.count(": ") for t, e in zip(again.calendar, new.calendar, strict=True))


def test_apply_kaizen_never_adds_an_avoided_platform_and_skips_empty_context() -> None:
    brief = load_brief(next(p for p in sample_brief_paths() if p.stem == "cloudsync"))
    strategy = plan_strategy(brief, default_knowledge(), KaizenContext(), date(2026, 3, 2))
    assert "TikTok" in brief.avoid_platforms
    new, notes = apply_kaizen(strategy, KaizenContext(preferred_platforms=["TikTok"], sample_size=5, confidence=25),
                              brief.avoid_platforms)
    assert "TikTok" not in {c.channel for c in new.channel_mix} and not any("TikTok" in n for n in notes)
    assert apply_kaizen(strategy, KaizenContext(), brief.avoid_platforms) == (strategy, [])
