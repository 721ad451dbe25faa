"""Winners store: excellent and good content in a Chroma collection, searched by meaning within one tenant."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.api.types import EmbeddingFunction
from chromadb.config import Settings as ChromaSettings

from memory.embeddings import MiniLMEmbedding

COLLECTION = "winners"
_BATCH = 256


def winner_id(tenant: str, content_id: str, day: date | str, platform: str) -> str:
    """Stable id of one winning record (re-adding the same record replaces it)."""
    digest = hashlib.sha256(f"{content_id}\x1f{day}\x1f{platform}".encode()).hexdigest()[:24]
    return f"{tenant}:{digest}"


@dataclass(frozen=True)
class WinnerItem:
    """One winning piece of content with the metadata search filters on."""

    tenant: str
    content_id: str
    date: date
    text: str
    platform: str
    industry: str = ""
    content_type: str = ""
    hook: str = ""
    hook_style: str = ""
    tone: str = ""
    tier: str = "good"
    engagement_rate: float = 0.0

    @property
    def id(self) -> str:
        """The item's id in the collection."""
        return winner_id(self.tenant, self.content_id, self.date, self.platform)

    def metadata(self) -> dict[str, str | float]:
        """Chroma metadata (scalars only)."""
        return {"tenant": self.tenant, "content_id": self.content_id, "date": self.date.isoformat(),
                "platform": self.platform, "industry": self.industry.casefold(), "content_type": self.content_type,
                "hook": self.hook, "hook_style": self.hook_style, "tone": self.tone, "tier": self.tier,
                "engagement_rate": float(self.engagement_rate)}


@dataclass(frozen=True)
class WinnerHit:
    """A search result: the stored text, its metadata and how close it is (cosine similarity, 1 = same)."""

    id: str
    text: str
    metadata: dict[str, Any]
    similarity: float


class WinnersStore:
    """add/search/delete over a Chroma collection it is given (nodes depend on this, not on chromadb)."""

    def __init__(self, collection: Collection) -> None:
        """Wrap ``collection`` (its embedding function computes every vector)."""
        self.collection = collection

    def add(self, items: Sequence[WinnerItem]) -> int:
        """Insert or replace items; returns how many were written."""
        for start in range(0, len(items), _BATCH):
            batch = items[start:start + _BATCH]
            self.collection.upsert(ids=[i.id for i in batch], documents=[i.text for i in batch],
                                   metadatas=[i.metadata() for i in batch])  # type: ignore[arg-type]
        return len(items)

    def search(self, tenant: str, query: str, *, k: int = 5, where: dict[str, Any] | None = None) -> list[WinnerHit]:
        """The ``k`` winners of ``tenant`` closest in meaning to ``query``; never another tenant's."""
        if not tenant:
            raise ValueError("search needs a tenant")
        clauses: list[dict[str, Any]] = [{"tenant": tenant}, *({key: value} for key, value in (where or {}).items())]
        found = self.collection.query(query_texts=[query], n_results=k,
                                      where=clauses[0] if len(clauses) == 1 else {"$and": clauses})
        ids, docs = found["ids"][0], (found["documents"] or [[]])[0]
        metas, dists = (found["metadatas"] or [[]])[0], (found["distances"] or [[]])[0]
        return [WinnerHit(id=i, text=d or "", metadata=dict(m or {}), similarity=1.0 - float(dist))
                for i, d, m, dist in zip(ids, docs, metas, dists, strict=True)
                if (m or {}).get("tenant") == tenant]

    def delete(self, tenant: str, ids: Sequence[str] | None = None) -> None:
        """Delete the given ids of ``tenant`` (ids of other tenants are ignored), or all of its winners."""
        if ids is not None:
            own = [i for i in ids if i.startswith(f"{tenant}:")]
            if own:
                self.collection.delete(ids=own)
            return
        self.collection.delete(where={"tenant": tenant})

    def count(self, tenant: str | None = None) -> int:
        """How many winners are stored (for one tenant when given)."""
        if tenant is None:
            return self.collection.count()
        return len(self.collection.get(where={"tenant": tenant}, include=[])["ids"])


def chroma_client(*, path: Path | None = None, url: str | None = None) -> ClientAPI:
    """A Chroma client: HTTP when ``url`` is given, else an embedded store in ``path`` (telemetry off)."""
    import chromadb

    settings = ChromaSettings(anonymized_telemetry=False)
    if url:
        parts = urlparse(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname:
            raise ValueError(f"Chroma URL '{url}' must look like http://host:8000")
        return chromadb.HttpClient(host=parts.hostname, port=parts.port or (443 if parts.scheme == "https" else 80),
                                   ssl=parts.scheme == "https", settings=settings)
    if path is None:
        raise ValueError("give the folder of the embedded Chroma store or a Chroma URL")
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


def winners_collection(client: ClientAPI, *, name: str = COLLECTION,
                       embedding_function: EmbeddingFunction[Any] | None = None) -> Collection:
    """The winners collection with an explicit local embedding function and cosine distance."""
    return client.get_or_create_collection(name=name, embedding_function=embedding_function or MiniLMEmbedding(),
                                           configuration={"hnsw": {"space": "cosine"}})
