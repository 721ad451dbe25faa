"""Outreach storage: drafts, at-most-once sending, tracking (open, click, unsubscribe, reply) and follow-up state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from memory.db import SessionFactory, session_scope
from memory.leads_models import Campaign as CampaignRow
from memory.leads_models import EngagementEvent, Lead, OutreachMessage, Suppression, rowcount
from memory.leads_repo import ensure_tenant
from tools.leads.replies import ReplyEffect, raise_engagement
from tools.leads.transitions import can_transition, stage_of, transition

SENDABLE = ("ROUTED", "CONTACTED")


@dataclass(frozen=True)
class Tracked:
    """The message a tracking token belongs to, with its lead."""

    message: OutreachMessage
    lead: Lead


def _event(session: Session, lead: Lead, kind: str, now: datetime, message_pk: int | None = None,
           **data: Any) -> None:
    session.add(EngagementEvent(campaign_id=lead.campaign_id, lead_id=lead.id, message_pk=message_pk, type=kind,
                                occurred_at=now, data=data))


def _walk(lead: Lead, path: tuple[str, ...], now: datetime) -> None:
    """Move a lead along a status path, validating each step; a step that is not allowed ends the walk."""
    for status in path:
        if not can_transition(lead.status, status):
            return
        lead.status = transition(lead.status, status)
        lead.stage = stage_of(lead.status)
        lead.updated_at = now


def _stop(session: Session, lead: Lead, state: str) -> None:
    lead.sequence_state, lead.next_action_at = state, None
    session.execute(update(OutreachMessage).where(OutreachMessage.lead_id == lead.id,
                                                  OutreachMessage.status == "drafted").values(status="cancelled"))


class OutreachRepo:
    """Messages and engagement on one session factory; every method is one unit of work."""

    def __init__(self, factory: SessionFactory) -> None:
        self.factory = factory

    def due_leads(self, campaign_id: int, now: datetime, limit: int, last_steps: dict[str, int]) -> list[Lead]:
        """Leads whose next step is due: an active sequence with a step left (``last_steps`` per sequence name)
        and next_action_at reached. Leads past their last step wait for the follow-up check instead."""
        step_left = or_(*(and_(Lead.routing_sequence == name, Lead.sequence_step <= steps)
                          for name, steps in last_steps.items()))
        with session_scope(self.factory) as session:
            return list(session.scalars(select(Lead).where(
                Lead.campaign_id == campaign_id, Lead.sequence_state == "active", Lead.status.in_(SENDABLE),
                Lead.next_action_at <= now, step_left).order_by(Lead.next_action_at, Lead.id).limit(limit)))

    def sent_between(self, start: datetime, end: datetime, *, campaign_id: int | None = None,
                     tenant: str | None = None) -> int:
        """Emails handed to the SMTP server in [start, end) for a campaign, or for every campaign of a tenant."""
        with session_scope(self.factory) as session:
            query = select(func.count()).select_from(OutreachMessage).where(
                OutreachMessage.sent_at >= start, OutreachMessage.sent_at < end)
            if campaign_id is not None:
                query = query.where(OutreachMessage.campaign_id == campaign_id)
            if tenant is not None:
                query = query.join(CampaignRow, CampaignRow.id == OutreachMessage.campaign_id).where(
                    CampaignRow.tenant_id == tenant)
            return int(session.scalar(query) or 0)

    def pending_drafts(self, campaign_id: int) -> int:
        """Drafts written but not yet sent (they count against today's budget)."""
        with session_scope(self.factory) as session:
            return int(session.scalar(select(func.count()).select_from(OutreachMessage).where(
                OutreachMessage.campaign_id == campaign_id, OutreachMessage.status == "drafted")) or 0)

    def reply_stats(self, campaign_id: int) -> tuple[int, int]:
        """(messages sent, messages replied to) of a campaign."""
        with session_scope(self.factory) as session:
            sent, replied = session.execute(select(func.count(OutreachMessage.sent_at),
                                                   func.count(OutreachMessage.replied_at)).where(
                OutreachMessage.campaign_id == campaign_id)).one()
            return int(sent), int(replied)

    def save_drafts(self, messages: list[dict[str, Any]], lead_values: dict[int, dict[str, Any]],
                    now: datetime) -> int:
        """Store drafts (skipping a lead x sequence x step that already has one) and update their leads."""
        if not messages:
            return 0
        with session_scope(self.factory) as session:
            keys = {(m["lead_id"], m["sequence_id"], m["step"]) for m in messages}
            existing = set(session.execute(select(OutreachMessage.lead_id, OutreachMessage.sequence_id,
                                                  OutreachMessage.step).where(
                OutreachMessage.lead_id.in_({k[0] for k in keys}))).all())
            fresh = [m for m in messages if (m["lead_id"], m["sequence_id"], m["step"]) not in existing]
            session.add_all(OutreachMessage(**m, created_at=now) for m in fresh)
            for lead in session.scalars(select(Lead).where(Lead.id.in_(list(lead_values)))):
                for key, value in lead_values[lead.id].items():
                    setattr(lead, key, value)
                lead.updated_at = now
            return len(fresh)

    def drafts_due(self, campaign_id: int, now: datetime, limit: int) -> list[tuple[OutreachMessage, Lead]]:
        """Drafts scheduled by ``now``, oldest first, with their leads."""
        with session_scope(self.factory) as session:
            rows = session.execute(select(OutreachMessage, Lead).join(Lead, Lead.id == OutreachMessage.lead_id).where(
                OutreachMessage.campaign_id == campaign_id, OutreachMessage.status == "drafted",
                OutreachMessage.scheduled_for <= now).order_by(OutreachMessage.scheduled_for, OutreachMessage.id)
                .limit(limit)).all()
            return [(message, lead) for message, lead in rows]

    def defer(self, message_pk: int, until: datetime) -> None:
        """Keep a draft for the lead's next send window."""
        with session_scope(self.factory) as session:
            session.execute(update(OutreachMessage).where(OutreachMessage.id == message_pk)
                            .values(scheduled_for=until))

    def claim(self, message_pk: int) -> bool:
        """drafted -> sending, committed before the SMTP call: a crash never sends the same message twice."""
        with session_scope(self.factory) as session:
            result = session.execute(update(OutreachMessage).where(OutreachMessage.id == message_pk,
                                                                   OutreachMessage.status == "drafted")
                                     .values(status="sending"))
            return bool(rowcount(result))

    def mark_sent(self, message: OutreachMessage, lead_status: str, lead_values: dict[str, Any], now: datetime,
                  first_send_on: date | None = None) -> None:
        """The server accepted the message: record it, advance the lead (ROUTED -> CONTACTED), note day one."""
        values = {**lead_values, "last_contacted_at": now, "updated_at": now}
        if lead_status == "ROUTED":
            values |= {"status": transition(lead_status, "CONTACTED"), "stage": stage_of("CONTACTED")}
        with session_scope(self.factory) as session:
            session.execute(update(OutreachMessage).where(OutreachMessage.id == message.id)
                            .values(status="sent", sent_at=now))
            session.execute(update(Lead).where(Lead.id == message.lead_id, Lead.status == lead_status)
                            .values(**values))
            session.add(EngagementEvent(campaign_id=message.campaign_id, lead_id=message.lead_id,
                                        message_pk=message.id, type="sent", occurred_at=now,
                                        data={"step": message.step}))
            if first_send_on is not None:
                session.execute(update(CampaignRow).where(CampaignRow.id == message.campaign_id,
                                                          CampaignRow.first_send_on.is_(None))
                                .values(first_send_on=first_send_on))

    def mark_refused(self, message_pk: int, *, permanent: bool, detail: str, now: datetime,
                     retry_at: datetime) -> None:
        """A refused recipient: permanent -> bounced and suppressed; temporary -> back to drafted for later."""
        with session_scope(self.factory) as session:
            message = session.get_one(OutreachMessage, message_pk)
            message.error = detail[:500]
            if not permanent:
                message.status, message.scheduled_for = "drafted", retry_at
                return
            message.status, message.bounced_at, message.sent_at = "bounced", now, now
            lead = session.get_one(Lead, message.lead_id)
            self._suppress_lead(session, lead, "bounce", now, message.id)

    def cancel(self, message_pk: int, lead_values: dict[str, Any] | None, status: str, now: datetime,
               suppress: str | None = None) -> None:
        """Do not send a draft (lead suppressed, rejected meanwhile, ...); optionally suppress the lead."""
        with session_scope(self.factory) as session:
            message = session.get_one(OutreachMessage, message_pk)
            message.status = status
            lead = session.get_one(Lead, message.lead_id)
            if suppress:
                self._suppress_lead(session, lead, suppress, now, message.id, record=False)
            for key, value in (lead_values or {}).items():
                setattr(lead, key, value)

    def _suppress_lead(self, session: Session, lead: Lead, reason: str, now: datetime, message_pk: int | None,
                       record: bool = True) -> None:
        if lead.status != "SUPPRESSED":
            _walk(lead, ("SUPPRESSED",), now)
        lead.suppressed_reason = lead.suppressed_reason or reason
        _stop(session, lead, "stopped")
        if record and lead.email:
            ensure_tenant(session, lead.tenant_id, now)
            known = session.scalar(select(func.count()).select_from(Suppression).where(
                Suppression.tenant_id == lead.tenant_id, Suppression.kind == "email", Suppression.value == lead.email))
            if not known:
                session.add(Suppression(tenant_id=lead.tenant_id, kind="email", value=lead.email, reason=reason,
                                        created_at=now))
            _event(session, lead, "bounced" if reason == "bounce" else "unsubscribed", now, message_pk)

    def complete_sequences(self, campaign_id: int, now: datetime, last_steps: dict[str, int]) -> int:
        """Leads past their last step with no reply for the follow-up period: the sequence is completed."""
        done = 0
        with session_scope(self.factory) as session:
            for name, steps in last_steps.items():
                result = session.execute(update(Lead).where(
                    Lead.campaign_id == campaign_id, Lead.sequence_state == "active", Lead.routing_sequence == name,
                    Lead.sequence_step > steps, Lead.next_action_at <= now).values(
                    sequence_state="completed", next_action_at=None, updated_at=now))
                done += rowcount(result)
        return done

    def tracked(self, token: str) -> Tracked | None:
        """The message and lead behind a tracking token."""
        with session_scope(self.factory) as session:
            message = session.scalars(select(OutreachMessage).where(OutreachMessage.token == token)).first()
            return Tracked(message, session.get_one(Lead, message.lead_id)) if message else None

    def record_open(self, token: str, now: datetime) -> bool:
        """An open: count it on the lead and raise its engagement; False for an unknown token."""
        return self._engage(token, "opened", now)

    def record_click(self, token: str, index: int, now: datetime) -> str | None:
        """A click on link ``index`` of the message: the URL to redirect to (None for an unknown token/link)."""
        found = self.tracked(token)
        if found is None or not 0 <= index < len(found.message.links):
            return None
        self._engage(token, "clicked", now, link=index)
        return str(found.message.links[index])

    def _engage(self, token: str, kind: str, now: datetime, **data: Any) -> bool:
        with session_scope(self.factory) as session:
            message = session.scalars(select(OutreachMessage).where(OutreachMessage.token == token)).first()
            if message is None:
                return False
            lead = session.get_one(Lead, message.lead_id)
            message.opened_at = message.opened_at or now  # a click proves an open
            if kind == "clicked":
                message.clicked_at = message.clicked_at or now
                lead.clicks += 1
            else:
                lead.opens += 1
            lead.engagement = raise_engagement(lead.engagement, kind)
            lead.last_engaged_at = lead.updated_at = now
            _event(session, lead, kind, now, message.id, **data)
            return True

    def unsubscribe(self, token: str, now: datetime) -> bool:
        """The unsubscribe link: suppress the address, stop the sequence; False for an unknown token."""
        with session_scope(self.factory) as session:
            message = session.scalars(select(OutreachMessage).where(OutreachMessage.token == token)).first()
            if message is None:
                return False
            self._suppress_lead(session, session.get_one(Lead, message.lead_id), "unsubscribe", now, message.id)
            return True

    def record_reply(self, lead_id: int, message_pk: int | None, label: str, effect: ReplyEffect, now: datetime,
                     **data: Any) -> str:
        """Apply a classified reply to its lead; returns the lead's status afterwards."""
        with session_scope(self.factory) as session:
            lead = session.get_one(Lead, lead_id)
            _event(session, lead, "replied", now, message_pk, label=label, **data)
            if message_pk is not None:
                message = session.get_one(OutreachMessage, message_pk)
                message.replied_at = message.replied_at or now
            if effect.suppress:
                self._suppress_lead(session, lead, effect.suppress, now, message_pk)
                return lead.status
            if effect.path:
                lead.last_reply_at = now
                lead.engagement = raise_engagement(lead.engagement, "replied")
            _walk(lead, effect.path, now)
            if effect.stop:
                _stop(session, lead, "stopped")
            return lead.status

    def message_for_reply(self, tenant: str, from_email: str, in_reply_to: str | None) -> Tracked | None:
        """The message a reply answers: by In-Reply-To Message-ID, else the latest sent to that address."""
        with session_scope(self.factory) as session:
            query = select(OutreachMessage).join(CampaignRow, CampaignRow.id == OutreachMessage.campaign_id).where(
                CampaignRow.tenant_id == tenant)
            message = None
            if in_reply_to:
                message = session.scalars(query.where(OutreachMessage.message_id == in_reply_to.strip())).first()
            if message is None:
                message = session.scalars(query.where(OutreachMessage.to_email == from_email.strip().lower(),
                                                      OutreachMessage.sent_at.is_not(None))
                                          .order_by(OutreachMessage.sent_at.desc())).first()
            return Tracked(message, session.get_one(Lead, message.lead_id)) if message else None
