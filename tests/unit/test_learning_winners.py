"""Offline MiniLM embeddings make semantic sense; the winners store never crosses tenants."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from memory.embeddings import DIMENSIONS, MiniLMEmbedding
from memory.winners import WinnerItem, WinnersStore, chroma_client
from tests.support.learning import shared_embedding, winners_store

DAY = date(2026, 1, 5)


def test_embeddings_are_unit_vectors_that_rank_by_meaning() -> None:
    embed = shared_embedding()
    vectors = embed.embed([
        "How do I brew better espresso at home?",
        "Tips for making great coffee in your kitchen",
        "Quarterly tax filing deadlines for small businesses",
        "",
    ])
    assert vectors.shape == (4, DIMENSIONS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    coffee, kitchen, tax = vectors[0], vectors[1], vectors[2]
    assert coffee @ kitchen > 0.5 > coffee @ tax + 0.3
    alone = embed.embed(["Tips for making great coffee in your kitchen"])[0]
    assert float(alone @ kitchen) > 0.999  # padding in a batch does not change a text's vector
    assert embed.embed([]).shape == (0, DIMENSIONS)


def test_embedding_function_round_trips_its_config() -> None:
    embed = MiniLMEmbedding(max_length=128)
    rebuilt = MiniLMEmbedding.build_from_config(embed.get_config())
    assert rebuilt.max_length == 128 and MiniLMEmbedding.name() == "aicmo-minilm-int8"


def _item(tenant: str, cid: str, text: str, platform: str = "TikTok", **kw: object) -> WinnerItem:
    return WinnerItem(tenant=tenant, content_id=cid, date=DAY, text=text, platform=platform, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", ["per-tenant", "shared"])
def test_search_is_tenant_filtered_and_semantic(tmp_path: Path, mode: str) -> None:
    store = winners_store(tmp_path / "chroma", mode)
    store.add([
        _item("acme", "a1", "Why does your espresso taste bitter? Acme Roast has the fix", hook="question"),
        _item("acme", "a2", "Acme Roast's quarterly numbers for investors", platform="LinkedIn"),
        _item("globex", "g1", "Globex Brew: the secret to a perfect latte at home"),
    ])
    hits = store.search("acme", "coffee brewing tips", k=5)
    assert [h.metadata["content_id"] for h in hits] == ["a1", "a2"]
    assert hits[0].similarity > hits[1].similarity
    assert all("Globex" not in h.text for h in hits)
    assert [h.metadata["content_id"] for h in store.search("acme", "latte", where={"platform": "LinkedIn"})] == ["a2"]
    # like memory-agent's test: another user's namespace stays empty
    assert store.search("initech", "coffee", k=5) == []
    assert store.count("initech") == 0 and store.count("acme") == 2


@pytest.mark.parametrize("mode", ["per-tenant", "shared"])
def test_add_is_an_upsert_and_delete_stays_in_the_tenant(tmp_path: Path, mode: str) -> None:
    store = winners_store(tmp_path / "chroma", mode)
    store.add([_item("acme", "a1", "first copy"), _item("globex", "a1", "globex copy with the same content id")])
    store.add([_item("acme", "a1", "corrected copy")])
    assert store.count("acme") == 1
    assert store.search("acme", "copy")[0].text == "corrected copy"
    globex_id = _item("globex", "a1", "x").id
    store.delete("acme", [globex_id])  # another tenant's id is ignored
    assert store.count("globex") == 1
    store.delete("acme")
    assert store.count("acme") == 0 and store.count("globex") == 1
    reopened = winners_store(tmp_path / "chroma", mode)  # persistent: survives a new client
    assert reopened.count("globex") == 1


def test_store_rejects_missing_tenant_and_bad_urls(tmp_path: Path) -> None:
    store = winners_store(tmp_path / "chroma")
    with pytest.raises(ValueError, match="tenant"):
        store.search("", "anything")
    with pytest.raises(ValueError, match="Chroma URL"):
        chroma_client(url="chroma.internal:8000")
    with pytest.raises(ValueError, match="folder"):
        chroma_client()
    with pytest.raises(ValueError, match="either"):
        WinnersStore()


def test_tenant_collections_hide_names_and_queries_are_embedded_once(tmp_path: Path) -> None:
    calls: list[int] = []

    class Counting(MiniLMEmbedding):
        def embed(self, texts: list[str]) -> np.ndarray:
            calls.append(len(texts))
            return shared_embedding().embed(texts)

    from memory.winners import tenant_winners

    client = chroma_client(path=tmp_path / "chroma")
    store = tenant_winners(client, Counting())
    store.add([_item("Acme Corp", "a1", "Why does espresso taste bitter?")])
    names = [c.name for c in client.list_collections()]
    assert len(names) == 1 and "acme" not in names[0].lower()
    calls.clear()
    for _ in range(3):
        assert store.search("Acme Corp", "coffee")[0].metadata["content_id"] == "a1"
    assert calls == [1]  # the query text was embedded once, then reused
