"""Tenancy and limits over HTTP: 401 without a key, 404 across tenants, 429, 413, 422 naming the field, CORS."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.limits import ApiLimits
from api.settings import Settings
from memory.tenants import hash_key
from tools.brief import load_brief
from tools.catalog import sample_brief_paths

PACK = "quick_social_basic"


def _brief() -> dict[str, Any]:
    path = next(p for p in sample_brief_paths() if p.stem == "fitfusion_studio")
    return load_brief(Path(path)).model_dump(mode="json", exclude_none=True)


@pytest.fixture
def make_client(tmp_path: Path) -> Iterator[Any]:
    opened: list[TestClient] = []

    def make(**limits: Any) -> tuple[TestClient, Any]:
        app = create_app(Settings(home=tmp_path / f"home{len(opened)}"), ApiLimits(**limits))
        client = TestClient(app).__enter__()
        opened.append(client)
        return client, app.state.services.keys

    yield make
    for client in opened:
        client.__exit__(None, None, None)


def test_requests_without_a_valid_key_are_401(make_client: Any) -> None:
    client, _ = make_client()
    for method, path in [("get", "/catalog/packs"), ("post", "/threads"), ("get", "/packs/x"),
                         ("post", "/assistants/search"), ("get", "/health/llm")]:
        assert client.request(method, path, json={}).status_code == 401, path
        assert client.request(method, path, json={}, headers={"x-api-key": "aicmo_wrong"}).status_code == 401
    assert client.get("/ok").status_code == 200
    assert client.get("/health").status_code == 200


def test_tenant_b_gets_404_on_tenant_a_threads_packs_and_exports(make_client: Any) -> None:
    client, keys = make_client()
    a, b = {"x-api-key": keys.create("tenant-a")}, {"x-api-key": keys.create("tenant-b")}
    made = client.post("/packs?wait=true", headers=a, json={"brief": _brief(), "pack_key": PACK, "review": True})
    assert made.status_code == 200 and made.json()["status"] == "review"
    pack_id = made.json()["pack_id"]
    assert client.get(f"/packs/{pack_id}/export/md", headers=a).status_code == 200
    section = client.get(f"/packs/{pack_id}", headers=a).json()["sections"][0]["id"]
    run = {"assistant_id": "pack", "input": {"brief": _brief(), "pack_key": PACK}}
    foreign = [("get", f"/threads/{pack_id}", None), ("get", f"/threads/{pack_id}/state", None),
               ("post", f"/threads/{pack_id}/history", {}), ("get", f"/threads/{pack_id}/runs", None),
               ("post", f"/threads/{pack_id}/runs/wait", run), ("patch", f"/threads/{pack_id}", {"metadata": {}}),
               ("delete", f"/threads/{pack_id}", None), ("get", f"/packs/{pack_id}", None),
               ("get", f"/packs/{pack_id}/export/md", None), ("get", f"/packs/{pack_id}/export/pdf", None),
               ("post", f"/packs/{pack_id}/sections/{section}/regenerate", {"instruction": "x"}),
               ("post", f"/packs/{pack_id}/approve", None)]
    for method, path, body in foreign:
        response = client.request(method, path, headers=b, json=body)
        assert response.status_code == 404, (method, path, response.text)
        assert "tenant-a" not in response.text
    run_id = client.get(f"/threads/{pack_id}/runs", headers=a).json()[0]["run_id"]
    assert client.get(f"/threads/{pack_id}/runs/{run_id}", headers=b).status_code == 404
    assert client.post("/threads/search", headers=b, json={}).json() == []
    assert client.get(f"/packs/{pack_id}", headers=a).json()["status"] == "review", "A's pack is untouched"


def test_rate_limit_per_key_answers_429_with_retry_after(make_client: Any) -> None:
    client, keys = make_client(api_rate_limit=3)
    first, second = {"x-api-key": keys.create("busy")}, {"x-api-key": keys.create("calm")}
    codes = [client.get("/catalog/packs", headers=first).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    limited = client.get("/catalog/packs", headers=first)
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1
    assert client.get("/catalog/packs", headers=second).status_code == 200, "limits are per key"
    assert hash_key(first["x-api-key"]) != first["x-api-key"]


def test_request_body_limit_answers_413(make_client: Any) -> None:
    client, keys = make_client(api_max_body_bytes=4000)
    key = {"x-api-key": keys.create("big")}
    huge = {**_brief(), "extra_notes": "x" * 5000}
    assert client.post("/packs", headers=key, json={"brief": huge}).status_code == 413

    def chunks() -> Iterator[bytes]:
        yield b'{"brief": {"extra_notes": "'
        for _ in range(10):
            yield b"y" * 1000
        yield b'"}}'

    response = client.post("/packs", headers={**key, "content-type": "application/json"}, content=chunks())
    assert response.status_code == 413
    assert client.post("/packs", headers=key, json={"brief": _brief(), "pack_key": PACK}).status_code == 202


def test_validation_errors_name_the_field(make_client: Any) -> None:
    client, keys = make_client()
    key = {"x-api-key": keys.create("careful")}
    brief = _brief()
    del brief["industry"]
    brief["budget"] = {"amount": -1, "currency": "USD"}
    bad = client.post("/packs", headers=key, json={"brief": brief, "pack_key": "no_such_pack"})
    assert bad.status_code == 422
    locs = {tuple(e["loc"]) for e in bad.json()["detail"]}
    assert {("body", "brief", "industry"), ("body", "brief", "budget", "amount"), ("body", "pack_key")} <= locs
    thread = client.post("/threads", headers=key, json={}).json()["thread_id"]
    wrong = client.post(f"/threads/{thread}/runs", headers=key,
                        json={"assistant_id": "pack", "input": {}, "context": {"review": "maybe", "colour": 1}})
    assert wrong.status_code == 422
    assert {tuple(e["loc"]) for e in wrong.json()["detail"]} == {("body", "context", "review"),
                                                                 ("body", "context", "colour")}
    missing = client.post("/threads/search", headers=key, json={"limit": 0})
    assert missing.status_code == 422 and missing.json()["detail"][0]["loc"] == ["body", "limit"]


def test_cors_is_off_by_default_and_configurable(make_client: Any) -> None:
    closed, _ = make_client()
    preflight = {"Origin": "https://agency.example", "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "x-api-key"}
    assert "access-control-allow-origin" not in closed.options("/threads", headers=preflight).headers
    opened, _ = make_client(api_cors_origins="https://agency.example")
    answer = opened.options("/threads", headers=preflight)
    assert answer.headers["access-control-allow-origin"] == "https://agency.example"
    assert "x-api-key" in answer.headers["access-control-allow-headers"].lower()
