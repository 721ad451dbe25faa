"""Block assembly and prose helpers for the measure composers: headings, sentence lists, voice guidance."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from agents.offline.facts import join_and, lower_first, sentence
from agents.offline.sections._measure_util import Ctx
from tools.markdown import Block, heading, section


def a_an(word: str) -> str:
    """'an account', 'a customer'."""
    return f"an {word}" if word[:1].lower() in "aeiou" else f"a {word}"


def pick_heading(ctx: Ctx, keyword: str, default: str) -> str:
    """The rules' required heading containing ``keyword`` (any case), else ``default``."""
    for h in ctx.inp.rules.required_headings:
        if keyword.lower() in h.lower():
            return h
    return default


def required(ctx: Ctx, title: str) -> bool:
    """True when the section's rules require a heading containing ``title``."""
    return any(title.lower() in h.lower() or h.lower() in title.lower() for h in ctx.inp.rules.required_headings)


def bullets(items: Iterable[str]) -> str:
    """A bullet list of full sentences."""
    return "\n".join(f"- {sentence(i)}" for i in items if i)


def numbered(items: Iterable[str]) -> str:
    """A numbered list of full sentences."""
    return "\n".join(f"{n}. {sentence(i)}" for n, i in enumerate((i for i in items if i), start=1))


def para(*sentences: str) -> str:
    """A paragraph from short sentences."""
    return " ".join(sentence(s) for s in sentences if s)


Builder = Callable[[Ctx], list[str]]


def assemble(ctx: Ctx, known: Sequence[tuple[str, Builder]], *, lead: str,
             extras: Sequence[tuple[str, Builder, int]] = (), always: Sequence[str] = ()) -> list[Block]:
    """Blocks in reading order: the lead, every known heading (required ones first-class), then extras.

    ``known`` maps heading titles to body builders. A title the rules require (or listed in ``always``) is
    a required block; the others become optional blocks. A required heading nobody knows gets a short,
    brief-specific body so the section still meets its benchmark.
    """
    blocks = [section(lead)]
    titles = [t for t, _ in known]
    for title, build in known:
        is_req = title in always or required(ctx, title)
        body = [p for p in build(ctx) if p]
        blocks.append(section(heading(title), *body, optional=not is_req, priority=1))
    for wanted in ctx.inp.rules.required_headings:
        if not any(wanted.lower() in t.lower() for t in titles):
            blocks.append(section(heading(wanted), para(
                f"{ctx.brand} reviews {lower_first(wanted)} against the plan window {ctx.f.window}",
                f"The owner reports it alongside {join_and([k.kpi for k in ctx.main_kpis[:2]]) or 'the goal'}",
            )))
    for title, build, prio in extras:
        body = [p for p in build(ctx) if p]
        if body:
            blocks.append(section(heading(title), *body, optional=True, priority=prio))
    return blocks




def voice_para(ctx: Ctx, subject: str, variant: int = 0) -> str:
    """Brief-specific copy guidance for ``subject``: tone, proof, competitors and market, in one of 3 phrasings."""
    f = ctx.f
    v = variant % 3
    tone = join_and(f.tones)
    parts = [(f"{subject} follows the {tone} voice of {ctx.brand}", f"{subject} sounds {tone}, the way {ctx.brand} "
              "talks everywhere else", f"{subject} keeps {ctx.brand_s} {tone} tone")[v]]
    if f.proof:
        parts.append((f"Proof such as {join_and(f.proof)} appears where doubt is highest",
                      f"One proof point, such as {ctx.proof(v)}, backs each claim",
                      f"{sentence(ctx.proof(v) or '')} is the line to reach for when trust wobbles")[v])
    if f.competitors:
        parts.append((f"Some {ctx.life['units']} will compare {ctx.brand} with {f.competitor_phrase}, so each "
                      "message states one concrete difference",
                      f"Copy never names {f.competitor_phrase}; it shows the difference instead",
                      f"Copy answers the question of why {ctx.brand} over {f.competitor_phrase}, in one line")[v])
    if f.geography:
        parts.append((f"Timing follows local hours in {f.geography}",
                      f"Send times and examples fit {f.geography}",
                      f"Dates, spelling and hours match {f.geography}")[v])
    parts.append((f"The copy speaks to {f.customer} and to the problem of {ctx.pain(0)}",
                  f"Each message names one everyday cost of {ctx.pain(v)}",
                  f"The reader is one of {f.customer}, so jargon stays out")[v])
    return para(*parts)
