"""Lead storage: campaigns with their sequences, bulk import with dedupe, guarded stage updates and suppression."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, Table, bindparam, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from memory.db import SessionFactory, session_scope
from memory.leads_models import Campaign as CampaignRow
from memory.leads_models import Lead, SequenceStep, Suppression, rowcount
from memory.leads_models import Sequence as SequenceRow
from memory.models import Tenant
from tools.leads.campaign import Campaign
from tools.leads.dedupe import dedupe, dedupe_key
from tools.leads.records import LeadRecord
from tools.leads.safety import domain_of
from tools.leads.transitions import stage_of, transition

LEADS: Table = Lead.__table__  # type: ignore[assignment]
CHUNK = 5000


class CampaignNotFoundError(LookupError):
    """No campaign with that name for the tenant."""


class CampaignExistsError(ValueError):
    """A campaign with that name already exists for the tenant."""


@dataclass(frozen=True)
class CampaignInfo:
    """A stored campaign: its row facts, its validated config and its sequence ids by name."""

    id: int
    tenant: str
    name: str
    status: str
    config: Campaign
    first_send_on: date | None
    sequence_ids: dict[str, int] = field(default_factory=dict)
    paused_reason: str | None = None

    def offsets(self, sequence: str) -> list[int]:
        """Day offsets of a sequence's steps."""
        return next(s.offsets for s in self.config.rules.sequences if s.name == sequence)


@dataclass(frozen=True)
class ImportStats:
    """What an import did: stored, duplicates (in the file or already stored) and their keys."""

    imported: int
    duplicates: int
    duplicate_keys: list[str]


def ensure_tenant(session: Session, tenant: str, now: datetime) -> None:
    """Create the tenant row the first time a tenant is used."""
    if session.get(Tenant, tenant) is None:
        session.add(Tenant(id=tenant, name=tenant, created_at=now))
        session.flush()


def _info(session: Session, row: CampaignRow) -> CampaignInfo:
    ids = dict(session.execute(select(SequenceRow.name, SequenceRow.id).where(SequenceRow.campaign_id == row.id)).all())
    return CampaignInfo(id=row.id, tenant=row.tenant_id, name=row.name, status=row.status,
                        config=Campaign.model_validate(row.config), first_send_on=row.first_send_on,
                        sequence_ids={str(k): int(v) for k, v in ids.items()}, paused_reason=row.paused_reason)


def lead_row(record: LeadRecord, key: str, tenant: str, campaign_id: int, now: datetime) -> dict[str, Any]:
    """The column values of a new lead (every key present, so bulk inserts batch)."""
    return {
        "tenant_id": tenant, "campaign_id": campaign_id, "dedupe_key": key, "email": record.email,
        "name": record.full_name, "first_name": record.first_name, "last_name": record.last_name,
        "company": record.company, "company_domain": record.company_domain, "title": record.title,
        "linkedin_url": record.linkedin_url, "timezone": record.timezone, "pain_point": record.pain_point,
        "source": record.source, "status": "NEW", "stage": stage_of("NEW"), "tags": record.tags,
        "enrichment": record.enrichment.model_dump(exclude_defaults=True), "engagement": "none", "opens": 0,
        "clicks": 0, "do_not_contact": False, "created_at": now, "updated_at": now,
    }


