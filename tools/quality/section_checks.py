"""Check one section body against its benchmark rules (quality.yaml ``section_checks``)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from tools.catalog import SectionRules, default_catalog
from tools.quality.metrics import Measured, is_heading, measure, parse_tables
from tools.result import Issue


def quality_config(config: dict[str, Any] | None = None) -> dict[str, Any]:
    """The quality.yaml dict: ``config`` when given, else the packaged spec's."""
    return config if config is not None else default_catalog().quality


def make_issue(config: dict[str, Any], group: str, key: str, message: str) -> Issue:
    """An Issue whose code and severity come from ``config[group][key]``."""
    entry = config[group][key]
    return Issue(code=entry["code"], severity=entry["severity"], message=message)


def no_benchmark_issue(section_id: str, config: dict[str, Any] | None = None) -> Issue:
    """The issue for a section id that has no benchmark rules."""
    return make_issue(
        quality_config(config), "section_checks", "no_benchmark",
        f"section '{section_id}' has no benchmark rules: add it to the pack's benchmark set "
        "or remove it from the pack",
    )


@lru_cache(maxsize=1024)
def phrase_regex(phrase: str) -> re.Pattern[str]:
    """Case-insensitive whole-word/phrase matcher ('none' does not match 'nonetheless')."""
    body = r"\s+".join(re.escape(part) for part in phrase.replace("’", "'").split())
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def find_phrase(phrase: str, text: str) -> bool:
    """True when ``phrase`` occurs in ``text`` as a whole word or phrase, ignoring case."""
    return bool(phrase.strip()) and bool(phrase_regex(phrase).search(text.replace("’", "'")))


def count_phrase(phrase: str, text: str) -> int:
    """How many times ``phrase`` occurs in ``text`` as a whole word or phrase, ignoring case."""
    if not phrase.strip():
        return 0
    return len(phrase_regex(phrase).findall(text.replace("’", "'")))


def _range_issues(m: Measured, rules: SectionRules, config: dict[str, Any]) -> list[Issue]:
    out: list[Issue] = []
    checks = (
        ("words", m.words, rules.words, "words", "add {n}+ words of specific, brief-based content",
         "cut {n}+ words (drop filler, merge repeated points)"),
        ("bullets", m.bullets, rules.bullets, "bullets",
         "add {n}+ list items ('- ' lines; a bold line is not a bullet)",
         "turn {n}+ list items into prose or a table"),
        ("headings", m.headings, rules.headings, "headings", "add {n}+ '###' sub-headings",
         "merge sections to remove {n}+ heading lines"),
    )
    for name, value, (low, high), unit, grow, shrink in checks:
        if value < low:
            key = "words_below_min" if name == "words" else f"{name}_below_min"
            out.append(make_issue(config, "section_checks", key,
                                  f"{value} {unit}, min {low}: {grow.format(n=low - value)}"))
        elif value > high:
            key = "words_above_max" if name == "words" else f"{name}_above_max"
            out.append(make_issue(config, "section_checks", key,
                                  f"{value} {unit}, max {high}: {shrink.format(n=value - high)}"))
    return out


def _content_issues(markdown: str, rules: SectionRules, config: dict[str, Any]) -> list[Issue]:
    out: list[Issue] = []
    headings = [line.lower() for line in markdown.splitlines() if is_heading(line)]
    for wanted in rules.required_headings:
        if not any(wanted.lower() in line for line in headings):
            out.append(make_issue(config, "section_checks", "required_heading_missing",
                                  f"no heading contains '{wanted}': add a heading line like '### {wanted}'"))
    for phrase in rules.required_phrases:
        if phrase not in markdown:
            out.append(make_issue(config, "section_checks", "required_phrase_missing",
                                  f"required text '{phrase}' (case-sensitive) missing: include it verbatim"))
    for phrase in rules.forbidden_phrases:
        if find_phrase(phrase, markdown):
            out.append(make_issue(config, "section_checks", "forbidden_phrase",
                                  f"forbidden phrase '{phrase}' found: rewrite that sentence without it"))
    for pattern in rules.forbidden_patterns:
        hit = re.search(pattern, markdown)
        if hit:
            out.append(make_issue(config, "section_checks", "forbidden_pattern",
                                  f"text '{hit.group(0)}' matches forbidden pattern /{pattern}/: rewrite it"))
    return out


def _style_issues(m: Measured, rules: SectionRules, config: dict[str, Any]) -> list[Issue]:
    out: list[Issue] = []
    if m.repeated_line_ratio > rules.max_repeated_line_ratio:
        out.append(make_issue(
            config, "section_checks", "repetition",
            f"{m.repeated_line_ratio:.0%} of non-blank lines are repeats, max "
            f"{rules.max_repeated_line_ratio:.0%}: make every line distinct"))
    if m.avg_sentence_words > rules.max_avg_sentence_words:
        out.append(make_issue(
            config, "section_checks", "sentence_length",
            f"sentences average {m.avg_sentence_words:.1f} words, max {rules.max_avg_sentence_words:g}: "
            "split long sentences"))
    return out


def _table_issues(markdown: str, m: Measured, rules: SectionRules, config: dict[str, Any]) -> list[Issue]:
    out: list[Issue] = []
    if rules.format == "markdown_table" and not any(t.rows for t in parse_tables(markdown)):
        out.append(make_issue(
            config, "section_checks", "table_missing",
            "no well-formed markdown table: add a header row, a '|---|' separator row and body rows"))
    if rules.min_table_rows is not None and m.table_rows < rules.min_table_rows:
        out.append(make_issue(
            config, "section_checks", "table_rows_below_min",
            f"{m.table_rows} table body rows, min {rules.min_table_rows}: "
            f"add {rules.min_table_rows - m.table_rows}+ rows (header and separator do not count)"))
    return out


def check_rules(markdown: str, rules: SectionRules, config: dict[str, Any] | None = None) -> list[Issue]:
    """Every ``section_checks`` finding for ``markdown`` under ``rules``."""
    cfg = quality_config(config)
    if not markdown.strip():
        return [make_issue(cfg, "section_checks", "empty",
                           f"section '{rules.section_id}' is empty: write {rules.words[0]}-"
                           f"{rules.words[1]} words")]
    m = measure(markdown)
    return [
        *_range_issues(m, rules, cfg),
        *_content_issues(markdown, rules, cfg),
        *_style_issues(m, rules, cfg),
        *_table_issues(markdown, m, rules, cfg),
    ]
