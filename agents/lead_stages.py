"""Lead pipeline stages over one batch: read leads by status, decide with tools/leads, write back guarded updates.

Each stage selects only leads still waiting for it, so re-running a stage is harmless and an interrupted run
resumes where it stopped. Returns counts of what was done.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from agents.nurture_writer import EmailBrief, render_email
from graphs.leads_context import LeadsContext
from memory.leads_models import Lead, OutreachMessage
from memory.leads_repo import CampaignInfo
from tools.leads.qualification import qualify
from tools.leads.records import Enrichment, Facts, LeadRecord
from tools.leads.routing import route_lead, step_due
from tools.leads.safety import (
    SendBudget,
    day_bounds,
    in_window,
    next_window_open,
    send_budget,
    should_auto_pause,
    suppression_reason,
    zone,
)
from tools.leads.scoring import score_facts
from tools.mailer import OutgoingEmail, make_message_id

Counts = dict[str, int]


def facts_of(lead: Any) -> Facts:
    """The stored company facts and signals of a lead (row or object)."""
    return Facts(lead.enrichment)


def record_of(lead: Any) -> LeadRecord:
    """The stored lead as a record (trusted: it was validated on import)."""
    return LeadRecord.model_construct(
        email=lead.email, first_name=lead.first_name, last_name=lead.last_name, name=lead.name,
        company=lead.company, company_domain=lead.company_domain, title=lead.title, linkedin_url=lead.linkedin_url,
        timezone=lead.timezone, pain_point=lead.pain_point, source=lead.source, tags=list(lead.tags or []),
        enrichment=Enrichment.model_construct(**(lead.enrichment or {})))


def _merge(lead: Any, found: dict[str, Any] | None) -> dict[str, Any]:
    """Enricher results fill gaps; what the lead already states wins, except a verifier's verdict."""
    values: dict[str, Any] = {"enrichment": dict(lead.enrichment or {})}
    if not found:
        return values
    extra = dict(found.get("enrichment") or {})
    verdict = extra.pop("email_verification", None)
    values["enrichment"] = {**extra, **values["enrichment"]} | ({"email_verification": verdict} if verdict else {})
    for key in ("email", "title", "company_domain", "linkedin_url", "first_name", "last_name"):
        if found.get(key) and not getattr(lead, key):
            values[key] = found[key]
    return values


def enrich(ctx: LeadsContext, info: CampaignInfo) -> Counts:
    """NEW -> ENRICHED (enricher fills gaps), or SUPPRESSED when the address or domain is on a suppression list."""
    columns = None if ctx.enricher else ("email",)
    leads = ctx.leads.leads_in_status(info.id, "NEW", ctx.batch_size, columns=columns)
    if not leads:
        return {}
    suppressed = ctx.leads.suppressed_among(info.tenant, [lead.email for lead in leads if lead.email])
    blocked = set(info.config.rules.blocked_domains)
    reasons = {lead.id: suppressed.get(lead.email or "") or suppression_reason(lead.email, set(), blocked)
               for lead in leads}
    open_leads = [lead for lead in leads if not reasons[lead.id]]
    found = ctx.enricher([record_of(lead) for lead in open_leads]) if ctx.enricher and open_leads else []
    by_id = {lead.id: item for lead, item in zip(open_leads, found, strict=False)}
    updates = [{"id": lead.id, "_from": "NEW", "status": "SUPPRESSED", "suppressed_reason": reasons[lead.id]}
               for lead in leads if reasons[lead.id]]
    if ctx.enricher:
        updates += [{"id": lead.id, "_from": "NEW", "status": "ENRICHED", **_merge(lead, by_id.get(lead.id))}
                    for lead in open_leads]
    else:  # nothing to add: one set-based status change instead of a row-by-row update
        ctx.leads.set_status([lead.id for lead in open_leads], "NEW", "ENRICHED", ctx.now)
    ctx.leads.apply(updates, ctx.now)
    return {"enriched": len(open_leads), "suppressed": len(leads) - len(open_leads)}


def score(ctx: LeadsContext, info: CampaignInfo) -> Counts:
    """ENRICHED -> SCORED with the score, tier and factor breakdown."""
    leads = ctx.leads.leads_in_status(info.id, "ENRICHED", ctx.batch_size, columns=("title", "enrichment"))
    updates = []
    for lead in leads:
        b = score_facts(lead.title, facts_of(lead), info.config.icp, info.config.rules)
        updates.append({"id": lead.id, "_from": "ENRICHED", "status": "SCORED", "score": b.score, "tier": b.tier,
                        "icp_fit": b.icp_fit, "opportunity": b.opportunity, "score_breakdown": b.as_dict()})
    ctx.leads.apply(updates, ctx.now)
    return {"scored": len(updates)} if updates else {}


