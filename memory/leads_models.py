"""Lead pipeline tables on the shared Base: campaigns, sequences, leads, messages, events, suppression, runs."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Result
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from memory.models import Base, BigId, JsonDoc, utcnow


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC in, timezone-aware UTC out (SQLite stores naive UTC, PostgreSQL timestamptz)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Refuse naive times; store UTC (naive on SQLite, which has no time zones)."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass timezone-aware times to the lead tables")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """Always hand back an aware UTC time."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def rowcount(result: Result[Any]) -> int:
    """Rows an UPDATE/DELETE matched (0 when the driver cannot tell)."""
    return max(int(getattr(result, "rowcount", 0) or 0), 0)


def _fk(target: str) -> ForeignKey:
    return ForeignKey(target, ondelete="CASCADE")


class Campaign(Base):
    """A lead campaign; ``config`` holds the validated campaign YAML (ICP, offer, tone, limits, sender, rules)."""

    __tablename__ = "campaigns"
    __table_args__ = (UniqueConstraint("tenant_id", "name", name="uq_campaigns_tenant_name"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(_fk("tenants.id"))
    name: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(16), default="active")
    paused_reason: Mapped[str | None] = mapped_column(String(200))
    config: Mapped[dict[str, Any]] = mapped_column(JsonDoc)
    first_send_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow, onupdate=utcnow)


