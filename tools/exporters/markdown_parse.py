"""A small markdown block parser shared by every exporter: headings, paragraphs, lists, tables, bold."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from tools.quality.metrics import is_table_line, is_table_separator, split_cells

BlockKind = Literal["heading", "paragraph", "bullets", "numbered", "table"]

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*[-*•+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")
_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_ITALIC = re.compile(r"(?<![\w*])\*(?!\s)([^*]+?)(?<!\s)\*(?![\w*])|(?<![\w_])_(?!\s)([^_]+?)(?<!\s)_(?![\w_])")
_LINK = re.compile(r"\[([^\]]+)\]\((https?://[^)\s]+)\)")
_CODE = re.compile(r"`([^`]+)`")
# Characters XML 1.0 cannot hold (DOCX/PPTX would refuse them); tabs and newlines are kept.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


@dataclass(frozen=True)
class Span:
    """A run of inline text, bold or not."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Block:
    """One block of a section body; ``items`` holds list items, ``header``/``rows`` a table."""

    kind: BlockKind
    text: str = ""
    level: int = 0
    items: tuple[str, ...] = ()
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = field(default_factory=tuple)


def clean_text(text: str) -> str:
    """Drop characters that XML-based formats cannot store."""
    return _CONTROL.sub("", text)


def plain_inline(text: str) -> str:
    """Inline markdown reduced to plain words: links keep their URL, code and emphasis lose their marks."""
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", clean_text(text))
    text = _CODE.sub(r"\1", text)
    text = _ITALIC.sub(lambda m: m.group(1) or m.group(2), text)
    return text.replace("\\*", "*").replace("\\_", "_")


def spans(text: str) -> list[Span]:
    """Split inline text into plain and bold spans (bold marks removed, other marks simplified)."""
    out: list[Span] = []
    pos = 0
    for match in _BOLD.finditer(text):
        if match.start() > pos:
            out.append(Span(plain_inline(text[pos:match.start()])))
        out.append(Span(plain_inline(match.group(1) or match.group(2)), bold=True))
        pos = match.end()
    if pos < len(text):
        out.append(Span(plain_inline(text[pos:])))
    return [s for s in out if s.text]


def strip_inline(text: str) -> str:
    """Inline text with every markdown mark removed."""
    return "".join(s.text for s in spans(text))


def _table(lines: list[str], start: int) -> tuple[Block, int]:
    header = tuple(split_cells(lines[start]))
    rows: list[tuple[str, ...]] = []
    j = start + 2
    while j < len(lines) and is_table_line(lines[j]):
        cells = split_cells(lines[j])
        cells = (cells + [""] * len(header))[: len(header)]
        rows.append(tuple(cells))
        j += 1
    return Block("table", header=header, rows=tuple(rows)), j


def _list(lines: list[str], start: int, pattern: re.Pattern[str]) -> tuple[list[str], int]:
    items: list[str] = []
    j = start
    while j < len(lines):
        match = pattern.match(lines[j])
        if match:
            items.append(match.group(1).strip())
        elif lines[j].strip() and lines[j].startswith((" ", "\t")) and items:
            items[-1] += " " + lines[j].strip()
        else:
            break
        j += 1
    return items, j


def _starts_block(line: str, nxt: str | None) -> bool:
    if _HEADING.match(line) or _BULLET.match(line) or _NUMBERED.match(line) or _RULE.match(line):
        return True
    return is_table_line(line) and nxt is not None and is_table_separator(nxt)


def parse_blocks(markdown: str) -> list[Block]:
    """Blocks of a markdown body in order; unknown syntax degrades to paragraphs, never to loss.

    A single newline inside a paragraph is kept as a line break: writers use it for 'Label: value' lines.
    """
    lines = clean_text(markdown).replace("\r\n", "\n").split("\n")
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if not line.strip() or _RULE.match(line):
            i += 1
        elif heading := _HEADING.match(line):
            blocks.append(Block("heading", text=heading.group(2), level=len(heading.group(1))))
            i += 1
        elif is_table_line(line) and nxt is not None and is_table_separator(nxt):
            block, i = _table(lines, i)
            blocks.append(block)
        elif _BULLET.match(line):
            items, i = _list(lines, i, _BULLET)
            blocks.append(Block("bullets", items=tuple(items)))
        elif _NUMBERED.match(line):
            items, i = _list(lines, i, _NUMBERED)
            blocks.append(Block("numbered", items=tuple(items)))
        else:
            para = [line.strip()]
            i += 1
            while i < len(lines) and lines[i].strip() and not _starts_block(
                    lines[i], lines[i + 1] if i + 1 < len(lines) else None):
                para.append(lines[i].strip())
                i += 1
            blocks.append(Block("paragraph", text="\n".join(para).lstrip("> ").strip()))
    return blocks


def _first_sentence(text: str, limit: int = 170) -> str:
    sentence = re.split(r"(?<=[.!?])\s+|\n", text.strip(), maxsplit=1)[0]
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def key_points(blocks: list[Block], limit: int = 6) -> list[str]:
    """The points a slide shows: the opening sentence, then list items, then more lead sentences (plain)."""
    paragraphs = [_first_sentence(strip_inline(b.text)) for b in blocks if b.kind == "paragraph"]
    first_list = next((i for i, b in enumerate(blocks) if b.kind in ("bullets", "numbered")), len(blocks))
    opens = any(b.kind == "paragraph" for b in blocks[:first_list])
    points = paragraphs[:1] if opens else []
    for block in blocks:
        if block.kind in ("bullets", "numbered"):
            points += [_first_sentence(strip_inline(item)) for item in block.items]
    if len(points) < 3:
        points += paragraphs[1:]
    return [p for p in dict.fromkeys(points) if p][:limit]
