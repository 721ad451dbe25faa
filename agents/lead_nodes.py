"""Nodes of the lead pipeline graph: each runs one stage on one batch and reports what it did."""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import Overwrite

from agents import lead_stages
from agents.errors import BudgetExceededError, ChainFailedError
from graphs.leads_context import LeadsContext
from graphs.leads_state import LeadsState
from memory.leads_repo import CampaignInfo, CampaignNotFoundError

Stage = Callable[[LeadsContext, CampaignInfo], dict[str, int]]


def _run(name: str, stage: Stage, state: LeadsState, ctx: LeadsContext) -> dict[str, Any]:
    """Run a stage if this run includes it; a provider or SMTP failure is recorded and ends the round."""
    if name not in ctx.stages:
        return {"round_work": {name: 0}}
    info = ctx.leads.get_campaign(ctx.tenant, state["campaign"])
    try:
        counts = stage(ctx, info)
    except (ChainFailedError, BudgetExceededError) as exc:
        return {"errors": [f"{name}: {type(exc).__name__}: {exc}"], "round_work": {"_errors": 1}}
    except (smtplib.SMTPException, OSError) as exc:
        return {"errors": [f"{name}: SMTP {type(exc).__name__}: {exc}"], "round_work": {"_errors": 1}}
    return {"totals": {f"{name}.{key}": value for key, value in counts.items() if value},
            "round_work": {name: sum(counts.values())}}


def load_campaign(state: LeadsState, runtime: Runtime[LeadsContext]) -> dict[str, Any]:
    """Resolve the campaign once; an unknown name ends the run with an error."""
    try:
        info = runtime.context.leads.get_campaign(runtime.context.tenant, state["campaign"])
    except CampaignNotFoundError as exc:
        return {"errors": [str(exc)]}
    return {"campaign_id": info.id, "rounds": 0, "totals": {}}


def enrich_leads(state: LeadsState, runtime: Runtime[LeadsContext]) -> dict[str, Any]:
    """Start a round: enrich NEW leads (or suppress them)."""
    update = _run("enrich", lead_stages.enrich, state, runtime.context)
    return update | {"round_work": Overwrite(update["round_work"]), "rounds": state.get("rounds", 0) + 1}


def score_leads(state: LeadsState, runtime: Runtime[LeadsContext]) -> dict[str, Any]:
    """Score ENRICHED leads."""
    return _run("score", lead_stages.score, state, runtime.context)


def qualify_leads(state: LeadsState, runtime: Runtime[LeadsContext]) -> dict[str, Any]:
    """Qualify SCORED leads."""
    return _run("qualify", lead_stages.qualify_leads, state, runtime.context)


def route_leads(state: LeadsState, runtime: Runtime[LeadsContext]) -> dict[str, Any]:
    """Route QUALIFIED leads into sequences."""
    return _run("route", lead_stages.route, state, runtime.context)


def write_emails(state: LeadsState, runtime: Runtime[LeadsContext]) -> dict[str, Any]:
    """Draft due sequence steps."""
    return _run("write", lead_stages.write, state, runtime.context)


def send_emails(state: LeadsState, runtime: Runtime[LeadsContext]) -> dict[str, Any]:
    """Send due drafts within caps and windows."""
    return _run("send", lead_stages.send, state, runtime.context)


def track_engagement(state: LeadsState, runtime: Runtime[LeadsContext]) -> dict[str, Any]:
    """Close finished sequences; auto-pause when replies are too few."""
    return _run("track", lead_stages.track, state, runtime.context)