class Sequence(Base):
    """A nurture sequence of one campaign."""

    __tablename__ = "sequences"
    __table_args__ = (UniqueConstraint("campaign_id", "name", name="uq_sequences_campaign_name"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    campaign_id: Mapped[int] = mapped_column(_fk("campaigns.id"))
    name: Mapped[str] = mapped_column(String(64))
    goal: Mapped[str] = mapped_column(String(200))
    min_score: Mapped[float] = mapped_column(Float)


class SequenceStep(Base):
    """One email of a sequence and the day it is due, counted from the first send."""

    __tablename__ = "sequence_steps"
    __table_args__ = (UniqueConstraint("sequence_id", "step", name="uq_sequence_steps_sequence_step"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    sequence_id: Mapped[int] = mapped_column(_fk("sequences.id"))
    step: Mapped[int] = mapped_column(Integer)
    day_offset: Mapped[int] = mapped_column(Integer)


class Lead(Base):
    """A lead with its explainable score, qualification and route, its sequence position and engagement."""

    __tablename__ = "leads"
    __table_args__ = (
        UniqueConstraint("campaign_id", "dedupe_key", name="uq_leads_campaign_dedupe"),
        Index("ix_leads_campaign_status", "campaign_id", "status", "id"),
        Index("ix_leads_campaign_due", "campaign_id", "sequence_state", "next_action_at"),
        Index("ix_leads_tenant_email", "tenant_id", "email"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(_fk("tenants.id"))
    campaign_id: Mapped[int] = mapped_column(_fk("campaigns.id"))
    dedupe_key: Mapped[str] = mapped_column(String(400))
    email: Mapped[str | None] = mapped_column(String(320))
    name: Mapped[str | None] = mapped_column(String(200))
    first_name: Mapped[str | None] = mapped_column(String(200))
    last_name: Mapped[str | None] = mapped_column(String(200))
    company: Mapped[str | None] = mapped_column(String(200))
    company_domain: Mapped[str | None] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(200))
    linkedin_url: Mapped[str | None] = mapped_column(String(200))
    timezone: Mapped[str | None] = mapped_column(String(64))
    pain_point: Mapped[str | None] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="NEW")
    stage: Mapped[str] = mapped_column(String(16), default="intake")
    score: Mapped[float | None] = mapped_column(Float)
    tier: Mapped[str | None] = mapped_column(String(8))
    icp_fit: Mapped[float | None] = mapped_column(Float)
    opportunity: Mapped[float | None] = mapped_column(Float)
    intent: Mapped[float | None] = mapped_column(Float)
    tags: Mapped[list[str]] = mapped_column(JsonDoc, default=list)
    enrichment: Mapped[dict[str, Any]] = mapped_column(JsonDoc, default=dict)
    score_breakdown: Mapped[dict[str, Any] | None] = mapped_column(JsonDoc)
    qualification_reasons: Mapped[dict[str, Any] | None] = mapped_column(JsonDoc)
    routing: Mapped[dict[str, Any] | None] = mapped_column(JsonDoc)
    routing_sequence: Mapped[str | None] = mapped_column(String(64))
    sequence_step: Mapped[int | None] = mapped_column(Integer)
    sequence_state: Mapped[str | None] = mapped_column(String(16))
    sequence_started_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    next_action_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_contacted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_reply_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    engagement: Mapped[str] = mapped_column(String(16), default="none")
    opens: Mapped[int] = mapped_column(Integer, default=0)
    clicks: Mapped[int] = mapped_column(Integer, default=0)
    last_engaged_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    do_not_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    suppressed_reason: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class OutreachMessage(Base):
    """One email of one lead's sequence step: drafted once, sent at most once (unique lead x sequence x step)."""

    __tablename__ = "outreach_messages"
    __table_args__ = (
        UniqueConstraint("lead_id", "sequence_id", "step", name="uq_outreach_messages_lead_step"),
        UniqueConstraint("token", name="uq_outreach_messages_token"),
        UniqueConstraint("message_id", name="uq_outreach_messages_message_id"),
        Index("ix_outreach_campaign_status", "campaign_id", "status", "scheduled_for"),
        Index("ix_outreach_campaign_sent", "campaign_id", "sent_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    campaign_id: Mapped[int] = mapped_column(_fk("campaigns.id"))
    lead_id: Mapped[int] = mapped_column(_fk("leads.id"))
    sequence_id: Mapped[int] = mapped_column(_fk("sequences.id"))
    step: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    token: Mapped[str] = mapped_column(String(64))
    message_id: Mapped[str] = mapped_column(String(255))
    to_email: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    links: Mapped[list[str]] = mapped_column(JsonDoc, default=list)
    engine: Mapped[str] = mapped_column(String(16))
    provider: Mapped[str | None] = mapped_column(String(32))
    model: Mapped[str | None] = mapped_column(String(120))
    issues: Mapped[list[str]] = mapped_column(JsonDoc, default=list)
    scheduled_for: Mapped[datetime] = mapped_column(UtcDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    opened_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    clicked_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    replied_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    bounced_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class EngagementEvent(Base):
    """Sent, opened, clicked, replied, bounced or unsubscribed: one row per happening."""

    __tablename__ = "engagement_events"
    __table_args__ = (Index("ix_engagement_campaign_type_time", "campaign_id", "type", "occurred_at"),
                      Index("ix_engagement_lead", "lead_id"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    campaign_id: Mapped[int] = mapped_column(_fk("campaigns.id"))
    lead_id: Mapped[int] = mapped_column(_fk("leads.id"))
    message_pk: Mapped[int | None] = mapped_column(ForeignKey("outreach_messages.id", ondelete="SET NULL"))
    type: Mapped[str] = mapped_column(String(16))
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime)
    data: Mapped[dict[str, Any]] = mapped_column(JsonDoc, default=dict)


class Suppression(Base):
    """An address or domain that must never be emailed (unsubscribe, bounce, do-not-contact, blocked domain)."""

    __tablename__ = "suppressions"
    __table_args__ = (UniqueConstraint("tenant_id", "kind", "value", name="uq_suppressions_tenant_kind_value"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(_fk("tenants.id"))
    kind: Mapped[str] = mapped_column(String(8))
    value: Mapped[str] = mapped_column(String(320))
    reason: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ScheduleRun(Base):
    """One run of a scheduled lead job for a scope (a campaign) and scheduled time; unique, so runs are idempotent."""

    __tablename__ = "schedule_runs"
    __table_args__ = (UniqueConstraint("job", "scope", "scheduled_for", name="uq_schedule_runs_job_scope_time"),
                      Index("ix_schedule_runs_job_scope_started", "job", "scope", "started_at"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    job: Mapped[str] = mapped_column(String(16))
    scope: Mapped[str] = mapped_column(String(140))
    scheduled_for: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    error: Mapped[str | None] = mapped_column(Text)
    stats: Mapped[dict[str, Any]] = mapped_column(JsonDoc, default=dict)
