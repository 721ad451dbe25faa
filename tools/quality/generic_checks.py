"""Checks that apply to every section of every pack (quality.yaml ``generic_checks``)."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import Any

from tools.knowledge import default_knowledge
from tools.planning.channels import channel_catalog
from tools.quality.metrics import STOP_WORDS, count_words, is_bullet, is_heading, parse_tables, word_tokens
from tools.quality.section_checks import count_phrase, find_phrase, phrase_regex, quality_config
from tools.result import Issue

# quality.yaml writes HASHTAG_TOO_GENERIC as a plain scalar, so YAML reads " #love, ..." as a comment and
# the loaded rule keeps only "#fun". This is the rule's full list, verbatim from the spec file; tags the
# loaded config names are added to it.
SPEC_GENERIC_TAGS = ("#fun", "#love", "#summer", "#happy", "#instagood", "#photooftheday", "#beautiful",
                     "#picoftheday", "#cute", "#followme", "#like4like", "#instadaily", "#amazing")
_HASHTAG = re.compile(r"(?<![\w&/#])#(\w+)")
# Month names count as dates; "May" only capitalised, since "may" is usually the verb.
_MONTHS = (r"\b(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|june?|july?|aug(ust)?|sep(t(ember)?)?|"
           r"oct(ober)?|nov(ember)?|dec(ember)?|q[1-4])\b|(?-i:\bMay\b)")
_SPECIFIC = re.compile(rf"\d|[$€£¥₹]|{_MONTHS}", re.IGNORECASE)


def _generic(config: dict[str, Any]) -> dict[str, Any]:
    return config["generic_checks"]


def blacklist_issues(markdown: str, config: dict[str, Any]) -> list[Issue]:
    """BLACKLISTED_PHRASE for each blacklisted phrase found (whole phrase, any case)."""
    spec = _generic(config)["blacklist"]
    return [
        Issue(code=spec["code"], severity=spec["severity"],
              message=f"blacklisted cliché '{phrase}' found: replace it with a concrete, brief-based claim")
        for phrase in spec["phrases"] if find_phrase(phrase, markdown)
    ]


def content_tokens(markdown: str, brand: str) -> list[str]:
    """Lowercased word tokens of 3+ letters, minus English stop words and the brand name's words."""
    brand_words = set(word_tokens(brand))
    return [t for t in word_tokens(markdown)
            if len(t) >= 3 and t not in STOP_WORDS and t not in brand_words]


def repetition_share(markdown: str, brand: str) -> float:
    """Share of content tokens whose word occurs more than twice in the section."""
    tokens = content_tokens(markdown, brand)
    if not tokens:
        return 0.0
    counts = Counter(tokens)
    return sum(1 for t in tokens if counts[t] > 2) / len(tokens)


def _threshold(rule: str) -> float:
    found = re.search(r"fail when score >=\s*([0-9]+(?:\.[0-9]+)?)", rule)
    if not found:
        raise ValueError("quality.yaml genericity rule has no 'fail when score >= N' threshold")
    return float(found.group(1))


def genericity_score(markdown: str, brand: str,
                     config: dict[str, Any] | None = None) -> tuple[float, int, float]:
    """(score, generic_hits, repetition): score = 0.7*min(hits/3, 1) + 0.3*repetition."""
    spec = _generic(quality_config(config))["genericity"]
    hits = sum(count_phrase(p, markdown) for p in spec["generic_phrases"])
    repetition = repetition_share(markdown, brand)
    return 0.7 * min(hits / 3, 1.0) + 0.3 * repetition, hits, repetition


def genericity_issues(markdown: str, brand: str, config: dict[str, Any]) -> list[Issue]:
    """TOO_GENERIC when the genericity score reaches the spec's threshold."""
    spec = _generic(config)["genericity"]
    score, hits, repetition = genericity_score(markdown, brand, config)
    limit = _threshold(spec["rule"])
    if score < limit:
        return []
    found = [p for p in spec["generic_phrases"] if find_phrase(p, markdown)]
    return [Issue(code=spec["code"], severity=spec["severity"], message=(
        f"genericity score {score:.2f}, max below {limit:g} ({hits} generic phrase hits "
        f"{found}, {repetition:.0%} of content words repeated 3+ times): remove stock phrases and vary "
        "vocabulary with brief-specific detail"))]


