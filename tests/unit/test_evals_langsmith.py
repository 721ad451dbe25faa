"""LangSmith compatibility with no key and no network: the pytest plugin, local evaluate and dataset sync."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import pytest
from langsmith import testing as ls

from evals.dataset import load_dataset
from evals.decision_evaluators import lead_decision_accuracy
from evals.langsmith_sync import dataset_name, run_experiment, sync_dataset
from evals.targets import leads_target

SMOKE = ("ana-hot-cmo", "lou-manual-review", "oli-low-threshold-cold")


@pytest.mark.langsmith
@pytest.mark.parametrize("example_id", SMOKE)
def test_smoke_lead_decisions(example_id: str) -> None:
    example = next(e for e in load_dataset("leads").examples if e.id == example_id)
    ls.log_inputs(example.inputs)
    ls.log_reference_outputs(example.outputs)
    outputs = leads_target()(example.inputs)
    ls.log_outputs(outputs)
    scored = lead_decision_accuracy({"outputs": outputs}, example)
    ls.log_feedback(key=scored["key"], score=scored["score"])
    assert scored["score"] == 1.0, scored["comment"]


@pytest.mark.filterwarnings("ignore:'upload_results' parameter is in beta")
def test_langsmith_evaluate_runs_our_evaluators_locally(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGSMITH_TRACING_SAMPLING_RATE", "0")
    dataset = load_dataset("leads").limited(2)
    rows, url = run_experiment(dataset, leads_target(), [lead_decision_accuracy], {"engine": "offline"},
                               upload=False)
    assert url is None
    assert [r["example"] for r in rows] == [e.id for e in dataset.examples]
    for row in rows:
        uuid.UUID(row["run_id"])
        assert row["results"] == [{"key": "lead_decision_accuracy", "score": 1.0, "comment": "all 4 checks passed"}]


@dataclass
class RecordingClient:
    """Stands in for langsmith.Client's dataset methods (no key, no network here) and records every call."""

    datasets: dict[str, Any] = field(default_factory=dict)
    examples: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)

    def has_dataset(self, *, dataset_name: str) -> bool:
        return dataset_name in self.datasets

    def read_dataset(self, *, dataset_name: str) -> Any:
        return self.datasets[dataset_name]

    def create_dataset(self, name: str, *, description: str, metadata: dict[str, Any]) -> Any:
        self.calls.append("create_dataset")
        self.datasets[name] = type("Remote", (), {"id": uuid.uuid4(), "metadata": metadata})()
        return self.datasets[name]

    def list_examples(self, *, dataset_id: Any) -> list[Any]:
        return [type("Ex", (), {"id": uuid.UUID(i)})() for i in self.examples]

    def create_examples(self, *, dataset_id: Any, examples: list[dict[str, Any]]) -> None:
        self.calls.append(f"create_examples:{len(examples)}")
        self.examples.update({e["id"]: e for e in examples})

    def update_examples(self, *, dataset_id: Any, updates: list[dict[str, Any]]) -> None:
        self.calls.append(f"update_examples:{len(updates)}")
        self.examples.update({u["id"]: u for u in updates})


def test_sync_creates_then_updates_with_stable_ids() -> None:
    client = RecordingClient()
    dataset = load_dataset("kaizen")
    sync_dataset(client, dataset.limited(3))
    sync_dataset(client, dataset)
    assert client.calls == ["create_dataset", "create_examples:3", "create_examples:5", "update_examples:3"]
    assert set(client.examples) == {str(e.uuid("kaizen")) for e in dataset.examples}
    first = client.examples[str(dataset.examples[0].uuid("kaizen"))]
    assert first["metadata"]["example_slug"] == dataset.examples[0].id and first["outputs"]
    assert client.datasets[dataset_name(dataset)].metadata == {"version": "1.0.0", "source": "aicmo"}
