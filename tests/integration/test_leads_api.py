"""Lead routes through FastAPI's TestClient: campaigns, JSON/CSV intake, lists, explain, pipeline, errors."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.leads_wiring import run_pipeline
from api.routes_leads import router, tracking_router
from tests.support.leads import CAMPAIGN, context, lead_services

NOW = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    app = FastAPI()
    app.include_router(router)
    app.include_router(tracking_router)
    with lead_services(f"sqlite:///{tmp_path / 'leads.db'}", NOW) as services:
        app.state.leads = services
        yield TestClient(app)


def test_campaigns_and_intake(client: TestClient) -> None:
    created = client.post("/campaigns", json=CAMPAIGN)
    assert created.status_code == 201 and created.json()["config"]["limits"]["daily_cap"] == 400
    assert client.post("/campaigns", json=CAMPAIGN).status_code == 409
    bad = client.post("/campaigns", json={**CAMPAIGN, "name": "Other", "limits": {"timezone": "Mars/Base"}})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "limits", "timezone"]
    assert client.post("/campaigns/Spring outbound/leads/csv", content=b"").status_code == 400
    assert [c["name"] for c in client.get("/campaigns").json()] == ["Spring outbound"]

    leads = {"leads": [{"email": "ana@acme.io", "first_name": "Ana", "title": "Head of Sales",
                        "enrichment": {"company_size": "120", "industry": "SaaS", "recent_job_change": True}},
                       {"email": "ANA@acme.io"}]}
    sent = client.post("/campaigns/Spring outbound/leads?source=webhook", json=leads)
    assert sent.status_code == 201 and sent.json() == {"imported": 1, "duplicates": 1, "errors": []}
    invalid = client.post("/campaigns/Spring outbound/leads", json={"leads": [{"email": "x@y.io", "colour": 1}]})
    assert invalid.status_code == 422 and "colour" in str(invalid.json())
    csv = "email,first_name,recent_job_change\nbo@beta.io,Bo,yes\ncy@gamma.io,Cy,perhaps\n"
    uploaded = client.post("/campaigns/Spring outbound/leads/csv", content=csv, headers={"content-type": "text/csv"})
    assert uploaded.json()["imported"] == 1
    assert uploaded.json()["errors"] == [{"line": 3, "column": "recent_job_change",
                                          "problem": "'perhaps' is not a boolean: use true/false, yes/no or 1/0"}]

    listed = client.get("/campaigns/Spring outbound/leads", params={"status": "NEW"}).json()
    assert {lead["email"] for lead in listed} == {"ana@acme.io", "bo@beta.io"}
    explained = client.get("/campaigns/Spring outbound/leads/ana@acme.io").json()
    assert explained["status"] == "NEW" and explained["explanation"][2] == "Score: not scored yet"
    assert client.get("/campaigns/Spring outbound/pipeline").json()["by_status"] == {"NEW": 2}
    dash = client.get("/campaigns/Spring outbound/dashboard").json()
    assert dash["emails"]["sent"] == 0 and dash["trend_7d"][-1]["date"] == "2026-03-02"


def test_errors(client: TestClient) -> None:
    assert client.get("/campaigns/Nope").status_code == 404
    assert client.get("/campaigns/Nope/leads").status_code == 404
    client.post("/campaigns", json=CAMPAIGN)
    assert client.get("/campaigns/Spring outbound/leads/nobody@x.io").status_code == 404
    reply = client.post("/leads/replies", json={"from": "stranger@x.io", "subject": "Hi", "text": "Hello"})
    assert reply.json() == {"matched": False, "label": None, "engine": None, "lead_id": None, "status": None}
    assert client.get("/t/o/unknown").headers["content-type"] == "image/gif"  # never reveals whether it exists
    assert client.post("/u/unknown").status_code == 404
    bare = TestClient(FastAPI())
    bare.app.include_router(router)  # type: ignore[attr-defined]
    assert bare.get("/campaigns").status_code == 503


def test_manual_review_queue(client: TestClient) -> None:
    client.post("/campaigns", json=CAMPAIGN)
    quiet = {"email": "quiet@calm.io", "title": "Head of Sales", "enrichment": {
        "company_size": "120", "industry": "SaaS", "annual_revenue": 20_000_000, "location": "Germany",
        "recent_activity": True}}  # a perfect fit with intent 0.15 and no decision maker
    client.post("/campaigns/Spring outbound/leads", json={"leads": [quiet, {"email": "bo@beta.io"}]})
    services = client.app.state.leads  # type: ignore[attr-defined]
    run_pipeline(context(services, NOW, stages=("enrich", "score", "qualify")), "Spring outbound")
    assert client.get("/campaigns/Spring outbound/pipeline").json()["manual_review"] == 1
    assert client.post("/campaigns/Spring outbound/leads/bo@beta.io/review",
                       json={"decision": "approve"}).status_code == 409
    decided = client.post("/campaigns/Spring outbound/leads/quiet@calm.io/review",
                          json={"decision": "approve", "reviewer": "jo"}).json()
    assert decided["status"] == "QUALIFIED" and decided["qualification_reasons"]["reviewer"] == "jo"
    run_pipeline(context(services, NOW, stages=("route",)), "Spring outbound")
    assert client.get("/campaigns/Spring outbound/leads/quiet@calm.io").json()["status"] == "ROUTED"
