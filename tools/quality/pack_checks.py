"""Checks on the assembled pack (quality.yaml ``pack_checks``): brand, order, length, fidelity, numbers."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

from tools.brief import Brief
from tools.catalog import PackSpec, SectionRules, default_catalog
from tools.knowledge import default_knowledge
from tools.planning.channels import (
    ChannelInfo,
    avoided_channels,
    channel_catalog,
    match_channel,
    paid_allowed,
)
from tools.quality.metrics import count_words, number_values, paraphrase_score, parse_tables
from tools.quality.section_checks import count_phrase, find_phrase, phrase_regex, quality_config
from tools.result import Issue, SectionResult, StrategyCore

# A field counts as mentioned when it appears verbatim, or when one line of the pack holds at least this
# share of its content-word stems (all of them for fields of one or two content words).
PARAPHRASE_SHARE = 0.6
# Aliases that are everyday words: matching them would flag ordinary prose, so only the platform's
# canonical name and its specific aliases count as naming it.
_COMMON_WORD_ALIASES = frozenset({"text", "press", "partners", "blog", "referral", "referrals", "creators",
                                  "crm", "newsletter", "partnerships", "events", "workshops"})
# Names that are also ordinary words ("meta descriptions", "an X-ray"): they name the platform only when
# written as a proper noun, so they match case-sensitively, capitalised, and not before these words.
_PROPER_NOUN_ONLY = frozenset({"x", "meta"})
_NOT_PLATFORM_AFTER = r"(?!\w)(?!\s+(?:descriptions?|tags?|data|titles?)\b)(?!-)"
_DISCOUNT_CAP = re.compile(
    r"discounts?\s+(?:deeper|greater|bigger|larger|higher|more)\s+than\s+(\d+(?:\.\d+)?)\s*(?:%|percent)"
    r"|(?:max(?:imum)?|at most|no more than|up to)\s+(\d+(?:\.\d+)?)\s*(?:%|percent)\s+(?:off|discount)",
    re.IGNORECASE)
_DISCOUNT_USE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|percent)\s*(?:off|discount)", re.IGNORECASE)
_NOT_TARGET_HEADER = re.compile(r"baseline|current|today|actual|last|previous", re.IGNORECASE)


def _issue(config: dict[str, Any], key: str, message: str) -> Issue:
    entry = config["pack_checks"][key]
    return Issue(code=entry["code"], severity=entry["severity"], message=message)


def _catalog() -> dict[str, ChannelInfo]:
    return channel_catalog(default_knowledge().get("channel_catalog"))


def brand_mention_issues(brand: str, sections: list[SectionResult], n_sections: int,
                         config: dict[str, Any]) -> list[Issue]:
    """TOO_FEW_BRAND_MENTIONS: the brand appears at least max(3, ceil(sections / 2)) times."""
    needed = max(3, math.ceil(n_sections / 2))
    found = sum(count_phrase(brand, s.markdown) for s in sections)
    if found >= needed:
        return []
    return [_issue(config, "brand_mentions", f"'{brand}' appears {found} times across the pack, min "
                   f"{needed}: name the brand in {needed - found}+ more places")]


def section_order_issues(pack: PackSpec, sections: list[SectionResult],
                         config: dict[str, Any]) -> list[Issue]:
    """SECTION_ORDER: sections follow the pack's order exactly, none missing, none extra, none empty."""
    got = [s.id for s in sections]
    wanted = list(pack.sections)
    problems: list[str] = []
    missing = [sid for sid in wanted if sid not in got]
    extra = [sid for sid in got if sid not in wanted]
    if missing:
        problems.append(f"missing {missing}")
    if extra:
        problems.append(f"not in pack '{pack.key}': {extra}")
    if not missing and not extra and got != wanted:
        problems.append(f"order {got}, expected {wanted}")
    empty = [s.id for s in sections if not s.markdown.strip()]
    if empty:
        problems.append(f"empty {empty}")
    if not problems:
        return []
    return [_issue(config, "section_order", "sections " + "; ".join(problems)
                   + ": emit exactly one non-empty section per pack section id, in pack order")]


