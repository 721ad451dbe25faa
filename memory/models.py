"""App tables on one declarative Base: tenants, events, performance records and pack run summaries.

Other domains (api keys, briefs, leads, ...) declare their models on the same ``Base`` and add an Alembic revision
in ``memory/migrations/versions``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
BigId = BigInteger().with_variant(Integer, "sqlite")  # SQLite autoincrements only INTEGER primary keys
JsonDoc = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class Base(DeclarativeBase):
    """Declarative base of every app table (shared by all domains)."""

    metadata = MetaData(naming_convention=NAMING)


class Tenant(Base):
    """A client account; everything learned is scoped to one."""

    __tablename__ = "tenants"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Event(Base):
    """One typed event of the log (pack, section, quality, intake, lead pipeline, performance, creative)."""

    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_tenant_time", "tenant_id", "occurred_at"),
        Index("ix_events_tenant_type_time", "tenant_id", "type", "occurred_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"))
    type: Mapped[str] = mapped_column(String(40))
    occurred_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    run_id: Mapped[str | None] = mapped_column(String(64))
    pack_key: Mapped[str | None] = mapped_column(String(64))
    subject_id: Mapped[str | None] = mapped_column(String(200))
    payload: Mapped[dict[str, Any]] = mapped_column(JsonDoc, default=dict)


class PerformanceRecord(Base):
    """Measured outcome of one piece of content on one platform and day."""

    __tablename__ = "performance_records"
    __table_args__ = (
        UniqueConstraint("tenant_id", "content_id", "date", "platform", name="uq_performance_records_key"),
        Index("ix_performance_tenant_tier_date", "tenant_id", "tier", "date"),  # newest winners/losers first
        Index("ix_performance_industry_platform", "industry", "platform"),
        # covers the Kaizen builder's grouped scan of one tenant (index-only, no table lookups)
        Index("ix_performance_tenant_profile", "tenant_id", "platform", "hook_style", "tone", "tier",
              "engagement_rate"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"))
    content_id: Mapped[str] = mapped_column(String(200))
    date: Mapped[date] = mapped_column(Date)
    platform: Mapped[str] = mapped_column(String(64))
    content_type: Mapped[str] = mapped_column(String(64))
    hook: Mapped[str] = mapped_column(String(200))
    hook_style: Mapped[str] = mapped_column(String(40))
    tone: Mapped[str] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    impressions: Mapped[int] = mapped_column(BigInteger)
    clicks: Mapped[int] = mapped_column(BigInteger)
    engagements: Mapped[int] = mapped_column(BigInteger)
    conversions: Mapped[int] = mapped_column(BigInteger)
    cost: Mapped[float] = mapped_column(Float)
    revenue: Mapped[float] = mapped_column(Float)
    industry: Mapped[str | None] = mapped_column(String(120))
    pack_key: Mapped[str | None] = mapped_column(String(64))
    section_id: Mapped[str | None] = mapped_column(String(64))
    engagement_rate: Mapped[float] = mapped_column(Float)
    tier: Mapped[str] = mapped_column(String(16))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PackRun(Base):
    """Summary of one finished pack run (feeds the pack success rate)."""

    __tablename__ = "pack_runs"
    __table_args__ = (Index("ix_pack_runs_tenant_time", "tenant_id", "created_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"))
    run_id: Mapped[str] = mapped_column(String(64), unique=True)
    thread_id: Mapped[str | None] = mapped_column(String(64))
    pack_key: Mapped[str] = mapped_column(String(64))
    industry: Mapped[str | None] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(24))
    quality_passed: Mapped[bool] = mapped_column(Boolean)
    engine: Mapped[str | None] = mapped_column(String(16))
    error_type: Mapped[str | None] = mapped_column(String(40))
    kaizen_confidence: Mapped[int] = mapped_column(Integer, default=0)
    kaizen_sample_size: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
