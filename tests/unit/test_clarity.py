"""Clarity scoring: vague briefs score low with one question per weak field; sample briefs score high."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.brief_factory import random_brief
from tools.brief import load_brief, parse_brief
from tools.catalog import sample_brief_paths
from tools.clarity import CLEAR_THRESHOLD, score_clarity

VAGUE: dict[str, Any] = {"brand_name": "Shoe Hub", "industry": "Footwear retail", "product_service": "Shoes",
                         "primary_goal": "more sales", "primary_customer": "everyone"}


@pytest.mark.parametrize("path", sample_brief_paths(), ids=lambda p: p.stem)
def test_sample_briefs_are_clear(path: Any) -> None:
    clarity = score_clarity(load_brief(path))
    assert clarity.score >= 70, clarity.reasons
    assert clarity.is_clear


def test_vague_brief_scores_low_with_one_question_per_weak_field() -> None:
    clarity = score_clarity(parse_brief(VAGUE))
    assert clarity.score < 50
    fields = [q.field for q in clarity.questions]
    assert len(fields) == len(set(fields))
    assert fields[:2] == ["primary_goal", "primary_customer"]
    assert "Shoe Hub" in clarity.questions[0].question
    assert all("?" in q.question for q in clarity.questions)


@pytest.mark.parametrize("customer", ["everyone", "Anyone", "people", "all ages", "the general public",
                                      "customers", "men and women", "Everybody who likes shoes"])
def test_vague_customers_are_questioned_even_with_every_optional_field(customer: str) -> None:
    full = {**VAGUE, "primary_customer": customer, "primary_goal": "more sales",
            "geography": "Leeds, UK", "budget": {"amount": 5000}, "timeline": "90 days",
            "pain_points": ["blisters", "cheap soles"], "competitors": ["Clarks"], "tone_of_voice": ["warm"],
            "proof_points": ["4.8 stars from 900 reviews"]}
    clarity = score_clarity(parse_brief(full))
    assert clarity.score < 50
    assert {"primary_goal", "primary_customer"} <= {q.field for q in clarity.questions}


def test_specific_goal_and_customer_clear_the_core_questions() -> None:
    brief = parse_brief({**VAGUE, "primary_goal": "Sell 800 pairs of trail shoes by 30 June",
                         "primary_customer": "Trail runners aged 25-45 in Leeds who race at weekends"})
    fields = {q.field for q in score_clarity(brief).questions}
    assert "primary_goal" not in fields and "primary_customer" not in fields


def test_goal_with_number_but_no_deadline_is_partly_clear() -> None:
    with_deadline = score_clarity(parse_brief({**VAGUE, "primary_goal": "500 orders in 60 days"})).score
    without = score_clarity(parse_brief({**VAGUE, "primary_goal": "500 orders"})).score
    assert with_deadline > without


def test_unreadable_timeline_and_vague_place_are_questioned() -> None:
    clarity = score_clarity(parse_brief({**VAGUE, "timeline": "asap", "geography": "everywhere"}))
    assert {"timeline", "geography"} <= {q.field for q in clarity.questions}


def test_zero_budget_is_a_clear_answer() -> None:
    clarity = score_clarity(parse_brief({**VAGUE, "budget": {"amount": 0}}))
    assert "budget" not in {q.field for q in clarity.questions}


def test_random_briefs_score_in_range_and_dump() -> None:
    for seed in range(200):
        clarity = score_clarity(parse_brief(random_brief(seed)))
        assert 0 <= clarity.score <= 100
        assert clarity.model_dump()["score"] == clarity.score
        assert (clarity.score >= CLEAR_THRESHOLD) == clarity.is_clear
