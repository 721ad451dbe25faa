"""IMAP poller for replies: fetch unseen messages without marking them, mark them seen once they are handled."""

from __future__ import annotations

import imaplib
import re
import ssl
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from types import TracebackType

from tools.text import strip_markup

_UID = re.compile(rb"UID (\d+)")


@dataclass(frozen=True)
class ImapConfig:
    """Where the reply mailbox is; api/ fills it from AICMO_IMAP_* settings."""

    host: str
    user: str
    password: str
    port: int = 993
    use_ssl: bool = True
    mailbox: str = "INBOX"
    timeout_s: float = 30.0
    tls_context: ssl.SSLContext | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class InboundReply:
    """One received message, reduced to what reply handling needs."""

    uid: str
    from_email: str
    subject: str
    text: str
    in_reply_to: str | None


def parse_reply(uid: str, raw: bytes) -> InboundReply:
    """Sender address, subject, plain text (HTML stripped when there is no plain part) and In-Reply-To."""
    message = message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    sender = message["From"]
    addresses = getattr(sender, "addresses", ()) if sender is not None else ()
    from_email = addresses[0].addr_spec.lower() if addresses else ""
    body = message.get_body(("plain", "html"))
    text = body.get_content() if body is not None else ""
    if body is not None and body.get_content_subtype() == "html":
        text = strip_markup(text)
    in_reply_to = str(message["In-Reply-To"]).strip() if message["In-Reply-To"] else None
    return InboundReply(uid=uid, from_email=from_email, subject=str(message["Subject"] or ""), text=text,
                        in_reply_to=in_reply_to)


class ImapInbox:
    """``with ImapInbox(cfg) as inbox: inbox.unseen()`` - one logged-in connection on the reply mailbox."""

    def __init__(self, config: ImapConfig) -> None:
        self.config = config
        self._imap: imaplib.IMAP4 | None = None

    def __enter__(self) -> ImapInbox:
        cfg = self.config
        imap: imaplib.IMAP4
        if cfg.use_ssl:
            imap = imaplib.IMAP4_SSL(cfg.host, cfg.port, ssl_context=cfg.tls_context or ssl.create_default_context(),
                                     timeout=cfg.timeout_s)
        else:
            imap = imaplib.IMAP4(cfg.host, cfg.port, timeout=cfg.timeout_s)
        try:
            imap.login(cfg.user, cfg.password)
            status, _ = imap.select(cfg.mailbox)
            if status != "OK":
                raise imaplib.IMAP4.error(f"cannot select mailbox {cfg.mailbox}")
        except (imaplib.IMAP4.error, OSError):
            imap.shutdown()
            raise
        self._imap = imap
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        imap, self._imap = self._imap, None
        if imap is not None:
            imap.logout()

    def _conn(self) -> imaplib.IMAP4:
        if self._imap is None:
            raise RuntimeError("ImapInbox used outside 'with ImapInbox(...) as inbox'")
        return self._imap

    def unseen(self, limit: int = 100) -> list[InboundReply]:
        """Up to ``limit`` unseen messages, oldest first; they stay unseen until mark_seen."""
        imap = self._conn()
        _, data = imap.uid("SEARCH", "UNSEEN")
        uids = (data[0] or b"").split()[:limit]
        replies = []
        for uid in uids:
            _, parts = imap.uid("FETCH", uid.decode(), "(BODY.PEEK[])")
            for part in parts:
                if isinstance(part, tuple) and _UID.search(part[0]):
                    replies.append(parse_reply(uid.decode(), part[1]))
        return replies

    def mark_seen(self, uids: list[str]) -> None:
        """Flag handled messages as seen so the next poll skips them."""
        imap = self._conn()
        for uid in uids:
            imap.uid("STORE", uid, "+FLAGS", "(\\Seen)")
