"""Exporters: one pack result rendered as PDF, DOCX, PPTX, HTML, Markdown, JSON and a ZIP of them all."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tools.exporters.archive import brief_member, build_zip
from tools.exporters.branding import Branding, BrandingError
from tools.exporters.document import ExportDoc, prepare
from tools.exporters.docx import render_docx
from tools.exporters.html import render_html
from tools.exporters.markdown import render_md
from tools.exporters.pdf import render_pdf
from tools.exporters.pptx import render_pptx
from tools.result import PackResult

Renderer = Callable[[ExportDoc], bytes]
RENDERERS: dict[str, Renderer] = {
    "pdf": render_pdf, "docx": render_docx, "pptx": render_pptx, "html": render_html, "md": render_md,
    "json": lambda doc: doc.result.model_dump_json(indent=2).encode("utf-8"),
}
EXPORT_FORMATS: frozenset[str] = frozenset({*RENDERERS, "zip"})
FILE_NAMES: dict[str, str] = {fmt: f"pack.{fmt}" for fmt in EXPORT_FORMATS}

__all__ = ["EXPORT_FORMATS", "FILE_NAMES", "Branding", "BrandingError", "UnknownFormatError", "export_pack",
           "parse_formats"]


class UnknownFormatError(ValueError):
    """A requested export format that does not exist."""


def parse_formats(value: str) -> set[str]:
    """'pdf, DOCX,zip' -> {'pdf', 'docx', 'zip'}; raises UnknownFormatError naming the bad ones."""
    formats = {f.strip().lower() for f in value.split(",") if f.strip()}
    unknown = formats - EXPORT_FORMATS
    if not formats or unknown:
        raise UnknownFormatError(f"unknown format(s) {sorted(unknown) or [value]}; "
                                 f"use any of {','.join(sorted(EXPORT_FORMATS))}")
    return formats


def export_pack(result: PackResult, folder: Path, formats: set[str], branding: Branding | None = None,
                brief_source: Path | None = None) -> dict[str, Path]:
    """Write the requested formats into ``folder``; returns format -> file path.

    'zip' bundles every format plus pack.json and the brief (``brief_source`` if given, else the
    validated brief as JSON). Raises UnknownFormatError, BrandingError or OSError before partial output
    where it can.
    """
    wanted = {f.lower() for f in formats}
    if unknown := wanted - EXPORT_FORMATS:
        raise UnknownFormatError(f"unknown format(s) {sorted(unknown)}; use any of {','.join(sorted(EXPORT_FORMATS))}")
    brief = brief_member(result, brief_source) if "zip" in wanted else None
    doc = prepare(result, branding)
    needed = set(RENDERERS) if "zip" in wanted else wanted
    rendered = {fmt: RENDERERS[fmt](doc) for fmt in sorted(needed)}
    folder.mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for fmt in sorted(wanted - {"zip"}):
        path = folder / FILE_NAMES[fmt]
        path.write_bytes(rendered[fmt])
        written[fmt] = path
    if "zip" in wanted:
        members = {FILE_NAMES[f]: rendered[f] for f in ("pdf", "docx", "pptx", "html", "md", "json")}
        if brief:
            members[brief[0]] = brief[1]
        path = folder / FILE_NAMES["zip"]
        path.write_bytes(build_zip(members))
        written["zip"] = path
    return written
