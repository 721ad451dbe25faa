"""Performance files: tiers at their exact boundaries, hook styles, per-line errors, unknown columns, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from memory.performance import (
    PerformanceFileError,
    channel_namer,
    hook_style,
    parse_csv,
    parse_file,
    parse_json,
    tier_for,
)
from tests.support.learning import perf_row

HEADER = ("content_id,date,platform,content_type,hook,tone,text,impressions,clicks,engagements,conversions,cost,"
          "revenue")


@pytest.mark.parametrize(("engagements", "impressions", "tier"), [
    (10, 100, "excellent"), (1000, 10000, "excellent"), (999, 10000, "good"), (5, 100, "good"),
    (7, 140, "good"), (499, 10000, "average"), (2, 100, "average"), (199, 10000, "poor"), (0, 50, "poor"),
    (30, 30, "excellent"), (1, 3, "excellent"), (1, 20, "good"), (1, 50, "average"), (1, 51, "poor"),
])
def test_tiers_at_their_boundaries(engagements: int, impressions: int, tier: str) -> None:
    assert tier_for(engagements, impressions) == tier


def test_tier_needs_impressions() -> None:
    with pytest.raises(ValueError, match="impressions"):
        tier_for(1, 0)


@pytest.mark.parametrize(("hook", "style"), [
    ("question", "question"), ("Ever wondered why your coffee is bitter?", "question"), ("Stat", "statistic"),
    ("behind the scenes", "story"), ("How to descale a kettle", "how-to"), ("", "none"), ("Bold claim", "other"),
    ("Myth-busting", "contrarian"),
])
def test_hook_styles(hook: str, style: str) -> None:
    assert hook_style(hook) == style


def test_csv_bad_rows_are_reported_by_line_and_good_rows_kept() -> None:
    text = "\n".join([
        HEADER + ",industry,mood",
        "c1,2026-01-02,tiktok,reel,question,playful,Why so bitter?,1000,10,120,3,5.50,20,Coffee,happy",
        'c2,2026-01-03,LinkedIn,post,stat,formal,"Two-line copy\nstill one row",1000,1,10,0,"$1,200.00",0,,x',
        "c3,2026/01/04,Instagram,post,story,warm,Copy,1000,1,10,0,1,0,,",
        "c4,2026-01-05,Instagram,post,story,warm,Copy,0,0,0,0,1,0,,",
        "c5,2026-01-05,Instagram,post,story,warm,Copy,100,0,150,0,1,0,,",
        "c6,2026-01-05,Instagram,post,story,warm,Copy,1e3x,0,1,0,1,0,,",
        ",2026-01-05,Instagram,post,story,warm,Copy,100,0,1,0,1,0,,",
        "c1,2026-01-02,TikTok,reel,question,playful,Why so bitter?,1000,10,120,3,5.50,20,Coffee,dupe",
        "c7,2026-01-05,Email,post,story,warm,Copy,100,0,1,0,-1,0,,",
        "c8,2026-01-05,Email,post,story,warm,Copy,100,0,1,0,1,0,,,extra",
        "",
    ])
    parsed = parse_csv(text, channel_namer())
    assert [(line, row.content_id) for line, row in parsed.rows] == [(2, "c1"), (3, "c2")]
    assert parsed.rows[0][1].platform == "TikTok" and parsed.rows[1][1].cost == 1200.0
    errors = {e.line: e.reason for e in parsed.errors}
    assert errors[5].startswith("date '2026/01/04'")
    assert "impressions is 0" in errors[6]
    assert "exceed impressions" in errors[7]
    assert "impressions '1e3x'" in errors[8]
    assert errors[9] == "content_id is empty"
    assert errors[10].startswith("duplicate of line 2")
    assert "cost '-1'" in errors[11]
    assert "more cell" in errors[12]
    assert parsed.unknown_columns == ["mood"]


def test_missing_required_columns_reject_the_file() -> None:
    with pytest.raises(PerformanceFileError, match="engagements"):
        parse_csv("content_id,date,platform,content_type,hook,tone,text,impressions\n")
    with pytest.raises(PerformanceFileError, match="empty"):
        parse_csv("")


def test_json_records_and_files(tmp_path: Path) -> None:
    records = [perf_row("j1", "TikTok", 200), {"oops": 1}, "not a record", perf_row("j2", "Email", 1, extra="x")]
    parsed = parse_json(json.dumps({"records": records[:1] + records[3:]}))
    assert [row.content_id for _, row in parsed.rows] == ["j1", "j2"] and parsed.unknown_columns == ["extra"]
    path = tmp_path / "results.json"
    path.write_text(json.dumps([records[0], records[2]]), encoding="utf-8")
    parsed = parse_file(path)
    assert [e.line for e in parsed.errors] == [2] and parsed.rows[0][1].tier == "excellent"
    with pytest.raises(PerformanceFileError, match="JSON"):
        parse_json("[{")
    with pytest.raises(PerformanceFileError, match=r"\.csv or \.json"):
        parse_file(tmp_path / "results.xlsx")
    with pytest.raises(PerformanceFileError, match="cannot read"):
        parse_file(tmp_path / "missing.csv")
