"""The shared markdown block parser: every block kind, inline bold, key points and inert markdown."""

from __future__ import annotations

from tools.exporters.markdown import inert_markdown
from tools.exporters.markdown_parse import Span, clean_text, key_points, parse_blocks, spans, strip_inline

BODY = """### Plan for Café Ñandú

The plan keeps **one budget** and one
calendar for every team.

- **Reach:** 25,000 followers
- Orders: 1,500
  continued on the next line

1. Seed creators
2. Retarget viewers

| Week | Channel | Theme |
|---|---|---|
| 1 | Instagram | **Launch** |
| 2 | TikTok |

---
#### Notes
Plain closing line."""


def test_parse_blocks_keeps_every_kind_in_order() -> None:
    blocks = parse_blocks(BODY)
    assert [b.kind for b in blocks] == ["heading", "paragraph", "bullets", "numbered", "table", "heading",
                                        "paragraph"]
    assert blocks[0].text == "Plan for Café Ñandú" and blocks[0].level == 3
    assert blocks[1].text == "The plan keeps **one budget** and one\ncalendar for every team."
    assert blocks[2].items == ("**Reach:** 25,000 followers", "Orders: 1,500 continued on the next line")
    assert blocks[3].items == ("Seed creators", "Retarget viewers")
    table = blocks[4]
    assert table.header == ("Week", "Channel", "Theme")
    assert table.rows == (("1", "Instagram", "**Launch**"), ("2", "TikTok", ""))
    assert blocks[5].level == 4


def test_spans_split_bold_and_simplify_other_marks() -> None:
    assert spans("a **b** c") == [Span("a "), Span("b", bold=True), Span(" c")]
    assert strip_inline("see [site](https://x.example/a) and `code` and *soft*") == \
        "see site (https://x.example/a) and code and soft"
    assert strip_inline("snake_case_name stays") == "snake_case_name stays"


def test_unknown_syntax_degrades_to_paragraph_and_control_chars_go() -> None:
    blocks = parse_blocks("> quoted text\n\nweird \x00\x07 chars")
    assert [b.text for b in blocks] == ["quoted text", "weird  chars"]
    assert clean_text("a\x0bb\tc") == "ab\tc"


def test_key_points_prefer_list_items_and_shorten_long_ones() -> None:
    long_item = "word " * 60
    points = key_points(parse_blocks(f"Intro sentence. Second.\n\n- one\n- two\n- {long_item}"))
    assert points[:3] == ["Intro sentence.", "one", "two"]
    assert points[3].endswith("…") and len(points[3]) <= 171
    assert key_points(parse_blocks("Only prose here. More prose.\n\nSecond para.")) == [
        "Only prose here.", "Second para."]
    assert len(key_points(parse_blocks("\n".join(f"- item {i}" for i in range(20))))) == 6


def test_inert_markdown_neutralises_tags_but_keeps_comparisons() -> None:
    text = "Brand <script>alert(1)</script> grows <2% churn; a <b>bold</b> claim <!-- x -->"
    safe = inert_markdown(text)
    assert "<script" not in safe and "<b>" not in safe and "<!--" not in safe
    assert "<2% churn" in safe and "&lt;script>alert(1)&lt;/script>" in safe


def test_key_points_take_the_opening_sentence_only_when_prose_comes_first() -> None:
    points = key_points(parse_blocks("### Trends\n\n- one\n- two\n- three\n\nClosing remark. More."))
    assert points == ["one", "two", "three"]
