"""Markdown export: pack.md as tools.pack renders it, with raw-HTML tag openers neutralised."""

from __future__ import annotations

import re

from tools.exporters.document import ExportDoc
from tools.pack import render_markdown

# '<' that would open an HTML tag, comment or declaration in a markdown viewer (CommonMark raw HTML).
_TAG_OPEN = re.compile(r"<(?=[A-Za-z/!?])")


def inert_markdown(text: str) -> str:
    """Markdown whose brief-supplied text cannot become live HTML in a viewer."""
    return _TAG_OPEN.sub("&lt;", text)


def render_md(doc: ExportDoc) -> bytes:
    """pack.md bytes (UTF-8)."""
    return inert_markdown(render_markdown(doc.result)).encode("utf-8")
