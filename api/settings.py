"""Process settings: the one place that reads the environment (AICMO_* variables)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Everything configurable from the environment; only api/ builds objects from it."""

    model_config = SettingsConfigDict(env_prefix="AICMO_", extra="ignore")

    home: Path = Field(default=Path("~/.aicmo"), description="Folder for the SQLite databases and Chroma store.")
    database_url: str | None = Field(default=None, description="postgresql://... to use PostgreSQL.")
    engine: Literal["auto", "llm", "offline"] = Field(default="auto", description="Who writes the words.")
    max_revisions: int = Field(default=2, ge=0, le=10, description="Critic revision rounds per pack.")
    max_concurrency: int = Field(default=8, ge=1, le=64, description="Sections written in parallel.")
    tenant: str = Field(default="default", description="Tenant for CLI runs.")

    @field_validator("home")
    @classmethod
    def _expand(cls, value: Path) -> Path:
        return value.expanduser()

    @property
    def checkpoint_path(self) -> Path:
        """SQLite file for LangGraph checkpoints."""
        return self.home / "checkpoints.sqlite"


def load_settings() -> Settings:
    """Read settings from the environment now (not at import time)."""
    return Settings()
