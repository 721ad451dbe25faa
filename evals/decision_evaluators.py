"""Evaluators for the intake, leads and kaizen datasets, with the LangSmith ``(run, example)`` signature."""

from __future__ import annotations

import math
from typing import Any

from evals.evaluators import EvalResult, Evaluator, checks_result, field_of, result


def value_at(data: dict[str, Any], path: str) -> Any:
    """``data['budget']['amount']`` for the path 'budget.amount'; None when any step is missing."""
    value: Any = data
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _text_matches(expected: str, actual: Any) -> bool:
    return isinstance(actual, str) and expected.casefold().strip() in actual.casefold()


def field_matches(expected: Any, actual: Any) -> bool:
    """Numbers within 1%, text contained case-insensitively, lists covered item by item, None means empty."""
    if expected is None:
        return actual in (None, "", [], {})
    if isinstance(expected, bool) or not isinstance(expected, int | float):
        if isinstance(expected, list):
            items = actual if isinstance(actual, list) else []
            return all(any(field_matches(e, a) for a in items) for e in expected)
        if isinstance(expected, dict):
            return isinstance(actual, dict) and all(field_matches(v, actual.get(k)) for k, v in expected.items())
        if isinstance(expected, bool):
            return isinstance(actual, bool) and actual == expected
        return _text_matches(str(expected), actual)
    try:
        return math.isclose(float(actual), float(expected), rel_tol=0.01)
    except (TypeError, ValueError):
        return False


def intake_field_accuracy(run: Any, example: Any) -> EvalResult:
    """Share of the expected brief fields the conversation produced with the right value."""
    brief = field_of(run, "outputs").get("brief") or {}
    expected = field_of(example, "outputs").get("fields") or {}
    if not brief:
        return result("intake_field_accuracy", 0.0, "the conversation produced no brief")
    checks = [(f"{path} = {want!r} (got {value_at(brief, path)!r})", field_matches(want, value_at(brief, path)))
              for path, want in expected.items()]
    return checks_result("intake_field_accuracy", checks)


def lead_decision_accuracy(run: Any, example: Any) -> EvalResult:
    """Share of the expected decisions (tier, qualification, route) the pipeline made."""
    got, want = field_of(run, "outputs"), field_of(example, "outputs")
    if not got:
        return result("lead_decision_accuracy", 0.0, "the pipeline returned nothing")
    checks = [(f"{name} = {want[name]!r} (got {got.get(name)!r})", got.get(name) == want[name])
              for name in ("tier", "qualification", "route") if name in want]
    if "reason" in want:
        reasons = got.get("reasons") or []
        checks.append((f"reason {want['reason']!r} in {reasons}", want["reason"] in reasons))
    return checks_result("lead_decision_accuracy", checks)


def _shares(summary: dict[str, Any]) -> dict[str, float]:
    return {c["channel"]: float(c["budget_share"]) for c in summary.get("channel_mix") or []}


def _rank(summary: dict[str, Any], channel: str) -> int:
    names = [c["channel"] for c in summary.get("channel_mix") or []]
    return names.index(channel) if channel in names else len(names)


def _hook_share(summary: dict[str, Any], lead: str) -> float:
    themes = summary.get("themes") or []
    return sum(t.startswith(lead) for t in themes) / len(themes) if themes else 0.0


def _channel_checks(before: dict[str, Any], after: dict[str, Any], want: dict[str, Any]) -> list[tuple[str, bool]]:
    was, now = _shares(before), _shares(after)
    checks = []
    for name in want.get("channels_up", []):
        up = now.get(name, 0.0) > was.get(name, 0.0) and _rank(after, name) <= _rank(before, name)
        checks.append((f"{name} gains share and rank ({was.get(name, 0):.2f} -> {now.get(name, 0):.2f})", up))
    for name in want.get("channels_down", []):
        down = now.get(name, 0.0) < was.get(name, 0.0) or (name in was and name not in now)
        checks.append((f"{name} loses share ({was.get(name, 0):.2f} -> {now.get(name, 0):.2f})", down))
    checks += [(f"{name} never in the mix", name not in now) for name in want.get("channels_absent", [])]
    if want.get("mix_unchanged"):
        checks.append(("channel mix unchanged", was == now))
    return checks


def kaizen_change_accuracy(run: Any, example: Any) -> EvalResult:
    """The next plan changed the way the performance data says it should (channels, hooks, bans, confidence)."""
    got, want = field_of(run, "outputs"), field_of(example, "outputs")
    kaizen, before, after = got.get("kaizen") or {}, got.get("before") or {}, got.get("after") or {}
    if not kaizen:
        return result("kaizen_change_accuracy", 0.0, "no Kaizen context returned")
    checks = _channel_checks(before, after, want)
    if "confidence" in want:
        checks.append((f"confidence {want['confidence']} (got {kaizen.get('confidence')})",
                       kaizen.get("confidence") == want["confidence"]))
    for phrase in want.get("banned_phrases", []):
        checks.append((f"bans {phrase!r}", any(phrase in b for b in kaizen.get("banned_phrases") or [])))
    for name in want.get("weak_platforms", []):
        checks.append((f"{name} marked weak", name in (kaizen.get("weak_platforms") or [])))
    if want.get("hook_lead"):
        lead = want["hook_lead"]
        share_before, share_after = _hook_share(before, lead), _hook_share(after, lead)
        checks.append((f"themes opened with {lead!r} ({share_before:.0%} -> {share_after:.0%})",
                       share_after >= 0.5 > share_before))
    return checks_result("kaizen_change_accuracy", checks)


DECISION_EVALUATORS: dict[str, tuple[Evaluator, ...]] = {
    "intake": (intake_field_accuracy,),
    "leads": (lead_decision_accuracy,),
    "kaizen": (kaizen_change_accuracy,),
}