def placeholder_issues(markdown: str, config: dict[str, Any]) -> list[Issue]:
    """One issue per placeholder pattern (TEMPLATE/INSERT/BRACKET/UNFILLED_DEFAULT) that matches."""
    spec = _generic(config)["placeholders"]
    out: list[Issue] = []
    for code, pattern in spec["patterns"].items():
        hit = re.search(pattern, markdown)
        if hit:
            out.append(Issue(code=code, severity=spec["severity"], message=(
                f"unfilled placeholder '{hit.group(0)}' found: replace it with the real brief detail")))
    return out


def _norm_cell(cell: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", cell.lower()).strip()


def hook_column_values(markdown: str, config: dict[str, Any] | None = None) -> list[str]:
    """Values of the Hook (else Theme, else Topic) column across all tables of a section."""
    rule = _generic(quality_config(config))["duplicate_hooks"]["rule"]
    names = [(a or b).lower() for a, b in re.findall(r"named (\w+)|else (\w+)", rule)]
    names = names or ["hook", "theme", "topic"]
    values: list[str] = []
    for table in parse_tables(markdown):
        header = [_norm_cell(h) for h in table.header]
        column = next((header.index(n) for n in names if n in header), None)
        if column is None:
            continue
        values.extend(_norm_cell(row[column]) for row in table.rows if column < len(row))
    return [v for v in values if v]


def duplicate_hook_issues(section_id: str, markdown: str, config: dict[str, Any]) -> list[Issue]:
    """DUPLICATE_HOOKS when 30%+ of a calendar's rows repeat an earlier hook/theme/topic value."""
    spec = _generic(config)["duplicate_hooks"]
    if "calendar" not in section_id:
        return []
    values = hook_column_values(markdown, config)
    if len(values) < 2:
        return []
    share_match = re.search(r"(\d+)%", spec["rule"])
    limit = int(share_match.group(1)) / 100 if share_match else 0.3
    repeats = len(values) - len(set(values))
    if repeats / len(values) < limit:
        return []
    top = [v for v, n in Counter(values).most_common(3) if n > 1]
    return [Issue(code=spec["code"], severity=spec["severity"], message=(
        f"{repeats} of {len(values)} calendar rows repeat an earlier hook/theme "
        f"({repeats / len(values):.0%}, max below {limit:.0%}; most repeated: {top}): "
        "give each row its own hook"))]


def _blocks_under(markdown: str, name: str) -> list[str]:
    """Lines under each heading containing ``name`` up to the next heading."""
    blocks: list[str] = []
    inside = False
    for line in markdown.splitlines():
        if is_heading(line):
            inside = name.lower() in line.lower()
            if inside:
                blocks.append("")
        elif inside:
            blocks[-1] += line + "\n"
    return blocks


def hashtag_tags(text: str) -> list[str]:
    """Hashtags in ``text`` ('#' + word with at least one letter), in order."""
    return ["#" + t for t in _HASHTAG.findall(text) if re.search(r"[^\W\d_]", t)]


def _bare_items(markdown: str) -> list[str]:
    bare: list[str] = []
    for block in _blocks_under(markdown, "hashtag"):
        for line in block.splitlines():
            if not is_bullet(line):
                continue
            item = re.sub(r"^\s*([-*•]|\d+\.)\s+", "", line).strip().strip("*_`,.;:")
            if item and " " not in item and "#" not in item:
                bare.append(item)
    return bare


def _hashtag_categories(rule: str) -> list[str]:
    found = re.search(r"each of (.+)$", rule)
    return [c.strip() for c in found.group(1).split(",")] if found else []


def hashtag_issues(markdown: str, rules_extra: dict[str, str], config: dict[str, Any]) -> list[Issue]:
    """HASHTAG_* findings for a hashtag strategy section."""
    spec = _generic(config)["hashtags"]
    sev, rules = spec["severity"], spec["rules"]
    out: list[Issue] = []
    for item in _bare_items(markdown):
        out.append(Issue(code="HASHTAG_MISSING_HASH", severity=sev,
                         message=f"list item '{item}' under a hashtag heading has no '#': write #{item}"))
    tags = hashtag_tags(markdown)
    for tag in dict.fromkeys(t for t in tags if len(t) < 4):
        out.append(Issue(code="HASHTAG_TOO_SHORT", severity=sev,
                         message=f"hashtag '{tag}' has {len(tag)} chars, min 4 with '#': use a longer tag"))
    generic = {t.lower() for t in (*SPEC_GENERIC_TAGS, *hashtag_tags(rules["HASHTAG_TOO_GENERIC"]))}
    for tag in dict.fromkeys(t for t in tags if t.lower() in generic):
        out.append(Issue(code="HASHTAG_TOO_GENERIC", severity=sev,
                         message=f"hashtag '{tag}' is too generic: replace it with a brand or niche tag"))
    count_rule = rules["HASHTAG_INSUFFICIENT_COUNT"]
    minimum = max(int(re.search(r"fewer than (\d+)", count_rule).group(1)),  # type: ignore[union-attr]
                  int(rules_extra.get("min_hashtags_per_category", "0") or 0))
    for category in _hashtag_categories(count_rule):
        n = len({t.lower() for block in _blocks_under(markdown, category) for t in hashtag_tags(block)})
        if n < minimum:
            out.append(Issue(code="HASHTAG_INSUFFICIENT_COUNT", severity=sev, message=(
                f"{n} distinct tags under '{category}', min {minimum}: add {minimum - n}+ '#' tags there")))
    return out


@lru_cache(maxsize=1)
def channel_names() -> tuple[str, ...]:
    """Channel catalog names and aliases (2+ characters) that count as a named channel."""
    catalog = channel_catalog(default_knowledge().get("channel_catalog"))
    names = {n.lower() for info in catalog.values() for n in (info.name, *info.aliases)}
    names.update(part.strip("() ").lower() for info in catalog.values() for part in info.name.split(" ("))
    return tuple(sorted(n for n in names if len(n) >= 2))


def has_specifics(markdown: str) -> bool:
    """True when the text holds a number, percentage, date, currency amount or named channel."""
    if _SPECIFIC.search(markdown):
        return True
    return any(phrase_regex(name).search(markdown) for name in channel_names())


def specificity_issues(markdown: str, config: dict[str, Any]) -> list[Issue]:
    """LACKS_SPECIFICS for a 150+ word section with no number, date, amount or named channel."""
    spec = _generic(config)["specificity"]
    found = re.search(r"more than (\d+) words", spec["rule"])
    limit = int(found.group(1)) if found else 150
    words = count_words(markdown)
    if words <= limit or has_specifics(markdown):
        return []
    return [Issue(code=spec["code"], severity=spec["severity"], message=(
        f"{words} words with no number, percentage, date, currency amount or named channel: add concrete "
        "figures, dates or platforms from the strategy"))]


def check_generic(section_id: str, markdown: str, *, brand: str, rules_extra: dict[str, str] | None = None,
                  config: dict[str, Any] | None = None) -> list[Issue]:
    """Every ``generic_checks`` finding for one section."""
    cfg = quality_config(config)
    if not markdown.strip():
        return []
    out = [
        *blacklist_issues(markdown, cfg),
        *genericity_issues(markdown, brand, cfg),
        *placeholder_issues(markdown, cfg),
        *duplicate_hook_issues(section_id, markdown, cfg),
        *specificity_issues(markdown, cfg),
    ]
    if section_id in _generic(cfg)["hashtags"]["applies_to"]:
        out.extend(hashtag_issues(markdown, rules_extra or {}, cfg))
    return out

