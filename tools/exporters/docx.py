"""Editable Word document (python-docx): real headings, tables, page breaks and a table of contents field."""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tc
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Inches, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from tools.exporters.branding import readable_on_white, rgb, text_on
from tools.exporters.charts import Chart
from tools.exporters.document import CALENDAR_TITLE, CONTENTS_TITLE, GLANCE_TITLE, ExportDoc, TableData
from tools.exporters.markdown_parse import Block, spans
from tools.exporters.pdf import column_widths

FONT = "Calibri"
PAGE_W_IN, PAGE_H_IN, MARGIN_IN = 8.27, 11.69, 0.8
TEXT_WIDTH_PT = (PAGE_W_IN - 2 * MARGIN_IN) * 72


def _colour(hex_colour: str) -> RGBColor:
    return RGBColor(*rgb(hex_colour))


def _runs(paragraph: Paragraph, text: str, size: float | None = None, colour: str | None = None) -> None:
    """Add inline text as runs, bold spans bold."""
    for span in spans(text):
        for n, line in enumerate(span.text.split("\n")):
            if n:
                paragraph.add_run().add_break()
            run = paragraph.add_run(line)
            run.bold = span.bold or None
            if size:
                run.font.size = Pt(size)
            if colour:
                run.font.color.rgb = _colour(colour)


