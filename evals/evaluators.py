"""Pack evaluators with the LangSmith signature ``(run, example) -> {"key", "score", "comment"}``.

Each is a small pure function of the run's outputs (``{"pack": pack.json}``) and the example's inputs and
reference outputs; 1.0 is best. They work on ``langsmith.schemas.Run``/``Example`` objects and on anything with
``outputs``/``inputs`` attributes or keys, so the same functions serve the local runner and ``langsmith.evaluate``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from evals.textcheck import contains, contains_any, coverage, norm, numbers, table_rows

EvalResult = dict[str, Any]
Evaluator = Callable[[Any, Any], EvalResult]
COVERAGE_SHARE = 0.6  # a brief field counts as covered when this share of its content words appears
SPECIFICS_PER_100_WORDS = 6.0  # numbers, dates and named channels per 100 words that score 1.0
_DISCOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*(?:%|percent)\s*(?:off|discount)", re.IGNORECASE)
_ISO_DATE = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}\b", re.I)
_SPECIFIC_NUMBER = re.compile(r"(?<![\w])[$€£¥₹]?\d[\d,.:/-]*%?")


def field_of(obj: Any, name: str) -> dict[str, Any]:
    """``obj.<name>`` or ``obj[name]`` as a dict (empty when missing)."""
    value = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
    return value if isinstance(value, dict) else {}


def result(key: str, score: float, comment: str, **extra: Any) -> EvalResult:
    """A LangSmith evaluation result; details beyond the score travel in its ``extra`` field."""
    out: EvalResult = {"key": key, "score": round(max(0.0, min(1.0, score)), 4), "comment": comment[:600]}
    if extra:
        out["extra"] = extra
    return out


def checks_result(key: str, checks: list[tuple[str, bool]]) -> EvalResult:
    """Score = share of checks passed; the comment names the failures."""
    if not checks:
        return result(key, 1.0, "nothing to check")
    failed = [name for name, ok in checks if not ok]
    comment = f"all {len(checks)} checks passed" if not failed else \
        f"{len(checks) - len(failed)}/{len(checks)} passed; failed: " + "; ".join(failed)
    return result(key, (len(checks) - len(failed)) / len(checks), comment, failed=failed)


def pack_of(run: Any) -> dict[str, Any]:
    """The pack.json a target returned (empty when the run produced none)."""
    pack = field_of(run, "outputs").get("pack")
    return pack if isinstance(pack, dict) else {}


def pack_text(pack: dict[str, Any]) -> str:
    """Every section body, in order."""
    return "\n\n".join(str(s.get("markdown", "")) for s in pack.get("sections") or [])


def _no_pack(key: str, pack: dict[str, Any]) -> EvalResult | None:
    if pack.get("sections"):
        return None
    why = pack.get("error_type") or "no output"
    return result(key, 0.0, f"no sections written ({why}: {str(pack.get('debug_hint') or '')[:200]})")


def gate_pass_rate(run: Any, example: Any) -> EvalResult:
    """Share of quality gates passed: one per section plus one for the pack-level checks."""
    pack = pack_of(run)
    if (empty := _no_pack("gate_pass_rate", pack)) is not None:
        return empty
    sections = pack["sections"]
    failing = [s["id"] for s in sections if any(i.get("severity") == "error" for i in s.get("issues") or [])]
    pack_errors = sorted({i["code"] for i in pack.get("pack_issues") or [] if i.get("severity") == "error"})
    passed = len(sections) - len(failing) + (0 if pack_errors else 1)
    comment = "every gate passed" if passed == len(sections) + 1 else \
        f"failing sections {failing}; pack errors {pack_errors}"
    if pack.get("error_type"):
        comment = f"run ended with {pack['error_type']}; {comment}"
    return result("gate_pass_rate", passed / (len(sections) + 1), comment)


def _mix(pack: dict[str, Any]) -> list[dict[str, Any]]:
    return list((pack.get("strategy") or {}).get("channel_mix") or [])


def _discount_ok(text: str, cap: float) -> bool:
    return all(float(m) <= cap for m in _DISCOUNT.findall(text))


def brief_fidelity(run: Any, example: Any) -> EvalResult:
    """Facts that must appear, the brief's goal/customer/industry/geography, avoid lists and constraints."""
    pack = pack_of(run)
    if (empty := _no_pack("brief_fidelity", pack)) is not None:
        return empty
    text, ref = pack_text(pack), field_of(example, "outputs")
    brief = field_of(example, "inputs").get("brief") or {}
    checks = [(f"mentions {f!r}", contains_any(f, text)) for f in ref.get("must_mention", [])]
    for name in ("primary_goal", "primary_customer", "industry", "geography"):
        if brief.get(name):
            share = coverage(str(brief[name]), text)
            checks.append((f"{name} covered ({share:.0%} of its words)", share >= COVERAGE_SHARE))
    checks += [(f"avoids {t!r}", not contains(t, text)) for t in ref.get("must_not_mention", [])]
    if ref.get("no_paid_media"):
        paid = [c["channel"] for c in _mix(pack) if c.get("paid") or float(c.get("budget_amount") or 0) > 0]
        checks.append((f"no paid media (found {paid})", not paid))
    if ref.get("max_discount_pct") is not None:
        checks.append((f"discounts within {ref['max_discount_pct']}%", _discount_ok(text, ref["max_discount_pct"])))
    return checks_result("brief_fidelity", checks)


