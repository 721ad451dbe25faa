"""Kaizen context: what past outcomes teach the next pack (empty until outcomes are recorded)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class Winner(BaseModel):
    """A past high-performing piece of content, anonymised for use as an example."""

    text: str
    platform: str
    hook: str = ""
    tone: str = ""
    engagement_rate: float = 0.0


class KaizenContext(BaseModel):
    """Guidance injected into the strategist and writers; scoped to one tenant."""

    recommended_tones: list[str] = Field(default_factory=list)
    preferred_platforms: list[str] = Field(default_factory=list)
    weak_platforms: list[str] = Field(default_factory=list)
    banned_phrases: list[str] = Field(default_factory=list)
    high_performing_hooks: list[str] = Field(default_factory=list)
    similar_winners: list[Winner] = Field(default_factory=list)
    pack_success_rate: float | None = None
    sample_size: int = 0
    confidence: int = 0

    @property
    def is_empty(self) -> bool:
        """True when there is nothing learned to apply."""
        return self.sample_size == 0 and not (self.preferred_platforms or self.weak_platforms or self.banned_phrases)


def confidence_for(sample_size: int) -> int:
    """Confidence grows with sample size: >=50 -> 100, >=20 -> 80, >=10 -> 50, else 25 (0 when empty)."""
    if sample_size <= 0:
        return 0
    if sample_size >= 50:
        return 100
    if sample_size >= 20:
        return 80
    if sample_size >= 10:
        return 50
    return 25
