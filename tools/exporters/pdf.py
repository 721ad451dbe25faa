"""PDF through reportlab with DejaVu fonts (from matplotlib's data): cover, contents, charts, real tables."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import matplotlib
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from tools.exporters.branding import text_on
from tools.exporters.charts import Chart
from tools.exporters.document import CALENDAR_TITLE, CONTENTS_TITLE, GLANCE_TITLE, ExportDoc, TableData
from tools.exporters.markdown_parse import Block, spans, strip_inline

FONT = "DejaVuSans"
_FONT_FILES = {FONT: "DejaVuSans.ttf", f"{FONT}-Bold": "DejaVuSans-Bold.ttf",
               f"{FONT}-Oblique": "DejaVuSans-Oblique.ttf", f"{FONT}-BoldOblique": "DejaVuSans-BoldOblique.ttf"}
PAGE_W, PAGE_H = A4
MARGIN = 18 * mm
FRAME_W = PAGE_W - 2 * MARGIN


@lru_cache(maxsize=1)
def register_fonts() -> str:
    """Register the DejaVu family that ships inside matplotlib; returns the family name."""
    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    for name, file in _FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=f"{FONT}-Bold", italic=f"{FONT}-Oblique",
                                  boldItalic=f"{FONT}-BoldOblique")
    return FONT


def _styles(doc: ExportDoc) -> dict[str, ParagraphStyle]:
    heading = colors.HexColor(doc.branding.heading_colour)
    on_primary = colors.HexColor(text_on(doc.branding.primary))
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13.5, spaceAfter=5)
    return {
        "body": base,
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=14, bulletIndent=3, spaceAfter=2),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10, spaceAfter=0),
        "head": ParagraphStyle("head", parent=base, fontSize=8, leading=10, spaceAfter=0,
                               fontName=f"{FONT}-Bold", textColor=on_primary),
        "h1": ParagraphStyle("h1", parent=base, fontName=f"{FONT}-Bold", fontSize=17, leading=21,
                             textColor=heading, spaceAfter=10),
        "h2": ParagraphStyle("h2", parent=base, fontName=f"{FONT}-Bold", fontSize=12, leading=15,
                             textColor=heading, spaceBefore=8, spaceAfter=4, keepWithNext=1),
        "h3": ParagraphStyle("h3", parent=base, fontName=f"{FONT}-Bold", fontSize=10.5, leading=13,
                             textColor=heading, spaceBefore=6, spaceAfter=3, keepWithNext=1),
        "caption": ParagraphStyle("caption", parent=base, fontSize=8, textColor=colors.HexColor("#555555"),
                                  alignment=TA_CENTER),
        "note": ParagraphStyle("note", parent=base, backColor=colors.HexColor("#FFF7E6"), borderPadding=5,
                               spaceBefore=4, spaceAfter=8),
        "cover_brand": ParagraphStyle("cb", parent=base, fontSize=15, leading=19, textColor=on_primary),
        "cover_title": ParagraphStyle("ct", parent=base, fontName=f"{FONT}-Bold", fontSize=26, leading=31,
                                      textColor=on_primary, spaceAfter=8),
        "cover_meta": ParagraphStyle("cm", parent=base, fontSize=11, leading=15, textColor=on_primary),
        "toc0": ParagraphStyle("toc0", parent=base, fontSize=9.5, leading=13, leftIndent=4),
    }


def _inline(text: str) -> str:
    """reportlab paragraph markup: XML-escaped text, bold spans in <b>."""
    markup = "".join(f"<b>{escape(s.text)}</b>" if s.bold else escape(s.text) for s in spans(text))
    return markup.replace("\n", "<br/>")


def column_widths(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...], size: float = 8,
                  total: float = FRAME_W) -> list[float]:
    """Widths that keep every column's longest word whole, then share the rest by natural width."""
    register_fonts()
    pad = 14.0  # reportlab cells pad 6 pt each side
    columns = range(len(header))
    texts = [[strip_inline(header[i]), *(strip_inline(r[i]) for r in rows if i < len(r))] for i in columns]

    def width(text: str, bold: bool = False) -> float:
        return pdfmetrics.stringWidth(text, f"{FONT}-Bold" if bold else FONT, size)

    least = [min(max(width(w, n == 0) for n, t in enumerate(col) for w in (t.split() or [""])) + pad, total * 0.4)
             for col in texts]
    natural = [max(max(width(t, n == 0) for n, t in enumerate(col)) + pad, low) for col, low in zip(texts, least,
                                                                                                      strict=True)]
    if sum(natural) <= total:
        return [w * total / sum(natural) for w in natural]
    if sum(least) >= total:
        return [w * total / sum(least) for w in least]
    spare = total - sum(least)
    extra = [n - m for n, m in zip(natural, least, strict=True)]
    return [m + spare * e / (sum(extra) or 1) for m, e in zip(least, extra, strict=True)]


