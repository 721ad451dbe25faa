"""HTML export: self-contained, styled, every piece of brief text escaped, sections and calendar in order."""

from __future__ import annotations

import re

from tests.support.export_packs import make_pack
from tools.exporters.branding import Branding
from tools.exporters.document import prepare
from tools.exporters.html import render_html

HOSTILE = "<script>alert(1)</script>"


def test_hostile_brand_is_inert_everywhere_in_the_page() -> None:
    result = make_pack(brand=HOSTILE, sections=3)
    result.sections[0].markdown += '\n\n<img src=x onerror="alert(2)"> and {{first_name}} stays text'
    page = render_html(prepare(result)).decode("utf-8")
    assert "<script" not in page.lower()
    assert "<img src=x" not in page and "onerror=\"alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "{{first_name}}" in page  # brief text is shown, never evaluated


def test_page_is_self_contained_with_a_strict_policy() -> None:
    page = render_html(prepare(make_pack(sections=2))).decode("utf-8")
    assert "default-src 'none'" in page
    assert not re.search(r"""(src|href)=["'](https?:|//)""", page)
    assert "<link" not in page and "@import" not in page
    assert page.count('src="data:image/png;base64,') == 3
    assert 'alt="Budget split by channel: total $18,000' in page


def test_sections_in_order_with_bold_lists_and_calendar_cells() -> None:
    result = make_pack(brand="Café Ñandú", sections=4)
    page = render_html(prepare(result)).decode("utf-8")
    positions = [page.index(f"<h2>{s.title}</h2>") for s in result.sections]
    assert positions == sorted(positions)
    assert "Café Ñandú" in page and "<strong>fragrance-free proof</strong>" in page
    assert "<ol><li>Launch the creator seeding wave in week 1</li>" in page
    assert "<td>Mon 23 Nov 2026</td><td>Instagram</td><td>Awareness</td><td>Theme 0: ingredient truth</td>" in page


def test_brand_colours_reach_the_stylesheet() -> None:
    page = render_html(prepare(make_pack(sections=1), Branding(primary="#0A7E8C", accent="#FFB400"))).decode()
    assert "background:#0A7E8C" in page and "solid #FFB400" in page
