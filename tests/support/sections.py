"""Build SectionInputs for every pack a section appears in, over sample and random briefs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import lru_cache

from agents.offline.sections import SectionInput
from agents.strategist import plan_strategy
from memory.kaizen import KaizenContext
from tests.support.brief_factory import random_brief
from tools.brief import Brief, load_brief, parse_brief
from tools.catalog import default_catalog, sample_brief_paths
from tools.knowledge import default_knowledge
from tools.result import StrategyCore

TODAY = date(2026, 11, 22)


@lru_cache(maxsize=64)
def _brief_and_strategy(key: str) -> tuple[Brief, StrategyCore]:
    if key.startswith("random:"):
        brief = parse_brief(random_brief(int(key.split(":")[1])))
    else:
        brief = load_brief(next(p for p in sample_brief_paths() if p.stem == key))
    return brief, plan_strategy(brief, default_knowledge(), KaizenContext(), TODAY)


def brief_keys(random_count: int = 12) -> list[str]:
    """Sample brief stems plus ``random_count`` random brief seeds."""
    return [p.stem for p in sample_brief_paths()] + [f"random:{i}" for i in range(random_count)]


def section_inputs(section_id: str, random_count: int = 12) -> Iterator[SectionInput]:
    """One SectionInput per (pack containing the section's distinct rules, brief)."""
    catalog = default_catalog()
    seen_sets: set[str] = set()
    for pack in catalog.packs.values():
        if section_id not in pack.sections or pack.benchmark_set in seen_sets:
            continue
        seen_sets.add(pack.benchmark_set)
        rules = catalog.rules_for(pack.key, section_id)
        for key in brief_keys(random_count):
            brief, strategy = _brief_and_strategy(key)
            yield SectionInput(section_id=section_id, pack_key=pack.key, rules=rules, brief=brief,
                               strategy=strategy, kb=default_knowledge(), today=TODAY)
