"""The lead status machine: allowed moves, any -> SUPPRESSED, and an error (not a silent write) otherwise."""

from __future__ import annotations

from itertools import pairwise

import pytest

from tools.leads.transitions import ALLOWED, InvalidTransitionError, LeadStatus, can_transition, stage_of, transition

PATH = ["NEW", "ENRICHED", "SCORED", "QUALIFIED", "ROUTED", "CONTACTED", "REPLIED", "WON"]


def test_the_happy_path() -> None:
    for current, target in pairwise(PATH):
        assert transition(current, target) == target


@pytest.mark.parametrize("verdict", ["QUALIFIED", "REJECTED", "MANUAL_REVIEW"])
def test_scoring_leads_to_a_verdict(verdict: str) -> None:
    assert can_transition("SCORED", verdict)


def test_manual_review_is_decided_by_a_person() -> None:
    assert can_transition("MANUAL_REVIEW", "QUALIFIED") and can_transition("MANUAL_REVIEW", "REJECTED")
    assert not can_transition("MANUAL_REVIEW", "ROUTED")


@pytest.mark.parametrize("status", [s for s in LeadStatus if s != LeadStatus.SUPPRESSED])
def test_anything_may_be_suppressed(status: LeadStatus) -> None:
    assert transition(status, "SUPPRESSED") == "SUPPRESSED"


@pytest.mark.parametrize(("current", "target"), [
    ("NEW", "SCORED"), ("NEW", "CONTACTED"), ("REJECTED", "QUALIFIED"), ("ROUTED", "REPLIED"), ("WON", "LOST"),
    ("SUPPRESSED", "NEW"), ("SUPPRESSED", "SUPPRESSED"), ("CONTACTED", "CONTACTED"), ("NEW", "BOGUS"),
])
def test_invalid_moves_raise(current: str, target: str) -> None:
    assert not can_transition(current, target)
    with pytest.raises(InvalidTransitionError, match=f"from {current} to {target}"):
        transition(current, target)


def test_every_status_has_rules_and_a_stage() -> None:
    assert set(ALLOWED) == set(LeadStatus)
    assert {stage_of(s) for s in LeadStatus} >= {"intake", "outreach", "conversation", "closed"}
