"""Tenants and their API keys: keys are random tokens shown once; only their SHA-256 digests are stored."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from memory.db import SessionFactory, session_scope
from memory.events import ensure_tenant
from memory.models import utcnow
from memory.tenant_models import ApiKey

KEY_PREFIX = "aicmo_"


class UnknownKeyError(LookupError):
    """No active API key matches."""


@dataclass(frozen=True)
class KeyInfo:
    """An API key as listed: never the key itself, only its visible prefix."""

    tenant: str
    prefix: str
    name: str | None
    created_at: datetime
    revoked: bool


def hash_key(key: str) -> str:
    """The stored digest of a key (keys carry 256 random bits, so a fast hash is enough)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def new_key() -> str:
    """A fresh API key: a recognisable prefix plus 43 URL-safe random characters."""
    return KEY_PREFIX + secrets.token_urlsafe(32)


class TenantKeys:
    """Create, resolve, list and revoke API keys on the app database."""

    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions

    def create(self, tenant: str, name: str | None = None) -> str:
        """Create a key for ``tenant`` (creating the tenant when new); returns the key, which is not stored."""
        key = new_key()
        with session_scope(self._sessions) as session:
            ensure_tenant(session, tenant.strip())
            session.add(ApiKey(key_hash=hash_key(key), tenant_id=tenant.strip(), prefix=key[:12], name=name,
                               created_at=utcnow()))
        return key

    def tenant_for(self, key: str) -> str:
        """The tenant that owns an active key; raises UnknownKeyError otherwise."""
        with self._sessions() as session:
            row = session.get(ApiKey, hash_key(key))
            if row is None or row.revoked_at is not None:
                raise UnknownKeyError("unknown or revoked API key")
            return row.tenant_id

    def list(self, tenant: str) -> list[KeyInfo]:
        """Every key of a tenant, newest first."""
        with self._sessions() as session:
            rows = session.scalars(select(ApiKey).where(ApiKey.tenant_id == tenant)
                                   .order_by(ApiKey.created_at.desc())).all()
            return [KeyInfo(tenant=r.tenant_id, prefix=r.prefix, name=r.name, created_at=r.created_at,
                            revoked=r.revoked_at is not None) for r in rows]

    def revoke(self, key: str) -> None:
        """Revoke a key; raises UnknownKeyError when it does not exist."""
        with session_scope(self._sessions) as session:
            row = session.get(ApiKey, hash_key(key))
            if row is None:
                raise UnknownKeyError("unknown API key")
            row.revoked_at = utcnow()
