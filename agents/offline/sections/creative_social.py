"""Creative composers for social publishing: content buckets and the hashtag strategy."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from agents.offline.facts import day, join_and, lower_first
from agents.offline.sections._creative_util import Ctx, cap, creative_composer, tag, unique
from tools.catalog import default_catalog
from tools.markdown import Block, bullets, heading, section
from tools.quality.generic_checks import hashtag_tags


@lru_cache(maxsize=1)
def banned_tags() -> frozenset[str]:
    """The generic hashtags quality.yaml rejects, lower-cased."""
    rule = default_catalog().quality["generic_checks"]["hashtags"]["rules"]["HASHTAG_TOO_GENERIC"]
    return frozenset(t.lower() for t in hashtag_tags(rule))


def _bucket_examples(ctx: Ctx, pillar: str, index: int) -> list[str]:
    data = ctx.kb("buckets")
    key = pillar.lower()
    if key in data:
        return list(data[key])
    values = list(data.values())
    return list(values[index % len(values)])


@creative_composer("content_buckets")
def content_buckets(ctx: Ctx) -> list[Block]:
    """One bucket per strategy pillar with its calendar weight, examples, lead channel and CTA."""
    pillars = list(ctx.strategy.pillars)[:4]
    first_month = ctx.calendar[:30]
    blocks = [section(f"{ctx.brand_s} posts fall into {len(pillars)} buckets, one per strategy pillar, so the "
                      "calendar stays balanced.")]
    for i, p in enumerate(pillars):
        entries = [e for e in first_month if e.pillar == p.name]
        channels = Counter(e.channel for e in entries).most_common(1)
        ctas = Counter(e.cta for e in entries if e.cta).most_common(1)
        lead = channels[0][0] if channels else ctx.channels[i % len(ctx.channels)].channel
        weight = f"{len(entries)} of the first {len(first_month)} calendar days" if entries else "weekly"
        items = [f"Examples: {'; '.join(_bucket_examples(ctx, p.name, i))}",
                 f"Lead channel: {lead}; CTA: {lower_first(ctas[0][0]) if ctas else 'save and share'}"]
        blocks.append(section(heading(f"Bucket {i + 1}: {p.name} ({weight})"),
                              f"{cap(p.description.rstrip('.'))}.", bullets(items)))
    return blocks


def _keyword_tags(ctx: Ctx) -> list[str]:
    text = f"{ctx.brief.industry} {ctx.brief.product_service}".lower()
    found: list[str] = []
    for word, tags in ctx.kb("keyword_tags").items():
        if re.search(rf"\b{re.escape(word)}(s|es|ing|ed)?\b", text):
            found.extend(tags)
    return found


def _clean(tags: list[str], taken: set[str]) -> list[str]:
    out: list[str] = []
    for t in tags:
        key = t.lower()
        if len(t) < 4 or key in banned_tags() or key in taken or not re.search(r"[^\W\d_]", t[1:]):
            continue
        taken.add(key)
        out.append(t)
    return out


def hashtag_sets(ctx: Ctx) -> tuple[list[str], list[str], list[str]]:
    """(brand, industry, campaign) tags, each at least three, unique across sets."""
    data = ctx.kb("hashtags")
    base = tag(ctx.brand)
    if len(base) < 4:
        base = tag(f"{ctx.brand} {data['brand_suffixes'][0]}")
    taken: set[str] = set()
    brand = _clean([base, *[base + s for s in data["brand_suffixes"]], base + "Community"], taken)[:3]
    geo = ([tag(f"{ctx.geo_short} {data['geo_suffix']}")]
           if ctx.brief.geography and "," in ctx.brief.geography and ctx.geo_short else [])
    industry = _clean([*_keyword_tags(ctx)[:3], *geo, *data["industry"]], taken)[:5]
    campaign = [tag(ctx.big_idea_name), f"{base}{ctx.f.start.year}",
                *[base + s for s in data["campaign_suffixes"]]]
    return brand, industry, _clean(campaign, taken)[:4]


def _usage(ctx: Ctx, brand: list[str], campaign: list[str]) -> list[str]:
    lines = []
    for c in ctx.channels:
        rule = (ctx.play(c.channel) or {}).get("hashtags")
        if rule:
            lines.append(f"{c.channel}: {rule}")
    quiet = [c.channel for c in ctx.channels if c.channel in ("Email", "SMS", "WhatsApp")]
    if quiet:
        lines.append(f"{join_and(quiet)}: no tags; the campaign name goes in the subject or first line")
    lines += [f"{brand[0]} goes on every post; {campaign[0]} runs {day(ctx.f.start)} to {day(ctx.f.end)}",
              "Mix one brand, one campaign and two or three niche tags per post",
              "Review reach per tag monthly and swap out tags that bring no new viewers"]
    return lines


@creative_composer("hashtag_strategy")
def hashtag_strategy(ctx: Ctx) -> list[Block]:
    """Brand, industry and campaign hashtags built from the brief, plus platform usage rules."""
    brand, industry, campaign = hashtag_sets(ctx)
    brand_notes = ["on every post and bio", "for customer reposts and stories", "for tips and how-tos"]
    return [
        section(f"Hashtags help {ctx.brand} get found by {ctx.f.customer} and keep campaign posts together. "
                "Every tag below is specific; none is a generic filler tag."),
        section(heading("Brand Hashtags"), bullets(f"{t}: {n}" for t, n in zip(brand, brand_notes, strict=False))),
        section(heading("Industry Hashtags"), bullets(f"{t}: niche discovery" if i else f"{t}: core niche tag"
                                                      for i, t in enumerate(industry))),
        section(heading("Campaign Hashtags"),
                bullets(f"{t}: {ctx.big_idea_name} posts" if i == 0 else f"{t}: campaign stories and recaps"
                        for i, t in enumerate(unique(campaign)))),
        section(heading("Usage Guidelines"), bullets(_usage(ctx, brand, campaign))),
    ]


__all__ = ["banned_tags", "content_buckets", "hashtag_sets", "hashtag_strategy"]
