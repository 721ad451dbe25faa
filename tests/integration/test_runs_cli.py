"""`aicmo runs`: list, show, replay onto a new branch, export every step as JSON, prune, erase a tenant."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from api.chat import open_chat
from api.cli_runs import app
from api.runner import compiled_pack_graph, run_pack
from api.settings import Settings
from tools.brief import load_brief
from tools.catalog import sample_brief_paths

TODAY = date(2026, 11, 22)
PACK_NODES = {"validate_brief", "score_clarity", "build_kaizen_context", "plan_strategy", "write_section",
              "check_sections", "assemble_pack", "review_pack", "persist"}


def _runs(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args))
    assert "Traceback" not in result.output
    return result


def _pack_run(settings: Settings, thread: str) -> None:
    brief = load_brief(next(p for p in sample_brief_paths() if p.stem == "fitfusion_studio"))
    with compiled_pack_graph(settings) as graph:
        result = run_pack(graph, brief=brief.model_dump(mode="json", exclude_none=True), pack_key="quick_social_basic",
                          settings=settings, today=TODAY, thread_id=thread, engine="offline")
    assert result.quality_passed


def _chat_run(settings: Settings, thread: str) -> None:
    with open_chat(settings, thread, "quick_social_basic", "offline", today=TODAY) as chat:
        for text in ["Hi, we're Crumb & Co, a vegan bakery in Austin and we want 300 new customers in 3 months. "
                     "Budget is about $18k.", "Vegan pastries and coffee",
                     "Plant-based office workers aged 25-40 near South Congress", "Instagram", "yes"]:
            chat.send(text)
        assert "actions" in (chat.pause() or {})


@pytest.fixture(scope="module")
def template_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Written once per module: one finished pack run and one chat waiting in review (tenant acme)."""
    home = tmp_path_factory.mktemp("runs-template")
    settings = Settings(home=home, engine="offline")
    _pack_run(settings, "pack-thread")
    _chat_run(settings.model_copy(update={"tenant": "acme"}), "chat-thread")
    return home


@pytest.fixture
def runs_home(template_home: Path, _isolated_home: Path) -> Settings:
    """A private copy of the template home, so each test may replay, prune or erase."""
    shutil.copytree(template_home, _isolated_home, dirs_exist_ok=True)
    return Settings(home=_isolated_home, engine="offline")


def test_list_and_show(runs_home: Settings) -> None:
    listed = {row["thread_id"]: row for row in map(json.loads, _runs("list", "--json").output.splitlines())}
    assert listed["pack-thread"]["graph"] == "pack" and listed["pack-thread"]["status"] == "done PASS"
    assert listed["pack-thread"]["brand"] == "FitFusion Studio" and listed["pack-thread"]["pack_key"] == \
        "quick_social_basic"
    chat = listed["chat-thread"]
    assert (chat["graph"], chat["status"], chat["brand"], chat["tenant"]) == ("chat", "in review", "Crumb & Co", "acme")
    assert listed["pack-thread"]["duration_s"] >= 0
    table = _runs("list").output
    assert "pack-thread" in table and "chat-thread" in table
    shown = _runs("show", "chat-thread")
    assert shown.exit_code == 0
    for node in ("read_message", "assess_brief", "ask_user", "hand_off", "write_section x8", "assemble_pack"):
        assert node in shown.output, node


def test_replay_makes_a_new_branch_that_show_and_export_list(runs_home: Settings) -> None:
    before = json.loads(_runs("export", "pack-thread").output)
    assert len(before["branches"]) == 1
    ran = {node for step in before["steps"] for node in (o["node"] for o in step["outputs"])}
    assert ran >= PACK_NODES, "the export holds every node step"
    write = next(s for s in before["steps"] if "write_section" in s["nodes"])
    assert write["inputs"]["brief_model"]["brand_name"] == "FitFusion Studio" and write["seconds"] >= 0
    assert all(o["output"]["sections"] for o in write["outputs"])
    plan = next(s for s in before["steps"] if s["nodes"] == ["plan_strategy"])
    replayed = _runs("replay", "pack-thread", "--from", plan["parent_id"], "--engine", "offline")
    assert replayed.exit_code == 0 and "on a new branch" in replayed.output and "Result: PASS" in replayed.output
    after = json.loads(_runs("export", "pack-thread").output)
    assert len(after["branches"]) == 2 and after["branches"][0] in before["branches"]
    assert sum(1 for s in after["steps"] if s["source"] == "fork") == 1
    shown = _runs("show", "pack-thread").output
    assert "2 branch(es)" in shown
    for path in after["branches"]:
        assert path[-1] in shown, "both leaves are listed"


def test_replay_of_a_chat_rewrites_the_pack_from_the_confirmed_brief(runs_home: Settings) -> None:
    replayed = _runs("replay", "chat-thread")
    assert replayed.exit_code == 0 and "Result: PASS" in replayed.output
    listed = {row["thread_id"]: row for row in map(json.loads, _runs("list", "--json").output.splitlines())}
    assert listed["chat-thread"]["status"] == "done PASS", "the newest branch is the replayed one"


@pytest.mark.parametrize("args,message", [
    (["show", "nope"], "No run with thread id 'nope'"),
    (["export", "nope"], "No run with thread id 'nope'"),
    (["replay", "pack-thread", "--from", "not-a-checkpoint"], "--from: no checkpoint 'not-a-checkpoint'"),
    (["replay", "pack-thread", "--engine", "turbo"], "--engine: 'turbo' is not one of"),
    (["prune", "--older-than", "a while"], "--older-than: 'a while' is not a span"),
])
def test_bad_input_is_refused_and_changes_nothing(runs_home: Settings, args: list[str], message: str) -> None:
    before = _runs("export", "pack-thread").output
    result = _runs(*args)
    assert result.exit_code == 2 and message in result.output
    assert _runs("export", "pack-thread").output == before


def test_prune_and_tenant_erasure(runs_home: Settings) -> None:
    from api.learning import open_learning

    with open_learning(runs_home) as learning:
        learning.events.record("acme", "INTAKE_STARTED", payload={"step": "started"})
        learning.events.record("default", "INTAKE_STARTED", payload={"step": "started"})
    kept = _runs("prune", "--older-than", "30d")
    assert kept.exit_code == 0 and "Deleted 0 run(s)" in kept.output
    erased = _runs("delete", "--tenant", "acme")
    assert "Deleted 1 run(s) of tenant acme: chat-thread" in erased.output and "erased" in erased.output
    assert _runs("show", "chat-thread").exit_code == 2, "erasure removes the checkpoints too"
    with open_learning(runs_home) as learning:
        assert learning.events.list_events("acme") == [] and len(learning.events.list_events("default")) == 1
    dry = _runs("prune", "--older-than", "0h", "--dry-run")
    assert "Would delete 1 run(s)" in dry.output and _runs("show", "pack-thread").exit_code == 0
    assert "Deleted 1 run(s)" in _runs("prune", "--older-than", "0h").output
    assert _runs("list", "--json").output.strip() == ""


@pytest.mark.integration
def test_replay_and_export_on_postgres(_isolated_home: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch
                                       ) -> None:
    import uuid

    monkeypatch.setenv("AICMO_DATABASE_URL", postgres_url)
    thread = f"pg-{uuid.uuid4().hex[:10]}"
    _pack_run(Settings(home=_isolated_home, database_url=postgres_url, engine="offline"), thread)
    assert _runs("replay", thread).exit_code == 0
    exported = json.loads(_runs("export", thread).output)
    assert len(exported["branches"]) == 2 and exported["graph"] == "pack"
