"""Winners store: excellent and good content in a Chroma collection, searched by meaning within one tenant."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlparse

from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from chromadb.api.types import EmbeddingFunction, Where
from chromadb.config import Settings as ChromaSettings

from memory.embeddings import MiniLMEmbedding

COLLECTION = "winners"
_BATCH = 256
_QUERY_CACHE = 256


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


CollectionFor = Callable[[str], Collection]


class WinnersStore:
    """add/search/delete over Chroma collections it is given (nodes depend on this, not on chromadb).

    Give one shared ``collection`` (every query is filtered by tenant metadata) or ``collections``, a function
    returning each tenant's own collection (isolation by construction, and no filter cost at 10,000s of winners).
    """

    def __init__(self, collection: Collection | None = None, *, collections: CollectionFor | None = None,
                 embedding_function: EmbeddingFunction[Any] | None = None) -> None:
        """Wrap a shared collection or a per-tenant collection function; queries are embedded once per text."""
        if (collection is None) == (collections is None):
            raise ValueError("give either one shared collection or a per-tenant collections function")
        self.collection = collection
        self._collections = collections
        self._embed = embedding_function
        self._query_vectors: OrderedDict[str, Any] = OrderedDict()

    def _scope(self, tenant: str) -> tuple[Collection, dict[str, Any] | None]:
        if not tenant:
            raise ValueError("winners are always scoped to a tenant")
        if self._collections is not None:
            return self._collections(tenant), None
        if self.collection is None:
            raise ValueError("the store has neither a shared collection nor per-tenant collections")
        return self.collection, {"tenant": tenant}

    def add(self, items: Sequence[WinnerItem], embeddings: Sequence[Any] | None = None) -> int:
        """Insert or replace items (with precomputed ``embeddings`` when given); returns how many were written."""
        if embeddings is not None and len(embeddings) != len(items):
            raise ValueError(f"{len(embeddings)} embeddings for {len(items)} items")
        for tenant in dict.fromkeys(i.tenant for i in items):
            own = [n for n, i in enumerate(items) if i.tenant == tenant]
            collection, _ = self._scope(tenant)
            for start in range(0, len(own), _BATCH):
                batch = own[start:start + _BATCH]
                collection.upsert(ids=[items[n].id for n in batch], documents=[items[n].text for n in batch],
                                  metadatas=[items[n].metadata() for n in batch],  # type: ignore[arg-type]
                                  embeddings=[embeddings[n] for n in batch] if embeddings is not None else None)
        return len(items)

    def _query_vector(self, query: str) -> Any:
        if self._embed is None:
            return None
        vector = self._query_vectors.pop(query, None)
        if vector is None:
            vector = self._embed([query])[0]
        self._query_vectors[query] = vector
        while len(self._query_vectors) > _QUERY_CACHE:
            self._query_vectors.popitem(last=False)
        return vector

    def search(self, tenant: str, query: str, *, k: int = 5, where: dict[str, Any] | None = None) -> list[WinnerHit]:
        """The ``k`` winners of ``tenant`` closest in meaning to ``query``; never another tenant's."""
        collection, scope = self._scope(tenant)
        clauses = [*([scope] if scope else []), *({key: value} for key, value in (where or {}).items())]
        condition = cast(Where | None, clauses[0] if len(clauses) == 1 else {"$and": clauses} if clauses else None)
        vector = self._query_vector(query)
        found = (collection.query(query_embeddings=[vector], n_results=k, where=condition) if vector is not None
                 else collection.query(query_texts=[query], n_results=k, where=condition))
        ids, docs = found["ids"][0], (found["documents"] or [[]])[0]
        metas, dists = (found["metadatas"] or [[]])[0], (found["distances"] or [[]])[0]
        return [WinnerHit(id=i, text=d or "", metadata=dict(m or {}), similarity=1.0 - float(dist))
                for i, d, m, dist in zip(ids, docs, metas, dists, strict=True)
                if (m or {}).get("tenant") == tenant]

    def delete(self, tenant: str, ids: Sequence[str] | None = None) -> None:
        """Delete the given ids of ``tenant`` (ids of other tenants are ignored), or all of its winners."""
        collection, _ = self._scope(tenant)
        if ids is not None:
            own = [i for i in ids if i.startswith(f"{tenant}:")]
            if own:
                collection.delete(ids=own)
            return
        collection.delete(where={"tenant": tenant})

    def count(self, tenant: str) -> int:
        """How many winners ``tenant`` has stored."""
        collection, scope = self._scope(tenant)
        if scope is None:
            return collection.count()
        return len(collection.get(where=scope, include=[])["ids"])


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
    function = cast(Any, embedding_function or MiniLMEmbedding())
    return client.get_or_create_collection(name=name, embedding_function=function,
                                           configuration={"hnsw": {"space": "cosine"}})


class TenantCollections:
    """One Chroma collection per tenant (``winners-<hash of tenant>``), created on first use."""

    def __init__(self, client: ClientAPI, *, prefix: str = COLLECTION,
                 embedding_function: EmbeddingFunction[Any] | None = None) -> None:
        """Collections in ``client`` named from ``prefix``; one embedding function shared by all."""
        self._client = client
        self._prefix = prefix
        self._embed = embedding_function or MiniLMEmbedding()
        self._open: dict[str, Collection] = {}

    @property
    def embedding_function(self) -> EmbeddingFunction[Any]:
        """The embedding function every tenant collection uses."""
        return self._embed

    def name_for(self, tenant: str) -> str:
        """The collection name of ``tenant`` (a hash, so names never leak into Chroma's catalog)."""
        return f"{self._prefix}-{hashlib.sha256(tenant.encode()).hexdigest()[:24]}"

    def __call__(self, tenant: str) -> Collection:
        """The tenant's collection."""
        if tenant not in self._open:
            self._open[tenant] = winners_collection(self._client, name=self.name_for(tenant),
                                                    embedding_function=self._embed)
        return self._open[tenant]


def tenant_winners(client: ClientAPI, embedding_function: EmbeddingFunction[Any] | None = None) -> WinnersStore:
    """A winners store with one collection per tenant in ``client``."""
    collections = TenantCollections(client, embedding_function=embedding_function)
    return WinnersStore(collections=collections, embedding_function=collections.embedding_function)
