"""Random but reasonable briefs nobody has written yet, for property-style pack tests."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from tools.knowledge import default_knowledge
from tools.planning.channels import avoided_channels, channel_catalog, match_channel

# (industry, product_service, primary_customer, business_type) covering every knowledge-base archetype
INDUSTRIES: list[tuple[str, str, str, str]] = [
    ("B2B SaaS (HR analytics)", "People-analytics dashboards for HR teams",
     "HR directors at 200-2,000 person firms", "B2B"),
    ("Industrial logistics services", "Cold-chain freight brokerage for food producers",
     "Operations managers at regional food producers", "B2B"),
    ("Craft brewery and taproom", "Small-batch beers brewed on site and a taproom with food trucks",
     "Local beer fans aged 25-45 who visit on weekends", "B2C"),
    ("Dental clinic", "Family dentistry, whitening and Invisalign",
     "Parents aged 30-50 booking care for their families", "B2C"),
    ("Online language school", "Live small-group Spanish and French lessons online",
     "Working adults learning a language for career moves", "B2C"),
    ("Sustainable fashion", "Organic-cotton basics made in Portugal",
     "Eco-conscious shoppers aged 22-38", "B2C"),
    ("Fintech (personal budgeting app)", "An app that automates saving and bill tracking",
     "Young professionals with irregular income", "B2C"),
    ("Boutique hotel", "A 24-room design hotel with a rooftop bar",
     "Weekend travellers and remote workers", "B2C"),
    ("Animal welfare nonprofit", "Rescue, rehoming and low-cost vet care for cats and dogs",
     "Local pet lovers who can donate or volunteer", "B2C"),
    ("Management consulting", "Pricing strategy projects for mid-market manufacturers",
     "CFOs and commercial directors", "B2B"),
    ("Pet food", "Fresh, vet-formulated dog food delivered weekly",
     "Dog owners who treat pets like family", "B2C"),
    ("Cybersecurity software", "Managed phishing simulation and staff training",
     "IT security leads at regulated firms", "B2B"),
    ("Yoga and pilates studio", "Reformer pilates and hot yoga classes with class packs",
     "Women aged 28-50 within 3 km of the studio", "B2C"),
    ("Home furniture retail", "Modular sofas sold online and in two showrooms",
     "First-time homeowners aged 27-40", "B2C"),
    ("Consumer electronics", "Noise-cancelling wireless earbuds with a companion app",
     "Commuters aged 20-40 who listen to podcasts", "B2C"),
    ("Skincare D2C", "Mineral sunscreen and barrier-repair serum",
     "Outdoor athletes with sensitive skin", "B2C"),
    ("Wholesale coffee roaster", "Specialty coffee beans and barista training for cafés",
     "Independent café owners in the region", "Hybrid"),
    ("Coding bootcamp", "A 12-week evening course in full-stack web development",
     "Career changers aged 25-40 with no CS degree", "B2C"),
    ("Insurance broker", "Small-business liability and property insurance",
     "Owners of shops and restaurants with under 20 staff", "B2B"),
    ("Travel agency", "Small-group walking tours in Japan and Portugal",
     "Active retirees aged 55-70", "B2C"),
    ("Bakery and café", "Sourdough, pastries and specialty coffee",
     "Neighbourhood families and remote workers nearby", "B2C"),
    ("Commercial cleaning company", "Office and warehouse cleaning on flexible contracts",
     "Facilities managers at offices with 50-300 staff", "B2B"),
    ("Wedding photography", "Documentary wedding photography and albums",
     "Engaged couples planning a wedding in the next 18 months", "B2C"),
    ("Accounting firm", "Bookkeeping and tax filing for freelancers",
     "Freelance designers and developers", "B2B"),
]
BRANDS = ["Café Ñandú", "Nordlys Analytics", "Kōbō Ramen", "Zürich Zest", "Atelier Éclat", "BrightPath",
          "Maple & Moss", "Qubit Forge", "São Paulo Sol", "Lumen Lane", "Østerby Bikes", "Tandem Tide",
          "Đà Lạt Brew", "Łódź Loft", "Niño Verde", "Fjällräv Studio", "Crème Collective", "Señorita Salsa"]
GEOS = ["Austin, Texas", "Manchester, UK", "Toronto, Canada", "Berlin, Germany", "Sydney, Australia",
        "United States and Canada", "DACH region", "Lisbon, Portugal", "Mumbai, India", None]
GOALS = ["Win {n} new customers in {d} days", "Book {n} qualified demos this quarter",
         "Grow monthly revenue by 25% within 4 months", "Reach {n} email subscribers and {m} orders in {d} days",
         "Increase repeat purchases from 18% to 30% in 6 months", "Sign up {n} new members before the launch",
         "Get {n} trial sign-ups and convert {m} to paid", "Grow Instagram following to {n} and sell {m} gift cards",
         "more sales"]
PLATFORMS = ["Instagram", "TikTok", "LinkedIn", "YouTube", "Email", "Facebook", "Pinterest", "Google Search",
             "Google Business Profile", "Webinars", "SMS", "Events"]
AVOID = ["TikTok", "X", "Twitter", "Snapchat", "Facebook", "Meta Ads", "Instagram", "LinkedIn"]
TIMELINES = ["7 days", "14 days", "20 days", "30 days", "60 days", "90 days", "120 days", "180 days", "12 months",
             "Q1 2027", "Q2 2027", "6 weeks", "3 months", "12 weeks to launch plus 4 weeks after", "range"]
EVENTS = ["Grand opening in week 2", "Open day in week 6", "Product launch at week 4", "Black Friday sale",
          "Founder talk on day 10", "Anniversary party mid-campaign", "Summer pop-up on 14 February"]


def _timeline(rng: random.Random) -> str | dict[str, str]:
    choice = rng.choice(TIMELINES)
    if choice != "range":
        return choice
    start = date(2027, 1, 4) + timedelta(days=rng.randint(0, 60))
    return {"start": start.isoformat(), "end": (start + timedelta(days=rng.choice([13, 29, 89, 364]))).isoformat()}


def _budget(rng: random.Random) -> dict[str, Any]:
    return {"amount": rng.choice([0, 0, 500, 1500, 4000, 12000, 80000, 250000]),
            "currency": rng.choice(["USD", "EUR", "GBP", "INR", "CAD", "SEK"]),
            "period": rng.choice(["total", "total", "monthly"])}


def random_brief(seed: int) -> dict[str, Any]:
    """A varied brief: industry, B2B/B2C, budget (sometimes 0), optional fields dropped at random."""
    rng = random.Random(seed)
    industry, product, customer, btype = rng.choice(INDUSTRIES)
    brand = BRANDS[seed % len(BRANDS)]
    days = rng.choice([30, 60, 90, 120, 180])
    goal = rng.choice(GOALS).format(n=rng.choice([50, 120, 400, 2500, 10000]), m=rng.choice([20, 80, 300]), d=days)
    brief: dict[str, Any] = {
        "brand_name": brand, "industry": industry, "product_service": product,
        "primary_goal": goal, "primary_customer": customer,
    }
    optional: dict[str, Any] = {
        "business_type": btype,
        "geography": rng.choice(GEOS),
        "timeline": _timeline(rng),
        "budget": _budget(rng),
        "secondary_customer": rng.choice([None, "Gift buyers shopping for a partner", "Procurement teams"]),
        "pain_points": rng.sample(["slow onboarding", "hidden fees", "poor support", "too little time",
                                   "confusing choices", "unreliable quality", "no time to research"],
                                  k=rng.randint(1, 3)),
        "competitors": rng.sample(["Acme Rivals", "Globex", "Initech", "Umbrella Co", "Hooli"], k=rng.randint(1, 3)),
        "tone_of_voice": rng.sample(["friendly", "bold", "expert", "playful", "calm"], k=2),
        "kpis": rng.sample(["CAC", "engagement rate", "churn", "MQLs", "repeat purchase rate", "LTV", "NPS"],
                           k=rng.randint(1, 3)),
        "focus_platforms": rng.sample(PLATFORMS, k=rng.randint(1, 3)),
        "avoid_platforms": rng.sample(AVOID, k=rng.randint(1, 2)),
        "constraints": rng.choice([[], ["no paid ads"], ["no discounts deeper than 15 percent"], ["organic only"],
                                   ["HIPAA"], ["no discounts"]]),
        "proof_points": rng.sample(["4.9-star rating from 800 reviews", "featured in The Guardian",
                                    "1,200 customers served", "award-winning team", "ISO 27001 certified"],
                                   k=rng.randint(1, 2)),
        "products": rng.choice([[], [{"name": "Starter Plan", "usp": "set up in a day", "price_note": "from 29/month"}],
                                [{"name": "Signature Box"}, {"name": "Gift Card", "usp": "any amount"}]]),
        "current_offers": rng.choice([None, "First month at half price", "Free consultation this month"]),
        "upcoming_events": rng.choice(EVENTS),
        "must_include_messages": rng.choice([[], ["free first consultation"]]),
        "must_avoid_messages": rng.choice([[], ["cheapest"]]),
        "website": "https://example.com",
        "language": rng.choice(["en", "en-GB", "es", "pt-BR"]),
    }
    for key, value in optional.items():
        if rng.random() < 0.7 and value is not None:
            brief[key] = value
    # an avoided platform is never also a focus platform (aliases such as X/Twitter count as the same)
    if "avoid_platforms" in brief and "focus_platforms" in brief:
        catalog = channel_catalog(default_knowledge().get("channel_catalog"))
        banned = avoided_channels(brief["avoid_platforms"], catalog)
        brief["focus_platforms"] = [p for p in brief["focus_platforms"] if match_channel(p, catalog) not in banned]
    return brief
