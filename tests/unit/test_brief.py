"""Brief model: every error at once with its fix, lenient shapes, and inert, unicode-safe text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.brief_factory import random_brief
from tools.brief import REQUIRED_FIELDS, BriefError, budget_from_text, load_brief, parse_brief
from tools.catalog import sample_brief_paths
from tools.text import clean_text, is_non_answer

BASE: dict[str, Any] = {
    "brand_name": "Café Ñandú",
    "industry": "Specialty coffee shop",
    "product_service": "Single-origin pour-over and pastries",
    "primary_goal": "300 orders in 60 days",
    "primary_customer": "Students and remote workers within 2 km of the café",
}


def errors_of(data: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """field -> (problem, fix) of the BriefError raised for ``data``."""
    with pytest.raises(BriefError) as info:
        parse_brief(data)
    return {e.field: (e.problem, e.fix) for e in info.value.errors}


def test_samples_and_random_briefs_are_valid() -> None:
    for path in sample_brief_paths():
        assert load_brief(path).brand_name
    for seed in range(200):
        assert parse_brief(random_brief(seed)).primary_goal


def test_every_missing_required_field_is_named_at_once() -> None:
    errors = errors_of({"brand_name": "Acme"})
    assert set(errors) == set(REQUIRED_FIELDS) - {"brand_name"}
    assert all("add it" in fix for _, fix in errors.values())


def test_four_bad_fields_produce_one_error_naming_all_four() -> None:
    data = {**BASE, "budget": {"amount": -10, "currency": "USD"}, "website": "ftp://cafe.example",
            "language": "English", "brand_nmae": "typo"}
    with pytest.raises(BriefError) as info:
        parse_brief(data)
    fields = info.value.fields
    assert set(fields) == {"budget.amount", "website", "language", "brand_nmae"}
    message = str(info.value)
    for name in fields:
        assert name in message
    assert "did you mean 'brand_name'" in message
    assert "use 'en'" in message


@pytest.mark.parametrize(
    ("extra", "field", "fix_word"),
    [
        ({"budgett": 5}, "budgett", "did you mean 'budget'"),
        ({"timeline": {"start": "2027-03-01", "end": "2027-01-01"}}, "timeline", "after the start"),
        ({"budget": {"amount": -1}}, "budget.amount", ">= 0"),
        ({"budget": {"amount": 10, "currency": "DOLLARS"}}, "budget.currency", "USD"),
        ({"budget": {"amount": 10, "ammount": 5}}, "budget.ammount", "did you mean 'amount'"),
        ({"website": "example.com"}, "website", "https://example.com"),
        ({"website": "javascript:alert(1)"}, "website", "https://"),
        ({"language": "klingon-language-x"}, "language", "en"),
        ({"pain_points": {"a": 1}}, "pain_points", "list"),
        ({"brand_name": 123}, "brand_name", "text"),
        ({"timeline": [1, 2]}, "timeline", "90 days"),
        ({"business_type": "B3B"}, "business_type", "B2B"),
        ({"budget": "plenty"}, "budget", "amount"),
        ({"timeline": {"start": "soon", "end": "2027-01-01"}}, "timeline.start", "YYYY-MM-DD"),
        ({"primary_goal": "TBD"}, "primary_goal", "fill it in"),
        ({"brand_name": "   "}, "brand_name", "fill it in"),
    ],
)
def test_each_bad_field_names_the_field_and_the_fix(extra: dict[str, Any], field: str, fix_word: str) -> None:
    errors = errors_of({**BASE, **extra})
    assert field in errors, errors
    assert fix_word in errors[field][1]


def test_extra_notes_is_free_text_even_as_a_mapping() -> None:
    brief = parse_brief({**BASE, "extra_notes": {"owner_mood": "optimistic", "anything": [1, 2]}})
    assert brief.extra_notes is not None and "owner_mood: optimistic" in brief.extra_notes


def test_lenient_shapes_are_normalised() -> None:
    brief = parse_brief({**BASE, "budget": "€2.5k per month", "business_type": "b2c", "timeline": 45,
                         "products": ["Flat white", {"name": "Cortado", "usp": "double ristretto"}],
                         "pain_points": "long queues; slow wifi, 1,200 people a day", "geography": "N/A"})
    assert brief.budget is not None
    assert (brief.budget.amount, brief.budget.currency, brief.budget.period) == (2500.0, "EUR", "monthly")
    assert brief.business_type == "B2C"
    assert brief.timeline == "45 days"
    assert [p.name for p in brief.products] == ["Flat white", "Cortado"]
    assert brief.pain_points == ["long queues", "slow wifi", "1,200 people a day"]
    assert brief.geography is None


def test_budget_number_and_text_forms() -> None:
    assert parse_brief({**BASE, "budget": 0}).budget.amount == 0  # type: ignore[union-attr]
    assert budget_from_text("12000 GBP total") == {"amount": 12000.0, "currency": "GBP", "period": "total"}
    assert budget_from_text("nothing") is None


def test_yaml_flow_lists_keep_thousands_separators(tmp_path: Path) -> None:
    path = tmp_path / "brief.yaml"
    path.write_text(
        "brand_name: Glow\nindustry: Beauty\nproduct_service: Serum\nprimary_goal: 1,500 orders\n"
        "primary_customer: Women 24-40 with sensitive skin\n"
        "proof_points: [40,000 active subscribers, 4.8-star average from 2,100 reviews, award 2024]\n",
        encoding="utf-8",
    )
    brief = load_brief(path)
    assert brief.proof_points == ["40,000 active subscribers", "4.8-star average from 2,100 reviews",
                                  "award 2024"]


def test_unicode_survives_exactly() -> None:
    brief = parse_brief({**BASE, "geography": "São Paulo", "competitors": ["Kōbō Ramen", "Østerby"]})
    assert brief.brand_name == "Café Ñandú"
    assert brief.geography == "São Paulo"
    assert brief.competitors == ["Kōbō Ramen", "Østerby"]
    assert clean_text("👩‍💻 Zürich — naïve café") == "👩‍💻 Zürich — naïve café"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<script>alert('x')</script>Fresh bread", "Fresh bread"),
        ("<b>Bold</b> claims &amp; <i>italics</i>", "Bold claims & italics"),
        ("&lt;script&gt;steal()&lt;/script&gt;Safe", "Safe"),
        ("Hello {{ brand }} and {% if x %}y{% endif %}", "Hello and y"),
        ("Total ${process.env.KEY} due", "Total due"),
        ("We are [INSERT CLAIM HERE] the best", "We are the best"),
        ("Made by [BRAND] today", "Made by today"),
        ("line\x00one\x1b[31m\u202eevil", "line one [31m evil"),
        ("a\tb\nc", "a b c"),
        ("growth < 5% and costs > 2%", "growth < 5% and costs > 2%"),
        ("<!-- hidden --> visible", "visible"),
        ("cells | split", "cells / split"),
    ],
)
def test_clean_text_makes_text_inert(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


def test_brief_text_is_cleaned_on_every_field() -> None:
    brief = parse_brief({**BASE, "brand_name": "<b>Café</b> Ñandú", "pain_points": ["{{ evil }}slow service"],
                         "products": [{"name": "Latte<script>x()</script>", "usp": "[INSERT USP]silky"}]})
    assert brief.brand_name == "Café Ñandú"
    assert brief.pain_points == ["slow service"]
    assert brief.products[0].name == "Latte"
    assert brief.products[0].usp == "silky"


def test_non_answers_recognised() -> None:
    assert is_non_answer("TBD") and is_non_answer(" n/a ") and is_non_answer("-")
    assert not is_non_answer("Austin") and not is_non_answer("None of the above")


def test_business_type_inferred_from_industry() -> None:
    assert parse_brief({**BASE, "industry": "B2B SaaS"}).business_type == "B2B"
    assert parse_brief(BASE).business_type == "B2C"


def test_json_file_and_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "brief.json"
    path.write_text(json.dumps(BASE), encoding="utf-8")
    assert load_brief(path).brand_name == "Café Ñandú"
    with pytest.raises(BriefError) as info:
        load_brief(tmp_path / "missing.yaml")
    assert info.value.fields == ["brief"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("brand_name: [unclosed", encoding="utf-8")
    with pytest.raises(BriefError):
        load_brief(bad)
    with pytest.raises(BriefError):
        parse_brief(["not", "a", "mapping"])
