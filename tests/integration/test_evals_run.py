"""`aicmo eval run` end to end, offline: a diverse subset of the packs dataset, and the rule datasets in full."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evals.cli import app
from evals.runner import RunConfig, load_thresholds, run_eval
from evals.scorecard import build_scorecard

# B2B/B2C/Hybrid, a 0 budget, a monthly budget, regulated, Spanish, minimal, a discount cap, the enterprise pack
SUBSET = ("b2b-saas-hr-dach", "b2b-consulting-organic", "b2c-dental-hipaa", "b2c-bakery-madrid-es",
          "b2c-wedding-minimal", "b2c-supplements-ftc", "hybrid-solar-regulated", "sample-cloudsync")


def test_packs_subset_meets_thresholds_and_writes_the_scorecard(tmp_path: Path) -> None:
    args = ["run", "--dataset", "packs", "--engine", "offline", "--out", str(tmp_path), "--quiet"]
    for example in SUBSET:
        args += ["--example", example]
    done = CliRunner().invoke(app, args)
    assert done.exit_code == 0, done.output
    card = json.loads((tmp_path / "scorecard.json").read_text(encoding="utf-8"))
    assert card["passed"] is True and not card["failures"]
    assert sorted(e["id"] for e in card["examples"]) == sorted(SUBSET)
    assert all(e["error"] is None and e["scores"]["gate_pass_rate"]["score"] == 1.0 for e in card["examples"])
    assert set(card["summary"]) == set(load_thresholds()["packs"])
    assert {e["group"] for e in card["examples"]} <= set(card["by_group"])
    assert "overview" in card["by_section"]
    assert (tmp_path / "scorecard.html").read_text(encoding="utf-8").count("data:image/png;base64,") == 3
    pack = json.loads((tmp_path / card["examples"][0]["outputs_file"]).read_text(encoding="utf-8"))
    assert pack["run_id"] == card["examples"][0]["run_id"] == pack["outputs"]["pack"]["run_id"]
    assert "gate_pass_rate" in done.output and "scorecard:" in done.output


@pytest.mark.parametrize("name", ["leads", "kaizen", "intake"])
def test_rule_datasets_meet_thresholds(name: str) -> None:
    run = run_eval(RunConfig(dataset=name), now=datetime(2026, 11, 22, tzinfo=UTC))
    card = build_scorecard(run, load_thresholds())
    assert run.skipped is None
    assert card["passed"] is True, card["failures"] + [w["comment"] for w in card["worst"]]
    assert len(card["examples"]) == len(run.dataset.examples)
