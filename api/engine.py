"""Engine policy: decide who writes (LLM chain or offline engine) from settings, and build it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from agents.errors import ModelConfigError
from api.settings import Settings

if TYPE_CHECKING:  # provider SDKs load only when the LLM engine is used
    from agents.models import ProviderConfig

EngineName = Literal["auto", "llm", "offline"]


class EngineRefusedError(ValueError):
    """The requested engine is not allowed or not possible with this configuration (exit 2)."""


@dataclass
class EngineSetup:
    """What one run writes with: the engine, the agents for PackContext, the meter and chain labels."""

    engine: Literal["offline", "llm"]
    writer: Any = None
    strategist: Any = None
    meter: Any = None
    rubric: Any = None
    chain: list[str] | None = None
    unavailable: str | None = None


def build_cache(settings: Settings) -> Any:
    """The response cache: SQLite under AICMO_HOME, Redis when AICMO_REDIS_URL is set, or none."""
    from agents.models import CountingCache

    if settings.llm_cache == "off":
        return None
    if settings.redis_url or settings.llm_cache == "redis":
        if not settings.redis_url:
            raise EngineRefusedError("AICMO_LLM_CACHE=redis needs AICMO_REDIS_URL (e.g. redis://127.0.0.1:6379/0)")
        from langchain_community.cache import RedisCache
        from redis import Redis

        return CountingCache(RedisCache(redis_=Redis.from_url(settings.redis_url), ttl=30 * 24 * 3600))
    from langchain_community.cache import SQLiteCache

    settings.home.mkdir(parents=True, exist_ok=True)
    return CountingCache(SQLiteCache(database_path=str(settings.llm_cache_path)))


def provider_config(settings: Settings, cache: Any) -> ProviderConfig:
    """Keys, URLs and limits for agents/models.py, from settings."""
    from agents.models import ProviderConfig

    return ProviderConfig(
        openai_api_key=settings.openai_api_key, openai_base_url=settings.openai_base_url,
        perplexity_api_key=settings.perplexity_api_key, anthropic_api_key=settings.anthropic_api_key,
        local_base_url=settings.local_base_url, timeout_s=settings.llm_timeout_s,
        max_tokens=settings.llm_max_output_tokens, retries=settings.llm_retries, cache=cache,
    )


def resolve_engine(settings: Settings, requested: EngineName | None = None) -> EngineSetup:
    """Apply the policy: keys -> llm; offline with keys only if AICMO_ALLOW_OFFLINE=1; no keys -> no llm."""
    wanted = requested or settings.engine
    keys = settings.provider_keys_configured
    if wanted == "offline" or (wanted == "auto" and not keys):
        if keys and not settings.allow_offline:
            raise EngineRefusedError("--engine offline refused: provider keys are configured, so packs must be written "
                                     "by the LLM chain; set AICMO_ALLOW_OFFLINE=1 to allow offline text")
        return EngineSetup(engine="offline")
    if not keys:
        return EngineSetup(engine="llm", unavailable="no LLM provider configured: set AICMO_LLM_CHAIN "
                           "(e.g. local:smollm2 with AICMO_LOCAL_BASE_URL) or OPENAI_API_KEY")
    from agents.llm_strategist import LLMStrategist, StrategyWords
    from agents.llm_writer import LLMSectionWriter
    from agents.models import ModelChain, parse_chain
    from agents.usage import UsageMeter
    from tools.pricing import DEFAULT_PRICES

    cache = build_cache(settings)
    cfg = provider_config(settings, cache)
    meter = UsageMeter(max_cost_usd=settings.max_cost_usd, max_tokens=settings.max_tokens, prices=DEFAULT_PRICES)
    try:
        writer_chain = ModelChain.from_specs(parse_chain(settings.chain_for("copywriter") or ""), cfg)
        strategist_chain = ModelChain.from_specs(parse_chain(settings.chain_for("strategist") or ""), cfg,
                                                 structured=StrategyWords)
    except ModelConfigError as exc:
        raise EngineRefusedError(str(exc)) from None
    rubric = None
    if settings.critic_rubric:
        from agents.llm_critic import LLMRubricCritic, RubricScores

        critic_chain = ModelChain.from_specs(parse_chain(settings.chain_for("critic") or ""), cfg,
                                             structured=RubricScores)
        rubric = LLMRubricCritic(critic_chain, meter)
    return EngineSetup(engine="llm", writer=LLMSectionWriter(writer_chain, meter),
                       strategist=LLMStrategist(strategist_chain, meter), meter=meter, chain=writer_chain.labels,
                       rubric=rubric)
