"""Client deck (python-pptx): title slide, agenda, key points per section, charts and the calendar table."""

from __future__ import annotations

import io
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import PP_ALIGN
from pptx.presentation import Presentation as PptxPresentation
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from tools.exporters.branding import rgb, text_on
from tools.exporters.charts import Chart
from tools.exporters.document import CALENDAR_TITLE, GLANCE_TITLE, ExportDoc
from tools.exporters.markdown_parse import Block, strip_inline
from tools.exporters.pdf import column_widths

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
AGENDA_PER_SLIDE = 20
CALENDAR_ROWS_PER_SLIDE = 10
SECTION_TABLE_ROWS = 7
CELL_CHARS = 90
_TITLE_ONLY, _BLANK = 5, 6
_ROW_FILLS = ("#F4F6F9", "#FFFFFF")


def _colour(hex_colour: str) -> RGBColor:
    return RGBColor(*rgb(hex_colour))


def _title_slide(deck: PptxPresentation, title: str, doc: ExportDoc) -> Slide:
    slide = deck.slides.add_slide(deck.slide_layouts[_TITLE_ONLY])
    shape = slide.shapes.title
    shape.left, shape.top, shape.width, shape.height = Inches(0.6), Inches(0.35), Inches(12.1), Inches(1.0)
    frame = shape.text_frame
    frame.text = title
    frame.word_wrap = True
    frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    run = frame.paragraphs[0].runs[0]
    run.font.size = Pt(28 if len(title) < 50 else 22)
    run.font.bold = True
    run.font.color.rgb = _colour(doc.branding.heading_colour)
    bar = slide.shapes.add_shape(1, Inches(0.6), Inches(1.4), Inches(1.6), Emu(60000))
    bar.fill.solid()
    bar.fill.fore_color.rgb = _colour(doc.branding.accent)
    bar.line.fill.background()
    return slide


def _text_box(slide: Slide, lines: list[str], top: float, size: int = 18, left: float = 0.7,
              width: float = 11.9, height: float = 5.4, bullet: bool = True) -> None:
    box = slide.shapes.add_textbox(Inches(left), Inches(top), Inches(width), Inches(height))
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = f"•  {line}" if bullet else line
        paragraph.space_after = Pt(10)
        for run in paragraph.runs:
            run.font.size = Pt(size)


def _cover(deck: PptxPresentation, doc: ExportDoc) -> None:
    slide = deck.slides.add_slide(deck.slide_layouts[_BLANK])
    background = slide.background.fill
    background.solid()
    background.fore_color.rgb = _colour(doc.branding.primary)
    ink = _colour(text_on(doc.branding.primary))
    cover = doc.cover
    if cover.logo:
        picture = slide.shapes.add_picture(io.BytesIO(cover.logo), Inches(0.9), Inches(0.7), height=Inches(0.9))
        plate = slide.shapes.add_shape(1, Inches(0.8), Inches(0.6), Emu(picture.width + Inches(0.2)), Inches(1.1))
        plate.fill.solid()
        plate.fill.fore_color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        plate.line.fill.background()
        slide.shapes._spTree.remove(plate._element)
        slide.shapes._spTree.insert(2, plate._element)
    lines = [(cover.brand, 24, False), (cover.title, 36, True), (cover.subtitle, 16, False),
             (cover.date_line, 14, False), (cover.prepared_by, 14, False)]
    box = slide.shapes.add_textbox(Inches(0.8), Inches(2.0), Inches(11.7), Inches(4.6))
    frame = box.text_frame
    frame.word_wrap = True
    for i, (text, size, bold) in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(14)
        run = paragraph.add_run()
        run.text = text
        run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, ink


def _agenda(deck: PptxPresentation, doc: ExportDoc) -> None:
    titles = doc.agenda
    chunks = [titles[i:i + AGENDA_PER_SLIDE] for i in range(0, len(titles), AGENDA_PER_SLIDE)] or [[]]
    for page, chunk in enumerate(chunks):
        label = "Agenda" if len(chunks) == 1 else f"Agenda ({page + 1}/{len(chunks)})"
        slide = _title_slide(deck, label, doc)
        start = page * AGENDA_PER_SLIDE
        half = (len(chunk) + 1) // 2
        for column, items in enumerate((chunk[:half], chunk[half:])):
            numbered = [f"{start + column * half + n + 1}. {t}" for n, t in enumerate(items)]
            _text_box(slide, numbered, 1.7, size=14, left=0.7 + column * 6.1, width=5.9, bullet=False)


