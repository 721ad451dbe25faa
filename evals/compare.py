"""Compare two scorecards (A = baseline, B = candidate): wins and losses per evaluator, example and section."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

TIE = 0.005  # score differences below this are ties


class ScorecardError(ValueError):
    """A file is not a readable scorecard."""


def load_scorecard(path: Path) -> dict[str, Any]:
    """Read a scorecard.json (or the folder holding one)."""
    file = path / "scorecard.json" if path.is_dir() else path
    try:
        card = json.loads(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ScorecardError(f"cannot read {file}: {exc.strerror}") from None
    except json.JSONDecodeError as exc:
        raise ScorecardError(f"{file} is not JSON ({exc.msg})") from None
    if not isinstance(card, dict) or not str(card.get("schema", "")).startswith("aicmo.scorecard/"):
        raise ScorecardError(f"{file} is not an AICMO scorecard")
    return card


def _outcome(a: float, b: float) -> str:
    return "tie" if abs(b - a) < TIE else ("win" if b > a else "loss")


def _example_scores(card: dict[str, Any]) -> dict[str, dict[str, float]]:
    return {e["id"]: {k: float(v["score"]) for k, v in e["scores"].items()} for e in card.get("examples") or []}


def compare_examples(a: dict[str, Any], b: dict[str, Any]) -> list[dict[str, Any]]:
    """Every (example, evaluator) both runs scored, with B's outcome against A."""
    sa, sb = _example_scores(a), _example_scores(b)
    rows = []
    for example in sorted(set(sa) & set(sb)):
        for key in sorted(set(sa[example]) & set(sb[example])):
            x, y = sa[example][key], sb[example][key]
            rows.append({"example": example, "key": key, "a": x, "b": y, "delta": round(y - x, 4),
                         "outcome": _outcome(x, y)})
    return rows


def compare_evaluators(a: dict[str, Any], b: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per evaluator: both means, the delta, and B's wins/losses/ties over the shared examples."""
    out: dict[str, dict[str, Any]] = {}
    keys = [k for k in a.get("summary") or {} if k in (b.get("summary") or {})]
    for key in keys:
        mine = [r for r in rows if r["key"] == key]
        ma, mb = a["summary"][key]["mean"], b["summary"][key]["mean"]
        out[key] = {"a_mean": ma, "b_mean": mb, "delta": round(mb - ma, 4),
                    **{f"{o}{'es' if o == 'loss' else 's'}": sum(r["outcome"] == o for r in mine)
                       for o in ("win", "loss", "tie")}}
    return out


def compare_sections(a: dict[str, Any], b: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per section id both runs wrote: gate pass rate and mean rubric side by side."""
    sa, sb = a.get("by_section") or {}, b.get("by_section") or {}
    return {sid: {"a_gate": sa[sid]["gate_pass"], "b_gate": sb[sid]["gate_pass"], "a_rubric": sa[sid].get("rubric"),
                  "b_rubric": sb[sid].get("rubric"), "outcome": _outcome(sa[sid]["gate_pass"], sb[sid]["gate_pass"])}
            for sid in sorted(set(sa) & set(sb))}


def compare(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """The full comparison, with warnings when the runs are not like for like."""
    warnings = []
    if a.get("dataset") != b.get("dataset"):
        warnings.append(f"different datasets: {a.get('dataset')} vs {b.get('dataset')}")
    elif a.get("dataset_version") != b.get("dataset_version"):
        warnings.append(f"dataset versions differ: {a.get('dataset_version')} vs {b.get('dataset_version')}")
    ids_a, ids_b = set(_example_scores(a)), set(_example_scores(b))
    if ids_a != ids_b:
        warnings.append(f"{len(ids_a ^ ids_b)} example(s) ran in only one of the two runs")
    rows = compare_examples(a, b)
    return {"a": {"engine": (a.get("metadata") or {}).get("engine"), "model": (a.get("metadata") or {}).get("model"),
                  "started_at": a.get("started_at")},
            "b": {"engine": (b.get("metadata") or {}).get("engine"), "model": (b.get("metadata") or {}).get("model"),
                  "started_at": b.get("started_at")},
            "warnings": warnings, "evaluators": compare_evaluators(a, b, rows),
            "examples": [r for r in rows if r["outcome"] != "tie"], "sections": compare_sections(a, b)}
