"""Learning loop: tenants, events, performance records and pack run summaries.

Revision ID: 0001_learning
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001_learning"
down_revision = None
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
JSON_DOC = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _id() -> sa.Column:
    return sa.Column("id", BIG_ID, autoincrement=True, nullable=False)


def _tenant_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], name=f"fk_{table}_tenant_id_tenants",
                                   ondelete="CASCADE")


def _tenant() -> sa.Column:
    return sa.Column("tenant_id", sa.String(64), nullable=False)


def _created(name: str = "created_at") -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    """Create the learning tables and their indexes."""
    op.create_table(
        "tenants",
        sa.Column("id", sa.String(64), nullable=False), sa.Column("name", sa.String(200)), _created(),
        sa.PrimaryKeyConstraint("id", name="pk_tenants"),
    )
    op.create_table(
        "events",
        _id(), _tenant(), sa.Column("type", sa.String(40), nullable=False), _created("occurred_at"),
        sa.Column("run_id", sa.String(64)), sa.Column("pack_key", sa.String(64)),
        sa.Column("subject_id", sa.String(200)), sa.Column("payload", JSON_DOC, nullable=False),
        _tenant_fk("events"), sa.PrimaryKeyConstraint("id", name="pk_events"),
    )
    op.create_index("ix_events_tenant_time", "events", ["tenant_id", "occurred_at"])
    op.create_index("ix_events_tenant_type_time", "events", ["tenant_id", "type", "occurred_at"])
    op.create_table(
        "performance_records",
        _id(), _tenant(), sa.Column("content_id", sa.String(200), nullable=False),
        sa.Column("date", sa.Date(), nullable=False), sa.Column("platform", sa.String(64), nullable=False),
        sa.Column("content_type", sa.String(64), nullable=False), sa.Column("hook", sa.String(200), nullable=False),
        sa.Column("hook_style", sa.String(40), nullable=False), sa.Column("tone", sa.String(64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        *[sa.Column(name, sa.BigInteger(), nullable=False)
          for name in ("impressions", "clicks", "engagements", "conversions")],
        sa.Column("cost", sa.Float(), nullable=False), sa.Column("revenue", sa.Float(), nullable=False),
        sa.Column("industry", sa.String(120)), sa.Column("pack_key", sa.String(64)),
        sa.Column("section_id", sa.String(64)), sa.Column("engagement_rate", sa.Float(), nullable=False),
        sa.Column("tier", sa.String(16), nullable=False), _created("imported_at"),
        _tenant_fk("performance_records"), sa.PrimaryKeyConstraint("id", name="pk_performance_records"),
        sa.UniqueConstraint("tenant_id", "content_id", "date", "platform", name="uq_performance_records_key"),
    )
    op.create_index("ix_performance_tenant_tier", "performance_records", ["tenant_id", "tier"])
    op.create_index("ix_performance_industry_platform", "performance_records", ["industry", "platform"])
    op.create_table(
        "pack_runs",
        _id(), _tenant(), sa.Column("run_id", sa.String(64), nullable=False), sa.Column("thread_id", sa.String(64)),
        sa.Column("pack_key", sa.String(64), nullable=False), sa.Column("industry", sa.String(120)),
        sa.Column("status", sa.String(24), nullable=False), sa.Column("quality_passed", sa.Boolean(), nullable=False),
        sa.Column("engine", sa.String(16)), sa.Column("error_type", sa.String(40)),
        sa.Column("kaizen_confidence", sa.Integer(), nullable=False),
        sa.Column("kaizen_sample_size", sa.Integer(), nullable=False), _created(),
        _tenant_fk("pack_runs"), sa.PrimaryKeyConstraint("id", name="pk_pack_runs"),
        sa.UniqueConstraint("run_id", name="uq_pack_runs_run_id"),
    )
    op.create_index("ix_pack_runs_tenant_time", "pack_runs", ["tenant_id", "created_at"])


def downgrade() -> None:
    """Drop the learning tables (children first)."""
    op.drop_index("ix_pack_runs_tenant_time", table_name="pack_runs")
    op.drop_table("pack_runs")
    op.drop_index("ix_performance_industry_platform", table_name="performance_records")
    op.drop_index("ix_performance_tenant_tier", table_name="performance_records")
    op.drop_table("performance_records")
    op.drop_index("ix_events_tenant_type_time", table_name="events")
    op.drop_index("ix_events_tenant_time", table_name="events")
    op.drop_table("events")
    op.drop_table("tenants")
