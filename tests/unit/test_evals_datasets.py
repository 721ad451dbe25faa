"""The eval datasets are valid LangSmith-shaped examples and cover what issue 9 asks for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from evals.dataset import DatasetError, dataset_names, load_dataset, to_langsmith
from evals.runner import load_thresholds
from tools.brief import parse_brief
from tools.catalog import default_catalog, sample_brief_paths


def test_every_dataset_loads_with_a_version_and_a_threshold() -> None:
    assert set(dataset_names()) == {"packs", "intake", "leads", "kaizen"}
    thresholds = load_thresholds()
    for name in dataset_names():
        dataset = load_dataset(name)
        assert dataset.version == "1.0.0"
        assert thresholds[name], f"{name} has no thresholds"
        assert to_langsmith(dataset.examples[0], name).inputs == dataset.examples[0].inputs


def test_packs_cover_segments_budgets_languages_regulation_and_every_pack() -> None:
    examples = load_dataset("packs").examples
    meta = [e.metadata for e in examples]
    assert len(examples) >= 30
    assert {m["pack_key"] for m in meta} == set(default_catalog().packs)
    assert {m["business_type"] for m in meta} == {"B2B", "B2C", "Hybrid"}
    assert sum(e.inputs["brief"].get("budget", {}).get("amount") == 0 for e in examples) >= 3
    assert len({m["language"] for m in meta} - {"en"}) >= 4
    assert sum(bool(m["regulated"]) for m in meta) >= 6
    assert sum(bool(m["minimal"]) for m in meta) >= 3
    assert len({m["industry"] for m in meta}) >= 20


def test_pack_briefs_are_valid_and_references_name_only_other_clients() -> None:
    examples = load_dataset("packs").examples
    brands = {e.inputs["brief"]["brand_name"] for e in examples}
    brands |= {yaml.safe_load(p.read_text(encoding="utf-8"))["brand_name"] for p in sample_brief_paths()}
    for example in examples:
        brief = parse_brief(example.inputs["brief"])
        ref = example.outputs
        assert brief.brand_name in ref["must_mention"]
        assert set(brief.avoid_platforms) <= set(ref["must_not_mention"])
        own = json.dumps(example.inputs["brief"], ensure_ascii=False).casefold()
        expected = {b for b in brands if b.casefold() != brief.brand_name.casefold() and b.casefold() not in own}
        assert set(ref["foreign_brands"]) == expected, example.id


def test_leads_and_kaizen_cover_every_decision() -> None:
    leads = [e.outputs for e in load_dataset("leads").examples]
    assert {o["tier"] for o in leads} == {"HOT", "WARM", "COOL", "COLD"}
    assert {o["qualification"] for o in leads} == {"QUALIFIED", "REJECTED", "MANUAL_REVIEW"}
    assert {o["route"] for o in leads} - {None} == {"aggressive_close", "regular_nurture", "long_term_nurture",
                                                     "cold_outreach"}
    kaizen = [e.outputs for e in load_dataset("kaizen").examples]
    assert {o["confidence"] for o in kaizen} == {25, 50, 80, 100}
    intake = load_dataset("intake").examples
    assert any(any(k.startswith("conflict:") for k in e.inputs["answers"]) for e in intake)
    assert any(isinstance(v, list) for e in intake for v in e.inputs["answers"].values())


@pytest.mark.parametrize(("line", "problem"), [
    ('{"id": "a", "inputs": {}, "outputs": {}}', "missing ['metadata']"),
    ('{"id": "a", "inputs": {}, "outputs": {}, "metadata": {}}', "metadata.version is required"),
    ('{"id": "a", "inputs": [], "outputs": {}, "metadata": {"version": "1"}}', "must be objects"),
    ("not json", "not JSON"),
])
def test_a_bad_line_is_named(tmp_path: Path, line: str, problem: str) -> None:
    (tmp_path / "bad.jsonl").write_text(line + "\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"bad\.jsonl:1") as caught:
        load_dataset("bad", root=tmp_path)
    assert problem in str(caught.value)


def test_unknown_dataset_lists_the_known_ones() -> None:
    with pytest.raises(DatasetError, match="known: intake, kaizen, leads, packs"):
        load_dataset("nope")
