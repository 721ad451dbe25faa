"""Explain a lead's decisions in plain lines: score factors, tier, qualification reasons, route and sequence."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _factor_lines(factors: list[Mapping[str, Any]]) -> list[str]:
    return [f"  {f['name']:<10} {f['weight']:.2f} x {f['value']:.2f} = {f['weight'] * f['value']:.3f}  {f['reason']}"
            for f in factors]


def _score_lines(b: Mapping[str, Any] | None) -> list[str]:
    if not b:
        return ["Score: not scored yet"]
    return [f"Score {b['score']:.4f} -> tier {b['tier']} (0.5 x ICP fit {b['icp_fit']:.4f} + 0.5 x opportunity "
            f"{b['opportunity']:.4f})", "ICP fit factors:", *_factor_lines(b["icp_factors"]),
            "Opportunity factors:", *_factor_lines(b["opportunity_factors"])]


def _qualification_lines(q: Mapping[str, Any] | None) -> list[str]:
    if not q:
        return ["Qualification: not qualified yet"]
    d = q.get("details") or {}
    line = (f"Qualification: {q['verdict']} - {', '.join(q['reasons'])} (score {d.get('score')} vs min "
            f"{d.get('min_score')}; intent {q['intent']} vs min {d.get('min_intent')})")
    email = q.get("email") or {}
    return [line] + ([f"  email: {email.get('reason')} - {email.get('detail')}"] if not email.get("ok") else [])


def _route_lines(r: Mapping[str, Any] | None) -> list[str]:
    if not r:
        return ["Route: not routed yet"]
    boost = " after the +0.15 intent boost" if r["boosted"] else ""
    days = ", ".join(str(d) for d in r["offsets"])
    return [f"Route: {r['sequence']} (effective score {r['effective_score']}{boost}; intent share "
            f"{r['intent_share']}) - {len(r['offsets'])} emails on days {days}; goal: {r['goal']}"]


def explain_lines(lead: Mapping[str, Any]) -> list[str]:
    """Every decision about a lead, one fact per line (values are data, printed as-is)."""
    who = ", ".join(str(v) for v in (lead.get("name"), lead.get("title"), lead.get("company")) if v)
    lines = [f"Lead {lead.get('email') or '(no email)'}" + (f" - {who}" if who else ""),
             f"Status: {lead['status']} (stage {lead['stage']})"
             + (f"; suppressed: {lead['suppressed_reason']}" if lead.get("suppressed_reason") else "")]
    lines += _score_lines(lead.get("score_breakdown"))
    lines += _qualification_lines(lead.get("qualification_reasons"))
    lines += _route_lines(lead.get("routing"))
    if lead.get("sequence_state"):
        lines.append(f"Sequence: next step {lead.get('sequence_step')}, state {lead['sequence_state']}, next action "
                     f"{lead.get('next_action_at') or '-'}")
    lines.append(f"Engagement: {lead.get('engagement', 'none')} (opens {lead.get('opens', 0)}, "
                 f"clicks {lead.get('clicks', 0)})")
    return lines
