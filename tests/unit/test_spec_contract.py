"""The packaged product contract must equal ../shared/spec, so it cannot drift silently."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from tools.catalog import default_catalog, spec_dir

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "spec"
CONTRACT_FILES = ["packs.yaml", "quality.yaml", "brief.md", "result.md", "cam.md"]


def _contract_paths(root: Path) -> list[str]:
    names = [n for n in CONTRACT_FILES if (root / n).exists()]
    names += [f"benchmarks/{p.name}" for p in sorted((root / "benchmarks").glob("*.yaml"))]
    names += [f"briefs/{p.name}" for p in sorted((root / "briefs").glob("*.yaml"))]
    return names


@pytest.mark.skipif(not SHARED.exists(), reason=f"{SHARED} not present (outside the project workspace)")
def test_packaged_spec_matches_shared_spec() -> None:
    shared, packaged = _contract_paths(SHARED), _contract_paths(spec_dir())
    assert shared == packaged, "a spec file was added or removed: copy ../shared/spec into tools/spec"
    different = [n for n in shared if not filecmp.cmp(SHARED / n, spec_dir() / n, shallow=False)]
    assert not different, f"packaged spec differs from ../shared/spec: {different}"


def test_catalog_has_twelve_packs_with_rules_for_every_section() -> None:
    catalog = default_catalog()
    assert len(catalog.packs) == 12
    for pack in catalog.packs.values():
        for sid in pack.sections:
            rules = catalog.rules_for(pack.key, sid)
            assert rules.words[0] < rules.words[1], (pack.key, sid)
    assert len(catalog.pack("strategy_campaign_enterprise").sections) == 39


def test_every_section_id_has_an_offline_composer() -> None:
    from agents.offline.sections import load_composers

    missing = sorted(default_catalog().section_ids() - set(load_composers()))
    assert not missing, f"section ids without an offline composer: {missing}"
