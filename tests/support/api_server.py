"""Run the AICMO HTTP app on a real uvicorn server in a background thread, on a free loopback port."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import uvicorn
from fastapi import FastAPI

from api.app import create_app
from api.limits import ApiLimits
from api.settings import Settings


@dataclass
class LiveServer:
    """A started server: its base URL and app (for creating keys through the app's own services)."""

    url: str
    app: FastAPI

    def key(self, tenant: str) -> str:
        """A new API key for ``tenant``."""
        return self.app.state.services.keys.create(tenant)


def free_port() -> int:
    """A currently free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def live_server(settings: Settings, limits: ApiLimits | None = None, timeout_s: float = 60.0) -> Iterator[LiveServer]:
    """Start uvicorn with ``create_app(settings)``; stop it (and its runs) afterwards."""
    app = create_app(settings, limits)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, name="aicmo-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout_s
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the API server did not start")
        time.sleep(0.05)
    try:
        yield LiveServer(url=f"http://127.0.0.1:{port}", app=app)
    finally:
        server.should_exit = True
        thread.join(timeout=30)
