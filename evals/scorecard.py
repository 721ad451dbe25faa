"""The scorecard of an eval run: summary against thresholds, slices per group and section, worst examples."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path
from statistics import mean
from typing import Any

from evals.evaluators import SPECIFICS_PER_100_WORDS, known_channels, specifics_count
from evals.runner import EvalRun, ExampleRecord

SCHEMA = "aicmo.scorecard/1"
WORST = 12


def _group(record: ExampleRecord) -> str:
    meta = record.example.metadata
    return str(meta.get("pack_key") or meta.get("group") or "all")


def _scores(record: ExampleRecord) -> dict[str, dict[str, Any]]:
    return {r["key"]: {"score": float(r["score"] or 0.0), "comment": str(r.get("comment") or "")}
            for r in record.results}


def _sections(record: ExampleRecord) -> list[dict[str, Any]]:
    """Per-section gate outcome, words and rubric of a pack run (empty for other datasets)."""
    pack = record.outputs.get("pack") if isinstance(record.outputs.get("pack"), dict) else {}
    rows = []
    channels = sorted(set(known_channels()) | {c["channel"].split(" (")[0] for c in
                                               ((pack or {}).get("strategy") or {}).get("channel_mix") or []})
    for s in (pack or {}).get("sections") or []:
        found, words = specifics_count(str(s.get("markdown", "")), channels)
        errors = [i["code"] for i in s.get("issues") or [] if i.get("severity") == "error"]
        rubric = s.get("rubric") or {}
        values = [rubric[c] for c in ("specificity", "brief_fidelity", "actionability", "coherence")
                  if isinstance(rubric.get(c), int | float)]
        rows.append({"id": s["id"], "status": s.get("status"), "errors": errors, "attempts": s.get("attempts"),
                     "words": words, "engine": s.get("engine"),
                     "specificity": round(min(1.0, 100 * found / max(words, 1) / SPECIFICS_PER_100_WORDS), 3),
                     "model": s.get("model"), "rubric": round(mean(values), 2) if values else None,
                     "rubric_error": rubric.get("error")})
    return rows


def summarise(records: list[ExampleRecord], floors: dict[str, dict[str, float]]) -> tuple[dict[str, Any], list[str]]:
    """Mean and worst score per evaluator with its floors, and the list of floors that were missed."""
    by_key: dict[str, list[float]] = defaultdict(list)
    for record in records:
        for key, value in _scores(record).items():
            by_key[key].append(value["score"])
    summary, failures = {}, []
    for key in sorted(by_key, key=lambda k: (k not in floors, k)):
        values, floor = by_key[key], floors.get(key)
        row: dict[str, Any] = {"mean": round(mean(values), 4), "min": round(min(values), 4), "n": len(values),
                               "threshold": floor, "passed": None}
        if floor:
            missed = [f"{key} {stat} {row[stat]:.3f} < {floor[stat]}" for stat in ("mean", "min")
                      if stat in floor and row[stat] < float(floor[stat]) - 1e-9]
            row["passed"] = not missed
            failures += missed
        summary[key] = row
    failures += [f"{key}: no example was scored" for key in floors if key not in by_key and records]
    return summary, failures


def by_group(records: list[ExampleRecord]) -> dict[str, dict[str, float]]:
    """Mean score per evaluator for each group (pack key, or the example's metadata group)."""
    cells: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for record in records:
        for key, value in _scores(record).items():
            cells[_group(record)][key].append(value["score"])
    return {g: {k: round(mean(v), 4) for k, v in row.items()} for g, row in sorted(cells.items())}


def by_section(records: list[ExampleRecord]) -> dict[str, dict[str, Any]]:
    """Per section id: how often it was written, its gate pass rate, mean attempts and mean rubric."""
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        for section in _sections(record):
            rows[section["id"]].append(section)
    out = {}
    for sid, items in sorted(rows.items()):
        rubrics = [i["rubric"] for i in items if i["rubric"] is not None]
        out[sid] = {"n": len(items), "gate_pass": round(sum(not i["errors"] for i in items) / len(items), 4),
                    "specificity": round(mean(i["specificity"] for i in items), 3),
                    "attempts": round(mean(i["attempts"] or 1 for i in items), 2),
                    "rubric": round(mean(rubrics), 2) if rubrics else None}
    return out


def worst(records: list[ExampleRecord], limit: int = WORST) -> list[dict[str, Any]]:
    """The lowest (example, evaluator) scores below 1, with the run id to open."""
    rows = [{"example": r.example.id, "run_id": r.run_id, "group": _group(r), "key": key, **value}
            for r in records for key, value in _scores(r).items() if value["score"] < 1.0]
    return sorted(rows, key=lambda row: (row["score"], row["example"], row["key"]))[:limit]


def run_file(example_id: str) -> str:
    """Relative path of an example's saved outputs inside the scorecard folder."""
    return f"runs/{re.sub(r'[^A-Za-z0-9._-]+', '_', example_id)}.json"


def build_scorecard(run: EvalRun, thresholds: dict[str, dict[str, dict[str, float]]]) -> dict[str, Any]:
    """The scorecard as JSON-ready data."""
    floors = thresholds.get(run.dataset.name, {})
    summary, failures = summarise(run.records, floors)
    errors = [f"{r.example.id}: {r.error}" for r in run.records if r.error]
    passed = None if run.skipped else (not failures and not errors and bool(run.records))
    return {
        "schema": SCHEMA, "dataset": run.dataset.name, "dataset_version": run.dataset.version,
        "config": run.config_dict(), "metadata": run.metadata, "started_at": run.started_at,
        "duration_s": run.seconds, "experiment_url": run.experiment_url, "skipped": run.skipped,
        "passed": passed, "failures": failures + errors, "summary": summary, "by_group": by_group(run.records),
        "by_section": by_section(run.records), "worst": worst(run.records),
        "examples": [{"id": r.example.id, "run_id": r.run_id, "group": _group(r), "seconds": r.seconds,
                      "error": r.error, "error_type": (r.outputs.get("pack") or {}).get("error_type"),
                      "metadata": r.example.metadata, "scores": _scores(r),
                      "sections": _sections(r), "outputs_file": run_file(r.example.id)} for r in run.records],
    }


def write_scorecard(card: dict[str, Any], run: EvalRun, out_dir: Path) -> dict[str, Path]:
    """Write scorecard.json, scorecard.html and each example's outputs under runs/; return the paths."""
    from evals.report import render_html

    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "runs").mkdir(exist_ok=True)
    for record in run.records:
        payload = {"example": record.example.id, "run_id": record.run_id, "error": record.error,
                   "outputs": record.outputs, "results": record.results}
        (out_dir / run_file(record.example.id)).write_text(json.dumps(payload, ensure_ascii=False, indent=1,
                                                                      default=str), encoding="utf-8")
    paths = {"json": out_dir / "scorecard.json", "html": out_dir / "scorecard.html"}
    paths["json"].write_text(json.dumps(card, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    paths["html"].write_text(render_html(card), encoding="utf-8")
    return paths
