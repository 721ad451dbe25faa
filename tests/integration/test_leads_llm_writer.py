"""The nurture writer's LLM path against a real OpenAI-compatible server (llama.cpp running SmolLM2-135M).

Whatever the small model writes, the draft must disclose engine, provider and model, and pass the same
unfilled-token and spam checks as offline text (a failing draft is stored as blocked, never sent).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from agents.models import ModelChain, ProviderConfig, parse_chain
from agents.nurture_writer import LLMNurtureWriter, check_draft
from api.leads_wiring import run_pipeline
from memory.leads_models import OutreachMessage
from tests.support.leads import campaign, context, lead_services
from tests.support.llm_server import CountingProxy, llama_server_available, running_llama_server
from tools.leads.csv_import import parse_csv

pytestmark = [pytest.mark.integration, pytest.mark.slow]  # one real completion: ~20 s idle, more under load
NOW = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def llama(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CountingProxy]:
    reason = llama_server_available()
    if reason:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"{reason}, but CI=true requires the local LLM server")
        pytest.skip(reason)
    with running_llama_server(tmp_path_factory.mktemp("llama") / "server.log") as proxy:
        yield proxy


def _writer(proxy: CountingProxy) -> LLMNurtureWriter:
    config = ProviderConfig(local_base_url=f"http://127.0.0.1:{proxy.port}/v1", max_tokens=90, timeout_s=300,
                            retries=1)
    return LLMNurtureWriter(ModelChain.from_specs(parse_chain("local:smollm2"), config))


def test_llm_drafts_are_disclosed_checked_and_stored(llama: CountingProxy, tmp_path: Path) -> None:
    with lead_services(f"sqlite:///{tmp_path / 'leads.db'}", NOW) as services:
        info = services.leads.create_campaign("default", campaign(), NOW)
        csv = "email,first_name,company,title,company_size,industry,location,recent_job_change,timezone\n" \
              "ana@acme.io,Ana,Acme,Head of Sales,120,SaaS,Germany,yes,Europe/Berlin\n"
        services.leads.import_records(info, parse_csv(csv).records, NOW)
        before = llama.completions
        result = run_pipeline(context(services, NOW, writer=_writer(llama)), info.name)
        assert result["errors"] == [] and llama.completions == before + 1
        with services.factory() as session:
            message = session.scalars(select(OutreachMessage)).one()
    assert (message.engine, message.provider, message.model) == ("llm", "local", "smollm2")
    body = message.body_text.split("\n\nLearn more:")[0]
    assert tuple(message.issues) == check_draft(message.subject, body)  # the same checks as offline text
    assert message.status == ("blocked" if message.issues else "drafted")
    assert "https://track.example/u/" in message.body_text  # the footer is added whoever wrote the body
