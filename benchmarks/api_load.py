"""API load: N concurrent offline pack requests against a local uvicorn server; errors and P50/P95 latency.

Run: `python -m benchmarks.api_load` (default 50 concurrent `POST /packs?wait=true`, strategy_campaign_standard).
The server runs in its own process on 127.0.0.1 with a fresh AICMO_HOME and the offline engine; it is stopped at
the end. Exits 1 when any request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

from api.settings import Settings
from memory.db import make_engine, session_factory
from memory.migrations import upgrade
from memory.tenants import TenantKeys
from tools.brief import load_brief
from tools.catalog import sample_brief_paths

console = Console()


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def free_port() -> int:
    """A currently free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _key(home: Path) -> str:
    url = Settings(home=home).app_database_url
    upgrade(url)
    engine = make_engine(url)
    try:
        return TenantKeys(session_factory(engine)).create("load-test")
    finally:
        engine.dispose()


def _start_server(home: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "AICMO_HOME": str(home), "AICMO_ENGINE": "offline"}
    for name in ("OPENAI_API_KEY", "ANTHROPIC_API_KEY", "PERPLEXITY_API_KEY", "AICMO_LLM_CHAIN", "AICMO_DATABASE_URL"):
        env.pop(name, None)
    return subprocess.Popen([sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory", "--host",
                             "127.0.0.1", "--port", str(port), "--log-level", "warning"], env=env)


async def _wait_ready(url: str, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            try:
                if (await client.get(url + "/ok")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    raise RuntimeError(f"server at {url} did not start within {timeout_s:.0f} s")


async def _one(client: httpx.AsyncClient, body: dict) -> tuple[float, str | None]:
    started = time.perf_counter()
    try:
        response = await client.post("/packs", params={"wait": "true"}, json=body)
    except httpx.HTTPError as exc:
        return time.perf_counter() - started, f"{type(exc).__name__}: {exc}"
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        return elapsed, f"HTTP {response.status_code}: {response.text[:200]}"
    data = response.json()
    if data["status"] != "done" or not (data.get("result") or {}).get("quality_passed"):
        return elapsed, f"pack {data['status']}: {(data.get('result') or {}).get('error_type')}"
    return elapsed, None


async def _load(url: str, key: str, body: dict, count: int, timeout_s: float) -> tuple[list[float], list[str], float]:
    started = time.perf_counter()
    limits = httpx.Limits(max_connections=count, max_keepalive_connections=count)
    async with httpx.AsyncClient(base_url=url, headers={"x-api-key": key}, timeout=timeout_s, limits=limits) as client:
        outcomes = await asyncio.gather(*(_one(client, body) for _ in range(count)))
    return [t for t, _ in outcomes], [e for _, e in outcomes if e], time.perf_counter() - started


def main() -> None:
    """Start the server, fire the concurrent requests, print the table, stop the server."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50, help="concurrent pack requests")
    parser.add_argument("--pack", default="strategy_campaign_standard", help="pack key")
    parser.add_argument("--example", default="glow_botanicals", help="sample brief stem")
    parser.add_argument("--warmup", type=int, default=0, help="untimed requests first (cold imports)")
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds per request")
    args = parser.parse_args()
    brief = load_brief(next(p for p in sample_brief_paths() if p.stem == args.example))
    body = {"brief": brief.model_dump(mode="json", exclude_none=True), "pack_key": args.pack}
    with tempfile.TemporaryDirectory(prefix="aicmo-load-") as tmp:
        home, port = Path(tmp), free_port()
        key = _key(home)
        server = _start_server(home, port)
        try:
            url = f"http://127.0.0.1:{port}"
            asyncio.run(_wait_ready(url))
            asyncio.run(_load(url, key, body, args.warmup, args.timeout))  # first packs import the writers
            latencies, errors, wall = asyncio.run(_load(url, key, body, args.requests, args.timeout))
        finally:
            server.terminate()
            server.wait(timeout=60)
    table = Table(title=f"API load: {args.requests} concurrent POST /packs?wait=true ({args.pack}, offline)")
    for column in ("requests", "errors", "P50 s", "P95 s", "max s", "mean s", "wall s", "packs/s"):
        table.add_column(column, justify="right")
    table.add_row(str(args.requests), str(len(errors)), f"{_percentile(latencies, 0.5):.2f}",
                  f"{_percentile(latencies, 0.95):.2f}", f"{max(latencies):.2f}", f"{statistics.mean(latencies):.2f}",
                  f"{wall:.2f}", f"{args.requests / wall:.2f}")
    console.print(table)
    for error in errors[:5]:
        console.print(f"[red]{error}[/]")
    raise SystemExit(1 if errors else 0)


if __name__ == "__main__":
    main()
