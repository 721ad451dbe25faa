"""Routing (spec/cam.md "Route"): the intent boost, every sequence threshold and the send-day offsets."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tools.leads.campaign import DEFAULT_SEQUENCES, Rules, SequenceSpec
from tools.leads.records import Enrichment
from tools.leads.routing import intent_share, pick_sequence, route_lead, step_due

THREE = Enrichment(recent_job_change=True, company_hiring=True, is_decision_maker=True)  # 3/6 = 0.5
TWO = Enrichment(recent_job_change=True, company_hiring=True)  # 2/6 = 0.3333


def test_the_sequence_table() -> None:
    table = {s.name: (s.min_score, s.offsets) for s in DEFAULT_SEQUENCES}
    assert table == {
        "aggressive_close": (0.85, [0, 2, 5]), "regular_nurture": (0.70, [0, 3, 7, 10]),
        "long_term_nurture": (0.50, [0, 5, 10, 15, 20, 25]), "cold_outreach": (0.0, [0, 7, 14, 21, 28, 35, 42, 49]),
    }


@pytest.mark.parametrize(("effective", "sequence"), [
    (1.0, "aggressive_close"), (0.85, "aggressive_close"), (0.8499, "regular_nurture"), (0.70, "regular_nurture"),
    (0.6999, "long_term_nurture"), (0.50, "long_term_nurture"), (0.4999, "cold_outreach"), (0.0, "cold_outreach"),
])
def test_sequence_thresholds(effective: float, sequence: str) -> None:
    assert pick_sequence(effective, list(DEFAULT_SEQUENCES)).name == sequence
    assert route_lead(effective, Enrichment()).sequence == sequence  # no signals: no boost


def test_intent_share_is_true_signals_over_six() -> None:
    assert intent_share(Enrichment()) == 0.0
    assert intent_share(TWO) == 0.3333
    assert intent_share(THREE) == 0.5


@pytest.mark.parametrize(("score", "signals", "effective", "sequence", "boosted"), [
    (0.70, THREE, 0.85, "aggressive_close", True),    # share 0.5 -> +0.15 crosses into aggressive_close
    (0.70, TWO, 0.70, "regular_nurture", False),      # share 0.33 -> no boost
    (0.95, THREE, 1.0, "aggressive_close", True),     # capped at 1
    (0.35, THREE, 0.5, "long_term_nurture", True),
    (0.34, THREE, 0.49, "cold_outreach", True),
])
def test_intent_boost(score: float, signals: Enrichment, effective: float, sequence: str, boosted: bool) -> None:
    route = route_lead(score, signals)
    assert (route.effective_score, route.sequence, route.boosted) == (effective, sequence, boosted)
    assert route.as_dict()["score"] == score


def test_steps_are_due_at_their_offsets_from_the_first_send() -> None:
    start = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
    route = route_lead(0.9, Enrichment())
    assert [step_due(start, route.offsets, n).day for n in (1, 2, 3)] == [2, 4, 7]
    assert len(route_lead(0.1, Enrichment()).offsets) == 8


def test_sequences_are_configurable_and_one_must_take_every_score() -> None:
    rules = Rules(sequences=[SequenceSpec(name="only", min_score=0, offsets=[0, 1], goal="g")])
    assert route_lead(0.99, Enrichment(), rules).sequence == "only"
    with pytest.raises(ValueError, match="min_score 0"):
        Rules(sequences=[SequenceSpec(name="x", min_score=0.5, offsets=[0], goal="g")])
    with pytest.raises(ValueError, match="start at 0"):
        SequenceSpec(name="x", min_score=0, offsets=[1, 2], goal="g")
