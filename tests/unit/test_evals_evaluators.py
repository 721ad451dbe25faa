"""Each pack evaluator can fail: a deliberately bad pack scores low on exactly the evaluator it targets."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from evals.dataset import EvalExample, load_dataset
from evals.evaluators import PACK_EVALUATORS, section_rubric
from evals.runner import load_thresholds

Pack = dict[str, Any]
EXAMPLE = "b2c-skincare-avoid-facebook"  # avoid list, must-avoid message, geography, budget, a calendar section
FILLER = ("Our team believes that a thoughtful approach and a clear voice help people feel at home with the brand "
          "and keep coming back because the experience feels warm, honest and easy to enjoy every single time. ")


@pytest.fixture(scope="module")
def example() -> EvalExample:
    """The dataset example the good pack was written for."""
    return next(e for e in load_dataset("packs").examples if e.id == EXAMPLE)


@pytest.fixture(scope="module")
def good_pack(example: EvalExample, tmp_path_factory: pytest.TempPathFactory) -> Pack:
    """A real pack from the offline engine."""
    from api.runner import compiled_pack_graph, run_pack
    from api.settings import Settings

    settings = Settings(home=tmp_path_factory.mktemp("home"), engine="offline")
    with compiled_pack_graph(settings) as graph:
        result = run_pack(graph, brief=example.inputs["brief"], pack_key=example.inputs["pack_key"],
                          settings=settings, today=date.fromisoformat(example.inputs["today"]), engine="offline")
    assert result.quality_passed, result.pack_issues
    return result.model_dump(mode="json")


def _scores(pack: Pack, example: EvalExample) -> dict[str, float]:
    run = {"outputs": {"pack": pack}}
    return {(r := ev(run, example))["key"]: r["score"] for ev in PACK_EVALUATORS}


def _fail_gates(pack: Pack) -> None:
    for section in pack["sections"][:3]:
        section["issues"].append({"code": "TOO_SHORT", "severity": "error", "message": "words 40, min 200"})
        section["status"] = "FAIL"
    pack["pack_issues"].append({"code": "SECTION_ORDER", "severity": "error", "message": "missing sections"})


def _ignore_brief(pack: Pack) -> None:
    for section in pack["sections"]:
        section["markdown"] = (section["markdown"].replace("Australia", "the region")
                               + "\n\nBoost it on Facebook with an anti-aging miracle promise.")


def _leak_brand(pack: Pack) -> None:
    pack["sections"][0]["markdown"] += "\n\nLike CloudSync did last quarter, Velvet Fern will keep it simple."


def _break_numbers(pack: Pack) -> None:
    strategy = pack["strategy"]
    for channel in strategy["channel_mix"]:
        channel["budget_share"] *= 1.4
        channel["budget_amount"] *= 0.5
    strategy["calendar"][0]["date"] = "2031-01-01"
    strategy["kpi_targets"][0]["by"] = "2020-01-01"


def _drift_from_core(pack: Pack) -> None:
    strategy = pack["strategy"]
    for i, channel in enumerate(strategy["channel_mix"]):
        channel["channel"] = f"Telegraph Board {i}"
    for i, pillar in enumerate(strategy["pillars"]):
        pillar["name"] = f"Unwritten Theme {i}"
    strategy["big_idea"] = "A Different Idea Nobody Wrote: elsewhere"
    for target in strategy["kpi_targets"]:
        target["target"] = "a record quarter"  # no number, so the numbers evaluator has nothing new to compare


def _pad_with_fluff(pack: Pack) -> None:
    for section in pack["sections"]:
        section["markdown"] += "\n\n" + FILLER * 12


BAD_PACKS: dict[str, Callable[[Pack], None]] = {
    "gate_pass_rate": _fail_gates,
    "brief_fidelity": _ignore_brief,
    "foreign_brand_leakage": _leak_brand,
    "numbers_consistency": _break_numbers,
    "section_coherence": _drift_from_core,
    "specificity": _pad_with_fluff,
}


def test_the_good_pack_meets_every_floor(good_pack: Pack, example: EvalExample) -> None:
    floors = load_thresholds()["packs"]
    scores = _scores(good_pack, example)
    assert set(scores) == set(floors)
    assert all(scores[k] >= floors[k]["min"] for k in floors), scores


@pytest.mark.parametrize("target", sorted(BAD_PACKS))
def test_a_bad_pack_fails_exactly_its_evaluator(target: str, good_pack: Pack, example: EvalExample) -> None:
    floors = load_thresholds()["packs"]
    bad = copy.deepcopy(good_pack)
    BAD_PACKS[target](bad)
    before, after = _scores(good_pack, example), _scores(bad, example)
    assert after[target] < floors[target]["min"], (target, after[target])
    assert after[target] < before[target]
    others = {k: (before[k], after[k]) for k in before if k != target and after[k] != before[k]}
    assert not others, f"{target}'s bad pack also moved {others}"


def test_a_failed_run_scores_zero_everywhere(example: EvalExample) -> None:
    failed = {"sections": [], "strategy": None, "error_type": "llm_chain_failed", "debug_hint": "local:smollm2: 500"}
    scores = _scores(failed, example)
    assert scores == dict.fromkeys(scores, 0.0)


def test_rubric_reads_usable_scores_and_counts_unusable_ones(good_pack: Pack, example: EvalExample) -> None:
    pack = copy.deepcopy(good_pack)
    assert section_rubric({"outputs": {"pack": pack}}, example)["score"] == 0.0
    pack["sections"][0]["rubric"] = {"by": "local:smollm2", "specificity": 5, "brief_fidelity": 5,
                                     "actionability": 3, "coherence": 3}
    pack["sections"][1]["rubric"] = {"by": "local:smollm2", "error": "rubric unusable: 2 validation error(s)"}
    scored = section_rubric({"outputs": {"pack": pack}}, example)
    assert scored["score"] == pytest.approx(0.75)
    assert "1 unusable" in scored["comment"]


def test_evaluators_accept_langsmith_objects(good_pack: Pack, example: EvalExample) -> None:
    from langsmith.schemas import Run

    from evals.dataset import to_langsmith

    run_id = "00000000-0000-0000-0000-000000000001"
    run = Run(id=run_id, trace_id=run_id, name="pack", run_type="chain", inputs=example.inputs,
              outputs={"pack": good_pack}, start_time="2026-11-22T10:00:00Z")
    scores = {ev(run, to_langsmith(example, "packs"))["key"] for ev in PACK_EVALUATORS}
    assert scores == {ev.__name__ for ev in PACK_EVALUATORS}
