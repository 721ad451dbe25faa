"""Self-contained styled HTML: inline CSS, charts as data URIs, every piece of pack text escaped."""

from __future__ import annotations

import base64
import re
from html import escape

from tools.exporters.branding import text_on
from tools.exporters.document import CALENDAR_TITLE, CONTENTS_TITLE, GLANCE_TITLE, ExportDoc, TableData
from tools.exporters.markdown_parse import Block, spans

_CSS = """
*{box-sizing:border-box}body{font-family:"DejaVu Sans","Segoe UI",Helvetica,Arial,sans-serif;color:#222;
line-height:1.5;margin:0;background:#f4f5f7}main{max-width:960px;margin:0 auto;background:#fff;padding:0 48px 48px}
.cover{background:PRIMARY;color:ONPRIMARY;margin:0 -48px;padding:72px 48px 56px}.cover h1{font-size:2.4em;margin:.2em 0}
.cover .brand{font-size:1.3em;letter-spacing:.04em;text-transform:uppercase;opacity:.9}
.cover .meta{margin-top:2em;opacity:.9}.cover img{max-height:96px;max-width:260px;background:#fff;padding:8px;
border-radius:4px}h2{color:HEADING;border-bottom:3px solid ACCENT;padding-bottom:.2em;margin-top:2.2em}
h3,h4,h5{color:HEADING;margin-bottom:.3em}table{border-collapse:collapse;width:100%;margin:1em 0;font-size:.92em}
th{background:PRIMARY;color:ONPRIMARY;text-align:left}th,td{border:1px solid #d5d9e0;padding:6px 8px;
vertical-align:top}tr:nth-child(even) td{background:#f7f8fa}figure{margin:1.5em 0;text-align:center}
figure img{max-width:100%;height:auto}figcaption{font-size:.9em;color:#555}.note{background:#fff7e6;
border-left:4px solid ACCENT;padding:8px 12px}dl.facts dt{font-weight:bold;color:HEADING}dl.facts dd{margin:0 0 .8em 0}
nav ol{columns:2;column-gap:32px}nav a{color:#222;text-decoration:none}nav a:hover{text-decoration:underline}
@media print{body{background:#fff}main{max-width:none;padding:0}section.pack-section{page-break-before:always}
.cover{margin:0;padding:48px}}
"""
_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
_SLUG = re.compile(r"[^a-z0-9]+")


def _inline(text: str) -> str:
    """Escaped inline text with bold spans as <strong>."""
    html = "".join(f"<strong>{escape(s.text)}</strong>" if s.bold else escape(s.text) for s in spans(text))
    return html.replace("\n", "<br>")


def anchor(section_id: str, index: int) -> str:
    """A safe, unique element id for a section."""
    return f"s{index}-" + (_SLUG.sub("-", section_id.lower()).strip("-") or "section")


def _table(header: tuple[str, ...], rows: tuple[tuple[str, ...], ...], caption: str = "") -> str:
    head = "".join(f"<th>{_inline(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in row) + "</tr>" for row in rows)
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _block(block: Block) -> str:
    if block.kind == "heading":
        level = 3 if block.level <= 3 else min(block.level, 5)
        return f"<h{level}>{_inline(block.text)}</h{level}>"
    if block.kind == "paragraph":
        return f"<p>{_inline(block.text)}</p>"
    if block.kind in ("bullets", "numbered"):
        tag = "ul" if block.kind == "bullets" else "ol"
        return f"<{tag}>" + "".join(f"<li>{_inline(i)}</li>" for i in block.items) + f"</{tag}>"
    return _table(block.header, block.rows)


def _data_table(table: TableData | None) -> str:
    if table is None:
        return ""
    return f"<h3>{escape(table.title)}</h3>" + _table(table.header, table.rows)


def _cover(doc: ExportDoc) -> str:
    cover = doc.cover
    logo = ""
    if cover.logo and cover.logo_kind:
        data = base64.b64encode(cover.logo).decode("ascii")
        logo = f'<img src="data:image/{cover.logo_kind};base64,{data}" alt="{escape(cover.brand)} logo">'
    return (f'<header class="cover">{logo}<div class="brand">{escape(cover.brand)}</div>'
            f"<h1>{escape(cover.title)}</h1><div>{escape(cover.subtitle)}</div>"
            f'<div class="meta">{escape(cover.date_line)}<br>{escape(cover.prepared_by)}</div></header>')


def _glance(doc: ExportDoc) -> str:
    parts = [f'<section id="glance"><h2>{escape(GLANCE_TITLE)}</h2>']
    if doc.facts:
        parts.append('<dl class="facts">' + "".join(
            f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in doc.facts) + "</dl>")
    parts += [f'<p class="note">{escape(note)}</p>' for note in doc.charts.notes]
    for chart in doc.charts.charts:
        data = base64.b64encode(chart.png).decode("ascii")
        parts.append(f'<figure id="chart-{chart.key}"><img src="data:image/png;base64,{data}" '
                     f'alt="{escape(chart.alt)}" width="{chart.width_px // 2}">'
                     f"<figcaption>{escape(chart.title)}</figcaption></figure>")
    parts += [_data_table(doc.channels), _data_table(doc.kpis), "</section>"]
    return "".join(parts)


def _contents(doc: ExportDoc) -> str:
    items = "".join(f'<li><a href="#{anchor(s.id, i)}">{escape(s.title)}</a></li>'
                    for i, s in enumerate(doc.sections, start=1))
    extra = f'<li><a href="#calendar">{escape(CALENDAR_TITLE)}</a></li>' if doc.calendar else ""
    return (f'<nav><h2>{escape(CONTENTS_TITLE)}</h2><p><a href="#glance">{escape(GLANCE_TITLE)}</a></p>'
            f"<ol>{items}{extra}</ol></nav>")


def _css(doc: ExportDoc) -> str:
    brand = doc.branding
    return (_CSS.replace("ONPRIMARY", text_on(brand.primary)).replace("PRIMARY", brand.primary)
            .replace("HEADING", brand.heading_colour).replace("ACCENT", brand.accent))


def render_html(doc: ExportDoc) -> bytes:
    """The whole pack as one HTML file with no external resources and no scripts."""
    language = str((doc.result.brief or {}).get("language") or "en")
    language = language if re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", language) else "en"
    sections = "".join(
        f'<section class="pack-section" id="{anchor(s.id, i)}"><h2>{escape(s.title)}</h2>'
        + "".join(_block(b) for b in s.blocks) + "</section>"
        for i, s in enumerate(doc.sections, start=1))
    calendar = ""
    if doc.calendar:
        calendar = (f'<section class="pack-section" id="calendar"><h2>{escape(CALENDAR_TITLE)}</h2>'
                    + _table(doc.calendar.header, doc.calendar.rows) + "</section>")
    title = f"{doc.cover.title}: {doc.brand}"
    page = (f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{_css(doc)}</style></head><body><main>"
            f"{_cover(doc)}{_contents(doc)}{_glance(doc)}{sections}{calendar}</main></body></html>\n")
    return page.encode("utf-8")