def _field(paragraph: Paragraph, instruction: str, shown: str) -> None:
    """A complex field (e.g. TOC, PAGE) whose cached result is ``shown`` until Word updates it."""
    def char(kind: str) -> BaseOxmlElement:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    begin = paragraph.add_run()._r
    begin.append(char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    paragraph.add_run()._r.append(instr)
    paragraph.add_run()._r.append(char("separate"))
    paragraph.add_run(shown)
    paragraph.add_run()._r.append(char("end"))


def _styles(document: DocxDocument, doc: ExportDoc) -> None:
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    for level, size in ((1, 18), (2, 13), (3, 11.5)):
        style = document.styles[f"Heading {level}"]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.color.rgb = _colour(doc.branding.heading_colour)
    settings = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def _para(document: DocxDocument, style_id: str | None = None) -> Paragraph:
    """A new body paragraph with a style set by id (name lookups are slow in python-docx)."""
    paragraph = document.add_paragraph()
    if style_id:
        paragraph._p.style = style_id
    return paragraph


def _heading(document: DocxDocument, text: str, level: int) -> Paragraph:
    """A real Word heading (style Heading N) holding inline text."""
    paragraph = _para(document, f"Heading{level}")
    _runs(paragraph, text)
    return paragraph


def _shade(cell_element: CT_Tc, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill.lstrip("#"))
    cell_element.get_or_add_tcPr().append(shading)


def _table(document: DocxDocument, header: tuple[str, ...], rows: tuple[tuple[str, ...], ...],
           doc: ExportDoc) -> DocxTable:
    table = document.add_table(rows=1 + len(rows), cols=len(header))
    table._tbl.tblStyle_val = "TableGrid"
    table.autofit = False
    widths = [Pt(w) for w in column_widths(header, rows, size=9, total=TEXT_WIDTH_PT)]
    for grid_col, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        grid_col.w = width
    on_primary = text_on(doc.branding.primary)
    for r, (tr, values) in enumerate(zip(table._tbl.tr_lst, (header, *rows), strict=True)):
        if r == 0:
            flag = OxmlElement("w:tblHeader")
            flag.set(qn("w:val"), "true")
            tr.get_or_add_trPr().append(flag)
        for tc, value, width in zip(tr.tc_lst, values, widths, strict=False):
            tc.width = width
            paragraph = Paragraph(tc.p_lst[0], table)
            _runs(paragraph, value, size=9, colour=on_primary if r == 0 else None)
            if r == 0:
                for run in paragraph.runs:
                    run.bold = True
                _shade(tc, doc.branding.primary)
    document.add_paragraph()
    return table


def _numbered(document: DocxDocument, items: tuple[str, ...]) -> None:
    for n, item in enumerate(items, start=1):
        paragraph = _para(document)
        paragraph.paragraph_format.left_indent = Inches(0.3)
        paragraph.paragraph_format.first_line_indent = Inches(-0.22)
        paragraph.paragraph_format.space_after = Pt(2)
        paragraph.add_run(f"{n}.\t")
        _runs(paragraph, item)


def _block(document: DocxDocument, block: Block, doc: ExportDoc) -> None:
    if block.kind == "heading":
        _heading(document, block.text, 2 if block.level <= 3 else 3)
    elif block.kind == "paragraph":
        _runs(_para(document), block.text)
    elif block.kind == "bullets":
        for item in block.items:
            _runs(_para(document, "ListBullet"), item)
    elif block.kind == "numbered":
        _numbered(document, block.items)
    else:
        _table(document, block.header, block.rows, doc)


def _chart(document: DocxDocument, chart: Chart) -> None:
    document.add_picture(io.BytesIO(chart.png), width=Inches(6.2))
    inline = document.inline_shapes[-1]._inline
    properties = inline.docPr
    properties.set("name", chart.title)
    properties.set("descr", chart.alt)
    caption = _para(document, "Caption")
    caption.add_run(chart.title)
    caption.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _cover(document: DocxDocument, doc: ExportDoc) -> None:
    cover = doc.cover
    for _ in range(4):
        document.add_paragraph()
    if cover.logo:
        document.add_picture(io.BytesIO(cover.logo), height=Inches(1.0))
    brand = document.add_paragraph()
    _plain_run(brand, cover.brand, 20, doc.branding.heading_colour, bold=True)
    title = document.add_paragraph()
    _plain_run(title, cover.title, 28, doc.branding.heading_colour, bold=True)
    _plain_run(document.add_paragraph(), cover.subtitle, 13, "#444444")
    document.add_paragraph()
    _plain_run(document.add_paragraph(), cover.date_line, 12, "#444444")
    _plain_run(document.add_paragraph(), cover.prepared_by, 12, readable_on_white(doc.branding.accent))


def _plain_run(paragraph: Paragraph, text: str, size: float, colour: str, bold: bool = False) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.color.rgb = _colour(colour)
    run.bold = bold or None


def _contents(document: DocxDocument, doc: ExportDoc) -> None:
    _runs(_para(document, "TOCHeading"), CONTENTS_TITLE)
    titles = [GLANCE_TITLE, *doc.agenda] + ([CALENDAR_TITLE] if doc.calendar else [])
    first = document.add_paragraph()
    _field(first, 'TOC \\o "1-1" \\h \\z \\u', titles[0])
    for title in titles[1:]:
        document.add_paragraph(title)


def _data_table(document: DocxDocument, table: TableData | None, doc: ExportDoc) -> None:
    if table is not None:
        _heading(document, table.title, 2)
        _table(document, table.header, table.rows, doc)


def _page_setup(document: DocxDocument, doc: ExportDoc) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Inches(PAGE_W_IN), Inches(PAGE_H_IN)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(MARGIN_IN))
    section.different_first_page_header_footer = True
    footer = section.footer.paragraphs[0]
    footer.add_run(f"{doc.brand} · {doc.cover.title} · Page ").font.size = Pt(8)
    _field(footer, "PAGE", "1")


def render_docx(doc: ExportDoc) -> bytes:
    """The pack as an editable .docx."""
    document = Document()
    _styles(document, doc)
    _page_setup(document, doc)
    core = document.core_properties
    core.title, core.subject, core.author = f"{doc.cover.title}: {doc.brand}"[:250], doc.brand[:250], "AICMO"
    _cover(document, doc)
    document.add_page_break()
    _contents(document, doc)
    document.add_page_break()
    _heading(document, GLANCE_TITLE, 1)
    for label, value in doc.facts:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    for note in doc.charts.notes:
        _para(document, "IntenseQuote").add_run(note)
    for chart in doc.charts.charts:
        _chart(document, chart)
    _data_table(document, doc.channels, doc)
    _data_table(document, doc.kpis, doc)
    for section in doc.sections:
        document.add_page_break()
        _heading(document, section.title, 1)
        for block in section.blocks:
            _block(document, block, doc)
    if doc.calendar:
        document.add_page_break()
        _heading(document, CALENDAR_TITLE, 1)
        _table(document, doc.calendar.header, doc.calendar.rows, doc)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
