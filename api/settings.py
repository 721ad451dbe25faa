"""Process settings: the one place that reads the environment (AICMO_* variables)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything configurable from the environment; only api/ builds objects from it."""

    model_config = SettingsConfigDict(env_prefix="AICMO_", extra="ignore")

    home: Path = Field(default=Path("~/.aicmo"), description="Folder for the SQLite databases and Chroma store.")
    database_url: str | None = Field(default=None, description="postgresql://... to use PostgreSQL.")
    chroma_url: str | None = Field(default=None, description="http://host:8000 of a Chroma server for winners.")
    engine: Literal["auto", "llm", "offline"] = Field(default="auto", description="Who writes the words.")
    max_revisions: int = Field(default=2, ge=0, le=10, description="Critic revision rounds per pack.")
    max_concurrency: int = Field(default=8, ge=1, le=64, description="Sections written in parallel.")
    tenant: str = Field(default="default", description="Tenant for CLI runs.")

    # LLM engine
    llm_chain: str | None = Field(default=None, description="Fallback chain, e.g. openai:gpt-4.1-mini,local:smollm2.")
    llm_chain_strategist: str | None = Field(default=None, description="Chain override for the strategist.")
    llm_chain_copywriter: str | None = Field(default=None, description="Chain override for the copywriter.")
    llm_chain_critic: str | None = Field(default=None, description="Chain override for the critic rubric.")
    llm_chain_intake: str | None = Field(default=None, description="Chain override for chat intake.")
    llm_chain_nurture: str | None = Field(default=None, description="Chain override for the nurture writer.")
    allow_offline: bool = Field(default=False, description="Allow the offline engine while keys are configured.")
    local_base_url: str | None = Field(default=None, description="OpenAI-compatible URL for local:* models.")
    openai_api_key: str | None = Field(default=None, validation_alias=AliasChoices(
        "OPENAI_API_KEY", "AICMO_OPENAI_API_KEY"), description="OpenAI key (enables openai:*).")
    openai_base_url: str | None = Field(default=None, validation_alias=AliasChoices(
        "OPENAI_BASE_URL", "AICMO_OPENAI_BASE_URL"), description="OpenAI-compatible base URL for openai:*.")
    perplexity_api_key: str | None = Field(default=None, validation_alias=AliasChoices(
        "PERPLEXITY_API_KEY", "AICMO_PERPLEXITY_API_KEY"), description="Perplexity key (enables perplexity:*).")
    anthropic_api_key: str | None = Field(default=None, validation_alias=AliasChoices(
        "ANTHROPIC_API_KEY", "AICMO_ANTHROPIC_API_KEY"), description="Anthropic key (enables anthropic:*).")
    llm_timeout_s: float = Field(default=60.0, gt=0, description="Per-call timeout in seconds.")
    llm_max_output_tokens: int = Field(default=900, ge=16, description="Output token limit per call.")
    llm_retries: int = Field(default=2, ge=0, le=8, description="Retries per provider on transient errors.")
    llm_cache: Literal["sqlite", "redis", "off"] = Field(default="sqlite", description="Response cache backend.")
    redis_url: str | None = Field(default=None, description="Redis URL for the response cache at scale.")
    # HTTP API
    api_rate_limit: int = Field(default=600, ge=1, description="Requests per minute per API key.")
    api_max_body_bytes: int = Field(default=1_000_000, ge=1024, description="Largest request body accepted.")
    api_cors_origins: str = Field(default="", description="Comma-separated browser origins allowed (CORS).")
    api_run_workers: int = Field(default=8, ge=1, le=64, description="Runs executed at once per server.")
    # lead pipeline
    smtp_host: str | None = Field(default=None, description="SMTP server for outreach email.")
    smtp_port: int = Field(default=587, description="SMTP port.")
    smtp_user: str | None = Field(default=None, description="SMTP user.")
    smtp_password: str | None = Field(default=None, description="SMTP password.")
    smtp_starttls: bool = Field(default=True, description="Use STARTTLS.")
    imap_host: str | None = Field(default=None, description="IMAP server polled for replies.")
    imap_port: int = Field(default=993, description="IMAP port.")
    imap_user: str | None = Field(default=None, description="IMAP user.")
    imap_password: str | None = Field(default=None, description="IMAP password.")
    imap_ssl: bool = Field(default=True, description="IMAP over SSL.")
    imap_mailbox: str = Field(default="INBOX", description="Mailbox with replies.")
    apollo_api_key: str | None = Field(default=None, description="Apollo search/enrich key.")
    dropcontact_api_key: str | None = Field(default=None, description="Dropcontact enrich/verify key.")
    tracking_base_url: str = Field(default="http://127.0.0.1:8000", description="Public URL for open/click links.")
    leads_batch_size: int = Field(default=1000, ge=1, description="Leads per pipeline batch.")
    critic_rubric: bool = Field(default=False, description="Also score sections with the LLM rubric (advisory).")
    max_cost_usd: float | None = Field(default=None, ge=0, description="Stop the run at this LLM cost.")
    max_tokens: int | None = Field(default=None, ge=0, description="Stop the run at this many tokens.")

    @field_validator("home")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @property
    def checkpoint_path(self) -> Path:
        """SQLite file for LangGraph checkpoints."""
        return self.home / "checkpoints.sqlite"

    @property
    def app_database_url(self) -> str:
        """SQLAlchemy URL of the app database: the PostgreSQL URL when set, else aicmo.db under home."""
        if self.database_url and self.database_url.split(":", 1)[0].split("+", 1)[0] in {"postgres", "postgresql"}:
            return self.database_url
        return f"sqlite:///{self.home / 'aicmo.db'}"

    @property
    def chroma_path(self) -> Path:
        """Folder of the embedded Chroma store (used when no Chroma URL is set)."""
        return self.home / "chroma"

    @property
    def llm_cache_path(self) -> Path:
        """SQLite file for the LLM response cache."""
        return self.home / "llm_cache.sqlite"

    @property
    def provider_keys_configured(self) -> bool:
        """True when any provider is configured, so the LLM engine is expected."""
        return bool(self.llm_chain or self.openai_api_key or self.perplexity_api_key or self.anthropic_api_key)

    def chain_for(self, role: str) -> str | None:
        """The chain string for an agent role: its override, else the shared chain, else one from the keys."""
        override = getattr(self, f"llm_chain_{role}", None)
        if override or self.llm_chain:
            return override or self.llm_chain
        if self.openai_api_key:
            return "openai:gpt-4.1-mini"
        if self.perplexity_api_key:
            return "perplexity:sonar"
        if self.anthropic_api_key:
            return "anthropic:claude-3-5-haiku-latest"
        return None


def load_settings() -> Settings:
    """Read settings from the environment now (not at import time)."""
    return Settings()
