"""Chat intake with a real model: the LLM extractor calls a local OpenAI-compatible server (SmolLM2 via llama.cpp).

The small model's fields are checked by the rules; whatever it returns, the conversation moves on with valid values.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from api.chat import open_chat
from api.settings import Settings
from tests.support.llm_server import CountingProxy, llama_server_available, running_llama_server
from tools.brief import parse_brief

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def llama(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CountingProxy]:
    reason = llama_server_available()
    if reason:
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(f"{reason}, but CI=true requires the local LLM server")
        pytest.skip(reason)
    with running_llama_server(tmp_path_factory.mktemp("llama") / "server.log") as proxy:
        yield proxy


def test_llm_extractor_reads_answers_over_http(llama: CountingProxy, tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "home", llm_chain="local:smollm2",
                        local_base_url=f"http://127.0.0.1:{llama.port}/v1", llm_max_output_tokens=200,
                        llm_retries=0, llm_timeout_s=300, llm_cache="off")
    before = llama.completions
    with open_chat(settings, "llm-chat", "quick_social_basic", "llm", today=date(2026, 11, 22)) as chat:
        chat.send("Hi, we're Crumb & Co, a vegan bakery in Austin and we want 300 new customers in 3 months.")
        pause = chat.pause() or {}
        values = chat.snapshot().values
    assert llama.completions > before, "the extractor called the model over HTTP"
    assert pause.get("type") in {"question", "conflict", "confirm"} and pause.get("question")
    fields = values["fields"]
    assert fields.get("budget") is None or fields["budget"]["amount"] >= 0
    stand_ins = {"brand_name": "B", "industry": "I", "product_service": "P", "primary_goal": "G",
                 "primary_customer": "C"}
    parse_brief({**stand_ins, **fields})  # every value the model gave survived the brief's own validation
