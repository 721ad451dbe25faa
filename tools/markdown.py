"""Build markdown from blocks and fit a section into its benchmark's ranges without cutting mid-thought."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tools.catalog import SectionRules
from tools.quality.metrics import count_bullets, count_headings, count_words
from tools.text import strip_markup


def heading(text: str, level: int = 3) -> str:
    """A markdown heading line."""
    return f"{'#' * level} {text}"


def bullets(items: Iterable[str]) -> str:
    """A bullet list, one item a line."""
    return "\n".join(f"- {item}" for item in items)


def numbered(items: Iterable[str]) -> str:
    """A numbered list."""
    return "\n".join(f"{n}. {item}" for n, item in enumerate(items, start=1))


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A markdown table with a header row and a separator row."""
    head = "| " + " | ".join(headers) + " |"
    sep = "|" + "|".join("---" for _ in headers) + "|"
    body = ["| " + " | ".join(str(cell).replace("|", "/") for cell in row) + " |" for row in rows]
    return "\n".join([head, sep, *body])


@dataclass(frozen=True)
class Block:
    """A piece of a section: a heading with its body, a paragraph, a list or a table.

    Required blocks always appear. Optional blocks are added in ``priority`` order (lower first)
    while the section stays inside its word, bullet and heading ranges, so the writer can aim for the
    benchmark without truncating text.
    """

    markdown: str
    optional: bool = False
    priority: int = 0

    @property
    def words(self) -> int:
        return count_words(self.markdown)

    @property
    def bullets(self) -> int:
        return count_bullets(self.markdown)

    @property
    def headings(self) -> int:
        return count_headings(self.markdown)


def section(*parts: str, optional: bool = False, priority: int = 0) -> Block:
    """A block from markdown parts joined by blank lines; empty parts are skipped."""
    return Block("\n\n".join(p for p in parts if p and p.strip()), optional=optional, priority=priority)


def fit_blocks(blocks: Sequence[Block], rules: SectionRules) -> str:
    """Join required blocks plus as many optional blocks as fit the rules' target, in original order."""
    chosen = {i for i, b in enumerate(blocks) if not b.optional}
    words = sum(blocks[i].words for i in chosen)
    n_bullets = sum(blocks[i].bullets for i in chosen)
    n_headings = sum(blocks[i].headings for i in chosen)
    low, high = rules.words
    target = low + (high - low) * 0.55
    optional = sorted((i for i, b in enumerate(blocks) if b.optional), key=lambda i: (blocks[i].priority, i))
    for pass_target in (target, high * 0.97):
        for i in optional:
            if i in chosen:
                continue
            b = blocks[i]
            need_more = words < low or n_bullets < rules.bullets[0] or n_headings < rules.headings[0]
            if not need_more and words + b.words > pass_target:
                continue
            if words + b.words > high * 0.97:
                continue
            if n_bullets + b.bullets > rules.bullets[1] or n_headings + b.headings > rules.headings[1]:
                continue
            chosen.add(i)
            words += b.words
            n_bullets += b.bullets
            n_headings += b.headings
        if words >= low:
            break
    return "\n\n".join(blocks[i].markdown for i in sorted(chosen)).strip() + "\n"


def clean_markdown(value: str) -> str:
    """Make markdown from a person or a model inert: no HTML, templates or control characters; lines kept."""
    text = unicodedata.normalize("NFC", value)
    lines = []
    for line in strip_markup(text).splitlines():
        visible = "".join(ch if ch == "\t" or unicodedata.category(ch)[0] != "C" else " " for ch in line)
        lines.append(visible.rstrip())
    return "\n".join(lines).strip() + "\n"
