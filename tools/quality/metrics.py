"""Measure a section body the way spec/quality.yaml defines each metric."""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^\s*([-*•]\s+|\d+\.\s+)")
_HEADING = re.compile(r"^\s*#{1,4}\s+\S")
_TABLE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[a-z][a-z'’-]*[a-z]|[a-z]")
_NUMBER = re.compile(r"(?<![\w.])[$€£¥₹]?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s*([km])?(?![a-z])", re.IGNORECASE)

# A built-in English stop-word list for the genericity and paraphrase measures.
_STOP_TEXT = """
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each either every few for from further get
gets got had has have having he her here hers herself him himself his how however i if in into is it its
itself just let may me might more most much must my myself neither no nor not now of off on once one only
or other others our ours ourselves out over own per same shall she should since so some such than that the
their theirs them themselves then there these they this those though through thus to too under until up
upon us very via was we well were what when where whether which while who whom whose why will with within
without would yet you your yours yourself yourselves
"""
STOP_WORDS = frozenset(_STOP_TEXT.split())


def is_bullet(line: str) -> bool:
    """A list item: '- ', '* ', '• ' or 'N. ' at the start of the line."""
    return bool(_BULLET.match(line))


def is_heading(line: str) -> bool:
    """A markdown heading line, '#' to '####'."""
    return bool(_HEADING.match(line))


def is_table_line(line: str) -> bool:
    """A line that belongs to a markdown table."""
    stripped = line.strip()
    return stripped.startswith("|") and stripped.count("|") >= 2


def is_table_separator(line: str) -> bool:
    """The '|---|---|' line under a table header."""
    return bool(_TABLE_SEPARATOR.match(line.strip())) and "-" in line


@dataclass(frozen=True)
class Table:
    """A parsed markdown table."""

    header: list[str]
    rows: list[list[str]]


def split_cells(line: str) -> list[str]:
    """Cells of one table line, trimmed."""
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def parse_tables(markdown: str) -> list[Table]:
    """Every well-formed table: a header line, a separator line and its body rows."""
    lines = markdown.splitlines()
    tables: list[Table] = []
    i = 0
    while i < len(lines) - 1:
        if is_table_line(lines[i]) and is_table_separator(lines[i + 1]):
            header = split_cells(lines[i])
            rows: list[list[str]] = []
            j = i + 2
            while j < len(lines) and is_table_line(lines[j]):
                rows.append(split_cells(lines[j]))
                j += 1
            tables.append(Table(header=header, rows=rows))
            i = j
        else:
            i += 1
    return tables


def count_words(markdown: str) -> int:
    """Whitespace-separated tokens, headings and table cells included."""
    return len(markdown.split())


def count_bullets(markdown: str) -> int:
    """List-item lines."""
    return sum(1 for line in markdown.splitlines() if is_bullet(line))


def count_headings(markdown: str) -> int:
    """Heading lines."""
    return sum(1 for line in markdown.splitlines() if is_heading(line))


def count_table_rows(markdown: str) -> int:
    """Body rows of all well-formed tables."""
    return sum(len(t.rows) for t in parse_tables(markdown))


def repeated_line_ratio(markdown: str) -> float:
    """1 - unique non-blank lines / non-blank lines."""
    lines = [line.strip() for line in markdown.splitlines() if line.strip()]
    if not lines:
        return 0.0
    return 1 - len(set(lines)) / len(lines)


def sentences(markdown: str) -> list[str]:
    """Sentences: table rows, headings and bullets count as one each; prose splits on . ! ? + space."""
    out: list[str] = []
    for line in markdown.splitlines():
        stripped = line.strip()
        if not stripped or is_table_separator(stripped):
            continue
        if is_table_line(stripped) or is_heading(stripped) or is_bullet(stripped):
            out.append(stripped)
            continue
        out.extend(part for part in _SENTENCE_SPLIT.split(stripped) if part.strip())
    return out


def avg_sentence_words(markdown: str) -> float:
    """Mean words per sentence."""
    parts = sentences(markdown)
    if not parts:
        return 0.0
    return sum(len(p.split()) for p in parts) / len(parts)


@dataclass(frozen=True)
class Measured:
    """Every metric of one section body."""

    words: int
    bullets: int
    headings: int
    table_rows: int
    repeated_line_ratio: float
    avg_sentence_words: float


def measure(markdown: str) -> Measured:
    """Measure all metrics at once."""
    return Measured(
        words=count_words(markdown),
        bullets=count_bullets(markdown),
        headings=count_headings(markdown),
        table_rows=count_table_rows(markdown),
        repeated_line_ratio=repeated_line_ratio(markdown),
        avg_sentence_words=avg_sentence_words(markdown),
    )


def word_tokens(text: str) -> list[str]:
    """Lowercased word tokens (letters, inner apostrophes and hyphens)."""
    return _WORD.findall(text.lower().replace("’", "'"))


def stem(word: str) -> str:
    """A light English stem: drop possessives, plurals and -ing/-ed endings."""
    w = word.lower().removesuffix("'s")
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("ches", "shes", "sses", "xes", "zes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 5 and w.endswith("ing"):
        return w[:-3]
    if len(w) > 4 and w.endswith("ed"):
        return w[:-2]
    return w


def content_stems(text: str) -> set[str]:
    """Stems of the words of 3+ letters that are not English stop words."""
    return {stem(t) for t in word_tokens(text) if len(t) >= 3 and t not in STOP_WORDS}


def paraphrase_score(field: str, line: str) -> float:
    """Share of ``field``'s content stems found in ``line`` (0 when the field has none)."""
    wanted = content_stems(field)
    if not wanted:
        return 0.0
    share = len(wanted & content_stems(line)) / len(wanted)
    return share if len(wanted) > 2 or share == 1.0 else 0.0


def number_values(text: str) -> list[float]:
    """Every number in ``text`` as a float: '1,500' -> 1500, '7%' -> 7, '1.5k' -> 1500, '-30%' -> 30."""
    values: list[float] = []
    for whole, frac, unit in _NUMBER.findall(text):
        value = float(whole.replace(",", "") + (frac or ""))
        values.append(value * {"k": 1e3, "m": 1e6}.get(unit.lower(), 1.0))
    return values
