"""Resolve `provider:model` strings into LangChain chat models and run them as a fallback chain.

The chain records who answered, who failed and why, token usage and cache hits, so a pack can disclose
exactly which provider and model wrote each section.
"""

from __future__ import annotations

import contextvars
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx
import openai
from langchain_core.caches import BaseCache
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import Generation
from langchain_core.runnables import Runnable, RunnableLambda

from agents.errors import ChainFailedError, ModelConfigError, ProviderFailure

__all__ = ["ChainFailedError", "ModelConfigError", "ProviderFailure"]

PROVIDERS = ("openai", "anthropic", "perplexity", "local")
ROLES = ("strategist", "copywriter", "critic", "intake", "nurture")
PERPLEXITY_BASE_URL = "https://api.perplexity.ai"
TRANSIENT: tuple[type[BaseException], ...] = (
    openai.RateLimitError, openai.APITimeoutError, openai.APIConnectionError, openai.InternalServerError,
    httpx.TimeoutException, httpx.ConnectError,
)


@dataclass(frozen=True)
class ModelSpec:
    """A parsed `provider:model` string."""

    provider: str
    model: str

    @property
    def label(self) -> str:
        return f"{self.provider}:{self.model}"


@dataclass(frozen=True)
class ProviderConfig:
    """Keys, endpoints and limits for building models; api/ fills it from settings."""

    openai_api_key: str | None = None
    openai_base_url: str | None = None
    perplexity_api_key: str | None = None
    anthropic_api_key: str | None = None
    local_base_url: str | None = None
    timeout_s: float = 60.0
    max_tokens: int = 900
    retries: int = 2
    temperature: float = 0.2
    cache: BaseCache | None = None


def parse_model_spec(value: str) -> ModelSpec:
    """'openai:gpt-4.1-mini' -> ModelSpec; raises ModelConfigError naming the fix."""
    provider, sep, model = value.strip().partition(":")
    if not sep or not model or provider not in PROVIDERS:
        raise ModelConfigError(f"'{value}' is not provider:model; providers are {', '.join(PROVIDERS)} "
                               "(e.g. openai:gpt-4.1-mini, local:smollm2)")
    return ModelSpec(provider=provider, model=model)


def parse_chain(value: str) -> list[ModelSpec]:
    """'openai:gpt-4.1-mini,local:smollm2' -> specs in fallback order."""
    return [parse_model_spec(part) for part in value.split(",") if part.strip()]


def build_chat_model(spec: ModelSpec, cfg: ProviderConfig) -> BaseChatModel:
    """One LangChain chat model for a spec; retries are added by the chain, not the client."""
    from langchain_openai import ChatOpenAI

    common: dict[str, Any] = {"model": spec.model, "timeout": cfg.timeout_s, "max_retries": 0,
                              "temperature": cfg.temperature, "cache": cfg.cache}
    if spec.provider == "local":
        if not cfg.local_base_url:
            raise ModelConfigError("local:* needs AICMO_LOCAL_BASE_URL (e.g. http://127.0.0.1:8080/v1)")
        # llama.cpp's server ignores max_completion_tokens, so the limit travels as max_tokens
        return ChatOpenAI(base_url=cfg.local_base_url, api_key="local-no-key",  # type: ignore[arg-type]
                          extra_body={"max_tokens": cfg.max_tokens}, **common)
    if spec.provider == "openai":
        if not cfg.openai_api_key:
            raise ModelConfigError("openai:* needs OPENAI_API_KEY")
        return ChatOpenAI(api_key=cfg.openai_api_key, base_url=cfg.openai_base_url,  # type: ignore[arg-type]
                          max_tokens=cfg.max_tokens, **common)  # type: ignore[call-arg]
    if spec.provider == "perplexity":
        if not cfg.perplexity_api_key:
            raise ModelConfigError("perplexity:* needs PERPLEXITY_API_KEY")
        return ChatOpenAI(api_key=cfg.perplexity_api_key, base_url=PERPLEXITY_BASE_URL,  # type: ignore[arg-type]
                          max_tokens=cfg.max_tokens, **common)  # type: ignore[call-arg]
    try:
        from langchain_anthropic import ChatAnthropic  # optional extra: aicmo[anthropic]
    except ImportError:
        raise ModelConfigError("anthropic:* needs the optional extra: pip install 'aicmo[anthropic]'") from None
    if not cfg.anthropic_api_key:
        raise ModelConfigError("anthropic:* needs ANTHROPIC_API_KEY")
    return ChatAnthropic(model_name=spec.model, api_key=cfg.anthropic_api_key,  # type: ignore[arg-type,call-arg]
                         max_tokens=cfg.max_tokens, timeout=cfg.timeout_s, max_retries=0, cache=cfg.cache)


_cache_hits: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar("aicmo_cache_hits", default=None)


