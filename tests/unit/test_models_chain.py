"""Routing, retry, fallback, cache counting and usage caps of the model chain (fake chat models only)."""

from __future__ import annotations

import httpx
import openai
import pytest
from langchain_core.caches import InMemoryCache
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, HumanMessage
from langchain_core.runnables import RunnableLambda

from agents.models import (
    ChainFailedError,
    ChainLink,
    CountingCache,
    ModelChain,
    ModelConfigError,
    ProviderConfig,
    build_chat_model,
    parse_chain,
    parse_model_spec,
)
from agents.usage import BudgetExceededError, UsageMeter


def _connection_error() -> openai.APIConnectionError:
    return openai.APIConnectionError(request=httpx.Request("POST", "http://127.0.0.1:9/v1/chat/completions"))


def _failing(label: str, calls: list[str], exc: Exception) -> ChainLink:
    def boom(_: object) -> AIMessage:
        calls.append(label)
        raise exc

    return ChainLink(spec=parse_model_spec(label), runnable=RunnableLambda(boom))


def _answering(label: str, text: str = "hello") -> ChainLink:
    message = AIMessage(text, usage_metadata={"input_tokens": 11, "output_tokens": 7, "total_tokens": 18})
    model = GenericFakeChatModel(messages=iter([message] * 10))
    return ChainLink(spec=parse_model_spec(label), runnable=model)


def test_parse_specs_and_chain() -> None:
    assert parse_model_spec("local:smollm2").label == "local:smollm2"
    assert [s.provider for s in parse_chain("openai:gpt-4.1-mini, perplexity:sonar,local:x")] == [
        "openai", "perplexity", "local"]
    for bad in ("gpt-4", "mistral:large", "openai:"):
        with pytest.raises(ModelConfigError, match="provider:model"):
            parse_model_spec(bad)


def test_missing_keys_are_configuration_errors() -> None:
    with pytest.raises(ModelConfigError, match="OPENAI_API_KEY"):
        build_chat_model(parse_model_spec("openai:gpt-4.1-mini"), ProviderConfig())
    with pytest.raises(ModelConfigError, match="AICMO_LOCAL_BASE_URL"):
        build_chat_model(parse_model_spec("local:smollm2"), ProviderConfig())
    model = build_chat_model(parse_model_spec("local:smollm2"), ProviderConfig(local_base_url="http://x/v1",
                                                                              max_tokens=64))
    assert model.extra_body == {"max_tokens": 64}  # type: ignore[attr-defined]


def test_falls_over_to_next_provider_and_records_why() -> None:
    calls: list[str] = []
    chain = ModelChain([_failing("openai:gpt-4.1-mini", calls, _connection_error()), _answering("local:smollm2")])
    reply = chain.invoke([HumanMessage("hi")])
    assert (reply.provider, reply.model, reply.message.content) == ("local", "smollm2", "hello")
    assert reply.failures[0].label == "openai:gpt-4.1-mini"
    assert "APIConnectionError" in reply.failures[0].reason
    assert (reply.input_tokens, reply.output_tokens) == (11, 7)


def test_transient_errors_are_retried_before_falling_over() -> None:
    calls: list[str] = []
    link = _failing("openai:gpt-4.1-mini", calls, _connection_error())
    link.runnable = link.runnable.with_retry(retry_if_exception_type=(openai.APIConnectionError,),
                                             stop_after_attempt=3, wait_exponential_jitter=False)
    chain = ModelChain([link, _answering("local:smollm2")])
    chain.invoke([HumanMessage("hi")])
    assert calls == ["openai:gpt-4.1-mini"] * 3


def test_every_provider_failing_names_each_one() -> None:
    calls: list[str] = []
    chain = ModelChain([_failing("openai:a", calls, _connection_error()),
                        _failing("local:b", calls, ValueError("bad JSON from server"))])
    with pytest.raises(ChainFailedError) as caught:
        chain.invoke([HumanMessage("hi")])
    message = str(caught.value)
    assert "openai:a: APIConnectionError" in message and "local:b: ValueError" in message


def test_empty_chain_is_a_configuration_error() -> None:
    with pytest.raises(ModelConfigError, match="AICMO_LLM_CHAIN"):
        ModelChain([])


def test_cache_hits_are_counted_and_cost_nothing() -> None:
    cache = CountingCache(InMemoryCache())
    model = GenericFakeChatModel(messages=iter([AIMessage("first", usage_metadata={
        "input_tokens": 5, "output_tokens": 5, "total_tokens": 10})]), cache=cache)
    chain = ModelChain([ChainLink(spec=parse_model_spec("local:fake"), runnable=model)])
    first = chain.invoke([HumanMessage("same prompt")])
    second = chain.invoke([HumanMessage("same prompt")])
    assert not first.cache_hit and second.cache_hit
    assert second.message.content == "first" and second.input_tokens == 0
    meter = UsageMeter()
    meter.record(first, "overview")
    meter.record(second, "overview")
    assert meter.total.cache_hits == 1 and meter.total.llm_calls == 2 and meter.total.input_tokens == 5


def test_usage_caps_stop_further_calls() -> None:
    meter = UsageMeter(max_tokens=20)
    reply = ModelChain([_answering("openai:gpt-4.1-mini")]).invoke([HumanMessage("x")])
    meter.record(reply, "a")
    meter.check()
    meter.record(reply, "b")
    with pytest.raises(BudgetExceededError, match="AICMO_MAX_TOKENS"):
        meter.check()
    priced = UsageMeter(max_cost_usd=0.000001)
    priced.record(reply, "a")
    assert priced.total.cost_usd > 0
    with pytest.raises(BudgetExceededError, match="AICMO_MAX_COST_USD"):
        priced.check()