def _pack_rules(pack: PackSpec, rules: list[SectionRules] | None) -> list[SectionRules]:
    if rules is not None:
        return rules
    bench = default_catalog().benchmarks.get(pack.benchmark_set, {})
    return [bench[sid] for sid in pack.sections if sid in bench]


def length_issues(sections: list[SectionResult], rules: list[SectionRules],
                  config: dict[str, Any]) -> list[Issue]:
    """PACK_TOO_SHORT: total words reach the sum of the sections' minimum words."""
    total = sum(count_words(s.markdown) for s in sections)
    needed = sum(r.words[0] for r in rules)
    if total >= needed:
        return []
    return [_issue(config, "min_length", f"pack has {total} words, min {needed} (sum of section minimums): "
                   f"add {needed - total}+ words to the short sections")]


def foreign_brand_issues(text: str, brief: Brief, other_brands: Iterable[str],
                         config: dict[str, Any]) -> list[Issue]:
    """FOREIGN_BRAND: no other client's name appears unless this brief names it too (e.g. a competitor)."""
    own = brief.model_dump_json()
    leaked = [name for name in dict.fromkeys(n.strip() for n in other_brands)
              if name and name.lower() != brief.brand_name.lower()
              and not find_phrase(name, own) and find_phrase(name, text)]
    return [_issue(config, "foreign_brand", f"'{name}' belongs to another client and appears in this pack: "
                   "remove it and rewrite from this brief only") for name in leaked]


def mentions(field: str, text: str) -> bool:
    """True when ``field`` appears verbatim in ``text`` or one line closely paraphrases it."""
    if find_phrase(field, text):
        return True
    return max((paraphrase_score(field, line) for line in text.splitlines()), default=0.0) >= PARAPHRASE_SHARE


def _avoid_terms(brief: Brief, catalog: dict[str, ChannelInfo]) -> list[str]:
    banned = avoided_channels(brief.avoid_platforms, catalog)
    others = " | ".join(n.lower() for info in catalog.values() if info.name not in banned
                        for n in (info.name, *info.aliases))
    terms = list(brief.avoid_platforms)
    for name in sorted(banned):
        terms.append(name)
        terms.extend(part.strip(") ") for part in name.split(" (")[1:])
        terms.extend(a for a in catalog[name].aliases
                     if len(a) > 1 and a not in _COMMON_WORD_ALIASES and not phrase_regex(a).search(others))
    return list(dict.fromkeys(t for t in terms if t.strip()))


# The public name of the critic's avoided-platform terms, so writers filter exactly what the critic flags.
avoid_terms = _avoid_terms


def platform_named(term: str, text: str) -> bool:
    """Whole-word mention of a platform; 'X' and 'Meta' only count as capitalised proper nouns."""
    if term.strip().lower() in _PROPER_NOUN_ONLY:
        proper = term.strip().capitalize()
        return bool(re.search(rf"(?<!\w){re.escape(proper)}{_NOT_PLATFORM_AFTER}", text))
    return find_phrase(term, text)


def _coverage_problems(brief: Brief, text: str) -> list[str]:
    fields = [("industry", brief.industry), ("primary goal", brief.primary_goal),
              ("primary customer", brief.primary_customer)]
    if brief.geography:
        fields.append(("geography", brief.geography))
    return [f"{label} '{value}' is not mentioned (write it or a close paraphrase)"
            for label, value in fields if not mentions(value, text)]


def _catalog_paid(channel: str, catalog: dict[str, ChannelInfo]) -> bool:
    info = catalog.get(match_channel(channel, catalog) or "")
    return bool(info and info.paid)


