"""API tenancy tables: hashed API keys, and the threads and runs each tenant owns (graph state lives in checkpoints)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from memory.models import Base, JsonDoc, utcnow


class ApiKey(Base):
    """One API key of a tenant; only its SHA-256 digest is stored."""

    __tablename__ = "api_keys"
    __table_args__ = (Index("ix_api_keys_tenant", "tenant_id"),)

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"))
    prefix: Mapped[str] = mapped_column(String(16))
    name: Mapped[str | None] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ApiThread(Base):
    """A conversation/run history of one assistant, owned by one tenant."""

    __tablename__ = "api_threads"
    __table_args__ = (Index("ix_api_threads_tenant_time", "tenant_id", "created_at"),)

    thread_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"))
    graph_id: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="idle")
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", JsonDoc, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ApiRun(Base):
    """One invocation of an assistant on a thread."""

    __tablename__ = "api_runs"
    __table_args__ = (Index("ix_api_runs_thread_time", "thread_id", "created_at"),)

    run_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    thread_id: Mapped[str] = mapped_column(ForeignKey("api_threads.thread_id", ondelete="CASCADE"))
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id", ondelete="CASCADE"))
    assistant_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    multitask_strategy: Mapped[str] = mapped_column(String(16), default="reject")
    meta: Mapped[dict[str, Any]] = mapped_column("metadata", JsonDoc, default=dict)
    kwargs: Mapped[dict[str, Any]] = mapped_column(JsonDoc, default=dict)
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
