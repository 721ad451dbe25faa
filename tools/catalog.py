"""Load the packaged product contract: packs, per-section benchmarks and quality rules."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field

SectionFormat = Literal["markdown_block", "markdown_list", "markdown_table"]


class SectionRules(BaseModel):
    """The benchmark one section must meet (spec/benchmarks/<set>.yaml)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    section_id: str
    label: str
    words: tuple[int, int]
    bullets: tuple[int, int]
    headings: tuple[int, int]
    format: SectionFormat = "markdown_block"
    max_repeated_line_ratio: float = 0.3
    max_avg_sentence_words: float = 30.0
    required_headings: tuple[str, ...] = ()
    required_phrases: tuple[str, ...] = ()
    forbidden_phrases: tuple[str, ...] = ()
    forbidden_patterns: tuple[str, ...] = ()
    min_table_rows: int | None = None
    extra: dict[str, str] = Field(default_factory=dict)
    notes: str | None = None


class PackSpec(BaseModel):
    """One sellable pack: its label, tier, benchmark set and ordered section ids."""

    model_config = ConfigDict(frozen=True)

    key: str
    label: str
    tier: str
    benchmark_set: str
    sections: tuple[str, ...]


class Catalog(BaseModel):
    """Every pack with the rules of every section it contains, plus the global quality config."""

    model_config = ConfigDict(frozen=True)

    packs: dict[str, PackSpec]
    benchmarks: dict[str, dict[str, SectionRules]]
    quality: dict[str, Any]

    def pack(self, pack_key: str) -> PackSpec:
        """Return one pack, or raise KeyError naming the known keys."""
        try:
            return self.packs[pack_key]
        except KeyError:
            known = ", ".join(sorted(self.packs))
            raise KeyError(f"unknown pack '{pack_key}'; choose one of: {known}") from None

    def rules_for(self, pack_key: str, section_id: str) -> SectionRules:
        """Return the benchmark rules of a section as used inside the given pack."""
        spec = self.pack(pack_key)
        return self.benchmarks[spec.benchmark_set][section_id]

    def pack_rules(self, pack_key: str) -> list[SectionRules]:
        """Return the rules of every section of a pack, in pack order."""
        return [self.rules_for(pack_key, sid) for sid in self.pack(pack_key).sections]

    def section_ids(self) -> set[str]:
        """Every section id used by any pack."""
        return {sid for pack in self.packs.values() for sid in pack.sections}


def spec_dir() -> Path:
    """The folder holding the packaged copy of the product spec."""
    return Path(str(resources.files("tools") / "spec"))


def _rules(section_id: str, raw: dict[str, Any]) -> SectionRules:
    data = dict(raw)
    for key in ("required_headings", "required_phrases", "forbidden_phrases", "forbidden_patterns"):
        data[key] = tuple(data.get(key) or ())
    data["extra"] = {str(k): str(v) for k, v in (data.get("extra") or {}).items()}
    return SectionRules(section_id=section_id, **data)


def load_catalog(root: Path | None = None) -> Catalog:
    """Read packs.yaml, quality.yaml and every benchmark set from ``root`` (default: packaged spec)."""
    root = root or spec_dir()
    packs_raw = yaml.safe_load((root / "packs.yaml").read_text(encoding="utf-8"))["packs"]
    packs = {
        key: PackSpec(key=key, label=v["label"], tier=v["tier"], benchmark_set=v["benchmark_set"],
                      sections=tuple(v["sections"]))
        for key, v in packs_raw.items()
    }
    benchmarks: dict[str, dict[str, SectionRules]] = {}
    for path in sorted((root / "benchmarks").glob("*.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        benchmarks[raw["benchmark_set"]] = {sid: _rules(sid, r) for sid, r in raw["sections"].items()}
    quality = yaml.safe_load((root / "quality.yaml").read_text(encoding="utf-8"))
    return Catalog(packs=packs, benchmarks=benchmarks, quality=quality)


@lru_cache(maxsize=1)
def default_catalog() -> Catalog:
    """The packaged catalog, loaded once per process."""
    return load_catalog()


def sample_brief_paths() -> list[Path]:
    """Paths of the packaged sample briefs."""
    return sorted((spec_dir() / "briefs").glob("*.yaml"))