def foreign_brand_leakage(run: Any, example: Any) -> EvalResult:
    """1.0 when no other client's brand appears in the pack, else 0.0 naming the leaked brands."""
    pack = pack_of(run)
    if (empty := _no_pack("foreign_brand_leakage", pack)) is not None:
        return empty
    text = pack_text(pack)
    leaked = [b for b in field_of(example, "outputs").get("foreign_brands", []) if contains(b, text)]
    if leaked:
        return result("foreign_brand_leakage", 0.0, f"other clients' brands appear: {leaked}")
    return result("foreign_brand_leakage", 1.0, "no other client's brand appears")


def _dates(values: Iterable[Any]) -> list[date]:
    return [date.fromisoformat(str(v)) for v in values if v]


def _kpi_statements(kpi: str, markdown: str) -> list[str]:
    """Values the text gives a KPI: its table row's target cell, or the clause after 'kpi:' in prose."""
    wanted = norm(kpi)
    stated = []
    for header, row in table_rows(markdown):
        names = [norm(c) for c in row]
        if wanted in names:
            cols = [i for i, h in enumerate(header) if re.search(r"target|goal", h, re.I) and i < len(row)]
            stated += [row[i] for i in cols if i != names.index(wanted)]
    body = r"\s+".join(re.escape(p) for p in kpi.split())
    stated += re.findall(rf"(?<![\w]){body}\**\s*:\s*\**([^\n|;]*?)(?:\.\s|;|\n|$)", markdown, flags=re.I)
    return stated


def _kpi_checks(strategy: dict[str, Any], sections: list[dict[str, Any]]) -> list[tuple[str, bool]]:
    checks = []
    for target in strategy.get("kpi_targets") or []:
        goal = numbers(str(target.get("target", "")))
        if not goal:
            continue
        wrong = [f"{s['id']}: {v.strip()[:40]}" for s in sections for v in _kpi_statements(target["kpi"], s["markdown"])
                 if numbers(v) and not any(abs(n - goal[0]) < 1e-6 for n in numbers(v))]
        checks.append((f"KPI {target['kpi']!r} = {target['target']} everywhere (differs in {wrong[:3]})", not wrong))
    return checks


def numbers_consistency(run: Any, example: Any) -> EvalResult:
    """One budget that adds up, dates inside the timeline, each KPI target stated with one value."""
    pack = pack_of(run)
    strategy = pack.get("strategy") or {}
    if not strategy:
        return result("numbers_consistency", 0.0, "no strategy core to check")
    ref, mix = field_of(example, "outputs"), _mix(pack)
    total = float(strategy.get("budget_total") or 0)
    shares = sum(float(c.get("budget_share") or 0) for c in mix)
    amounts = sum(float(c.get("budget_amount") or 0) for c in mix)
    timeline = strategy.get("timeline") or {}
    start, end = date.fromisoformat(timeline["start"]), date.fromisoformat(timeline["end"])
    outside = [d for d in _dates(e.get("date") for e in strategy.get("calendar") or []) if not start <= d <= end]
    late = [d for d in _dates(t.get("by") for t in strategy.get("kpi_targets") or []) if not start <= d <= end]
    checks = [(f"shares sum to 1 (got {shares:.3f})", not mix or abs(shares - 1) <= 0.01),
              (f"channel amounts sum to the budget ({amounts:,.2f} vs {total:,.2f})", abs(amounts - total) <= 1),
              (f"calendar inside the timeline (outside: {outside[:3]})", not outside),
              (f"KPI deadlines inside the timeline (outside: {late[:3]})", not late)]
    if ref.get("budget_total") is not None:
        checks.append((f"budget is the brief's {ref['budget_total']:,} (got {total:,.2f})",
                       abs(total - float(ref["budget_total"])) <= 1))
    if ref.get("budget_total") == 0:
        checks.append(("no money on any channel with a 0 budget", amounts == 0))
    checks += _kpi_checks(strategy, list(pack.get("sections") or []))
    return checks_result("numbers_consistency", checks)


