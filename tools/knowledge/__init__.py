"""The packaged marketing knowledge base: industry archetypes and playbook data kept as YAML files.

Every data file under ``data/`` maps topic -> archetype key -> value. ``general_b2b`` and
``general_b2c`` are the fallbacks every topic must define, so any brief gets substantive content.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict

ARCHETYPES = (
    "b2b_saas", "b2b_services", "d2c_beauty_fashion", "food_beverage", "fitness_wellness",
    "home_retail", "consumer_tech", "health_care", "finance", "education", "hospitality_travel",
    "nonprofit", "general_b2b", "general_b2c",
)


class Archetype(BaseModel):
    """A family of businesses that market alike, recognised by keywords in the brief."""

    model_config = ConfigDict(frozen=True, ignored_types=(cached_property,))

    key: str
    label: str
    keywords: tuple[str, ...]
    regulated: bool = False

    @cached_property
    def patterns(self) -> tuple[re.Pattern[str], ...]:
        """One compiled word-prefix pattern per keyword, built once."""
        return tuple(re.compile(rf"\b{re.escape(kw)}") for kw in self.keywords)


class KnowledgeBase(BaseModel):
    """Topic data by archetype, plus the archetype definitions."""

    model_config = ConfigDict(frozen=True)

    archetypes: dict[str, Archetype]
    topics: dict[str, dict[str, Any]]

    def archetype_for(self, industry: str, product: str = "", b2b: bool = False) -> str:
        """The best-matching archetype for a brief's industry and product text."""
        text = f" {industry} {product} ".lower()
        lowered = industry.lower()
        best, best_score = "", 0
        for key, arch in self.archetypes.items():
            # industry words weigh double: "B2B SaaS" beats a product that mentions coffee
            score = sum((2 if p.search(lowered) else 0) + (1 if p.search(text) else 0) for p in arch.patterns)
            if score > best_score:
                best, best_score = key, score
        return best or ("general_b2b" if b2b else "general_b2c")

    def get(self, topic: str) -> Any:
        """A topic that is not split by archetype (e.g. the channel catalog)."""
        if topic not in self.topics:
            raise KeyError(f"knowledge topic '{topic}' is not in tools/knowledge/data")
        return self.topics[topic]

    def pick(self, topic: str, archetype: str, b2b: bool = False) -> Any:
        """Topic data for an archetype, falling back to the general B2B/B2C entry."""
        entries = self.topics.get(topic)
        if entries is None:
            raise KeyError(f"knowledge topic '{topic}' is not in tools/knowledge/data")
        if archetype in entries:
            return entries[archetype]
        return entries["general_b2b" if b2b else "general_b2c"]


def data_dir() -> Path:
    """Folder with the knowledge YAML files."""
    return Path(str(resources.files("tools.knowledge") / "data"))


def load_knowledge(root: Path | None = None) -> KnowledgeBase:
    """Merge every data file; a topic defined twice is an error, not a silent override."""
    root = root or data_dir()
    archetypes: dict[str, Archetype] = {}
    topics: dict[str, dict[str, Any]] = {}
    for path in sorted(root.glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key, spec in (raw.pop("archetypes", None) or {}).items():
            archetypes[key] = Archetype(key=key, label=spec["label"], keywords=tuple(spec.get("keywords", ())),
                                        regulated=bool(spec.get("regulated", False)))
        for topic, entries in raw.items():
            if topic in topics:
                raise ValueError(f"knowledge topic '{topic}' defined twice (second time in {path.name})")
            topics[topic] = entries
    return KnowledgeBase(archetypes=archetypes, topics=topics)


@lru_cache(maxsize=1)
def default_knowledge() -> KnowledgeBase:
    """The packaged knowledge base, loaded once per process."""
    return load_knowledge()