def qualify_leads(ctx: LeadsContext, info: CampaignInfo) -> Counts:
    """SCORED -> QUALIFIED | REJECTED | MANUAL_REVIEW with the reasons."""
    leads = ctx.leads.leads_in_status(info.id, "SCORED", ctx.batch_size, columns=("score", "email", "enrichment"))
    counts: Counts = {}
    updates = []
    for lead in leads:
        q = qualify(float(lead.score or 0), lead.email, facts_of(lead), info.config.rules)
        updates.append({"id": lead.id, "_from": "SCORED", "status": q.verdict, "intent": q.intent,
                        "qualification_reasons": q.as_dict()})
        counts[q.verdict.lower()] = counts.get(q.verdict.lower(), 0) + 1
    ctx.leads.apply(updates, ctx.now)
    return counts


def route(ctx: LeadsContext, info: CampaignInfo) -> Counts:
    """QUALIFIED -> ROUTED: sequence by effective score; step 1 due at the lead's next send-window opening."""
    leads = ctx.leads.leads_in_status(info.id, "QUALIFIED", ctx.batch_size,
                                      columns=("score", "timezone", "enrichment"))
    limits, counts, updates = info.config.limits, Counts(), []
    for lead in leads:
        r = route_lead(float(lead.score or 0), facts_of(lead), info.config.rules)
        due = next_window_open(ctx.now, zone(lead.timezone, limits.timezone), limits.window)
        updates.append({"id": lead.id, "_from": "QUALIFIED", "status": "ROUTED", "routing": r.as_dict(),
                        "routing_sequence": r.sequence, "sequence_step": 1, "sequence_state": "active",
                        "next_action_at": due})
        counts[r.sequence] = counts.get(r.sequence, 0) + 1
    ctx.leads.apply(updates, ctx.now)
    return counts


def budget_today(ctx: LeadsContext, info: CampaignInfo) -> SendBudget:
    """Today's remaining sends under the warm-up/campaign cap (campaign's day) and the global cap (UTC day)."""
    limits = info.config.limits
    tz = zone(limits.timezone)
    today = ctx.now.astimezone(tz).date()
    start, end = day_bounds(today, tz)
    g_start, g_end = day_bounds(ctx.now.astimezone(UTC).date(), zone("UTC"))
    return send_budget(limits, first_send_day=info.first_send_on, today=today,
                       campaign_sent_today=ctx.outreach.sent_between(start, end, campaign_id=info.id),
                       global_sent_today=ctx.outreach.sent_between(g_start, g_end, tenant=info.tenant))


def _brief(lead: Lead, info: CampaignInfo) -> EmailBrief:
    cfg = info.config
    sequence = next(s for s in cfg.rules.sequences if s.name == lead.routing_sequence)
    return EmailBrief(first_name=record_of(lead).greeting_name, company=lead.company, title=lead.title,
                      industry=(lead.enrichment or {}).get("industry"), pain_point=lead.pain_point or cfg.pain_point,
                      offer=cfg.offer, tone=cfg.tone, sender_name=cfg.sender.from_name, sequence=sequence.name,
                      goal=sequence.goal, step=int(lead.sequence_step or 1), steps=len(sequence.offsets))


def draft_message(ctx: LeadsContext, info: CampaignInfo, lead: Lead) -> dict[str, Any]:
    """Write and render the lead's current step: the message row to store (status drafted or blocked)."""
    draft = ctx.writer(_brief(lead, info))
    token, base = ctx.token_factory(), ctx.tracking_base_url.rstrip("/")
    links = [info.config.offer_url] if info.config.offer_url else []
    text, page = render_email(draft, unsubscribe_url=f"{base}/u/{token}", pixel_url=f"{base}/t/o/{token}",
                              click_url=f"{base}/t/c/{token}?i=0" if links else None,
                              postal_address=info.config.sender.postal_address)
    return {"campaign_id": info.id, "lead_id": lead.id, "sequence_id": info.sequence_ids[str(lead.routing_sequence)],
            "step": int(lead.sequence_step or 1), "status": "blocked" if draft.blocked else "drafted",
            "token": token, "message_id": make_message_id(token, info.config.sender.from_email),
            "to_email": str(lead.email), "subject": draft.subject, "body_text": text, "body_html": page,
            "links": links, "engine": draft.engine, "provider": draft.provider, "model": draft.model,
            "issues": list(draft.issues), "scheduled_for": ctx.now}


def write(ctx: LeadsContext, info: CampaignInfo) -> Counts:
    """Draft the due step of leads inside their send window, no more than today's budget allows."""
    if info.status != "active":
        return {}
    room = budget_today(ctx, info).remaining - ctx.outreach.pending_drafts(info.id)
    last_steps = {s.name: len(s.offsets) for s in info.config.rules.sequences}
    leads = ctx.outreach.due_leads(info.id, ctx.now, min(ctx.batch_size, room), last_steps) if room > 0 else []
    limits, counts = info.config.limits, Counts()
    suppressed = ctx.leads.suppressed_among(info.tenant, [lead.email for lead in leads if lead.email])
    messages: list[dict[str, Any]] = []
    lead_values: dict[int, dict[str, Any]] = {}
    stops: list[dict[str, Any]] = []
    for lead in leads:
        tz = zone(lead.timezone, limits.timezone)
        reason = suppressed.get(lead.email or "") or suppression_reason(lead.email, set(),
                                                                         set(info.config.rules.blocked_domains))
        if reason:
            stops.append({"id": lead.id, "_from": lead.status, "status": "SUPPRESSED", "suppressed_reason": reason,
                          "sequence_state": "stopped", "next_action_at": None})
        elif not in_window(ctx.now, tz, limits.window):
            lead_values[lead.id] = {"next_action_at": next_window_open(ctx.now, tz, limits.window)}
            counts["deferred"] = counts.get("deferred", 0) + 1
        else:
            message = draft_message(ctx, info, lead)
            messages.append(message)
            lead_values[lead.id] = {"next_action_at": None} | (
                {"sequence_state": "blocked"} if message["status"] == "blocked" else {})
            counts[message["status"]] = counts.get(message["status"], 0) + 1
    ctx.outreach.save_drafts(messages, lead_values, ctx.now)
    ctx.leads.apply(stops, ctx.now)
    return counts | ({"suppressed": len(stops)} if stops else {})


