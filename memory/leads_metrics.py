"""Campaign numbers for the dashboard (spec/cam.md "Dashboard"): funnel, email outcomes, rates and a 7-day trend."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select

from memory.db import SessionFactory, session_scope
from memory.leads_models import EngagementEvent, Lead, OutreachMessage

QUALIFIED_EVER = ("QUALIFIED", "ROUTED", "CONTACTED", "REPLIED", "WON", "LOST")
CONTACTED_EVER = ("CONTACTED", "REPLIED", "WON", "LOST")
TREND_TYPES = ("sent", "opened", "clicked", "replied", "bounced", "unsubscribed")


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def pipeline_counts(factory: SessionFactory, campaign_id: int) -> dict[str, Any]:
    """Leads by status, stage and tier, plus the manual review queue and drafts needing attention."""
    with session_scope(factory) as session:
        def grouped(column: Any) -> dict[str, int]:
            """Lead counts per value of ``column``."""
            rows = session.execute(select(column, func.count()).where(Lead.campaign_id == campaign_id)
                                   .group_by(column)).all()
            return {str(key): int(n) for key, n in rows if key is not None}

        messages = dict(session.execute(select(OutreachMessage.status, func.count()).where(
            OutreachMessage.campaign_id == campaign_id).group_by(OutreachMessage.status)).all())
        by_status = grouped(Lead.status)
        return {"total": sum(by_status.values()), "by_status": by_status, "by_stage": grouped(Lead.stage),
                "by_tier": grouped(Lead.tier), "by_sequence": grouped(Lead.routing_sequence),
                "manual_review": by_status.get("MANUAL_REVIEW", 0),
                "messages": {str(k): int(v) for k, v in messages.items()}}


def _email_counts(factory: SessionFactory, campaign_id: int) -> dict[str, Any]:
    with session_scope(factory) as session:
        m = OutreachMessage
        sent, opened, clicked, replied, bounced = session.execute(select(
            func.count(m.sent_at), func.count(m.opened_at), func.count(m.clicked_at), func.count(m.replied_at),
            func.count(m.bounced_at)).where(m.campaign_id == campaign_id)).one()
        pairs = session.execute(select(m.sent_at, m.replied_at).where(
            m.campaign_id == campaign_id, m.replied_at.is_not(None), m.sent_at.is_not(None))).all()
    hours = [(r - s).total_seconds() / 3600 for s, r in pairs if s is not None and r is not None]
    return {"sent": int(sent), "opened": int(opened), "clicked": int(clicked), "replied": int(replied),
            "bounced": int(bounced), "avg_response_hours": round(sum(hours) / len(hours), 2) if hours else None}


def _trend(factory: SessionFactory, campaign_id: int, now: datetime) -> list[dict[str, Any]]:
    start = (now - timedelta(days=6)).replace(hour=0, minute=0, second=0, microsecond=0)
    days = [(start + timedelta(days=i)).date() for i in range(7)]
    trend = {day: dict.fromkeys(TREND_TYPES, 0) for day in days}
    with session_scope(factory) as session:
        rows = session.execute(select(EngagementEvent.type, EngagementEvent.occurred_at).where(
            EngagementEvent.campaign_id == campaign_id, EngagementEvent.occurred_at >= start,
            EngagementEvent.occurred_at <= now)).all()
    for kind, when in rows:
        day = when.date()
        if day in trend and kind in TREND_TYPES:
            trend[day][kind] += 1
    return [{"date": day.isoformat(), **trend[day]} for day in days]


def dashboard(factory: SessionFactory, campaign_id: int, now: datetime) -> dict[str, Any]:
    """Funnel, email outcomes, qualified/reply/conversion rates, response time, 7-day trend and channel rates."""
    funnel = pipeline_counts(factory, campaign_id)
    status = funnel["by_status"]
    scored = sum(n for s, n in status.items() if s not in ("NEW", "ENRICHED")) - _suppressed_unscored(
        factory, campaign_id)
    qualified = sum(status.get(s, 0) for s in QUALIFIED_EVER)
    contacted = sum(status.get(s, 0) for s in CONTACTED_EVER)
    emails = _email_counts(factory, campaign_id)
    delivered = emails["sent"] - emails["bounced"]
    return {
        "leads": funnel, "emails": emails,
        "rates": {"qualified": _rate(qualified, scored), "reply": _rate(emails["replied"], emails["sent"]),
                  "conversion": _rate(status.get("WON", 0), contacted)},
        "trend_7d": _trend(factory, campaign_id, now),
        "channels": {"email": {"delivery": _rate(delivered, emails["sent"]), "bounce": _rate(emails["bounced"],
                                                                                            emails["sent"]),
                               "reply": _rate(emails["replied"], delivered), "ctr": _rate(emails["clicked"],
                                                                                         delivered)}},
    }


def _suppressed_unscored(factory: SessionFactory, campaign_id: int) -> int:
    with session_scope(factory) as session:
        return int(session.scalar(select(func.count()).select_from(Lead).where(
            Lead.campaign_id == campaign_id, Lead.status == "SUPPRESSED", Lead.score.is_(None))) or 0)
