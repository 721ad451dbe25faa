"""Text helpers the evaluators share: phrase search, numbers, markdown tables, coverage of a field's words."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_NUMBER = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_STOP = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "its", "of", "on", "or",
    "per", "than", "that", "the", "their", "this", "to", "with", "within", "who", "what", "when", "where", "which",
    "will", "your", "our", "we", "they", "them", "these", "those", "more", "most", "new", "next", "over", "under",
    "up", "out", "each", "every", "all", "any", "about", "after", "before", "during", "until"))


@lru_cache(maxsize=4096)
def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Whole-phrase pattern: case-insensitive, flexible whitespace; names of one or two letters ('X') match
    only as written, so ordinary words and letters in prose do not count."""
    words = phrase.strip().split()
    body = r"\s+".join(re.escape(w) for w in words)
    flags = 0 if len(phrase.strip()) <= 2 else re.IGNORECASE
    return re.compile(rf"(?<![\w]){body}(?![\w])", flags)


def contains(phrase: str, text: str) -> bool:
    """True when ``phrase`` appears in ``text`` as a whole phrase."""
    return bool(phrase.strip()) and bool(phrase_pattern(phrase).search(text))


def contains_any(options: str | Iterable[str], text: str) -> bool:
    """True when the phrase (or any of a list of alternatives) appears."""
    if isinstance(options, str):
        return contains(options, text)
    return any(contains(o, text) for o in options)


def numbers(text: str) -> list[float]:
    """Every number in ``text`` ('1,500' -> 1500.0, '2.5%' -> 2.5)."""
    found = []
    for whole, frac in _NUMBER.findall(text):
        value = float(whole.replace(",", ""))
        if frac:
            value += float(f"0.{frac}")
        found.append(value)
    return found


def content_words(text: str) -> list[str]:
    """Lower-cased words of four or more letters that carry meaning (stop words dropped)."""
    return [w for w in (m.lower() for m in _WORD.findall(text)) if len(w) >= 4 and w not in _STOP]


def coverage(field: str, text: str) -> float:
    """Share of the field's content words (matched on their first five letters) found in ``text``."""
    words = content_words(field)
    if not words:
        return 1.0 if not numbers(field) else float(all(_has_number(n, text) for n in numbers(field)))
    stems = {w[:5] for w in content_words(text)}
    return sum(w[:5] in stems for w in words) / len(words)


def _has_number(value: float, text: str) -> bool:
    return any(abs(n - value) < 1e-9 for n in numbers(text))


def table_rows(markdown: str) -> list[tuple[list[str], list[str]]]:
    """(header cells, row cells) for every body row of every markdown table."""
    rows: list[tuple[list[str], list[str]]] = []
    header: list[str] | None = None
    previous: list[str] | None = None
    for line in markdown.splitlines():
        stripped = line.strip()
        if not stripped.startswith("|"):
            header = previous = None
            continue
        cells = [c.strip() for c in stripped.strip("|").split("|")]
        if all(re.fullmatch(r":?-{3,}:?", c) for c in cells if c):
            header = previous
        elif header is not None:
            rows.append((header, cells))
        previous = cells
    return rows


def norm(text: str) -> str:
    """Lower-case words joined by single spaces (markdown emphasis and punctuation dropped)."""
    return " ".join(re.sub(r"[^\w%]+", " ", text.lower()).split())
