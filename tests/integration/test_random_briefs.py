"""Briefs nobody has written yet: random industries, B2B/B2C, budgets incl. 0, missing optionals, unicode."""

from __future__ import annotations

from datetime import date

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from graphs.context import PackContext
from graphs.pack import builder
from tests.support.brief_factory import BRANDS, random_brief
from tests.support.pack_asserts import assert_pack_contract
from tools.brief import load_brief
from tools.catalog import default_catalog, sample_brief_paths

OTHER_BRANDS = [load_brief(p).brand_name for p in sample_brief_paths()] + list(BRANDS)
GRAPH = builder.compile(checkpointer=InMemorySaver())


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(24))
def test_every_pack_passes_for_a_random_brief(seed: int) -> None:
    brief = random_brief(1000 + seed)
    others = [b for b in OTHER_BRANDS if b != brief["brand_name"]]
    for key in default_catalog().packs:
        config = {"configurable": {"thread_id": f"rand-{seed}-{key}", "run_id": "r"}}
        out = GRAPH.invoke({"brief": brief, "pack_key": key}, config=config,
                           context=PackContext(today=date(2026, 11, 22), other_brands=tuple(others)))
        assert_pack_contract(out["result"].model_dump(mode="json"), others)
