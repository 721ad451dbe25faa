"""The issue's scripted conversation, offline, on SQLite and on PostgreSQL: vague first message to approved pack.

A vague answer gets a follow-up, contradictions are questioned, a new process continues the same thread, a
regenerate with an instruction changes that section only and keeps it passing, and the final pack passes every gate.
"""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from api.chat import ChatSession, intake_recorder, open_chat
from api.settings import Settings
from memory.events import EventType

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 11, 22)
PACK = "quick_social_basic"
FIRST_PROCESS = ["We're a vegan bakery opening in Austin, we want more foot traffic.", "Crumb & Co",
                 "Vegan pastries, cakes and coffee", "everyone"]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.integration)])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings for one backend: the SQLite file under a fresh home, or the real PostgreSQL server."""
    url = request.getfixturevalue("postgres_url") if request.param == "postgres" else None
    return Settings(home=tmp_path / "home", database_url=url, engine="offline")


def _first_process(settings: Settings, thread: str) -> dict[str, Any]:
    url = ["--database-url", settings.database_url] if settings.database_url else []
    command = [sys.executable, "-m", "tests.support.chat_driver", "--home", str(settings.home), *url,
               "--thread", thread, "--pack", PACK, "--today", TODAY.isoformat(), *FIRST_PROCESS]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _say(session: ChatSession, text: str) -> dict[str, Any]:
    session.send(text)
    return session.pause() or {}


def _finish_intake(session: ChatSession) -> list[tuple[str, str]]:
    progress: list[tuple[str, str]] = []
    goal = _say(session, "Plant-based millennials and office workers within 2 miles of South Congress")
    assert goal["field"] == "primary_goal" and goal["question"].startswith("That is still broad")
    assert _say(session, "300 new weekly visitors within 3 months")["field"] == "budget"
    assert _say(session, "about $18k")["field"] == "platforms"
    clash = _say(session, "Instagram and TikTok, email too. Actually no TikTok")
    assert clash["type"] == "conflict" and "TikTok" in clash["question"]
    assert _say(session, "no")["type"] == "confirm"
    restated = _say(session, "oh and our budget is €5.000 a month")
    assert restated["type"] == "conflict" and "18,000 USD total" in restated["question"]
    confirm = _say(session, "1")
    assert confirm["type"] == "confirm" and ["Budget", "18,000 USD total"] in [list(r) for r in confirm["summary"]]
    session.send("yes", on_section=lambda node, section: progress.append((node, section.id)))
    return progress


def _regenerate_one(session: ChatSession, section_id: str) -> None:
    before = session.sections()
    session.send({"action": "regenerate", "section_id": section_id, "instruction": "make it more Instagram-heavy"})
    after = session.sections()
    assert after[section_id].markdown != before[section_id].markdown, "the instruction changed the section"
    assert "Instagram leads for Crumb & Co" in after[section_id].markdown
    assert after[section_id].status != "FAIL" and after[section_id].attempts == before[section_id].attempts + 1
    assert after[section_id].history[-1]["markdown"] == before[section_id].markdown
    for sid, section in after.items():
        if sid != section_id:
            assert (section.markdown, section.attempts) == (before[sid].markdown, before[sid].attempts), sid


def test_scripted_conversation_to_an_approved_pack(settings: Settings) -> None:
    thread = f"chat-{uuid.uuid4().hex[:12]}"
    paused = _first_process(settings, thread)
    assert paused["field"] == "primary_customer" and paused["question"].startswith("That is still broad"), paused
    events: list[str] = []
    with open_chat(settings, thread, PACK, "offline", events=lambda kind, _: events.append(kind),
                   today=TODAY) as session:
        assert session.pause() == paused, "the new process continues exactly where the first one stopped"
        progress = _finish_intake(session)
        assert sorted(sid for node, sid in progress if node == "write_section") == sorted(session.sections())
        review = session.pause() or {}
        assert "actions" in review and not review.get("error")
        before = session.sections()
        session.send({"action": "regenerate", "section_id": "no_such_section", "instruction": "x"})
        assert "unknown section_id 'no_such_section'" in (session.pause() or {})["error"]
        assert session.sections() == before, "a refused decision changes nothing"
        _regenerate_one(session, "overview")
        session.send({"action": "approve"})
        result = session.result()
    assert result is not None and result.thread_id == thread
    assert result.quality_passed and result.status != "FAIL" and result.error_type is None
    assert not [i for i in result.pack_issues if i.severity == "error"]
    assert all(s.status != "FAIL" for s in result.sections)
    assert result.brief["avoid_platforms"] == ["TikTok"] and result.brief["budget"]["amount"] == 18000
    assert events[-1] == "approved" and "clarity_scored" in events


def test_intake_events_are_stored_in_the_event_log(tmp_path: Path) -> None:
    from api.learning import open_learning

    settings = Settings(home=tmp_path / "home", engine="offline")
    with open_learning(settings) as learning, open_chat(settings, "events-1", PACK, "offline", today=TODAY) as chat:
        problems: list[str] = []
        chat.events = intake_recorder(learning.events, "acme", "events-1", problems.append)
        for text in ["Hi, we're Crumb & Co, a vegan bakery in Austin and we want 300 new customers in 3 months. "
                     "Budget is about $18k.", "Vegan pastries and coffee",
                     "Plant-based office workers aged 25-40 near South Congress", "Instagram", "yes"]:
            chat.send(text)
        stored = learning.events.list_events("acme", limit=None)
    assert problems == []
    steps = {e.payload["step"] for e in stored}
    assert steps == {"started", "clarity_scored", "clarification_requested", "clarification_received", "approved"}
    assert {e.type.family for e in stored} == {"intake"}
    assert all(e.run_id == "events-1" for e in stored)
    assert EventType.INTAKE_STARTED in {e.type for e in stored}