def _constraint_problems(brief: Brief, text: str, strategy: StrategyCore | None) -> list[str]:
    problems: list[str] = []
    catalog = _catalog()
    zero_budget = brief.budget is not None and brief.budget.amount == 0
    no_paid = zero_budget or not paid_allowed(brief.constraints, 1.0)
    if no_paid and strategy is not None:
        paid = [c.channel for c in strategy.channel_mix if c.paid or _catalog_paid(c.channel, catalog)]
        if paid:
            problems.append(f"the brief rules out paid media but the mix has paid channels {paid}")
    for constraint in brief.constraints:
        cap = _DISCOUNT_CAP.search(constraint)
        if not cap:
            continue
        limit = float(cap.group(1) or cap.group(2))
        deeper = sorted({m.group(0) for m in _DISCOUNT_USE.finditer(text) if float(m.group(1)) > limit})
        if deeper:
            problems.append(f"discounts {deeper} exceed the brief's {limit:g}% cap")
    return problems


def brief_fidelity_issues(brief: Brief, text: str, strategy: StrategyCore | None,
                          config: dict[str, Any]) -> list[Issue]:
    """BRIEF_IGNORED: the pack covers the brief's essentials and respects its avoid lists and constraints."""
    problems = _coverage_problems(brief, text)
    named = [t for t in _avoid_terms(brief, _catalog()) if platform_named(t, text)]
    if named:
        problems.append(f"avoided platforms named {named} (remove every mention)")
    problems += [f"must-avoid message '{m}' appears (remove it)" for m in brief.must_avoid_messages
                 if find_phrase(m, text)]
    problems += [f"must-include message '{m}' is missing (quote it)" for m in brief.must_include_messages
                 if not find_phrase(m.strip().rstrip(".!"), text)]
    problems += _constraint_problems(brief, text, strategy)
    return [_issue(config, "brief_fidelity", f"brief ignored: {p}") for p in problems]


def _mix_problems(brief: Brief, strategy: StrategyCore) -> list[str]:
    problems: list[str] = []
    mix = strategy.channel_mix
    share = sum(c.budget_share for c in mix)
    if mix and abs(share - 1.0) > 0.01:
        problems.append(f"budget shares sum to {share:.3f}, must be 1 +-0.01: rescale the channel shares")
    amount = sum(c.budget_amount for c in mix)
    if strategy.budget_total > 0 and abs(amount - strategy.budget_total) > 1:
        problems.append(f"channel amounts sum to {amount:,.2f} {strategy.currency}, budget is "
                        f"{strategy.budget_total:,.2f}: make the split add up to the budget")
    catalog = _catalog()
    banned = avoided_channels(brief.avoid_platforms, catalog)
    bad = [c.channel for c in mix if c.channel in banned or match_channel(c.channel, catalog) in banned]
    if bad:
        problems.append(f"avoided channels {bad} are in the channel mix: drop them and re-split the budget")
    tl = strategy.timeline
    outside = sorted({e.date.isoformat() for e in strategy.calendar if not tl.start <= e.date <= tl.end})
    if outside:
        problems.append(f"calendar dates {outside[:5]} fall outside {tl.start}..{tl.end}: move them inside")
    return problems


def _kpi_row_values(kpi: str, markdown: str) -> list[str]:
    """Table cells stating ``kpi``: its Target column, else the other cell of a 2-column row."""
    wanted = re.sub(r"\W+", " ", kpi.lower()).strip()
    values: list[str] = []
    for table in parse_tables(markdown):
        header = [h.lower() for h in table.header]
        target_col = next((i for i, h in enumerate(header) if "target" in h or "goal" in h), None)
        for row in table.rows:
            names = [re.sub(r"\W+", " ", c.lower()).strip() for c in row]
            if wanted not in names:
                continue
            at = names.index(wanted)
            if target_col is not None and target_col < len(row) and target_col != at:
                values.append(row[target_col])
            elif len(row) == 2 and len(header) == 2 and not _NOT_TARGET_HEADER.search(header[1 - at]):
                values.append(row[1 - at])
    return values


