"""Charts: budget split, funnel and weekly density; organic-only packs get effort share or an honest note."""

from __future__ import annotations

from tests.support.export_packs import make_strategy
from tools.exporters.charts import build_charts

PNG = b"\x89PNG\r\n\x1a\n"


def test_paid_pack_has_budget_funnel_and_calendar_charts() -> None:
    charts = build_charts(make_strategy(budget=18000), "#1F3A5F", "#E07A5F")
    assert [c.key for c in charts.charts] == ["budget", "funnel", "calendar"]
    assert all(c.png.startswith(PNG) and len(c.png) > 2000 for c in charts.charts)
    budget = charts.get("budget")
    assert budget is not None and budget.title == "Budget split by channel"
    assert "total $18,000" in budget.alt and "Instagram $6,300 (35%)" in budget.alt
    assert "Awareness 3" in charts.charts[1].alt
    assert "12 items over" in charts.charts[2].alt
    assert charts.notes == ()


def test_zero_budget_pack_gets_effort_share_and_a_note_not_a_broken_budget_chart() -> None:
    charts = build_charts(make_strategy(budget=0), "#1F3A5F", "#E07A5F")
    assert charts.get("budget") is None
    effort = charts.get("effort")
    assert effort is not None and "organic only" in effort.title
    assert any(note.startswith("Organic only") for note in charts.notes)


def test_zero_budget_without_calendar_has_notes_and_no_empty_charts() -> None:
    strategy = make_strategy(budget=0).model_copy(update={"calendar": []})
    charts = build_charts(strategy, "#1F3A5F", "#E07A5F")
    assert [c.key for c in charts.charts] == ["funnel"]
    assert "no effort chart" in charts.notes[-1]
    assert "channels per stage" in charts.charts[0].title


def test_no_strategy_means_no_charts_and_a_note() -> None:
    charts = build_charts(None, "#1F3A5F", "#E07A5F")
    assert charts.charts == () and "No strategy core" in charts.notes[0]


def test_dollar_signs_in_channel_names_do_not_turn_into_math() -> None:
    strategy = make_strategy()
    mix = [c.model_copy(update={"channel": f"$ale {c.channel} $"}) for c in strategy.channel_mix]
    charts = build_charts(strategy.model_copy(update={"channel_mix": mix}), "#1F3A5F", "#E07A5F")
    assert charts.get("budget") is not None
