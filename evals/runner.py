"""Run a dataset with its target and evaluators: a local scorecard always, a LangSmith experiment on request."""

from __future__ import annotations

import os
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import yaml

from evals.dataset import Dataset, EvalExample, load_dataset
from evals.decision_evaluators import DECISION_EVALUATORS
from evals.evaluators import PACK_EVALUATORS, EvalResult, Evaluator, result, section_rubric
from evals.targets import SubsystemMissing, Target, intake_target, kaizen_target, leads_target, pack_target

THRESHOLDS_PATH = Path(__file__).parent / "thresholds.yaml"
# what a target or an evaluator may raise on a bad example; recorded on that example, the run goes on
EXAMPLE_ERRORS = (ValueError, LookupError, TypeError, RuntimeError, OSError, ArithmeticError)
Progress = Callable[["ExampleRecord"], None]


class EvalConfigError(ValueError):
    """The requested run cannot start (unknown dataset, LLM without a model, upload without a key)."""


@dataclass(frozen=True)
class RunConfig:
    """What to run and how; recorded in the scorecard and as the LangSmith experiment's metadata."""

    dataset: str
    engine: Literal["offline", "llm"] = "offline"
    model: str | None = None
    limit: int | None = None
    examples: tuple[str, ...] = ()
    upload: bool = False
    judge: bool | None = None  # None: judge when a model is configured
    thresholds: Path = THRESHOLDS_PATH


@dataclass
class ExampleRecord:
    """One example's run: its outputs, time, error (if the target failed) and every evaluator's result."""

    example: EvalExample
    run_id: str
    outputs: dict[str, Any]
    seconds: float
    error: str | None = None
    results: list[EvalResult] = field(default_factory=list)


def load_thresholds(path: Path = THRESHOLDS_PATH) -> dict[str, dict[str, dict[str, float]]]:
    """Floors per dataset and evaluator: {dataset: {key: {mean, min}}}."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise EvalConfigError(f"{path}: expected a mapping of datasets")
    return data


def settings_for(config: RunConfig, base: Any = None) -> Any:
    """Settings from the environment with the run's engine, model and (for the LLM engine) the rubric on."""
    from api.settings import Settings

    overrides: dict[str, Any] = {"engine": config.engine}
    if config.model:
        overrides["llm_chain"] = config.model
    if config.engine == "llm":
        overrides["critic_rubric"] = True
    if base is not None:
        return base.model_copy(update=overrides)
    return Settings(**overrides)


def evaluators_for(config: RunConfig, settings: Any) -> list[Evaluator]:
    """The dataset's evaluators, plus the section rubric (LLM engine) and the LLM judge when a model is set."""
    if config.dataset in DECISION_EVALUATORS:
        return list(DECISION_EVALUATORS[config.dataset])
    evaluators = list(PACK_EVALUATORS)
    if config.engine == "llm":
        evaluators.append(section_rubric)
    wants_judge = config.judge if config.judge is not None else bool(settings.chain_for("critic"))
    if wants_judge:
        from evals.judge import judge_chain, make_llm_judge

        chain = judge_chain(settings)
        if chain is None:
            raise EvalConfigError("--judge needs a model: pass --model (e.g. local:smollm2) or set AICMO_LLM_CHAIN")
        evaluators.append(make_llm_judge(chain))
    return evaluators


@contextmanager
def target_for(config: RunConfig, settings: Any, workdir: Path) -> Iterator[Target]:
    """The dataset's target; raises SubsystemMissing when its part of AICMO is not in this checkout."""
    if config.dataset == "packs":
        with pack_target(settings, config.engine) as target:
            yield target
    elif config.dataset == "leads":
        yield leads_target()
    elif config.dataset == "kaizen":
        with kaizen_target(workdir) as target:
            yield target
    elif config.dataset == "intake":
        with intake_target() as target:
            yield target
    else:
        raise EvalConfigError(f"no target for dataset '{config.dataset}'")


def score_example(example: EvalExample, outputs: dict[str, Any], evaluators: list[Evaluator]) -> list[EvalResult]:
    """Every evaluator's result; an evaluator that breaks on this example scores 0 with the error as comment."""
    run = {"outputs": outputs, "inputs": example.inputs}
    scored = []
    for evaluator in evaluators:
        try:
            scored.append(evaluator(run, example))
        except EXAMPLE_ERRORS as exc:
            scored.append(result(evaluator.__name__, 0.0, f"evaluator error: {type(exc).__name__}: {exc}"))
    return scored