class LeadRepo:
    """Campaigns, leads and suppression on one session factory; every method is one unit of work."""

    def __init__(self, factory: SessionFactory) -> None:
        self.factory = factory

    def create_campaign(self, tenant: str, campaign: Campaign, now: datetime) -> CampaignInfo:
        """Store a campaign with its sequences and steps; raises CampaignExistsError for a taken name."""
        try:
            with session_scope(self.factory) as session:
                ensure_tenant(session, tenant, now)
                row = CampaignRow(tenant_id=tenant, name=campaign.name, status="active",
                                  config=campaign.model_dump(mode="json"), created_at=now, updated_at=now)
                session.add(row)
                session.flush()
                for spec in campaign.rules.sequences:
                    seq = SequenceRow(campaign_id=row.id, name=spec.name, goal=spec.goal, min_score=spec.min_score)
                    session.add(seq)
                    session.flush()
                    session.add_all(SequenceStep(sequence_id=seq.id, step=i, day_offset=offset)
                                    for i, offset in enumerate(spec.offsets, start=1))
                session.flush()
                return _info(session, row)
        except IntegrityError:
            raise CampaignExistsError(f"campaign '{campaign.name}' already exists for tenant '{tenant}'") from None

    def get_campaign(self, tenant: str, name: str) -> CampaignInfo:
        """The campaign by name; raises CampaignNotFoundError listing the tenant's campaigns."""
        with session_scope(self.factory) as session:
            row = session.scalars(select(CampaignRow).where(CampaignRow.tenant_id == tenant,
                                                            CampaignRow.name == name)).first()
            if row is None:
                names = session.scalars(select(CampaignRow.name).where(CampaignRow.tenant_id == tenant)).all()
                raise CampaignNotFoundError(f"no campaign '{name}' for tenant '{tenant}'; campaigns: "
                                            f"{', '.join(names) or 'none (create one with aicmo campaigns create)'}")
            return _info(session, row)

    def list_campaigns(self, tenant: str) -> list[CampaignInfo]:
        """Every campaign of a tenant, oldest first."""
        with session_scope(self.factory) as session:
            rows = session.scalars(select(CampaignRow).where(CampaignRow.tenant_id == tenant)
                                   .order_by(CampaignRow.id)).all()
            return [_info(session, row) for row in rows]

    def set_campaign_status(self, campaign_id: int, status: str, reason: str | None, now: datetime) -> None:
        """Pause or resume a campaign, with the reason."""
        with session_scope(self.factory) as session:
            session.execute(update(CampaignRow).where(CampaignRow.id == campaign_id)
                            .values(status=status, paused_reason=reason, updated_at=now))

    def import_records(self, info: CampaignInfo, records: Iterable[LeadRecord], now: datetime) -> ImportStats:
        """Insert new leads as NEW; duplicates within the batch or of stored leads are skipped and counted."""
        with session_scope(self.factory) as session:
            seen = set(session.scalars(select(Lead.dedupe_key).where(Lead.campaign_id == info.id)).all())
            unique, duplicates = dedupe(records, seen)
            rows = [lead_row(record, key, info.tenant, info.id, now) for key, record in unique]
            for start in range(0, len(rows), CHUNK):  # Core, not ORM, bulk insert: a third of the time
                session.connection().execute(insert(LEADS), rows[start:start + CHUNK])
        return ImportStats(imported=len(rows), duplicates=len(duplicates),
                           duplicate_keys=[str(dedupe_key(r)) for r in duplicates])

    def leads_in_status(self, campaign_id: int, status: str, limit: int, *, columns: Sequence[str] | None = None,
                        after_id: int = 0) -> list[Row[Any]]:
        """Up to ``limit`` leads of a campaign in ``status`` by id, as rows of ``columns`` (all by default).

        Rows, not ORM objects: a stage reads a few columns of thousands of leads, and loading full objects
        (with every JSON column decoded) dominated the run time.
        """
        picked = [LEADS.c[name] for name in ("id", "status", *(columns or ())) if name in LEADS.c] if columns \
            else list(LEADS.c)
        with session_scope(self.factory) as session:
            return list(session.execute(select(*dict.fromkeys(picked)).where(
                LEADS.c.campaign_id == campaign_id, LEADS.c.status == status, LEADS.c.id > after_id)
                .order_by(LEADS.c.id).limit(limit)).all())

    def apply(self, updates: Sequence[dict[str, Any]], now: datetime) -> int:
        """Write stage results; each dict has ``id``, ``_from`` (the status it was read in) and new values.

        A status change is validated; the UPDATE only matches a lead still in ``_from``, so a concurrent
        change is never overwritten. Returns how many leads were updated.
        """
        if not updates:
            return 0
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        checked: set[tuple[str, str]] = set()
        for row in updates:
            values = {k: v for k, v in row.items() if k != "id" and k != "_from"}
            if "status" in values:
                move = (row["_from"], values["status"])
                if move not in checked:
                    transition(*move)
                    checked.add(move)
                values["stage"] = stage_of(values["status"])
            values["updated_at"] = now
            bound = {f"v_{k}": v for k, v in values.items()}
            bound["b_id"], bound["b_from"] = row["id"], row["_from"]
            groups.setdefault(tuple(values), []).append(bound)
        done = 0
        with session_scope(self.factory) as session:
            for keys, params in groups.items():
                stmt = (update(LEADS).where(LEADS.c.id == bindparam("b_id"), LEADS.c.status == bindparam("b_from"))
                        .values({k: bindparam(f"v_{k}") for k in keys}))
                for start in range(0, len(params), CHUNK):
                    result = session.connection().execute(stmt, params[start:start + CHUNK])
                    done += rowcount(result)
        return done

    def review(self, lead_id: int, approve: bool, reviewer: str, now: datetime) -> str:
        """Decide a lead in the manual review queue: QUALIFIED or REJECTED, the reviewer kept in its reasons."""
        lead = self.get_lead(lead_id)
        if lead is None:
            raise LookupError(f"no lead {lead_id}")
        target = "QUALIFIED" if approve else "REJECTED"
        reasons = dict(lead.qualification_reasons or {})
        reasons.update(verdict=target, reasons=[f"manual_review_{'approved' if approve else 'rejected'}"],
                       reviewer=reviewer)
        self.apply([{"id": lead_id, "_from": lead.status, "status": target, "qualification_reasons": reasons}], now)
        return target

    def set_status(self, ids: Sequence[int], current: str, target: str, now: datetime) -> int:
        """Move many leads between the same two statuses in one statement (validated; only leads still in
        ``current`` move)."""
        if not ids:
            return 0
        transition(current, target)
        done = 0
        with session_scope(self.factory) as session:
            for start in range(0, len(ids), CHUNK):
                result = session.execute(update(LEADS).where(LEADS.c.id.in_(ids[start:start + CHUNK]),
                                                             LEADS.c.status == current)
                                         .values(status=target, stage=stage_of(target), updated_at=now))
                done += rowcount(result)
        return done

    def suppressed_among(self, tenant: str, emails: Iterable[str]) -> dict[str, str]:
        """Which of ``emails`` are suppressed (by address or domain), with the reason."""
        wanted = {e.lower() for e in emails if e}
        if not wanted:
            return {}
        found: dict[str, str] = {}
        with session_scope(self.factory) as session:
            rows = session.execute(select(Suppression.kind, Suppression.value, Suppression.reason).where(
                Suppression.tenant_id == tenant,
                or_(Suppression.value.in_(wanted), Suppression.kind == "domain"))).all()
        blocked = {value: reason for kind, value, reason in rows if kind == "domain"}
        for kind, value, reason in rows:
            if kind == "email" and value in wanted:
                found[value] = reason
        for email in wanted - set(found):
            domain = domain_of(email)
            hit = next((d for d in blocked if domain == d or domain.endswith("." + d)), None)
            if hit is not None:
                found[email] = blocked[hit]
        return found

    def suppress(self, tenant: str, value: str, reason: str, now: datetime, kind: str = "email") -> bool:
        """Add an address (or a domain) to the suppression list; False when it was already there."""
        value = value.strip().lower().lstrip("@") if kind == "domain" else value.strip().lower()
        with session_scope(self.factory) as session:
            ensure_tenant(session, tenant, now)
            exists = session.scalar(select(func.count()).select_from(Suppression).where(
                Suppression.tenant_id == tenant, Suppression.kind == kind, Suppression.value == value))
            if exists:
                return False
            session.add(Suppression(tenant_id=tenant, kind=kind, value=value, reason=reason, created_at=now))
        return True

    def find_leads(self, tenant: str, email: str, campaign_id: int | None = None) -> list[Lead]:
        """Leads with this email (every campaign of the tenant, or one)."""
        with session_scope(self.factory) as session:
            query = select(Lead).where(Lead.tenant_id == tenant, Lead.email == email.strip().lower())
            if campaign_id is not None:
                query = query.where(Lead.campaign_id == campaign_id)
            return list(session.scalars(query.order_by(Lead.id)))

    def get_lead(self, lead_id: int) -> Lead | None:
        """One lead by id."""
        with session_scope(self.factory) as session:
            return session.get(Lead, lead_id)

    def list_leads(self, campaign_id: int, *, status: str | None = None, tier: str | None = None,
                   limit: int = 100, offset: int = 0) -> list[Lead]:
        """A page of a campaign's leads, optionally filtered by status and tier."""
        with session_scope(self.factory) as session:
            query = select(Lead).where(Lead.campaign_id == campaign_id)
            if status:
                query = query.where(Lead.status == status)
            if tier:
                query = query.where(Lead.tier == tier)
            return list(session.scalars(query.order_by(Lead.id).limit(limit).offset(offset)))
