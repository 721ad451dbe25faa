"""Pieces of the HTTP layer without a server: SSE framing and fan-out, message events, rate limit, serialisation."""

from __future__ import annotations

import asyncio
import threading

from langchain_core.messages import AIMessage, AIMessageChunk
from langgraph.types import Interrupt

from api.limits import ApiLimits, RateLimiter, retry_after
from api.serde import dumps, jsonable
from api.streams import MessageTracker, RunStream
from tools.result import Issue


def test_rate_limiter_refills_per_key() -> None:
    now = [0.0]
    limiter = RateLimiter(per_minute=2, clock=lambda: now[0])
    assert limiter.acquire("a") is None and limiter.acquire("a") is None
    wait = limiter.acquire("a")
    assert wait is not None and 29.0 < wait <= 30.0 and retry_after(wait) == "30"
    assert limiter.acquire("b") is None, "another key has its own bucket"
    now[0] = 30.0
    assert limiter.acquire("a") is None
    assert retry_after(0.01) == "1"


def test_limits_read_only_known_settings_fields() -> None:
    class Fake:
        api_rate_limit = 5
        api_cors_origins = "https://a.example, https://b.example"

    limits = ApiLimits.from_settings(Fake())  # type: ignore[arg-type]
    assert limits.api_rate_limit == 5 and limits.api_max_body_bytes == ApiLimits().api_max_body_bytes
    assert limits.origins == ["https://a.example", "https://b.example"]


def test_run_stream_replays_then_follows_events_published_from_another_thread() -> None:
    stream = RunStream()
    stream.publish("metadata", {"run_id": "r1"})

    async def read(after: int) -> list[tuple[int, str]]:
        return [(e.id, e.event) async for e in stream.follow(after)]

    async def scenario() -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
        readers = asyncio.gather(read(0), read(1))
        await asyncio.sleep(0.05)

        def work() -> None:
            stream.publish("updates", {"write_section": {}})
            stream.publish("values", {"result": None})
            stream.close()

        threading.Thread(target=work).start()
        return await asyncio.wait_for(readers, timeout=5)

    everything, after_first = asyncio.run(scenario())
    assert everything == [(1, "metadata"), (2, "updates"), (3, "values")]
    assert after_first == [(2, "updates"), (3, "values")]
    assert next(iter(stream._events)).encode() == b'event: metadata\ndata: {"run_id":"r1"}\nid: 1\n\n'


def test_message_chunks_become_metadata_then_growing_partials() -> None:
    tracker = MessageTracker(as_tuples=False)
    first = tracker.events((AIMessageChunk(content="Hel", id="m1"), {"langgraph_node": "write_section"}), "")
    second = tracker.events((AIMessageChunk(content="lo", id="m1"), {"langgraph_node": "write_section"}), "")
    assert [e for e, _ in first] == ["messages/metadata", "messages/partial"]
    assert first[0][1] == {"m1": {"metadata": {"langgraph_node": "write_section"}}}
    assert [e for e, _ in second] == ["messages/partial"] and second[0][1][0].content == "Hello"
    done = tracker.events((AIMessage(content="Done", id="m2"), {}), "|write_pack:1")
    assert [e for e, _ in done] == ["messages/metadata", "messages/complete|write_pack:1"]
    tuples = MessageTracker(as_tuples=True).events((AIMessageChunk(content="x", id="m3"), {"k": 1}), "")
    assert tuples[0][0] == "messages" and jsonable(tuples[0][1])[1] == {"k": 1}


def test_state_values_serialise_models_interrupts_and_messages() -> None:
    value = {"issue": Issue(code="X", severity="warning", message="m"), "pause": Interrupt(value={"q": 1}, id="i1"),
             "tags": {"b", "a"}, "msg": AIMessage(content="hi")}
    data = jsonable(value)
    assert data["issue"]["code"] == "X" and data["pause"] == {"value": {"q": 1}, "id": "i1"}
    assert data["tags"] == ["a", "b"] and data["msg"]["content"] == "hi"
    assert dumps({1: "a"}) == b'{"1":"a"}'
