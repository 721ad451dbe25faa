"""LangSmith: create or update a dataset from our JSONL, and run ``langsmith.evaluate`` over it."""

from __future__ import annotations

from typing import Any

from evals.dataset import Dataset, EvalExample, to_langsmith
from evals.evaluators import Evaluator
from evals.targets import Target


def dataset_name(dataset: Dataset) -> str:
    """The LangSmith dataset name for one of ours."""
    return f"aicmo-{dataset.name}"


def sync_dataset(client: Any, dataset: Dataset) -> Any:
    """Create the dataset when missing, then create new examples and update changed ones (stable ids)."""
    name = dataset_name(dataset)
    description = (f"AICMO eval dataset '{dataset.name}' (version {dataset.version}), "
                   f"evals/datasets/{dataset.name}.jsonl")
    if client.has_dataset(dataset_name=name):
        remote = client.read_dataset(dataset_name=name)
    else:
        remote = client.create_dataset(name, description=description,
                                       metadata={"version": dataset.version, "source": "aicmo"})
    existing = {str(e.id) for e in client.list_examples(dataset_id=remote.id)}
    rows = [_row(e, dataset.name) for e in dataset.examples]
    new = [r for r in rows if r["id"] not in existing]
    changed = [r for r in rows if r["id"] in existing]
    if new:
        client.create_examples(dataset_id=remote.id, examples=new)
    if changed:
        client.update_examples(dataset_id=remote.id, updates=changed)
    return remote


def _row(example: EvalExample, dataset: str) -> dict[str, Any]:
    return {"id": str(example.uuid(dataset)), "inputs": example.inputs, "outputs": example.outputs,
            "metadata": {**example.metadata, "example_slug": example.id}}


def run_experiment(dataset: Dataset, target: Target, evaluators: list[Evaluator], metadata: dict[str, Any], *,
                   upload: bool, client: Any = None, prefix: str = "aicmo") -> tuple[list[dict[str, Any]], str | None]:
    """Rows of ``langsmith.evaluate`` as (example slug, run id, outputs, results); the experiment URL when uploaded.

    With ``upload`` the dataset is synced first and the experiment is recorded in LangSmith with ``metadata``;
    without it the same evaluators run locally on ``langsmith.schemas.Example`` objects.
    """
    from langsmith import evaluate

    if upload:
        remote = sync_dataset(client, dataset)
        data: Any = client.list_examples(dataset_id=remote.id, example_ids=[e.uuid(dataset.name)
                                                                            for e in dataset.examples])
    else:
        data = [to_langsmith(e, dataset.name) for e in dataset.examples]
    experiment = evaluate(target, data=data, evaluators=list(evaluators), metadata=metadata,
                          experiment_prefix=f"{prefix}-{dataset.name}-{metadata.get('engine', 'offline')}",
                          description=f"aicmo eval run --dataset {dataset.name}", max_concurrency=0,
                          client=client, upload_results=upload, blocking=True)
    rows = [_experiment_row(row) for row in experiment]
    url = getattr(experiment, "url", None) if upload else None
    return rows, url


def _experiment_row(row: Any) -> dict[str, Any]:
    run, example = row["run"], row["example"]
    results = [{"key": r.key, "score": r.score, "comment": r.comment or ""}
               for r in row["evaluation_results"]["results"]]
    return {"example": (example.metadata or {}).get("example_slug", str(example.id)), "run_id": str(run.id),
            "outputs": run.outputs or {}, "error": run.error, "results": results}

