"""Lead routes: campaigns, lead intake, leads, pipeline counts, dashboard, reply webhook; public tracking links.

``router`` belongs behind the API's tenant auth; ``tracking_router`` (open pixel, click redirect, unsubscribe)
is public because recipients' mail clients call it. Both read ``app.state.leads`` (LeadsServices).
"""

from __future__ import annotations

import base64
import html
from dataclasses import asdict
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field

from agents.lead_replies import ingest_reply
from api.leads_wiring import LeadsServices
from memory.leads_metrics import dashboard, pipeline_counts
from memory.leads_models import Lead
from memory.leads_repo import CampaignExistsError, CampaignInfo, CampaignNotFoundError
from tools.leads.campaign import Campaign
from tools.leads.csv_import import CsvImportError, parse_csv
from tools.leads.explain import explain_lines
from tools.leads.records import LeadRecord

PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")
NO_STORE = {"Cache-Control": "no-store, max-age=0"}


def get_services(request: Request) -> LeadsServices:
    """The lead services the app was built with."""
    services = getattr(request.app.state, "leads", None)
    if services is None:
        raise HTTPException(503, "lead pipeline not configured: set app.state.leads")
    return services


def current_tenant(request: Request) -> str:
    """The tenant the auth layer resolved (request.state.tenant), else 'default'."""
    return str(getattr(request.state, "tenant", None) or "default")


ServicesDep = Annotated[LeadsServices, Depends(get_services)]
TenantDep = Annotated[str, Depends(current_tenant)]
router = APIRouter(tags=["leads"])
tracking_router = APIRouter(tags=["tracking"])


class CampaignOut(BaseModel):
    """A stored campaign."""

    id: int
    name: str
    status: str
    config: dict[str, Any]


class LeadOut(BaseModel):
    """A lead as listed."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    email: str | None
    name: str | None
    company: str | None
    title: str | None
    status: str
    stage: str
    score: float | None
    tier: str | None
    routing_sequence: str | None
    sequence_state: str | None
    engagement: str
    opens: int
    clicks: int


class LeadExplained(LeadOut):
    """A lead with every decision behind it."""

    score_breakdown: dict[str, Any] | None
    qualification_reasons: dict[str, Any] | None
    routing: dict[str, Any] | None
    enrichment: dict[str, Any]
    explanation: list[str] = Field(default_factory=list)


class LeadBatch(BaseModel):
    """Leads sent by an API client or a webhook."""

    leads: list[LeadRecord] = Field(min_length=1, max_length=5000)


class ImportOut(BaseModel):
    """What an import did."""

    imported: int
    duplicates: int
    errors: list[dict[str, Any]] = Field(default_factory=list)


class InboundReply(BaseModel):
    """A reply forwarded by the mail provider's inbound webhook."""

    model_config = ConfigDict(populate_by_name=True)

    from_email: str = Field(alias="from", min_length=3, max_length=320)
    subject: str = Field(default="", max_length=1000)
    text: str = Field(default="", max_length=100_000)
    in_reply_to: str | None = Field(default=None, max_length=998)


def _campaign(services: LeadsServices, tenant: str, name: str) -> CampaignInfo:
    try:
        return services.leads.get_campaign(tenant, name)
    except CampaignNotFoundError as exc:
        raise HTTPException(404, str(exc)) from None


def _campaign_out(info: CampaignInfo) -> CampaignOut:
    return CampaignOut(id=info.id, name=info.name, status=info.status, config=info.config.model_dump(mode="json"))


def explain_payload(lead: Lead) -> LeadExplained:
    """A lead with its decisions and the explanation lines."""
    payload = LeadExplained.model_validate(lead, from_attributes=True)
    fields = {column.key: getattr(lead, column.key) for column in Lead.__table__.columns}
    return payload.model_copy(update={"explanation": explain_lines(fields)})


@router.post("/campaigns", status_code=201)
def create_campaign(campaign: Campaign, services: ServicesDep, tenant: TenantDep) -> CampaignOut:
    """Create a campaign from the same fields as a campaign YAML file (422 errors name each field)."""
    try:
        return _campaign_out(services.leads.create_campaign(tenant, campaign, services.clock()))
    except CampaignExistsError as exc:
        raise HTTPException(409, str(exc)) from None


@router.get("/campaigns")
def list_campaigns(services: ServicesDep, tenant: TenantDep) -> list[CampaignOut]:
    """Every campaign of the tenant."""
    return [_campaign_out(info) for info in services.leads.list_campaigns(tenant)]


@router.get("/campaigns/{name}")
def get_campaign(name: str, services: ServicesDep, tenant: TenantDep) -> CampaignOut:
    """One campaign."""
    return _campaign_out(_campaign(services, tenant, name))


@router.post("/campaigns/{name}/leads", status_code=201)
def import_leads(name: str, batch: LeadBatch, services: ServicesDep, tenant: TenantDep,
                 source: Annotated[Literal["api", "webhook"], Query()] = "api") -> ImportOut:
    """Add leads as JSON (API or webhook source); duplicates are skipped."""
    info = _campaign(services, tenant, name)
    records = [r.model_copy(update={"source": source}) for r in batch.leads]
    stats = services.leads.import_records(info, records, services.clock())
    return ImportOut(imported=stats.imported, duplicates=stats.duplicates)


