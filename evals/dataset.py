"""Eval datasets: JSONL files of examples in the LangSmith shape (inputs, reference outputs, metadata)."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATASETS_DIR = Path(__file__).parent / "datasets"
# Example ids in LangSmith are UUIDs; ours are readable slugs, mapped to stable UUIDs under this namespace.
_NAMESPACE = uuid.UUID("6f1d2c8e-5b7a-4e3f-9a61-0c4d2b9e7a15")


class DatasetError(ValueError):
    """A dataset file is missing or one of its lines is not a valid example."""


@dataclass(frozen=True)
class EvalExample:
    """One example: what the target receives, what a correct answer must satisfy, and how to slice it."""

    id: str
    inputs: dict[str, Any]
    outputs: dict[str, Any]
    metadata: dict[str, Any] = field(default_factory=dict)

    def uuid(self, dataset: str) -> uuid.UUID:
        """The stable LangSmith example id of this example inside ``dataset``."""
        return uuid.uuid5(_NAMESPACE, f"{dataset}/{self.id}")


@dataclass(frozen=True)
class Dataset:
    """A named, versioned list of examples."""

    name: str
    version: str
    examples: list[EvalExample]
    path: Path | None = None

    def only(self, ids: tuple[str, ...]) -> Dataset:
        """The examples with these ids, in dataset order (all when ``ids`` is empty); unknown ids are an error."""
        if not ids:
            return self
        unknown = sorted(set(ids) - {e.id for e in self.examples})
        if unknown:
            raise DatasetError(f"{self.name}: no example {unknown}")
        return Dataset(self.name, self.version, [e for e in self.examples if e.id in ids], self.path)

    def limited(self, limit: int | None) -> Dataset:
        """The first ``limit`` examples (all when None)."""
        if limit is None:
            return self
        return Dataset(self.name, self.version, self.examples[: max(0, limit)], self.path)


def dataset_names(root: Path = DATASETS_DIR) -> list[str]:
    """Names of the datasets in ``root`` (file stems)."""
    return sorted(p.stem for p in root.glob("*.jsonl"))


def _example(raw: Any, where: str) -> EvalExample:
    if not isinstance(raw, dict):
        raise DatasetError(f"{where}: expected a JSON object")
    missing = [k for k in ("id", "inputs", "outputs", "metadata") if k not in raw]
    if missing:
        raise DatasetError(f"{where}: missing {missing}")
    extra = sorted(set(raw) - {"id", "inputs", "outputs", "metadata"})
    if extra:
        raise DatasetError(f"{where}: unknown keys {extra}")
    if not all(isinstance(raw[k], dict) for k in ("inputs", "outputs", "metadata")):
        raise DatasetError(f"{where}: inputs, outputs and metadata must be objects")
    if not str(raw["metadata"].get("version", "")).strip():
        raise DatasetError(f"{where}: metadata.version is required")
    return EvalExample(id=str(raw["id"]), inputs=raw["inputs"], outputs=raw["outputs"], metadata=raw["metadata"])


def load_dataset(name: str, root: Path = DATASETS_DIR) -> Dataset:
    """Read ``root/<name>.jsonl``; raises DatasetError naming the file and line of any bad example."""
    path = root / f"{name}.jsonl"
    if not path.is_file():
        known = ", ".join(dataset_names(root)) or "none"
        raise DatasetError(f"no dataset '{name}' in {root} (known: {known})")
    examples: list[EvalExample] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path.name}:{number}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DatasetError(f"{where}: not JSON ({exc.msg})") from None
        examples.append(_example(raw, where))
    ids = [e.id for e in examples]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise DatasetError(f"{path.name}: duplicate example ids {duplicates}")
    if not examples:
        raise DatasetError(f"{path.name}: no examples")
    versions = sorted({str(e.metadata["version"]) for e in examples}, key=_version_key)
    return Dataset(name=name, version=versions[-1], examples=examples, path=path)


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) if p.isdigit() else 0 for p in version.split("."))


def to_langsmith(example: EvalExample, dataset: str, dataset_id: uuid.UUID | None = None) -> Any:
    """The example as a ``langsmith.schemas.Example`` (for ``langsmith.evaluate`` and uploads)."""
    from langsmith.schemas import Example

    return Example(id=example.uuid(dataset), dataset_id=dataset_id or uuid.uuid5(_NAMESPACE, dataset),
                   inputs=example.inputs, outputs=example.outputs,
                   metadata={**example.metadata, "example_slug": example.id})