def _table(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...], doc: ExportDoc,
           styles: dict[str, ParagraphStyle]) -> Table:
    widths = column_widths(header, rows)
    data = [[Paragraph(_inline(h), styles["head"]) for h in header]]
    data += [[Paragraph(_inline(c), styles["cell"]) for c in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    commands: list[Any] = [
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor(doc.branding.primary)),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#C9CED6")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F4F6F9")]),
    ]
    table.setStyle(TableStyle(commands))
    return table


def _block(block: Block, doc: ExportDoc, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    if block.kind == "heading":
        return [Paragraph(_inline(block.text), styles["h2" if block.level <= 3 else "h3"])]
    if block.kind == "paragraph":
        return [Paragraph(_inline(block.text), styles["body"])]
    if block.kind == "bullets":
        return [Paragraph(_inline(i), styles["bullet"], bulletText="•") for i in block.items]
    if block.kind == "numbered":
        return [Paragraph(_inline(item), styles["bullet"], bulletText=f"{n}.")
                for n, item in enumerate(block.items, start=1)]
    return [Spacer(1, 3), _table(block.header, block.rows, doc, styles), Spacer(1, 6)]


def _chart(chart: Chart, styles: dict[str, ParagraphStyle]) -> Flowable:
    width = FRAME_W * 0.8
    image = Image(io.BytesIO(chart.png), width=width, height=width * chart.height_px / chart.width_px)
    return KeepTogether([image, Paragraph(escape(chart.title), styles["caption"]), Spacer(1, 8)])


class _ContentsLine(Flowable):
    """One contents line; its page number is a PDF form drawn when the heading lands (single pass)."""

    def __init__(self, title: str, key: str, style: ParagraphStyle) -> None:
        """Wrap the title to leave room for the page number."""
        super().__init__()
        self.para = Paragraph(escape(title), style)
        self.key = key
        self.title_width = pdfmetrics.stringWidth(title, style.fontName, style.fontSize) + style.leftIndent

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        """Title width is the line minus a page-number gutter."""
        self.width = avail_width
        _, self.height = self.para.wrap(avail_width - 16 * mm, avail_height)
        return avail_width, self.height + 2

    def draw(self) -> None:
        """The title, a dotted leader and the page-number form."""
        self.para.drawOn(self.canv, 0, 2)
        self.canv.saveState()
        self.canv.setDash(0.6, 2.4)
        self.canv.setStrokeColor(colors.HexColor("#999999"))
        start = self.title_width + 2 * mm if self.height < self.para.style.leading * 1.5 else self.width - 24 * mm
        self.canv.line(min(start, self.width - 14 * mm), 4, self.width - 9 * mm, 4)
        self.canv.restoreState()
        self.canv.saveState()
        self.canv.translate(self.width, 2 + self.para.style.fontSize * 0.22)
        self.canv.doForm(f"page-{self.key}")
        self.canv.restoreState()


class _Heading(Paragraph):
    """A section title that feeds the contents and the PDF outline."""

    def __init__(self, text: str, style: ParagraphStyle, key: str) -> None:
        """Keep the plain title for the outline."""
        super().__init__(escape(text), style)
        self.plain = text
        self.key = key


class _PackDoc(BaseDocTemplate):
    """Doc template that bookmarks section titles and fills the contents' page-number forms."""

    def afterFlowable(self, flowable: Flowable) -> None:
        """Bookmark a heading, add it to the outline and define its page-number form."""
        if isinstance(flowable, _Heading):
            canvas = self.canv
            canvas.bookmarkPage(flowable.key)
            canvas.addOutlineEntry(flowable.plain, flowable.key, level=0)
            canvas.saveState()
            canvas.beginForm(f"page-{flowable.key}", lowerx=-40 * mm, lowery=-2 * mm, upperx=0, uppery=8 * mm)
            canvas.setFont(FONT, 9.5)
            canvas.drawRightString(0, 0, str(self.page))
            canvas.endForm()
            canvas.restoreState()


def _cover(doc: ExportDoc, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    cover = doc.cover
    parts: list[Flowable] = [Spacer(1, (30 if cover.logo else 45) * mm)]
    if cover.logo:
        logo = Image(io.BytesIO(cover.logo))
        scale = min(60 * mm / logo.imageWidth, 25 * mm / logo.imageHeight)
        logo.drawWidth, logo.drawHeight = logo.imageWidth * scale, logo.imageHeight * scale
        plate = Table([[logo]], hAlign="LEFT", style=TableStyle([
            ("BACKGROUND", (0, 0), (-1, -1), colors.white), ("LEFTPADDING", (0, 0), (-1, -1), 6),
            ("RIGHTPADDING", (0, 0), (-1, -1), 6), ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
        parts += [plate, Spacer(1, 8 * mm)]
    parts += [Paragraph(escape(cover.brand), styles["cover_brand"]), Spacer(1, 4 * mm),
              Paragraph(escape(cover.title), styles["cover_title"]), Paragraph(escape(cover.subtitle),
                                                                              styles["cover_meta"]),
              Spacer(1, 10 * mm), Paragraph(escape(cover.date_line), styles["cover_meta"]),
              Paragraph(escape(cover.prepared_by), styles["cover_meta"])]
    return parts


def _glance(doc: ExportDoc, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    parts: list[Flowable] = [_Heading(GLANCE_TITLE, styles["h1"], "glance")]
    for label, value in doc.facts:
        parts.append(Paragraph(f"<b>{escape(label)}:</b> {escape(value)}", styles["body"]))
    parts += [Paragraph(escape(note), styles["note"]) for note in doc.charts.notes]
    parts += [_chart(chart, styles) for chart in doc.charts.charts]
    for table in (doc.channels, doc.kpis):
        parts += _data_table(table, doc, styles)
    return parts


def _data_table(table: TableData | None, doc: ExportDoc, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    if table is None:
        return []
    return [Paragraph(escape(table.title), styles["h2"]), _table(table.header, table.rows, doc, styles)]


def _story(doc: ExportDoc, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    entries = [(GLANCE_TITLE, "glance")] + [(s.title, f"section-{i}") for i, s in enumerate(doc.sections, 1)]
    entries += [(CALENDAR_TITLE, "calendar")] if doc.calendar else []
    story: list[Flowable] = [*_cover(doc, styles), NextPageTemplate("body"), PageBreak(),
                             Paragraph(escape(CONTENTS_TITLE), styles["h1"]),
                             *(_ContentsLine(title, key, styles["toc0"]) for title, key in entries), PageBreak(),
                             *_glance(doc, styles)]
    for index, section in enumerate(doc.sections, start=1):
        story += [PageBreak(), _Heading(section.title, styles["h1"], f"section-{index}")]
        for block in section.blocks:
            story += _block(block, doc, styles)
    if doc.calendar:
        story += [PageBreak(), _Heading(CALENDAR_TITLE, styles["h1"], "calendar"),
                  _table(doc.calendar.header, doc.calendar.rows, doc, styles)]
    return story


def _page_decorations(doc: ExportDoc) -> tuple[Any, Any]:
    primary = colors.HexColor(doc.branding.primary)
    accent = colors.HexColor(doc.branding.accent)
    footer = f"{doc.brand} · {doc.cover.title}"

    def cover_page(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFillColor(primary)
        canvas.rect(0, PAGE_H * 0.38, PAGE_W, PAGE_H * 0.62, stroke=0, fill=1)
        canvas.setFillColor(accent)
        canvas.rect(0, PAGE_H * 0.38 - 4 * mm, PAGE_W, 4 * mm, stroke=0, fill=1)
        canvas.restoreState()

    def body_page(canvas: Canvas, template: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setStrokeColor(accent)
        canvas.setLineWidth(1.2)
        canvas.line(MARGIN, PAGE_H - MARGIN + 4 * mm, PAGE_W - MARGIN, PAGE_H - MARGIN + 4 * mm)
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.HexColor("#666666"))
        canvas.drawString(MARGIN, MARGIN - 8 * mm, footer[:110])
        canvas.drawRightString(PAGE_W - MARGIN, MARGIN - 8 * mm, f"Page {template.page}")
        canvas.restoreState()

    return cover_page, body_page


def render_pdf(doc: ExportDoc) -> bytes:
    """The pack as an A4 PDF: cover, contents with page numbers, glance page, sections, calendar."""
    register_fonts()
    styles = _styles(doc)
    buffer = io.BytesIO()
    cover_page, body_page = _page_decorations(doc)
    frame = Frame(MARGIN, MARGIN, FRAME_W, PAGE_H - 2 * MARGIN, id="main")
    template = _PackDoc(buffer, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                        bottomMargin=MARGIN, title=f"{doc.cover.title}: {doc.brand}", author=doc.branding.prepared_by,
                        subject=doc.brand, creator="AICMO", pageCompression=1)
    template.addPageTemplates([PageTemplate("cover", [frame], onPage=cover_page),
                               PageTemplate("body", [frame], onPage=body_page)])
    template.build(_story(doc, styles))
    return buffer.getvalue()