class CountingCache(BaseCache):
    """Wrap a LangChain cache and count hits for the call in progress (per thread/context)."""

    def __init__(self, inner: BaseCache) -> None:
        self.inner = inner

    def lookup(self, prompt: str, llm_string: str) -> Sequence[Generation] | None:
        found = self.inner.lookup(prompt, llm_string)
        hits = _cache_hits.get()
        if found is not None and hits is not None:
            hits.append(1)
        return found

    def update(self, prompt: str, llm_string: str, return_val: Sequence[Generation]) -> None:
        self.inner.update(prompt, llm_string, return_val)

    def clear(self, **kwargs: Any) -> None:
        self.inner.clear(**kwargs)


@dataclass
class ChainReply:
    """The answer of the first provider that succeeded, with usage and the failures before it."""

    message: AIMessage
    provider: str
    model: str
    input_tokens: int = 0
    output_tokens: int = 0
    cache_hit: bool = False
    seconds: float = 0.0
    failures: list[ProviderFailure] = field(default_factory=list)


def json_schema_output(model: BaseChatModel, schema: type) -> Runnable[Any, Any]:
    """Structured output for OpenAI-compatible local servers (llama.cpp, Ollama): a JSON-schema response format
    the server enforces with a grammar, parsed here into {raw, parsed, parsing_error} like LangChain's include_raw."""
    from pydantic import BaseModel, ValidationError

    assert issubclass(schema, BaseModel)
    # sent as extra_body, so langchain-openai treats the reply as plain text and a cut-off reply is our parse
    # error (disclosed), not a provider failure
    extra = dict(getattr(model, "extra_body", None) or {})
    extra["response_format"] = {"type": "json_object", "schema": schema.model_json_schema()}
    bound = model.bind(extra_body=extra)

    def parse(message: AIMessage) -> dict[str, Any]:
        try:
            return {"raw": message, "parsed": schema.model_validate_json(str(message.content)), "parsing_error": None}
        except ValidationError as exc:
            return {"raw": message, "parsed": None, "parsing_error": exc}

    return bound | RunnableLambda(parse)


@dataclass
class ChainLink:
    """One provider of the chain: its spec and the retrying runnable around its model."""

    spec: ModelSpec
    runnable: Runnable[Any, Any]


def _reason(exc: BaseException) -> str:
    name = type(exc).__name__
    status = getattr(exc, "status_code", None)
    text = str(exc).splitlines()[0][:160] if str(exc) else ""
    return f"{name}{f' {status}' if status else ''}: {text}".strip()


class ModelChain:
    """Call providers in order; transient errors are retried with jittered backoff, then fall over."""

    def __init__(self, links: list[ChainLink]) -> None:
        if not links:
            raise ModelConfigError("the model chain is empty; set AICMO_LLM_CHAIN (e.g. local:smollm2)")
        self.links = links

    @classmethod
    def from_specs(cls, specs: list[ModelSpec], cfg: ProviderConfig,
                   structured: type | None = None) -> ModelChain:
        """Build every link; ``structured`` wraps models with structured output (JSON-schema grammar for local:*)."""
        links = []
        for spec in specs:
            model: Runnable[Any, Any] = build_chat_model(spec, cfg)
            if structured is not None and spec.provider == "local":
                model = json_schema_output(model, structured)
            elif structured is not None:
                model = model.with_structured_output(structured, method="function_calling",  # type: ignore[attr-defined]
                                                     include_raw=True)
            retrying = model.with_retry(retry_if_exception_type=TRANSIENT, stop_after_attempt=cfg.retries + 1,
                                        wait_exponential_jitter=True,
                                        exponential_jitter_params={"max": 4.0, "jitter": 0.3})
            links.append(ChainLink(spec=spec, runnable=retrying))
        return cls(links)

    @property
    def labels(self) -> list[str]:
        return [link.spec.label for link in self.links]

    def invoke(self, messages: list[BaseMessage], config: dict[str, Any] | None = None) -> ChainReply:
        """The first successful reply; raises ChainFailedError naming every provider's failure."""
        failures: list[ProviderFailure] = []
        for link in self.links:
            hits: list[int] = []
            token = _cache_hits.set(hits)
            started = time.perf_counter()
            try:
                raw = link.runnable.invoke(messages, config=config)
            except (openai.OpenAIError, httpx.HTTPError, ValueError) as exc:
                failures.append(ProviderFailure(link.spec.label, _reason(exc)))
                continue
            finally:
                _cache_hits.reset(token)
            message = raw["raw"] if isinstance(raw, dict) and "raw" in raw else raw
            reply = ChainReply(message=message, provider=link.spec.provider, model=link.spec.model,
                               cache_hit=bool(hits), seconds=time.perf_counter() - started, failures=failures)
            usage = getattr(message, "usage_metadata", None) or {}
            if not reply.cache_hit:
                reply.input_tokens = int(usage.get("input_tokens", 0))
                reply.output_tokens = int(usage.get("output_tokens", 0))
            if isinstance(raw, dict) and "parsed" in raw:
                reply.message.additional_kwargs["aicmo_parsed"] = raw["parsed"]
                reply.message.additional_kwargs["aicmo_parsing_error"] = raw.get("parsing_error")
            return reply
        raise ChainFailedError(failures)
