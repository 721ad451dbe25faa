"""Parallel section writing against a latency-injecting OpenAI-compatible endpoint (concurrency 1 vs 8).

Run: `python -m benchmarks.llm_concurrency [--delay 0.5]`. The endpoint is a local HTTP server that waits a
fixed delay per call and returns schema-valid canned replies (a tool call for the strategist's structured
output, markdown for sections), so the figures measure AICMO's orchestration, not a model.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from api.runner import compiled_pack_graph, run_pack
from api.settings import Settings
from tools.brief import load_brief
from tools.catalog import sample_brief_paths

PACK = "strategy_campaign_standard"
STRATEGY_ARGS = {
    "positioning": "For busy professionals nearby, the studio is the small-group class that fits a lunch break.",
    "big_idea": "One More Class: the next workout is the easiest decision of the day.",
    "pillars": [{"name": n, "description": f"{n} content that answers one member question a week"}
                for n in ("Education", "Proof", "Community", "Promo")],
    "audiences": [{"name": "Primary", "description": "Busy professionals aged 25-45 within 5 km"},
                  {"name": "Secondary", "description": "Lapsed gym-goers who quit in the last year"}],
}
SECTION_BODY = ("### Plan\n\nFitFusion Studio focuses on three moves this month.\n\n- Book a trial class\n"
                "- Share a member story\n- Review results every Friday\n")


class LatencyEndpoint(ThreadingHTTPServer):
    """An OpenAI-compatible chat completions endpoint with a fixed delay per call."""

    daemon_threads = True

    def __init__(self, delay: float) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.delay = delay
        self.calls = 0
        self.lock = threading.Lock()


class _Handler(BaseHTTPRequestHandler):
    server: LatencyEndpoint

    def log_message(self, *args: object) -> None:
        return

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)))
        with self.server.lock:
            self.server.calls += 1
        time.sleep(self.server.delay)
        reply = json.dumps(_completion(body)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)


def _completion(request: dict[str, Any]) -> dict[str, Any]:
    prompt_tokens = sum(len(str(m.get("content", ""))) for m in request.get("messages", [])) // 4
    message: dict[str, Any] = {"role": "assistant", "content": SECTION_BODY}
    if request.get("tools"):
        name = request["tools"][0]["function"]["name"]
        message = {"role": "assistant", "content": None, "tool_calls": [{
            "id": "call_1", "type": "function", "function": {"name": name, "arguments": json.dumps(STRATEGY_ARGS)}}]}
    completion_tokens = len(json.dumps(message)) // 4
    return {"id": "cmpl-bench", "object": "chat.completion", "created": 0, "model": request.get("model", "bench"),
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                      "total_tokens": prompt_tokens + completion_tokens}}


def run_once(concurrency: int, endpoint: LatencyEndpoint, home: Path) -> dict[str, Any]:
    """One pack run at a given concurrency; returns wall time, calls and tokens."""
    brief = load_brief(next(p for p in sample_brief_paths() if p.stem == "fitfusion_studio"))
    settings = Settings(home=home, max_concurrency=concurrency, llm_chain="local:bench", llm_cache="off",
                        local_base_url=f"http://127.0.0.1:{endpoint.server_address[1]}/v1", llm_retries=0)
    calls_before = endpoint.calls
    with compiled_pack_graph(settings) as graph:
        started = time.perf_counter()
        result = run_pack(graph, brief=brief.model_dump(mode="json", exclude_none=True), pack_key=PACK,
                          settings=settings, today=date(2026, 11, 22), engine="llm")
        wall = time.perf_counter() - started
    return {"wall": wall, "calls": endpoint.calls - calls_before, "usage": result.usage,
            "rounds": max(s.attempts for s in result.sections), "sections": len(result.sections)}


def main() -> None:
    """Measure concurrency 1 and 8 and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.5, help="seconds the endpoint waits per call")
    args = parser.parse_args()
    endpoint = LatencyEndpoint(args.delay)
    threading.Thread(target=endpoint.serve_forever, daemon=True).start()
    rows = {}
    with tempfile.TemporaryDirectory() as home:
        for concurrency in (1, 8):
            rows[concurrency] = run_once(concurrency, endpoint, Path(home))
    endpoint.shutdown()
    table = Table(title=f"{PACK} (17 sections), {args.delay:.2f} s per model call")
    for column in ("concurrency", "wall s", "model calls", "writing rounds", "input tokens", "output tokens",
                   "speed-up"):
        table.add_column(column, justify="right")
    for concurrency, row in rows.items():
        usage = row["usage"]
        table.add_row(str(concurrency), f"{row['wall']:.2f}", str(row["calls"]), str(row["rounds"]),
                      f"{usage.input_tokens:,}", f"{usage.output_tokens:,}", f"{rows[1]['wall'] / row['wall']:.1f}x")
    Console().print(table)


if __name__ == "__main__":
    main()
