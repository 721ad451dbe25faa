"""Every export format opened with its own library: titles in order, calendar cells, exact unicode, charts."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import docx
import pptx
import pytest
from PIL import Image
from pypdf import PdfReader
from typer.testing import CliRunner

from api.cli_export import app
from tests.support.export_packs import make_pack
from tools.exporters import EXPORT_FORMATS, Branding, export_pack
from tools.result import PackResult

BRAND = "Café Ñandú"
ALL = {"pdf", "docx", "pptx", "html", "md", "zip"}
CAL_CELLS = ("Mon 23 Nov 2026", "Theme 0: ingredient truth", "Theme 11: ingredient truth")
LEAKS = ("<script", "{{", "[INSERT")


def _texts_docx(data: bytes) -> tuple[docx.document.Document, str]:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return document, "\n".join([p.text for p in document.paragraphs] + cells)


def _texts_pptx(data: bytes) -> tuple[pptx.presentation.Presentation, list[str]]:
    deck = pptx.Presentation(io.BytesIO(data))
    slides = []
    for slide in deck.slides:
        parts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        parts += [c.text for s in slide.shapes if s.has_table for row in s.table.rows for c in row.cells]
        slides.append("\n".join(parts))
    return deck, slides


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[PackResult, dict[str, Path], Path]:
    folder = tmp_path_factory.mktemp("exports")
    logo = folder / "logo.png"
    Image.new("RGB", (120, 40), "#0A7E8C").save(logo)
    brief = folder / "brief.yaml"
    brief.write_text(f"brand_name: {BRAND}\nindustry: cafés\n", encoding="utf-8")
    result = make_pack(brand=BRAND, sections=4)
    paths = export_pack(result, folder / "out", ALL, Branding(primary="#0A7E8C", logo=logo), brief_source=brief)
    return result, paths, brief


def test_every_requested_format_is_written(exported: tuple[PackResult, dict[str, Path], Path]) -> None:
    _, paths, _ = exported
    assert set(paths) == ALL and all(p.stat().st_size > 1000 for p in paths.values())
    assert {p.name for p in paths.values()} == {f"pack.{f}" for f in ALL}
    assert {"json"} < EXPORT_FORMATS


def test_pdf(exported: tuple[PackResult, dict[str, Path], Path]) -> None:
    result, paths, _ = exported
    reader = PdfReader(paths["pdf"])
    pages = [page.extract_text() for page in reader.pages]
    text = "\n".join(pages)
    titles = [s.title for s in result.sections]
    assert [o.title for o in reader.outline] == ["Plan at a glance", *titles, "Campaign calendar"]
    body = "\n".join(pages[2:])
    positions = [body.index(t) for t in titles]
    assert positions == sorted(positions)
    assert BRAND in pages[0] and "Prepared by AICMO for Café Ñandú" in pages[0] and "22 November 2026" in pages[0]
    assert len(reader.pages[0].images) == 1  # the logo
    assert all(cell in text for cell in CAL_CELLS)
    glance = next(i for i, p in enumerate(pages) if "Plan at a glance" in p and "Positioning" in p)
    assert "Budget split by channel" in pages[glance] and len(reader.pages[glance].images) >= 2
    assert "Contents" in pages[1] and "Section 4 title" in pages[1]
    assert not any(leak in text for leak in LEAKS)


def test_docx(exported: tuple[PackResult, dict[str, Path], Path]) -> None:
    result, paths, _ = exported
    document, text = _texts_docx(paths["docx"].read_bytes())
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Plan at a glance", *[s.title for s in result.sections], "Campaign calendar"]
    assert any(p.style.name == "Heading 2" for p in document.paragraphs)
    xml = document.element.xml
    assert 'TOC \\o "1-1"' in xml
    assert xml.count('w:type="page"') >= len(result.sections) + 2
    calendar = document.tables[-1]
    assert [c.text for c in calendar.rows[0].cells] == ["Date", "Channel", "Stage", "Theme", "Format"]
    assert [c.text for c in calendar.rows[1].cells][:2] == ["Mon 23 Nov 2026", "Instagram"]
    pictures = [s._inline.docPr.get("name") for s in document.inline_shapes]
    assert "Budget split by channel" in pictures and len(pictures) == 4  # logo + three charts
    assert BRAND in text and document.core_properties.subject == BRAND
    assert any(r.bold for p in document.paragraphs for r in p.runs if r.text == "fragrance-free proof")
    assert not any(leak in text for leak in LEAKS)


def test_pptx(exported: tuple[PackResult, dict[str, Path], Path]) -> None:
    result, paths, _ = exported
    deck, slides = _texts_pptx(paths["pptx"].read_bytes())
    assert BRAND in slides[0] and result.pack_label in slides[0] and "Prepared by" in slides[0]
    assert slides[1].startswith("Agenda") and all(s.title in slides[1] for s in result.sections)
    titles = [s.shapes.title.text_frame.text for s in deck.slides if s.shapes.title is not None]
    section_titles = [t for t in titles if t in {s.title for s in result.sections}]
    assert section_titles == [s.title for s in result.sections]
    assert "Launch the creator seeding wave in week 1" in "\n".join(slides)
    names = [shape.name for slide in deck.slides for shape in slide.shapes]
    assert "Budget split by channel" in names
    calendar = [s for s in slides if s.startswith("Campaign calendar")]
    assert calendar and all(cell in calendar[0] for cell in CAL_CELLS[:2])
    assert not any(leak in "\n".join(slides) for leak in LEAKS)


def test_markdown_and_html(exported: tuple[PackResult, dict[str, Path], Path]) -> None:
    result, paths, _ = exported
    md = paths["md"].read_text(encoding="utf-8")
    positions = [md.index(f"## {s.title}") for s in result.sections]
    assert positions == sorted(positions) and BRAND in md
    page = paths["html"].read_text(encoding="utf-8")
    assert BRAND in page and all(cell in page for cell in CAL_CELLS)
    assert 'src="data:image/png;base64,' in page and "<script" not in page
    for text in (md, page):
        assert not any(leak in text for leak in LEAKS)


def test_zip_holds_every_format_pack_json_and_the_brief(exported: tuple[PackResult, dict[str, Path], Path]) -> None:
    result, paths, brief = exported
    with zipfile.ZipFile(paths["zip"]) as archive:
        names = archive.namelist()
        assert names == ["pack.pdf", "pack.docx", "pack.pptx", "pack.html", "pack.md", "pack.json", "brief.yaml"]
        assert archive.testzip() is None
        assert archive.read("brief.yaml") == brief.read_bytes()
        assert PackResult.model_validate_json(archive.read("pack.json")).sections == result.sections
        assert archive.read("pack.pdf").startswith(b"%PDF")
        _, text = _texts_docx(archive.read("pack.docx"))
        assert BRAND in text


def test_hostile_brand_stays_text_in_every_format(tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script>"
    paths = export_pack(make_pack(brand=hostile, sections=1, budget=0), tmp_path, ALL - {"zip"})
    assert "<script" not in paths["html"].read_text(encoding="utf-8").lower()
    assert "<script" not in paths["md"].read_text(encoding="utf-8")
    _, text = _texts_docx(paths["docx"].read_bytes())
    assert hostile in text  # exact spelling, as inert text
    with zipfile.ZipFile(paths["docx"]) as package:
        assert b"<script" not in package.read("word/document.xml")
    _, slides = _texts_pptx(paths["pptx"].read_bytes())
    assert hostile in slides[0]
    assert "Organic only" in "\n".join(slides)
    assert hostile in PdfReader(paths["pdf"]).pages[0].extract_text()


def test_cli_export_writes_files_and_refuses_bad_input(tmp_path: Path) -> None:
    pack_json = tmp_path / "pack.json"
    pack_json.write_text(make_pack(brand=BRAND, sections=2).model_dump_json(), encoding="utf-8")
    runner = CliRunner()
    ok = runner.invoke(app, ["export", str(pack_json), "--format", "html,md", "--colour", "#0A7E8C",
                             "--out", str(tmp_path / "out")])
    assert ok.exit_code == 0, ok.output
    assert "background:#0A7E8C" in (tmp_path / "out" / "pack.html").read_text(encoding="utf-8")
    assert not (tmp_path / "out" / "pack.pdf").exists()
    bad_format = runner.invoke(app, ["export", str(pack_json), "--format", "pdf,odt"])
    assert bad_format.exit_code == 2 and "odt" in bad_format.output
    bad_colour = runner.invoke(app, ["export", str(pack_json), "--format", "md", "--colour", "blue"])
    assert bad_colour.exit_code == 2
    not_png = tmp_path / "logo.png"
    not_png.write_text("nope", encoding="utf-8")
    bad_logo = runner.invoke(app, ["export", str(pack_json), "--format", "md", "--logo", str(not_png)])
    assert bad_logo.exit_code == 2 and "PNG or JPEG" in bad_logo.output
    junk = tmp_path / "junk.json"
    junk.write_text(json.dumps({"pack_key": 1}), encoding="utf-8")
    assert runner.invoke(app, ["export", str(junk), "--format", "md"]).exit_code == 2
    assert runner.invoke(app, ["export", str(tmp_path / "none.json"), "--format", "md"]).exit_code == 2