@router.post("/campaigns/{name}/leads/csv", status_code=201)
async def import_leads_csv(name: str, request: Request, services: ServicesDep, tenant: TenantDep) -> ImportOut:
    """Add leads from a CSV body with the standard columns; bad rows come back as errors with their line
    (a file that cannot be read at all is a 400)."""
    info = _campaign(services, tenant, name)
    try:
        result = parse_csv((await request.body()).decode("utf-8-sig"))
    except (CsvImportError, UnicodeDecodeError) as exc:
        raise HTTPException(400, str(exc)) from None
    stats = services.leads.import_records(info, result.records, services.clock())
    return ImportOut(imported=stats.imported, duplicates=stats.duplicates,
                     errors=[{"line": e.line, "column": e.column, "problem": e.problem} for e in result.errors])


@router.get("/campaigns/{name}/leads")
def list_leads(name: str, services: ServicesDep, tenant: TenantDep, status: str | None = None,
               tier: str | None = None, limit: Annotated[int, Query(ge=1, le=500)] = 100,
               offset: Annotated[int, Query(ge=0)] = 0) -> list[LeadOut]:
    """A page of the campaign's leads, filtered by status and tier."""
    info = _campaign(services, tenant, name)
    leads = services.leads.list_leads(info.id, status=status, tier=tier, limit=limit, offset=offset)
    return [LeadOut.model_validate(lead, from_attributes=True) for lead in leads]


@router.get("/campaigns/{name}/leads/{email}")
def explain_lead(name: str, email: str, services: ServicesDep, tenant: TenantDep) -> LeadExplained:
    """One lead with its score breakdown, tier, qualification reasons and route."""
    info = _campaign(services, tenant, name)
    found = services.leads.find_leads(tenant, email, info.id)
    if not found:
        raise HTTPException(404, f"no lead {email} in campaign {name}")
    return explain_payload(found[0])


class ReviewDecision(BaseModel):
    """A reviewer's decision on a lead in the manual review queue."""

    decision: Literal["approve", "reject"]
    reviewer: str = Field(default="api", max_length=120)


@router.post("/campaigns/{name}/leads/{email}/review")
def review_lead(name: str, email: str, body: ReviewDecision, services: ServicesDep, tenant: TenantDep
                ) -> LeadExplained:
    """Approve (QUALIFIED) or reject a lead waiting in the manual review queue."""
    info = _campaign(services, tenant, name)
    found = services.leads.find_leads(tenant, email, info.id)
    if not found or found[0].status != "MANUAL_REVIEW":
        raise HTTPException(409, f"{email} is not waiting for review in campaign {name}")
    services.leads.review(found[0].id, body.decision == "approve", body.reviewer, services.clock())
    lead = services.leads.get_lead(found[0].id)
    if lead is None:
        raise HTTPException(404, f"lead {email} was removed meanwhile")
    return explain_payload(lead)


@router.get("/campaigns/{name}/pipeline")
def pipeline(name: str, services: ServicesDep, tenant: TenantDep) -> dict[str, Any]:
    """Leads by status, stage, tier and sequence; messages by status."""
    return pipeline_counts(services.factory, _campaign(services, tenant, name).id)


@router.get("/campaigns/{name}/dashboard")
def campaign_dashboard(name: str, services: ServicesDep, tenant: TenantDep) -> dict[str, Any]:
    """Funnel, email outcomes, rates, response time, 7-day trend and channel rates."""
    return dashboard(services.factory, _campaign(services, tenant, name).id, services.clock())


@router.post("/leads/replies")
def inbound_reply(reply: InboundReply, services: ServicesDep, tenant: TenantDep) -> dict[str, Any]:
    """Classify a reply and apply it to the lead it answers (matched by In-Reply-To, else sender)."""
    outcome = ingest_reply(services.outreach, tenant=tenant, from_email=reply.from_email, subject=reply.subject,
                           body=reply.text, in_reply_to=reply.in_reply_to, now=services.clock(),
                           llm=services.reply_classifier)
    return asdict(outcome)


@tracking_router.get("/t/o/{token}", include_in_schema=False)
def open_pixel(token: str, services: ServicesDep) -> Response:
    """A 1x1 GIF; records an open for a known token (unknown tokens get the same pixel)."""
    services.outreach.record_open(token, services.clock())
    return Response(PIXEL, media_type="image/gif", headers=NO_STORE)


@tracking_router.get("/t/c/{token}", include_in_schema=False)
def click(token: str, services: ServicesDep, i: Annotated[int, Query(ge=0, le=50)] = 0) -> RedirectResponse:
    """Record a click and redirect to the link stored with the message (never to a URL from the request)."""
    url = services.outreach.record_click(token, i, services.clock())
    if url is None:
        raise HTTPException(404, "unknown link")
    return RedirectResponse(url, status_code=302, headers=NO_STORE)


def _page(title: str, body: str) -> HTMLResponse:
    return HTMLResponse(f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
                        f"</head><body>{body}</body></html>", headers=NO_STORE)


@tracking_router.get("/u/{token}", include_in_schema=False)
def unsubscribe_page(token: str) -> HTMLResponse:
    """A confirmation page (a GET never unsubscribes: link scanners prefetch GETs)."""
    action = html.escape(f"/u/{token}", quote=True)
    return _page("Unsubscribe", f"<p>Stop receiving these emails?</p><form method='post' action='{action}'>"
                                "<button type='submit'>Unsubscribe</button></form>")


@tracking_router.post("/u/{token}", include_in_schema=False)
def unsubscribe(token: str, services: ServicesDep) -> HTMLResponse:
    """Suppress the address (also the RFC 8058 one-click POST from mail clients)."""
    if not services.outreach.unsubscribe(token, services.clock()):
        raise HTTPException(404, "unknown unsubscribe link")
    return _page("Unsubscribed", "<p>You are unsubscribed and will not receive further emails.</p>")