def _channel_label(name: str) -> str:
    return name.split(" (")[0].strip()


def _calendar_checks(pack: dict[str, Any], start: date, end: date) -> list[tuple[str, bool]]:
    planned = {str(e.get("date")) for e in (pack.get("strategy") or {}).get("calendar") or []}
    checks = []
    for section in pack.get("sections") or []:
        if "calendar" not in section["id"]:
            continue
        quoted = ["-".join(m) for m in _ISO_DATE.findall(section["markdown"])]
        stray = [d for d in quoted if d not in planned and not start <= date.fromisoformat(d) <= end]
        checks.append((f"{section['id']} dates come from the plan (stray: {stray[:3]})", not stray))
    return checks


def section_coherence(run: Any, example: Any) -> EvalResult:
    """Sections quote the strategy core: its channels, pillars, KPI targets, big idea, budget and dates."""
    pack = pack_of(run)
    strategy = pack.get("strategy") or {}
    if not strategy or not pack.get("sections"):
        return result("section_coherence", 0.0, "no strategy core or no sections to compare")
    text = pack_text(pack)
    checks = [(f"channel {c['channel']!r} named", contains(_channel_label(c["channel"]), text)) for c in _mix(pack)]
    checks += [(f"pillar {p['name']!r} named", contains(p["name"], text)) for p in strategy.get("pillars") or []]
    checks += [(f"KPI target {t['target']!r} quoted", contains(str(t["target"]), text))
               for t in strategy.get("kpi_targets") or [] if str(t.get("target", "")).strip()]
    idea = str(strategy.get("big_idea") or "").split(":")[0].strip()
    if idea:
        checks.append((f"big idea {idea[:40]!r} quoted", contains(idea, text)))
    total = float(strategy.get("budget_total") or 0)
    if total > 0:
        figure = f"{total:,.2f}".removesuffix(".00")
        checks.append((f"budget {figure} quoted", contains(figure, text)))
    timeline = strategy.get("timeline") or {}
    if timeline:
        checks += _calendar_checks(pack, date.fromisoformat(timeline["start"]), date.fromisoformat(timeline["end"]))
    return checks_result("section_coherence", checks)


def specifics_count(markdown: str, channels: Iterable[str]) -> tuple[int, int]:
    """(numbers + dates + named channels, words) of a text."""
    words = len(markdown.split())
    found = len(_SPECIFIC_NUMBER.findall(markdown)) + len(_MONTH.findall(markdown))
    found += sum(len(re.findall(rf"(?<![\w]){re.escape(c)}(?![\w])", markdown)) for c in channels)
    return found, words


def specificity(run: Any, example: Any) -> EvalResult:
    """Numbers, dates and named channels per 100 words, scored against SPECIFICS_PER_100_WORDS."""
    pack = pack_of(run)
    if (empty := _no_pack("specificity", pack)) is not None:
        return empty
    channels = {_channel_label(c["channel"]) for c in _mix(pack)} | set(known_channels())
    found, words = specifics_count(pack_text(pack), sorted(channels))
    density = 100 * found / max(words, 1)
    return result("specificity", density / SPECIFICS_PER_100_WORDS,
                  f"{density:.1f} specifics per 100 words ({found} in {words} words)", per_100_words=round(density, 2))


def known_channels() -> tuple[str, ...]:
    """Channel names of the packaged channel catalog."""
    from tools.quality.generic_checks import channel_names

    return tuple(_channel_label(n) for n in channel_names())


def section_rubric(run: Any, example: Any) -> EvalResult:
    """Mean LLM-rubric score of the sections that carry one (1-5 mapped to 0-1)."""
    pack = pack_of(run)
    criteria = ("specificity", "brief_fidelity", "actionability", "coherence")
    rubrics = [s.get("rubric") for s in pack.get("sections") or [] if s.get("rubric")]
    usable = [r for r in rubrics if all(isinstance(r.get(c), int | float) for c in criteria)]
    if not usable:
        return result("section_rubric", 0.0, f"no usable rubric ({len(rubrics)} section(s) with an unusable one)")
    mean = sum(float(r[c]) for r in usable for c in criteria) / (len(usable) * len(criteria))
    return result("section_rubric", (mean - 1) / 4, f"mean {mean:.2f}/5 over {len(usable)} section(s); "
                  f"{len(rubrics) - len(usable)} unusable")


PACK_EVALUATORS: tuple[Evaluator, ...] = (gate_pass_rate, brief_fidelity, foreign_brand_leakage, numbers_consistency,
                                          section_coherence, specificity)