def _kpi_prose_values(kpi: str, markdown: str) -> list[str]:
    """Clauses after 'kpi:' in prose or list items, up to the end of the sentence."""
    body = r"\s+".join(re.escape(p) for p in kpi.split())
    pattern = re.compile(rf"(?<!\w){body}\**\s*[:=]\s*\**([^\n|]*?)(?:\.\s|\n|$)", re.IGNORECASE)
    return [m.group(1) for m in pattern.finditer(markdown)]


def _kpi_problems(strategy: StrategyCore, sections: list[SectionResult]) -> list[str]:
    problems: list[str] = []
    for target in strategy.kpi_targets:
        goal = number_values(target.target)
        if not goal or not target.kpi.strip():
            continue
        for section in sections:
            md = section.markdown
            stated = _kpi_row_values(target.kpi, md) + _kpi_prose_values(target.kpi, md)
            for value in stated:
                numbers = number_values(value)
                if numbers and not any(math.isclose(n, goal[0], rel_tol=1e-6) for n in numbers):
                    problems.append(f"section '{section.id}' states {target.kpi} as '{value.strip()}' but "
                                    f"the target is {target.target}: quote the strategy's target")
    return problems


def numbers_issues(brief: Brief, strategy: StrategyCore | None, sections: list[SectionResult],
                   config: dict[str, Any]) -> list[Issue]:
    """NUMBERS_INCONSISTENT: budget split, avoided channels, calendar window and KPI values agree."""
    if strategy is None:
        return []
    problems = _mix_problems(brief, strategy) + _kpi_problems(strategy, sections)
    return [_issue(config, "numbers_consistent", p) for p in problems]


def engine_issues(engine: str, llm_used: bool, stub_used: bool, sections: list[SectionResult],
                  config: dict[str, Any]) -> list[Issue]:
    """ENGINE_UNDISCLOSED: engine, per-section writer, provider/model for LLM sections and stub_used false."""
    problems: list[str] = []
    if engine not in ("offline", "llm", "mixed"):
        problems.append(f"pack engine '{engine}' must be offline, llm or mixed")
    if stub_used:
        problems.append("stub_used is true: product output must never come from a stand-in writer")
    for s in sections:
        if not s.engine:
            problems.append(f"section '{s.id}' does not record its engine")
        elif s.engine == "llm" and not (s.provider and s.model):
            problems.append(f"section '{s.id}' was written by an LLM but lacks provider/model")
    llm_sections = [s.id for s in sections if s.engine == "llm"]
    if llm_sections and (not llm_used or engine == "offline"):
        problems.append(f"sections {llm_sections} were LLM-written but the pack says engine={engine}, "
                        f"llm_used={llm_used}")
    if engine in ("llm", "mixed") and not llm_used:
        problems.append(f"engine={engine} but llm_used is false")
    return [_issue(config, "engine_disclosed", f"{p}: record the real engine") for p in problems]


def check_pack(*, pack: PackSpec, sections: list[SectionResult], brief: Brief, strategy: StrategyCore | None,
               other_brands: Iterable[str] = (), engine: str, llm_used: bool, stub_used: bool,
               rules: list[SectionRules] | None = None, config: dict[str, Any] | None = None) -> list[Issue]:
    """Every ``pack_checks`` finding for an assembled pack; empty list when it passes."""
    cfg = quality_config(config)
    text = "\n\n".join(s.markdown for s in sections)
    return [
        *brand_mention_issues(brief.brand_name, sections, len(pack.sections), cfg),
        *section_order_issues(pack, sections, cfg),
        *length_issues(sections, _pack_rules(pack, rules), cfg),
        *foreign_brand_issues(text, brief, other_brands, cfg),
        *brief_fidelity_issues(brief, text, strategy, cfg),
        *numbers_issues(brief, strategy, sections, cfg),
        *engine_issues(engine, llm_used, stub_used, sections, cfg),
    ]