def run_examples(dataset: Dataset, target: Target, evaluators: list[Evaluator],
                 progress: Progress | None = None) -> list[ExampleRecord]:
    """Call the target on every example, then score it."""
    records = []
    for example in dataset.examples:
        started, error, outputs = time.perf_counter(), None, {}
        try:
            outputs = target(example.inputs)
        except EXAMPLE_ERRORS as exc:
            error = f"{type(exc).__name__}: {exc}"
        record = ExampleRecord(example=example, run_id=str(outputs.get("run_id") or uuid.uuid4()), outputs=outputs,
                               seconds=round(time.perf_counter() - started, 3), error=error,
                               results=score_example(example, outputs, evaluators))
        records.append(record)
        if progress:
            progress(record)
    return records


def git_commit() -> str | None:
    """The checkout's commit, when git can tell."""
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=5,
                              cwd=Path(__file__).parent, check=True)
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def run_metadata(config: RunConfig, dataset: Dataset, settings: Any) -> dict[str, Any]:
    """The run's configuration: what LangSmith shows as experiment metadata and the scorecard records."""
    chain = settings.chain_for("copywriter") if config.engine == "llm" else None
    return {"dataset": dataset.name, "dataset_version": dataset.version, "engine": config.engine,
            "model": config.model or chain, "limit": config.limit, "examples": len(dataset.examples),
            "example_ids": list(config.examples) or None,
            "critic_rubric": bool(getattr(settings, "critic_rubric", False)),
            "max_revisions": getattr(settings, "max_revisions", None), "git_commit": git_commit()}


def _from_langsmith(dataset: Dataset, rows: list[dict[str, Any]]) -> list[ExampleRecord]:
    by_slug = {e.id: e for e in dataset.examples}
    return [ExampleRecord(example=by_slug[row["example"]], run_id=row["run_id"], outputs=row["outputs"], seconds=0.0,
                          error=row["error"], results=row["results"]) for row in rows]


def langsmith_client() -> Any:
    """A LangSmith client; raises EvalConfigError when no API key is set."""
    if not (os.environ.get("LANGSMITH_API_KEY") or os.environ.get("LANGCHAIN_API_KEY")):
        raise EvalConfigError("--upload needs LANGSMITH_API_KEY; without it the run stays local (drop --upload)")
    from langsmith import Client

    return Client()


@dataclass
class EvalRun:
    """A finished run: the records, the configuration and where it was recorded."""

    config: RunConfig
    dataset: Dataset
    metadata: dict[str, Any]
    records: list[ExampleRecord]
    started_at: str
    seconds: float
    experiment_url: str | None = None
    skipped: str | None = None

    def config_dict(self) -> dict[str, Any]:
        """The configuration as JSON-ready values."""
        return {k: str(v) if isinstance(v, Path) else v for k, v in asdict(self.config).items()}


def run_eval(config: RunConfig, *, now: datetime, settings: Any = None, progress: Progress | None = None,
             client: Any = None) -> EvalRun:
    """Run one dataset end to end; a missing subsystem gives a skipped run, not an error."""
    dataset = load_dataset(config.dataset).only(config.examples).limited(config.limit)
    settings = settings_for(config, settings)
    if config.engine == "llm" and config.dataset == "packs" and not settings.provider_keys_configured:
        raise EvalConfigError("--engine llm needs a model: pass --model local:smollm2 (with AICMO_LOCAL_BASE_URL) "
                              "or set AICMO_LLM_CHAIN / a provider key")
    if config.upload and client is None:
        client = langsmith_client()
    evaluators = evaluators_for(config, settings)
    metadata = run_metadata(config, dataset, settings)
    started = time.perf_counter()
    run = EvalRun(config=config, dataset=dataset, metadata=metadata, records=[], started_at=now.isoformat(),
                  seconds=0.0)
    with tempfile.TemporaryDirectory(prefix="aicmo-eval-") as workdir:
        try:
            with target_for(config, settings, Path(workdir)) as target:
                if config.upload:
                    from evals.langsmith_sync import run_experiment

                    rows, run.experiment_url = run_experiment(dataset, target, evaluators, metadata, upload=True,
                                                              client=client)
                    run.records = _from_langsmith(dataset, rows)
                else:
                    run.records = run_examples(dataset, target, evaluators, progress)
        except SubsystemMissing as exc:
            run.skipped = f"dataset '{dataset.name}' skipped: {exc}"
    run.seconds = round(time.perf_counter() - started, 2)
    return run
