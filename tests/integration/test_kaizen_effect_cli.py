"""Issue 7 end to end through the CLI: tenant A's imported outcomes change A's next pack, never tenant B's."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from api.cli import app
from tests.unit.test_learning_effect import A_SECRETS, _tenant_a_csv

runner = CliRunner()
BRIEF = {
    "brand_name": "Northwind Roasters", "industry": "Specialty coffee roaster",
    "product_service": "Specialty coffee beans and barista training for cafés",
    "primary_goal": "Win 40 new wholesale café accounts within 6 months",
    "primary_customer": "Independent café owners in the UK", "business_type": "B2B",
    "geography": "United Kingdom", "timeline": "6 months",
    "budget": {"amount": 5000, "currency": "GBP", "period": "monthly"},
    "pain_points": ["inconsistent beans", "no barista training"], "proof_points": ["120 cafés supplied"],
}


def _pack(tmp_path: Path, tenant: str) -> dict:
    brief = tmp_path / "brief.yaml"
    brief.write_text(yaml.safe_dump(BRIEF, allow_unicode=True), encoding="utf-8")
    out = tmp_path / f"out-{tenant}"
    result = runner.invoke(app, ["generate", "--brief", str(brief), "--pack", "quick_social_basic", "--out", str(out),
                                 "--tenant", tenant, "--today", "2026-02-02", "--quiet"])
    assert result.exit_code == 0, result.output
    return json.loads((out / "pack.json").read_text(encoding="utf-8"))


def _rank(pack: dict, channel: str) -> int:
    names = [c["channel"] for c in pack["strategy"]["channel_mix"]]
    return names.index(channel) if channel in names else len(names)


def test_outcomes_of_tenant_a_change_a_next_pack_and_leave_b_alone(tmp_path: Path) -> None:
    before_b = _pack(tmp_path, "tenant-b")
    csv = tmp_path / "a.csv"
    csv.write_text(_tenant_a_csv(), encoding="utf-8")
    imported = runner.invoke(app, ["performance", "import", str(csv), "--tenant", "tenant-a"])
    assert imported.exit_code == 0, imported.output

    pack_a = _pack(tmp_path, "tenant-a")
    assert _rank(pack_a, "TikTok") < _rank(pack_a, "LinkedIn")
    themes = [e["theme"] for e in pack_a["strategy"]["calendar"][:30]]
    assert sum("question" in t.lower() for t in themes) > len(themes) // 2
    assert pack_a["kaizen"]["sample_size"] == 22 and pack_a["kaizen"]["confidence"] == 80
    assert any("TikTok" in note for note in pack_a["kaizen"]["applied"])
    assert pack_a["quality_passed"] is True

    after_b = _pack(tmp_path, "tenant-b")
    assert after_b["kaizen"] == {"confidence": 0, "sample_size": 0, "applied": []}
    assert after_b["strategy"]["channel_mix"] == before_b["strategy"]["channel_mix"]
    assert after_b["strategy"]["calendar"] == before_b["strategy"]["calendar"]
    for pack in (pack_a, after_b):
        text = json.dumps(pack).lower()
        assert not any(secret.lower() in text for secret in A_SECRETS)

    events = runner.invoke(app, ["events", "list", "--tenant", "tenant-a", "--json"])
    assert events.exit_code == 0 and "PERFORMANCE_RECORDED" in events.output and "PACK_COMPLETED" in events.output