def _next_step(lead: Lead, message: OutreachMessage, info: CampaignInfo, now: datetime) -> dict[str, Any]:
    """After sending step n: step n+1 due at start + its offset (in the send window), else the follow-up wait."""
    limits = info.config.limits
    started = lead.sequence_started_at or now
    offsets = info.offsets(str(lead.routing_sequence))
    following = message.step + 1
    if following <= len(offsets):
        due = next_window_open(step_due(started, offsets, following), zone(lead.timezone, limits.timezone),
                               limits.window)
    else:
        due = now + timedelta(days=limits.follow_up_days)
    return {"sequence_started_at": started, "sequence_step": following, "next_action_at": due}


def _outgoing(message: OutreachMessage, lead: Lead, info: CampaignInfo, now: datetime, base: str) -> OutgoingEmail:
    sender = info.config.sender
    return OutgoingEmail(to_email=message.to_email, to_name=lead.name, from_email=sender.from_email,
                         from_name=sender.from_name, subject=message.subject, text=message.body_text,
                         html=message.body_html,
                         message_id=message.message_id, unsubscribe_url=f"{base.rstrip('/')}/u/{message.token}",
                         date=now)


def send(ctx: LeadsContext, info: CampaignInfo) -> Counts:
    """Send due drafts over one SMTP connection: re-check suppression and window, claim, send, record."""
    if ctx.mailer is None or info.status != "active":
        return {}
    remaining = budget_today(ctx, info).remaining
    due = ctx.outreach.drafts_due(info.id, ctx.now, min(ctx.batch_size, remaining)) if remaining > 0 else []
    if not due:
        return {}
    limits, counts = info.config.limits, Counts()
    suppressed = ctx.leads.suppressed_among(info.tenant, [lead.email for _, lead in due if lead.email])
    blocked = set(info.config.rules.blocked_domains)
    local_day = ctx.now.astimezone(zone(limits.timezone)).date()

    def bump(key: str) -> None:
        """Count one outcome."""
        counts[key] = counts.get(key, 0) + 1

    with ctx.mailer() as mailer:
        for message, lead in due:
            tz = zone(lead.timezone, limits.timezone)
            reason = suppressed.get(lead.email or "") or suppression_reason(lead.email, set(), blocked)
            if lead.status not in ("ROUTED", "CONTACTED") or lead.sequence_state != "active" or reason:
                ctx.outreach.cancel(message.id, None, "suppressed" if reason else "cancelled", ctx.now,
                                    suppress=reason)
                bump("cancelled")
            elif not in_window(ctx.now, tz, limits.window):
                ctx.outreach.defer(message.id, next_window_open(ctx.now, tz, limits.window))
                bump("deferred")
            elif ctx.outreach.claim(message.id):
                delivery = mailer.send(_outgoing(message, lead, info, ctx.now, ctx.tracking_base_url))
                if delivery.accepted:
                    ctx.outreach.mark_sent(message, lead.status, _next_step(lead, message, info, ctx.now), ctx.now,
                                           None if info.first_send_on else local_day)
                    bump("sent")
                else:
                    ctx.outreach.mark_refused(message.id, permanent=delivery.permanent, now=ctx.now,
                                              detail=f"{delivery.code} {delivery.detail}",
                                              retry_at=ctx.now + ctx.retry_after)
                    bump("bounced" if delivery.permanent else "retry")
    return counts


def track(ctx: LeadsContext, info: CampaignInfo) -> Counts:
    """Close sequences with no reply after the last step; auto-pause a campaign whose replies are too few."""
    steps = {s.name: len(s.offsets) for s in info.config.rules.sequences}
    counts: Counts = {}
    completed = ctx.outreach.complete_sequences(info.id, ctx.now, steps)
    if completed:
        counts["completed"] = completed
    if info.status == "active" and info.config.limits.auto_pause:
        sent, replied = ctx.outreach.reply_stats(info.id)
        if should_auto_pause(sent, replied, True):
            ctx.leads.set_campaign_status(info.id, "paused", f"reply rate {replied}/{sent} below 10%", ctx.now)
            counts["paused"] = 1
    return counts
