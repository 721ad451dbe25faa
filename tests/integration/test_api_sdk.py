"""The official langgraph-sdk client against a running AICMO server: threads, streams, state, history, interrupts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from langgraph_sdk import get_sync_client
from langgraph_sdk.client import SyncLangGraphClient

from api.limits import ApiLimits
from api.settings import Settings
from tests.support.api_server import LiveServer, live_server
from tools.brief import load_brief
from tools.catalog import default_catalog, sample_brief_paths

PACK = "quick_social_basic"
SECTIONS = list(default_catalog().pack(PACK).sections)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    home = tmp_path_factory.mktemp("aicmo-api-home")
    with live_server(Settings(home=home), ApiLimits(api_rate_limit=10_000, api_run_workers=4)) as live:
        yield live


@pytest.fixture(scope="module")
def client(server: LiveServer) -> SyncLangGraphClient:
    return get_sync_client(url=server.url, api_key=server.key("sdk-tenant"), timeout=60.0)


def _input() -> dict[str, Any]:
    path = next(p for p in sample_brief_paths() if p.stem == "fitfusion_studio")
    return {"brief": load_brief(Path(path)).model_dump(mode="json", exclude_none=True), "pack_key": PACK}


def _written(parts: list[Any]) -> dict[str, list[str]]:
    """Section ids per writing node, from 'updates' events."""
    seen: dict[str, list[str]] = {}
    for part in parts:
        if part.event.split("|")[0] == "updates":
            for node, change in part.data.items():
                if node in {"write_section", "revise_section"}:
                    seen.setdefault(node, []).extend((change.get("sections") or {}).keys())
    return seen


def test_assistants_are_listed_and_described(client: SyncLangGraphClient) -> None:
    found = {a["assistant_id"] for a in client.assistants.search()}
    assert {"pack", "intake"} <= found
    assert client.assistants.get("pack")["graph_id"] == "pack"
    nodes = {n["id"] for n in client.assistants.get_graph("pack")["nodes"]}
    assert {"write_section", "review_pack"} <= nodes


def test_stream_a_pack_run_with_per_section_updates_then_state_and_history(client: SyncLangGraphClient) -> None:
    thread = client.threads.create(metadata={"purpose": "sdk-test"})
    parts = list(client.runs.stream(thread["thread_id"], "pack", input=_input(), stream_mode=["updates", "values"]))
    assert parts[0].event == "metadata" and parts[0].data["run_id"]
    assert not [p for p in parts if p.event == "error"]
    assert sorted(_written(parts)["write_section"]) == sorted(SECTIONS), "one update per section as it is written"
    final = [p for p in parts if p.event == "values"][-1].data
    assert final["result"]["quality_passed"] is True
    assert [s["id"] for s in final["result"]["sections"]] == SECTIONS

    state = client.threads.get_state(thread["thread_id"])
    assert state["next"] == [] and state["values"]["result"]["pack_key"] == PACK
    assert state["checkpoint"]["checkpoint_id"]
    history = client.threads.get_history(thread["thread_id"], limit=100)
    assert len(history) > len(SECTIONS) // 2
    assert history[0]["checkpoint"]["checkpoint_id"] == state["checkpoint"]["checkpoint_id"]
    earlier = client.threads.get_state(thread["thread_id"], checkpoint_id=history[-1]["checkpoint"]["checkpoint_id"])
    assert "result" not in earlier["values"]
    assert client.threads.get(thread["thread_id"])["status"] == "idle"
    assert client.threads.search(metadata={"purpose": "sdk-test"})[0]["thread_id"] == thread["thread_id"]


def test_resume_the_review_interrupt_with_commands(client: SyncLangGraphClient) -> None:
    thread = client.threads.create()
    tid = thread["thread_id"]
    paused = client.runs.wait(tid, "pack", input=_input(), context={"review": True})
    review = paused["__interrupt__"][0]["value"]
    assert [s["id"] for s in review["sections"]] == SECTIONS and "approve" in review["actions"]
    assert client.threads.get(tid)["status"] == "interrupted"
    assert client.threads.get_state(tid)["next"] == ["review_pack"]

    target = SECTIONS[1]
    decision = {"action": "regenerate", "section_id": target, "instruction": "Lead with the studio's community."}
    parts = list(client.runs.stream(tid, "pack", command={"resume": decision}, context={"review": True},
                                    stream_mode="updates"))
    assert _written(parts).get("revise_section") == [target]
    assert client.threads.get(tid)["status"] == "interrupted", "the pack is reviewed again after the rewrite"

    done = client.runs.wait(tid, "pack", command={"resume": {"action": "approve"}}, context={"review": True})
    assert "__interrupt__" not in done
    attempts = {s["id"]: s["attempts"] for s in done["result"]["sections"]}
    assert attempts[target] == 2 and attempts[SECTIONS[0]] == 1


def test_stateless_runs_leave_no_thread_behind(client: SyncLangGraphClient) -> None:
    before = len(client.threads.search(limit=1000))
    out = client.runs.wait(None, "pack", input=_input())
    assert out["result"]["quality_passed"] is True
    events = [p.event for p in client.runs.stream(None, "pack", input=_input(), stream_mode=["custom", "messages"])]
    assert events[0] == "metadata" and "error" not in events
    assert len(client.threads.search(limit=1000)) == before


def test_background_run_get_list_join_and_cancel(client: SyncLangGraphClient) -> None:
    tid = client.threads.create()["thread_id"]
    run = client.runs.create(tid, "pack", input=_input())
    assert run["status"] in {"pending", "running"}
    joined = client.runs.join(tid, run["run_id"])
    assert joined["result"]["quality_passed"] is True
    assert client.runs.get(tid, run["run_id"])["status"] == "success"
    assert run["run_id"] in {r["run_id"] for r in client.runs.list(tid)}

    big = {**_input(), "pack_key": "strategy_campaign_enterprise"}
    tid = client.threads.create()["thread_id"]
    busy = client.runs.create(tid, "pack", input=big)
    with pytest.raises(httpx.HTTPStatusError) as refused:
        client.runs.create(tid, "pack", input=big)
    assert refused.value.response.status_code == 409, "multitask_strategy=reject by default"
    queued = client.runs.create(tid, "pack", input=big, multitask_strategy="enqueue")
    client.runs.cancel(tid, queued["run_id"], wait=True)
    assert client.runs.get(tid, queued["run_id"])["status"] == "interrupted"
    assert client.runs.join(tid, busy["run_id"])["result"]["pack_key"] == "strategy_campaign_enterprise"
    assert client.runs.get(tid, busy["run_id"])["status"] == "success"


def test_unknown_assistant_and_foreign_thread_are_404(client: SyncLangGraphClient, server: LiveServer) -> None:
    tid = client.threads.create()["thread_id"]
    with pytest.raises(httpx.HTTPStatusError) as missing:
        client.runs.wait(tid, "no-such-assistant", input={})
    assert missing.value.response.status_code == 404
    other = get_sync_client(url=server.url, api_key=server.key("other-tenant"))
    with pytest.raises(httpx.HTTPStatusError) as hidden:
        other.threads.get_state(tid)
    assert hidden.value.response.status_code == 404
