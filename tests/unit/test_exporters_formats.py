"""export_pack edge cases: format validation, packs without a strategy, ZIP brief fallback, PDF column widths."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.support.export_packs import make_pack
from tools.exporters import UnknownFormatError, export_pack, parse_formats
from tools.exporters.pdf import FRAME_W, column_widths


def test_formats_parse_case_insensitively_and_unknown_ones_are_named(tmp_path: Path) -> None:
    assert parse_formats(" PDF,docx ,zip") == {"pdf", "docx", "zip"}
    with pytest.raises(UnknownFormatError, match="odt"):
        parse_formats("pdf,odt")
    with pytest.raises(UnknownFormatError):
        parse_formats(" , ")
    with pytest.raises(UnknownFormatError, match="rtf"):
        export_pack(make_pack(sections=1), tmp_path, {"rtf"})
    assert not any(tmp_path.iterdir())


def test_pack_without_strategy_exports_with_an_honest_note(tmp_path: Path) -> None:
    result = make_pack(sections=2, strategy=False)
    paths = export_pack(result, tmp_path, {"html", "md", "json"})
    page = paths["html"].read_text(encoding="utf-8")
    assert "No strategy core was produced" in page and "<img" not in page
    assert "Campaign calendar" not in page
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["strategy"] is None


def test_zip_falls_back_to_the_brief_inside_the_pack(tmp_path: Path) -> None:
    result = make_pack(brand="Café Ñandú", sections=1)
    paths = export_pack(result, tmp_path, {"zip"})
    assert set(paths) == {"zip"} and [p.name for p in tmp_path.iterdir()] == ["pack.zip"]
    with zipfile.ZipFile(paths["zip"]) as archive:
        assert archive.namelist()[-1] == "brief.json"
        assert json.loads(archive.read("brief.json"))["brand_name"] == "Café Ñandú"


def test_missing_brief_source_fails_before_any_file_is_written(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        export_pack(make_pack(sections=1), tmp_path / "out", {"md", "zip"}, brief_source=tmp_path / "nope.yaml")
    assert not (tmp_path / "out").exists()


def test_pdf_columns_keep_words_whole_and_fill_the_frame() -> None:
    header = ("Channel", "Role", "Stage", "Share", "Budget")
    rows = (("Influencers", "creator partnerships that borrow trust from voices the audience follows " * 2,
             "Consideration", "16%", "$2,880"),)
    widths = column_widths(header, rows)
    assert sum(widths) == pytest.approx(FRAME_W)
    assert widths[2] > 60 and widths[3] > 30 and widths[1] == max(widths)
    short = column_widths(("A", "B"), (("x", "y"),))
    assert short[0] == pytest.approx(short[1], rel=0.05)
