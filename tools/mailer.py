"""SMTP sending with smtplib: one connection per batch, optional STARTTLS/login, Message-ID and List-Unsubscribe."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass, field
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from types import TracebackType


def header_safe(value: str, limit: int = 200) -> str:
    """One line without CR/LF or other control characters, so data can never add a header."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in value).split())[:limit]


@dataclass(frozen=True)
class SmtpConfig:
    """Where and how to connect; api/ fills it from AICMO_SMTP_* settings."""

    host: str
    port: int = 587
    user: str | None = None
    password: str | None = None
    starttls: bool = False
    timeout_s: float = 30.0
    tls_context: ssl.SSLContext | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class OutgoingEmail:
    """One rendered email, ready to send."""

    to_email: str
    to_name: str | None
    from_email: str
    from_name: str
    subject: str
    text: str
    html: str
    message_id: str
    unsubscribe_url: str
    date: datetime
    reply_to: str | None = None


@dataclass(frozen=True)
class Delivery:
    """The server's answer for one recipient: accepted, or refused (permanent for 5xx)."""

    accepted: bool
    permanent: bool = False
    code: int | None = None
    detail: str = ""


def make_message_id(key: str, sender_email: str) -> str:
    """A stable Message-ID from a unique key and the sender's domain: ``<key@domain>``."""
    return f"<{key}@{sender_email.rpartition('@')[2] or 'localhost'}>"


# CPython's folder moves a long unstructured value whole onto a continuation line (read back with a leading
# space); headers fit in RFC 5322's 998-character line limit, so fold only beyond it
SMTP_POLICY = policy.SMTP.clone(max_line_length=998)


def build_message(email: OutgoingEmail) -> EmailMessage:
    """A multipart/alternative message with Message-ID, Date and one-click List-Unsubscribe headers."""
    msg = EmailMessage(policy=SMTP_POLICY)
    msg["From"] = formataddr((header_safe(email.from_name, 120), email.from_email))
    msg["To"] = formataddr((header_safe(email.to_name or "", 120), email.to_email))
    msg["Subject"] = header_safe(email.subject)
    msg["Date"] = format_datetime(email.date)
    msg["Message-ID"] = email.message_id
    if email.reply_to:
        msg["Reply-To"] = email.reply_to
    msg["List-Unsubscribe"] = f"<{email.unsubscribe_url}>"
    msg["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    msg.set_content(email.text)
    msg.add_alternative(email.html, subtype="html")
    return msg


class SmtpMailer:
    """Send over one SMTP connection: ``with SmtpMailer(cfg) as m: m.send(email)``.

    Connection, TLS and login errors propagate (the batch stops); a refused recipient is a Delivery.
    """

    def __init__(self, config: SmtpConfig) -> None:
        self.config = config
        self._smtp: smtplib.SMTP | None = None

    def __enter__(self) -> SmtpMailer:
        cfg = self.config
        smtp = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout_s)
        try:
            smtp.ehlo()
            if cfg.starttls:
                smtp.starttls(context=cfg.tls_context or ssl.create_default_context())
                smtp.ehlo()
            if cfg.user:
                smtp.login(cfg.user, cfg.password or "")
        except (smtplib.SMTPException, OSError):
            smtp.close()
            raise
        self._smtp = smtp
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except smtplib.SMTPServerDisconnected:
            smtp.close()

    def send(self, email: OutgoingEmail) -> Delivery:
        """Send one email; a refusal comes back as a Delivery, a broken connection raises."""
        if self._smtp is None:
            raise RuntimeError("SmtpMailer.send() outside 'with SmtpMailer(...) as mailer'")
        try:
            refused = self._smtp.send_message(build_message(email), from_addr=email.from_email,
                                              to_addrs=[email.to_email])
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            return Delivery(False, permanent=code >= 500, code=code, detail=_text(text))
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
            return Delivery(False, permanent=exc.smtp_code >= 500, code=exc.smtp_code, detail=_text(exc.smtp_error))
        if refused:
            code, text = next(iter(refused.values()))
            return Delivery(False, permanent=code >= 500, code=code, detail=_text(text))
        return Delivery(True)


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
