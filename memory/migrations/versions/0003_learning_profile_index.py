"""Learning: covering index for the Kaizen builder's per-tenant performance profile.

Revision ID: 0003_learning_profile_index
Revises: 0002_leads
Create Date: 2026-11-22
"""

from __future__ import annotations

from alembic import op

revision = "0003_learning_profile_index"
down_revision = "0002_leads"
branch_labels = None
depends_on = None

COLUMNS = ["tenant_id", "platform", "hook_style", "tone", "tier", "engagement_rate"]


def upgrade() -> None:
    """Create the covering index."""
    op.create_index("ix_performance_tenant_profile", "performance_records", COLUMNS)


def downgrade() -> None:
    """Drop the covering index."""
    op.drop_index("ix_performance_tenant_profile", table_name="performance_records")
