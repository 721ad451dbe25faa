"""API tenancy: hashed API keys per tenant, and the threads and runs each tenant owns.

Revision ID: 0004_api_tenancy
Revises: 0003_learning_profile_index
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0004_api_tenancy"
down_revision = "0003_learning_profile_index"
branch_labels = None
depends_on = None

JSON_DOC = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TS = sa.DateTime(timezone=True)


def _tenant_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["tenant_id"], ["tenants.id"], name=op.f(f"fk_{table}_tenant_id_tenants"),
                                   ondelete="CASCADE")


def upgrade() -> None:
    """Create api_keys, api_threads and api_runs."""
    op.create_table(
        "api_keys",
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("revoked_at", TS, nullable=True),
        _tenant_fk("api_keys"),
        sa.PrimaryKeyConstraint("key_hash", name=op.f("pk_api_keys")),
    )
    op.create_index("ix_api_keys_tenant", "api_keys", ["tenant_id"], unique=False)
    op.create_table(
        "api_threads",
        sa.Column("thread_id", sa.String(length=64), nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("graph_id", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("metadata", JSON_DOC, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        _tenant_fk("api_threads"),
        sa.PrimaryKeyConstraint("thread_id", name=op.f("pk_api_threads")),
    )
    op.create_index("ix_api_threads_tenant_time", "api_threads", ["tenant_id", "created_at"], unique=False)
    op.create_table(
        "api_runs",
        sa.Column("run_id", sa.String(length=64), nullable=False),
        sa.Column("thread_id", sa.String(length=64), nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("assistant_id", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("multitask_strategy", sa.String(length=16), nullable=False),
        sa.Column("metadata", JSON_DOC, nullable=False),
        sa.Column("kwargs", JSON_DOC, nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.ForeignKeyConstraint(["thread_id"], ["api_threads.thread_id"],
                                name=op.f("fk_api_runs_thread_id_api_threads"), ondelete="CASCADE"),
        _tenant_fk("api_runs"),
        sa.PrimaryKeyConstraint("run_id", name=op.f("pk_api_runs")),
    )
    op.create_index("ix_api_runs_thread_time", "api_runs", ["thread_id", "created_at"], unique=False)


def downgrade() -> None:
    """Drop the API tenancy tables."""
    op.drop_index("ix_api_runs_thread_time", table_name="api_runs")
    op.drop_table("api_runs")
    op.drop_index("ix_api_threads_tenant_time", table_name="api_threads")
    op.drop_table("api_threads")
    op.drop_index("ix_api_keys_tenant", table_name="api_keys")
    op.drop_table("api_keys")
