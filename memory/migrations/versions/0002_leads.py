"""Lead pipeline: campaigns, sequences and steps, leads, outreach messages, engagement events, suppressions, runs.

Revision ID: 0002_leads
Revises: 0001_learning
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0002_leads"
down_revision = "0001_learning"
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
JSON_DOC = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    """Create the lead pipeline tables and their indexes."""
    op.create_table(
        "schedule_runs",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("job", sa.String(length=16), nullable=False),
        sa.Column("scope", sa.String(length=140), nullable=False),
        sa.Column("scheduled_for", TS, nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("started_at", TS, nullable=False),
        sa.Column("finished_at", TS, nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("stats", JSON_DOC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_schedule_runs")),
        sa.UniqueConstraint("job", "scope", "scheduled_for", name="uq_schedule_runs_job_scope_time"),
    )
    op.create_index("ix_schedule_runs_job_scope_started", "schedule_runs", ["job", "scope", "started_at"], unique=False)
    op.create_table(
        "campaigns",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("paused_reason", sa.String(length=200), nullable=True),
        sa.Column("config", JSON_DOC, nullable=False),
        sa.Column("first_send_on", sa.Date(), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_campaigns_tenant_id_tenants"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaigns")),
        sa.UniqueConstraint("tenant_id", "name", name="uq_campaigns_tenant_name"),
    )
    op.create_table(
        "suppressions",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("value", sa.String(length=320), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_suppressions_tenant_id_tenants"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suppressions")),
        sa.UniqueConstraint("tenant_id", "kind", "value", name="uq_suppressions_tenant_kind_value"),
    )
    op.create_table(
        "leads",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("tenant_id", sa.String(length=64), nullable=False),
        sa.Column("campaign_id", BIG_ID, nullable=False),
        sa.Column("dedupe_key", sa.String(length=400), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("first_name", sa.String(length=200), nullable=True),
        sa.Column("last_name", sa.String(length=200), nullable=True),
        sa.Column("company", sa.String(length=200), nullable=True),
        sa.Column("company_domain", sa.String(length=200), nullable=True),
        sa.Column("title", sa.String(length=200), nullable=True),
        sa.Column("linkedin_url", sa.String(length=200), nullable=True),
        sa.Column("timezone", sa.String(length=64), nullable=True),
        sa.Column("pain_point", sa.String(length=200), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("tier", sa.String(length=8), nullable=True),
        sa.Column("icp_fit", sa.Float(), nullable=True),
        sa.Column("opportunity", sa.Float(), nullable=True),
        sa.Column("intent", sa.Float(), nullable=True),
        sa.Column("tags", JSON_DOC, nullable=False),
        sa.Column("enrichment", JSON_DOC, nullable=False),
        sa.Column("score_breakdown", JSON_DOC, nullable=True),
        sa.Column("qualification_reasons", JSON_DOC, nullable=True),
        sa.Column("routing", JSON_DOC, nullable=True),
        sa.Column("routing_sequence", sa.String(length=64), nullable=True),
        sa.Column("sequence_step", sa.Integer(), nullable=True),
        sa.Column("sequence_state", sa.String(length=16), nullable=True),
        sa.Column("sequence_started_at", TS, nullable=True),
        sa.Column("next_action_at", TS, nullable=True),
        sa.Column("last_contacted_at", TS, nullable=True),
        sa.Column("last_reply_at", TS, nullable=True),
        sa.Column("engagement", sa.String(length=16), nullable=False),
        sa.Column("opens", sa.Integer(), nullable=False),
        sa.Column("clicks", sa.Integer(), nullable=False),
        sa.Column("last_engaged_at", TS, nullable=True),
        sa.Column("do_not_contact", sa.Boolean(), nullable=False),
        sa.Column("suppressed_reason", sa.String(length=32), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaigns.id"], name=op.f("fk_leads_campaign_id_campaigns"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name=op.f("fk_leads_tenant_id_tenants"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leads")),
        sa.UniqueConstraint("campaign_id", "dedupe_key", name="uq_leads_campaign_dedupe"),
    )
    op.create_index("ix_leads_campaign_due", "leads", ["campaign_id", "sequence_state", "next_action_at"], unique=False)
    op.create_index("ix_leads_campaign_status", "leads", ["campaign_id", "status", "id"], unique=False)
    op.create_index("ix_leads_tenant_email", "leads", ["tenant_id", "email"], unique=False)
    op.create_table(
        "sequences",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("campaign_id", BIG_ID, nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("goal", sa.String(length=200), nullable=False),
        sa.Column("min_score", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"], ["campaigns.id"], name=op.f("fk_sequences_campaign_id_campaigns"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sequences")),
        sa.UniqueConstraint("campaign_id", "name", name="uq_sequences_campaign_name"),
    )
    op.create_table(
        "outreach_messages",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("campaign_id", BIG_ID, nullable=False),
        sa.Column("lead_id", BIG_ID, nullable=False),
        sa.Column("sequence_id", BIG_ID, nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("message_id", sa.String(length=255), nullable=False),
        sa.Column("to_email", sa.String(length=320), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=False),
        sa.Column("links", JSON_DOC, nullable=False),
        sa.Column("engine", sa.String(length=16), nullable=False),
        sa.Column("provider", sa.String(length=32), nullable=True),
        sa.Column("model", sa.String(length=120), nullable=True),
        sa.Column("issues", JSON_DOC, nullable=False),
        sa.Column("scheduled_for", TS, nullable=False),
        sa.Column("sent_at", TS, nullable=True),
        sa.Column("opened_at", TS, nullable=True),
        sa.Column("clicked_at", TS, nullable=True),
        sa.Column("replied_at", TS, nullable=True),
        sa.Column("bounced_at", TS, nullable=True),
        sa.Column("error", sa.String(length=500), nullable=True),
        sa.Column("created_at", TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_outreach_messages_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["lead_id"], ["leads.id"], name=op.f("fk_outreach_messages_lead_id_leads"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["sequence_id"],
            ["sequences.id"],
            name=op.f("fk_outreach_messages_sequence_id_sequences"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outreach_messages")),
        sa.UniqueConstraint("lead_id", "sequence_id", "step", name="uq_outreach_messages_lead_step"),
        sa.UniqueConstraint("message_id", name="uq_outreach_messages_message_id"),
        sa.UniqueConstraint("token", name="uq_outreach_messages_token"),
    )
    op.create_index("ix_outreach_campaign_sent", "outreach_messages", ["campaign_id", "sent_at"], unique=False)
    op.create_index(
        "ix_outreach_campaign_status", "outreach_messages", ["campaign_id", "status", "scheduled_for"], unique=False
    )
    op.create_table(
        "sequence_steps",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("sequence_id", BIG_ID, nullable=False),
        sa.Column("step", sa.Integer(), nullable=False),
        sa.Column("day_offset", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sequence_id"], ["sequences.id"], name=op.f("fk_sequence_steps_sequence_id_sequences"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sequence_steps")),
        sa.UniqueConstraint("sequence_id", "step", name="uq_sequence_steps_sequence_step"),
    )
    op.create_table(
        "engagement_events",
        sa.Column("id", BIG_ID, autoincrement=True, nullable=False),
        sa.Column("campaign_id", BIG_ID, nullable=False),
        sa.Column("lead_id", BIG_ID, nullable=False),
        sa.Column("message_pk", BIG_ID, nullable=True),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("occurred_at", TS, nullable=False),
        sa.Column("data", JSON_DOC, nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_engagement_events_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["lead_id"], ["leads.id"], name=op.f("fk_engagement_events_lead_id_leads"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["message_pk"],
            ["outreach_messages.id"],
            name=op.f("fk_engagement_events_message_pk_outreach_messages"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_engagement_events")),
    )
    op.create_index(
        "ix_engagement_campaign_type_time", "engagement_events", ["campaign_id", "type", "occurred_at"], unique=False
    )
    op.create_index("ix_engagement_lead", "engagement_events", ["lead_id"], unique=False)


def downgrade() -> None:
    """Drop the lead pipeline tables (children first)."""
    op.drop_index("ix_engagement_lead", table_name="engagement_events")
    op.drop_index("ix_engagement_campaign_type_time", table_name="engagement_events")
    op.drop_table("engagement_events")
    op.drop_table("sequence_steps")
    op.drop_index("ix_outreach_campaign_status", table_name="outreach_messages")
    op.drop_index("ix_outreach_campaign_sent", table_name="outreach_messages")
    op.drop_table("outreach_messages")
    op.drop_table("sequences")
    op.drop_index("ix_leads_tenant_email", table_name="leads")
    op.drop_index("ix_leads_campaign_status", table_name="leads")
    op.drop_index("ix_leads_campaign_due", table_name="leads")
    op.drop_table("leads")
    op.drop_table("suppressions")
    op.drop_table("campaigns")
    op.drop_index("ix_schedule_runs_job_scope_started", table_name="schedule_runs")
    op.drop_table("schedule_runs")
