"""Scorecard files (JSON + self-contained, escaped HTML) and A/B comparison."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evals.cli import app
from evals.compare import ScorecardError, compare, load_scorecard
from evals.dataset import Dataset, EvalExample
from evals.runner import EvalRun, ExampleRecord, RunConfig
from evals.scorecard import build_scorecard, write_scorecard

EVIL = "<script>alert('x')</script>"
THRESHOLDS = {"packs": {"gate_pass_rate": {"mean": 0.9, "min": 0.5}, "specificity": {"mean": 0.5}}}


def _pack(ok: bool) -> dict:
    issues = [] if ok else [{"code": "TOO_SHORT", "severity": "error", "message": EVIL}]
    return {"sections": [{"id": "overview", "status": "PASS", "issues": [], "markdown": "Instagram 2027-01-05 50%",
                          "attempts": 1, "rubric": {"specificity": 4, "brief_fidelity": 4, "actionability": 3,
                                                    "coherence": 5}},
                         {"id": "final_summary", "status": "PASS" if ok else "FAIL", "issues": issues,
                          "markdown": "words " * 30, "attempts": 2}], "strategy": {"channel_mix": []}}


def _run(scores: dict[str, tuple[float, float]], engine: str = "offline") -> EvalRun:
    records = []
    for n, (gate, spec) in enumerate(scores.values()):
        example = EvalExample(id=list(scores)[n], inputs={}, outputs={},
                              metadata={"version": "1.0.0", "pack_key": "quick_social_basic" if n % 2 else EVIL})
        records.append(ExampleRecord(example=example, run_id=f"run-{n}", outputs={"pack": _pack(gate == 1.0)},
                                     seconds=0.1, results=[
                                         {"key": "gate_pass_rate", "score": gate, "comment": f"gate {EVIL}"},
                                         {"key": "specificity", "score": spec, "comment": "density"},
                                         {"key": "llm_judge", "score": 0.5, "comment": "advisory"}]))
    dataset = Dataset("packs", "1.0.0", [r.example for r in records])
    return EvalRun(config=RunConfig(dataset="packs", engine=engine), dataset=dataset,  # type: ignore[arg-type]
                   metadata={"engine": engine, "examples": len(records), "model": None}, records=records,
                   started_at="2026-11-22T10:00:00+00:00", seconds=1.5)


def test_scorecard_summarises_against_thresholds() -> None:
    card = build_scorecard(_run({"a": (1.0, 1.0), "b": (1.0, 0.8), "c": (0.4, 0.9)}), THRESHOLDS)
    gate = card["summary"]["gate_pass_rate"]
    assert gate["mean"] == pytest.approx(0.8) and gate["min"] == 0.4 and gate["passed"] is False
    assert card["summary"]["specificity"]["passed"] is True
    assert card["summary"]["llm_judge"]["passed"] is None  # no floor: advisory
    assert card["passed"] is False
    assert card["failures"] == ["gate_pass_rate mean 0.800 < 0.9", "gate_pass_rate min 0.400 < 0.5"]
    assert card["worst"][0] == {"example": "c", "run_id": "run-2", "group": EVIL, "key": "gate_pass_rate",
                                "score": 0.4, "comment": f"gate {EVIL}"}
    assert card["by_section"]["final_summary"] == {"n": 3, "gate_pass": 0.6667, "specificity": 0.0,
                                                   "attempts": 2.0, "rubric": None}
    assert card["by_section"]["overview"]["rubric"] == 4.0


def test_scorecard_files_are_valid_and_escaped(tmp_path: Path) -> None:
    run = _run({"a": (1.0, 1.0), "b": (0.4, 0.9)})
    card = build_scorecard(run, THRESHOLDS)
    paths = write_scorecard(card, run, tmp_path)
    assert json.loads(paths["json"].read_text(encoding="utf-8"))["summary"] == card["summary"]
    saved = json.loads((tmp_path / card["examples"][1]["outputs_file"]).read_text(encoding="utf-8"))
    assert saved["run_id"] == "run-1" and saved["outputs"]["pack"]["sections"]
    html = paths["html"].read_text(encoding="utf-8")
    assert EVIL not in html and "&lt;script&gt;" in html
    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)
    assert len(images) == 3  # per evaluator, per group, per section id
    assert all(base64.b64decode(i).startswith(b"\x89PNG") for i in images)
    assert 'href="runs/b.json"' in html and "run-1" in html


def test_compare_counts_wins_and_losses(tmp_path: Path) -> None:
    a = build_scorecard(_run({"a": (1.0, 0.5), "b": (0.5, 0.9), "c": (1.0, 1.0)}), THRESHOLDS)
    b = build_scorecard(_run({"a": (1.0, 0.9), "b": (0.4, 0.9), "d": (1.0, 1.0)}, engine="llm"), THRESHOLDS)
    result = compare(a, b)
    assert result["evaluators"]["specificity"] == {"a_mean": pytest.approx(0.8), "b_mean": pytest.approx(0.9333),
                                                   "delta": pytest.approx(0.1333, abs=1e-4), "wins": 1, "losses": 0,
                                                   "ties": 1}
    assert result["evaluators"]["gate_pass_rate"]["losses"] == 1
    assert {(r["example"], r["key"], r["outcome"]) for r in result["examples"]} == {
        ("a", "specificity", "win"), ("b", "gate_pass_rate", "loss")}
    assert result["warnings"] == ["2 example(s) ran in only one of the two runs"]
    assert result["sections"]["overview"]["b_rubric"] == 4.0
    (tmp_path / "a.json").write_text(json.dumps(a), encoding="utf-8")
    (tmp_path / "b.json").write_text(json.dumps(b), encoding="utf-8")
    cli = CliRunner().invoke(app, ["compare", str(tmp_path / "a.json"), str(tmp_path / "b.json"), "--fail-on-loss"])
    assert cli.exit_code == 1, cli.output
    assert "gate_pass_rate" in cli.output and "loss" in cli.output


def test_compare_refuses_a_file_that_is_not_a_scorecard(tmp_path: Path) -> None:
    (tmp_path / "x.json").write_text('{"hello": 1}', encoding="utf-8")
    with pytest.raises(ScorecardError, match="not an AICMO scorecard"):
        load_scorecard(tmp_path / "x.json")
    cli = CliRunner().invoke(app, ["compare", str(tmp_path / "x.json"), str(tmp_path / "missing.json")])
    assert cli.exit_code == 2


def test_cli_refuses_bad_requests_with_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["run", "--dataset", "nope", "--out", str(tmp_path)]).exit_code == 2
    assert runner.invoke(app, ["run", "--dataset", "leads", "--engine", "gpu"]).exit_code == 2
    upload = runner.invoke(app, ["run", "--dataset", "leads", "--upload", "--out", str(tmp_path)])
    assert upload.exit_code == 2 and "LANGSMITH_API_KEY" in upload.output
    llm = runner.invoke(app, ["run", "--dataset", "packs", "--engine", "llm", "--out", str(tmp_path)])
    assert llm.exit_code == 2 and "--model" in llm.output
