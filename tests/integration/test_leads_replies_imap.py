"""Replies polled over IMAP (a local IMAP4rev1 server): classified, applied to their leads, then marked seen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import select

from agents.lead_replies import poll_replies
from api.leads_wiring import run_pipeline
from memory.leads_models import OutreachMessage
from tests.support.imap_server import PASSWORD, USER, imap_server
from tests.support.leads import campaign, context, lead_services, smtp_factory, smtp_server
from tools.inbox import ImapConfig, ImapInbox, parse_reply
from tools.leads.csv_import import parse_csv

NOW = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
CSV = ("email,first_name,company,title,company_size,industry,location,recent_job_change,is_decision_maker,timezone\n"
       + "".join(f"p{i}@firm{i}.io,P{i},Firm{i},Head of Sales,120,SaaS,Germany,yes,yes,Europe/Berlin\n"
                 for i in range(3)))


def _reply(sender: str, subject: str, text: str, in_reply_to: str | None = None, html: bool = False) -> bytes:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = f"Someone <{sender}>", "sam@agency.example", subject
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
    message.set_content(text, subtype="html" if html else "plain")
    return message.as_bytes()


def test_parse_reply_reads_sender_text_and_thread() -> None:
    reply = parse_reply("7", _reply("Ana@Acme.io", "Re: hi", "<p>Sounds <b>good</b></p>", "<tok@agency.example>",
                                    html=True))
    assert (reply.uid, reply.from_email, reply.subject, reply.in_reply_to) == ("7", "ana@acme.io", "Re: hi",
                                                                               "<tok@agency.example>")
    assert "Sounds" in reply.text and "<b>" not in reply.text


def test_polled_replies_change_leads_and_are_not_read_twice(tmp_path: Path) -> None:
    with lead_services(f"sqlite:///{tmp_path / 'leads.db'}", NOW) as services, smtp_server() as (smtp, _):
        info = services.leads.create_campaign("default", campaign(), NOW)
        services.leads.import_records(info, parse_csv(CSV).records, NOW)
        run_pipeline(context(services, NOW, mailer=smtp_factory(smtp)), info.name)
        with services.factory() as session:
            sent = {m.to_email: m for m in session.scalars(select(OutreachMessage))}
        with imap_server() as (port, mailbox):
            thread = sent["p0@firm0.io"].message_id
            mailbox.add(_reply("p0@firm0.io", "Re: hello", "Yes, let's talk on Friday.", thread))
            mailbox.add(_reply("p1@firm1.io", "Re: hello", "Please remove me from your list."))
            mailbox.add(_reply("stranger@else.io", "Hello", "Who is this?"))
            config = ImapConfig(host="127.0.0.1", port=port, user=USER, password=PASSWORD, use_ssl=False, timeout_s=5)
            later = NOW + timedelta(hours=3)
            with ImapInbox(config) as inbox:
                counts = poll_replies(inbox, services.outreach, tenant="default", now=later)
            assert counts == {"positive": 1, "unsubscribe": 1, "unmatched": 1}
            assert mailbox.seen == {1, 2, 3}
            with ImapInbox(config) as inbox:
                assert poll_replies(inbox, services.outreach, tenant="default", now=later) == {}
        p0, p1, p2 = (services.leads.find_leads("default", f"p{i}@firm{i}.io")[0] for i in range(3))
        assert (p0.status, p0.sequence_state, p0.last_reply_at) == ("REPLIED", "stopped", later)
        assert (p1.status, p1.suppressed_reason) == ("SUPPRESSED", "unsubscribe")
        assert p2.status == "CONTACTED"
