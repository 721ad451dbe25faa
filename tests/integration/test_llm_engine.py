"""The LLM engine against a real OpenAI-compatible server: llama.cpp running SmolLM2-135M (PyPI package).

No fake clients: langchain-openai talks HTTP to the local server through a counting proxy. Dead providers are
real closed ports on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from tests.support.llm_server import CountingProxy, free_port, llama_server_available, running_llama_server

pytestmark = pytest.mark.integration
runner = CliRunner()


@pytest.fixture(scope="module")
def llama(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CountingProxy]:
    reason = llama_server_available()
    if reason:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"{reason}, but CI=true requires the local LLM server")
        pytest.skip(reason)
    with running_llama_server(tmp_path_factory.mktemp("llama") / "server.log") as proxy:
        yield proxy


def _generate(out: Path, *extra: str) -> tuple[int, dict]:
    result = runner.invoke(app, ["generate", "--example", "glow_botanicals", "--pack", "quick_social_basic",
                                 "--out", str(out), "--today", "2026-11-22", "--quiet", *extra])
    pack = json.loads((out / "pack.json").read_text()) if (out / "pack.json").exists() else {}
    return result.exit_code, pack | {"_output": result.output}


@pytest.fixture
def llm_env(monkeypatch: pytest.MonkeyPatch, llama: CountingProxy, tmp_path: Path) -> CountingProxy:
    dead = free_port()
    monkeypatch.setenv("AICMO_HOME", str(tmp_path.parent / "shared-llm-home"))
    monkeypatch.setenv("AICMO_LLM_CHAIN", "openai:gpt-4.1-mini,local:smollm2")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-not-a-real-key")
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{dead}/v1")
    monkeypatch.setenv("AICMO_LOCAL_BASE_URL", f"http://127.0.0.1:{llama.port}/v1")
    monkeypatch.setenv("AICMO_LLM_MAX_OUTPUT_TOKENS", "200")
    monkeypatch.setenv("AICMO_LLM_RETRIES", "1")
    monkeypatch.setenv("AICMO_MAX_REVISIONS", "1")
    monkeypatch.setenv("AICMO_LLM_TIMEOUT_S", "300")  # a 2-core machine under load answers slowly
    return llama


def test_local_model_writes_every_section_after_a_dead_provider_and_repeat_is_cached(
        llm_env: CountingProxy, tmp_path: Path) -> None:
    code, pack = _generate(tmp_path / "first", "--engine", "llm")
    assert pack["engine"] == "llm" and pack["llm_used"] is True and pack["stub_used"] is False, pack["_output"]
    assert code == (0 if pack["quality_passed"] else 1)
    sections = pack["sections"]
    assert len(sections) == 8
    for section in sections:
        assert (section["engine"], section["provider"], section["model"]) == ("llm", "local", "smollm2")
        assert section["markdown"].strip()
        # the first provider of the chain is a closed port: every call records the fall-over
        assert section["fallbacks"][0]["provider"] == "openai:gpt-4.1-mini"
        assert "Connection" in section["fallbacks"][0]["reason"]
    assert pack["strategy_source"]["provider"] == "local", "the strategist called the local model too"
    usage = pack["usage"]
    assert usage["input_tokens"] > 0 and usage["output_tokens"] > 0 and usage["llm_calls"] >= 8
    revised = [s for s in sections if s["attempts"] > 1]
    assert revised, "the critic loop should have sent at least one section back to the small model"
    assert revised[0]["history"][0]["issues"], "a revision carries the critic's issues"
    calls_after_first_run = llm_env.completions
    assert calls_after_first_run >= usage["llm_calls"] - usage["cache_hits"]

    code2, again = _generate(tmp_path / "second", "--engine", "llm")
    assert llm_env.completions == calls_after_first_run, "a repeated identical run must be served from the cache"
    assert again["usage"]["cache_hits"] == again["usage"]["llm_calls"] > 0
    assert [s["markdown"] for s in again["sections"]] == [s["markdown"] for s in sections]
    assert code2 == code
