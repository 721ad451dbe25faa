"""Engine policy with real (closed) endpoints: keys mean LLM, offline needs permission, dead chains fail loudly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from tests.support.llm_server import free_port

runner = CliRunner()


def _generate(out: Path, *extra: str):
    result = runner.invoke(app, ["generate", "--example", "fitfusion_studio", "--pack", "strategy_campaign_basic",
                                 "--out", str(out), "--quiet", *extra])
    path = out / "pack.json"
    return result, (json.loads(path.read_text()) if path.exists() else None)


@pytest.fixture
def dead_chain(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AICMO_LLM_CHAIN", "openai:gpt-4.1-mini,local:smollm2")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{free_port()}/v1")
    monkeypatch.setenv("AICMO_LOCAL_BASE_URL", f"http://127.0.0.1:{free_port()}/v1")
    monkeypatch.setenv("AICMO_LLM_RETRIES", "1")
    monkeypatch.setenv("AICMO_LLM_CACHE", "off")


def test_chain_of_dead_endpoints_fails_with_a_hint_per_provider_and_no_offline_text(
        dead_chain: None, tmp_path: Path) -> None:
    result, pack = _generate(tmp_path / "out")
    assert result.exit_code == 1, result.output
    assert pack["error_type"] == "llm_chain_failed"
    assert "openai:gpt-4.1-mini" in pack["debug_hint"] and "local:smollm2" in pack["debug_hint"]
    assert not any(s["engine"] == "offline" for s in pack["sections"])
    assert pack["quality_passed"] is False and pack["stub_used"] is False


def test_offline_engine_is_refused_while_keys_are_configured(dead_chain: None, tmp_path: Path) -> None:
    result, pack = _generate(tmp_path / "out", "--engine", "offline")
    assert result.exit_code == 2
    assert "AICMO_ALLOW_OFFLINE" in result.output
    assert pack is None


def test_offline_engine_allowed_explicitly(dead_chain: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AICMO_ALLOW_OFFLINE", "1")
    result, pack = _generate(tmp_path / "out", "--engine", "offline")
    assert result.exit_code == 0, result.output
    assert pack["engine"] == "offline" and pack["llm_used"] is False
    assert all(s["engine"] == "offline" and s["provider"] is None for s in pack["sections"])


def test_llm_engine_without_any_provider_is_unavailable(tmp_path: Path) -> None:
    result, pack = _generate(tmp_path / "out", "--engine", "llm")
    assert result.exit_code == 1
    assert pack["error_type"] == "llm_unavailable" and "AICMO_LLM_CHAIN" in pack["debug_hint"]
    assert pack["sections"] == []


def test_auto_without_keys_is_offline_and_says_so(tmp_path: Path) -> None:
    result, pack = _generate(tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert pack["engine"] == "offline" and pack["llm_used"] is False and pack["stub_used"] is False
