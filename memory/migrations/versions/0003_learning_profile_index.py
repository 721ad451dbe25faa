"""Learning: indexes for the Kaizen builder (covering profile scan, newest texts by tier).

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

TABLE = "performance_records"
PROFILE = ["tenant_id", "platform", "hook_style", "tone", "tier", "engagement_rate"]


def upgrade() -> None:
    """Create the covering profile index; replace (tenant, tier) with (tenant, tier, date)."""
    op.create_index("ix_performance_tenant_profile", TABLE, PROFILE)
    op.create_index("ix_performance_tenant_tier_date", TABLE, ["tenant_id", "tier", "date"])
    op.drop_index("ix_performance_tenant_tier", table_name=TABLE)


def downgrade() -> None:
    """Back to the (tenant, tier) index only."""
    op.create_index("ix_performance_tenant_tier", TABLE, ["tenant_id", "tier"])
    op.drop_index("ix_performance_tenant_tier_date", table_name=TABLE)
    op.drop_index("ix_performance_tenant_profile", table_name=TABLE)
