"""Lead pipeline graph: wiring snapshot, batches, stage selection, idempotent stages and resuming a checkpoint."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from langgraph.checkpoint.memory import InMemorySaver

from api.leads_wiring import LeadsServices, run_pipeline
from graphs.leads import builder, graph
from memory.leads_repo import CampaignInfo
from tests.support.leads import campaign, context, lead_services
from tools.leads.csv_import import parse_csv

SNAPSHOT = Path(__file__).parent / "snapshots" / "leads_graph.mmd"
NOW = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
HEADER = "email,first_name,company,title,company_size,industry,annual_revenue,location,recent_job_change,timezone\n"
CSV = HEADER + "".join(
    f"lead{i}@firm{i}.com,Lead{i},Firm{i},{'Head of Sales' if i % 2 else 'Analyst'},120,SaaS,20000000,Germany,"
    f"{'yes' if i % 3 else 'no'},Europe/Berlin\n" for i in range(25))


@pytest.fixture
def stores(tmp_path: Path) -> Iterator[tuple[LeadsServices, CampaignInfo]]:
    with lead_services(f"sqlite:///{tmp_path / 'leads.db'}", NOW) as services:
        info = services.leads.create_campaign("default", campaign(), NOW)
        services.leads.import_records(info, parse_csv(CSV).records, NOW)
        yield services, info


def _statuses(services: LeadsServices, info: CampaignInfo) -> dict[str, str]:
    return {str(lead.email): lead.status for lead in services.leads.list_leads(info.id, limit=100)}


def test_topology_matches_snapshot() -> None:
    drawing = builder.compile().get_graph().draw_mermaid()
    assert drawing == SNAPSHOT.read_text(), "graph wiring changed: review and update the snapshot"


def test_batches_loop_until_no_stage_has_work(stores: tuple[LeadsServices, CampaignInfo]) -> None:
    services, info = stores
    result = run_pipeline(context(services, NOW, batch_size=10), info.name)
    assert result["errors"] == [] and result["rounds"] == 4  # 10 + 10 + 5 leads, then a round with no work
    assert result["totals"]["enrich.enriched"] == result["totals"]["score.scored"] == 25
    assert result["totals"]["write.drafted"] == sum(v for k, v in result["totals"].items() if k.startswith("route."))
    assert "send.sent" not in result["totals"]  # no mailer: drafts only
    assert set(_statuses(services, info).values()) <= {"ROUTED", "REJECTED", "MANUAL_REVIEW"}


def test_a_run_can_be_limited_to_some_stages_and_stages_are_idempotent(
        stores: tuple[LeadsServices, CampaignInfo]) -> None:
    services, info = stores
    first = run_pipeline(context(services, NOW, stages=("enrich", "score")), info.name)
    assert set(_statuses(services, info).values()) == {"SCORED"} and first["totals"]["score.scored"] == 25
    scores = {lead.id: lead.score for lead in services.leads.list_leads(info.id, limit=100)}
    again = run_pipeline(context(services, NOW, stages=("enrich", "score")), info.name)
    assert again["totals"] == {} and again["rounds"] == 1
    assert {lead.id: lead.score for lead in services.leads.list_leads(info.id, limit=100)} == scores
    run_pipeline(context(services, NOW, stages=("qualify", "route")), info.name)
    assert "SCORED" not in set(_statuses(services, info).values())


def test_an_interrupted_run_resumes_from_its_checkpoint(stores: tuple[LeadsServices, CampaignInfo]) -> None:
    services, info = stores
    saved = builder.compile(checkpointer=InMemorySaver(), interrupt_before=["qualify_leads"])
    config = {"configurable": {"thread_id": str(uuid.uuid4())}, "recursion_limit": 100}
    ctx = context(services, NOW)
    saved.invoke({"campaign": info.name}, config=config, context=ctx)
    assert set(_statuses(services, info).values()) == {"SCORED"}
    assert saved.get_state(config).next == ("qualify_leads",)
    out = saved.invoke(None, config=config, context=ctx)
    assert out["errors"] == [] and "SCORED" not in set(_statuses(services, info).values())


def test_an_unknown_campaign_ends_the_run_with_an_error(stores: tuple[LeadsServices, CampaignInfo]) -> None:
    services, _ = stores
    out = graph.invoke({"campaign": "nope"}, context=context(services, NOW))
    assert "no campaign 'nope'" in out["errors"][0] and "Spring outbound" in out["errors"][0]


def test_context_checks_its_clock_and_stages(stores: tuple[LeadsServices, CampaignInfo]) -> None:
    services, _ = stores
    with pytest.raises(ValueError, match="timezone-aware"):
        context(services, datetime(2026, 3, 2, 10, 30))
    with pytest.raises(ValueError, match="unknown stages"):
        context(services, NOW, stages=("score", "dance"))
