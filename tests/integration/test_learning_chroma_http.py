"""Winners over HTTP: a real Chroma server (the `chroma` CLI shipped with chromadb) behind AICMO_CHROMA_URL."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from api.learning import open_winners
from api.settings import Settings
from memory.winners import WinnerItem


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def chroma_url(tmp_path: Path) -> Iterator[str]:
    """Start a Chroma server on a free port and stop it afterwards."""
    exe = shutil.which("chroma") or str(Path(sys.executable).with_name("chroma"))
    port = _free_port()
    log = (tmp_path / "chroma.log").open("w")
    server = subprocess.Popen([exe, "run", "--path", str(tmp_path / "srv"), "--host", "127.0.0.1",
                               "--port", str(port)], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=2):
                    break
            except (urllib.error.URLError, OSError):
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"Chroma server did not start: {(tmp_path / 'chroma.log').read_text()[-2000:]}")
                time.sleep(0.3)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


def test_winners_over_http_stay_in_their_tenant(chroma_url: str, tmp_path: Path) -> None:
    store = open_winners(Settings(home=tmp_path / "home", chroma_url=chroma_url))
    day = date(2026, 1, 5)
    store.add([WinnerItem(tenant="acme", content_id="a1", date=day, platform="TikTok",
                          text="Why does your espresso taste bitter? Acme Roast explains"),
               WinnerItem(tenant="globex", content_id="g1", date=day, platform="TikTok",
                          text="Globex Brew: the secret to a perfect latte")])
    hits = store.search("acme", "coffee at home", k=5)
    assert [h.metadata["content_id"] for h in hits] == ["a1"]
    assert store.search("initech", "coffee", k=5) == []
    assert not (tmp_path / "home" / "chroma").exists()  # nothing embedded locally when a URL is set
