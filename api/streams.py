"""Run event streams: a worker thread publishes SSE events, any number of async readers follow or wait."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, cast

from langchain_core.messages import BaseMessage, BaseMessageChunk, message_chunk_to_message

from api.serde import dumps


@dataclass(frozen=True)
class StreamEvent:
    """One SSE event: its id (1, 2, ...), name (values, updates|ns, error, ...) and JSON data."""

    id: int
    event: str
    data: bytes

    def encode(self) -> bytes:
        """The event in text/event-stream framing."""
        return b"event: " + self.event.encode() + b"\ndata: " + self.data + b"\nid: " + str(self.id).encode() + b"\n\n"


class RunStream:
    """An append-only list of events, safe to publish from a worker thread and read from the event loop."""

    def __init__(self) -> None:
        self._events: list[StreamEvent] = []
        self._lock = threading.Lock()
        self._waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Event]] = []
        self.closed = False

    def publish(self, event: str, data: Any) -> None:
        """Append an event (data is serialised here, in the publishing thread)."""
        payload = data if isinstance(data, bytes) else dumps(data)
        with self._lock:
            self._events.append(StreamEvent(len(self._events) + 1, event, payload))
        self._wake()

    def close(self) -> None:
        """No more events will come."""
        with self._lock:
            self.closed = True
        self._wake()

    def _wake(self) -> None:
        with self._lock:
            waiters, self._waiters = self._waiters, []
        for loop, flag in waiters:
            if not loop.is_closed():
                loop.call_soon_threadsafe(flag.set)

    def _read(self, start: int) -> tuple[list[StreamEvent], bool, asyncio.Event | None]:
        with self._lock:
            events, closed = self._events[start:], self.closed
            if events or closed:
                return events, closed, None
            flag = asyncio.Event()
            self._waiters.append((asyncio.get_running_loop(), flag))
            return [], False, flag

    async def follow(self, after: int = 0) -> AsyncIterator[StreamEvent]:
        """Every event with an id above ``after``, as it is published, until the stream closes."""
        position = after
        while True:
            events, closed, flag = self._read(position)
            for item in events:
                yield item
            position += len(events)
            if closed and not events:
                return
            if flag is not None:
                await flag.wait()

    async def wait_closed(self) -> None:
        """Return once the run has finished."""
        async for _ in self.follow(len(self._events)):
            pass


class MessageTracker:
    """Turn LangGraph 'messages' chunks into the server's messages/metadata, messages/partial, messages/complete."""

    def __init__(self, as_tuples: bool) -> None:
        self.as_tuples = as_tuples
        self.seen: dict[str, BaseMessage] = {}

    def events(self, chunk: tuple[BaseMessage, dict[str, Any]], suffix: str) -> list[tuple[str, Any]]:
        """The SSE events for one (message chunk, metadata) pair."""
        message, meta = chunk
        if self.as_tuples:
            return [("messages" + suffix, [message, meta])]
        out: list[tuple[str, Any]] = []
        key = str(message.id)
        if key in self.seen:
            self.seen[key] = cast(BaseMessage, self.seen[key] + message)  # type: ignore[operator]
        else:
            self.seen[key] = message
            out.append(("messages/metadata", {key: {"metadata": meta}}))
        kind = "messages/partial" if isinstance(message, BaseMessageChunk) else "messages/complete"
        current = self.seen[key]
        whole = message_chunk_to_message(current) if isinstance(current, BaseMessageChunk) else current
        out.append((kind + suffix, [whole]))
        return out