def _chart_slide(deck: PptxPresentation, chart: Chart, doc: ExportDoc) -> None:
    slide = _title_slide(deck, chart.title, doc)
    height = Emu(Inches(5.4))
    width = Emu(int(height * chart.width_px / chart.height_px))
    if width > Inches(12.0):
        width, height = Emu(Inches(12.0)), Emu(int(Inches(12.0) * chart.height_px / chart.width_px))
    picture = slide.shapes.add_picture(io.BytesIO(chart.png), Emu(int((SLIDE_W - width) / 2)), Inches(1.7),
                                       width=width, height=height)
    picture.name = chart.title
    element: Any = picture._element
    element.nvPicPr.cNvPr.set("descr", chart.alt)


def _table_slide(deck: PptxPresentation, title: str, header: tuple[str, ...], rows: list[tuple[str, ...]],
                 doc: ExportDoc, note: str = "") -> None:
    slide = _title_slide(deck, title, doc)
    height = Emu(Inches(0.4) * (len(rows) + 1))
    shape = slide.shapes.add_table(len(rows) + 1, len(header), Inches(0.6), Inches(1.7), Inches(12.1), height)
    table = shape.table
    for index, width in enumerate(column_widths(header, tuple(rows), size=10, total=12.1 * 72)):
        table.columns[index].width = Emu(int(width * 12700))
    for r, values in enumerate((header, *rows)):
        for c, value in enumerate(values[: len(header)]):
            cell = table.cell(r, c)
            text = strip_inline(value)
            cell.text = text if len(text) <= CELL_CHARS else text[:CELL_CHARS].rsplit(" ", 1)[0] + "…"
            for paragraph in cell.text_frame.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(12 if r == 0 else 10)
                    run.font.bold = r == 0
                    if r == 0:
                        run.font.color.rgb = _colour(text_on(doc.branding.primary))
            cell.fill.solid()
            cell.fill.fore_color.rgb = _colour(doc.branding.primary if r == 0 else _ROW_FILLS[r % 2])
    if note:
        _text_box(slide, [note], 6.8, size=11, height=0.5, bullet=False)


def _section_slides(deck: PptxPresentation, doc: ExportDoc) -> None:
    for section in doc.sections:
        slide = _title_slide(deck, section.title, doc)
        _text_box(slide, list(section.points) or [section.title], 1.7)
        table: Block | None = next((b for b in section.blocks if b.kind == "table" and b.rows), None)
        if table is not None:
            rows = list(table.rows[:SECTION_TABLE_ROWS])
            more = len(table.rows) - len(rows)
            note = f"{more} more rows in the full document." if more > 0 else ""
            _table_slide(deck, f"{section.title}: detail", table.header, rows, doc, note)


def render_pptx(doc: ExportDoc) -> bytes:
    """The pack as a 16:9 deck."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    deck.core_properties.title = f"{doc.cover.title}: {doc.brand}"[:250]
    deck.core_properties.author = "AICMO"
    _cover(deck, doc)
    _agenda(deck, doc)
    if doc.facts or doc.charts.notes:
        slide = _title_slide(deck, GLANCE_TITLE, doc)
        _text_box(slide, [f"{k}: {v}" for k, v in doc.facts] + list(doc.charts.notes), 1.7, size=17)
    for chart in doc.charts.charts:
        _chart_slide(deck, chart, doc)
    _section_slides(deck, doc)
    if doc.calendar:
        rows = list(doc.calendar.rows)
        pages = [rows[i:i + CALENDAR_ROWS_PER_SLIDE] for i in range(0, len(rows), CALENDAR_ROWS_PER_SLIDE)]
        for n, page in enumerate(pages, start=1):
            label = CALENDAR_TITLE if len(pages) == 1 else f"{CALENDAR_TITLE} ({n}/{len(pages)})"
            _table_slide(deck, label, doc.calendar.header, page, doc)
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()
