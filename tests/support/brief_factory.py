"""Random but reasonable briefs nobody has written yet, for property-style pack tests."""

from __future__ import annotations

import random
from typing import Any

INDUSTRIES = [
    ("B2B SaaS (HR analytics)", "People-analytics dashboards for HR teams", "HR directors at 200-2,000 person firms", "B2B"),
    ("Industrial logistics services", "Cold-chain freight brokerage for food producers", "Operations managers at regional food producers", "B2B"),
    ("Craft brewery and taproom", "Small-batch beers brewed on site and a taproom with food trucks", "Local beer fans aged 25-45 who visit on weekends", "B2C"),
    ("Dental clinic", "Family dentistry, whitening and Invisalign", "Parents aged 30-50 booking care for their families", "B2C"),
    ("Online language school", "Live small-group Spanish and French lessons online", "Working adults learning a language for career moves", "B2C"),
    ("Sustainable fashion", "Organic-cotton basics made in Portugal", "Eco-conscious shoppers aged 22-38", "B2C"),
    ("Fintech (personal budgeting app)", "An app that automates saving and bill tracking", "Young professionals with irregular income", "B2C"),
    ("Boutique hotel", "A 24-room design hotel with a rooftop bar", "Weekend travellers and remote workers", "B2C"),
    ("Animal welfare nonprofit", "Rescue, rehoming and low-cost vet care for cats and dogs", "Local pet lovers who can donate or volunteer", "B2C"),
    ("Management consulting", "Pricing strategy projects for mid-market manufacturers", "CFOs and commercial directors", "B2B"),
    ("Pet food", "Fresh, vet-formulated dog food delivered weekly", "Dog owners who treat pets like family", "B2C"),
    ("Cybersecurity software", "Managed phishing simulation and staff training", "IT security leads at regulated firms", "B2B"),
]
BRANDS = ["Café Ñandú", "Nordlys Analytics", "Kōbō Ramen", "Zürich Zest", "Atelier Éclat", "BrightPath",
          "Maple & Moss", "Qubit Forge", "São Paulo Sol", "Lumen Lane", "Østerby Bikes", "Tandem Tide"]
GEOS = ["Austin, Texas", "Manchester, UK", "Toronto, Canada", "Berlin, Germany", "Sydney, Australia", None]
GOALS = ["Win {n} new customers in {d} days", "Book {n} qualified demos this quarter",
         "Grow monthly revenue by 25% within 4 months", "Reach {n} email subscribers and {m} orders in {d} days",
         "Increase repeat purchases from 18% to 30% in 6 months"]
PLATFORMS = ["Instagram", "TikTok", "LinkedIn", "YouTube", "Email", "Facebook", "Pinterest", "Google Search"]


def random_brief(seed: int) -> dict[str, Any]:
    """A varied brief: industry, B2B/B2C, budget (sometimes 0), optional fields dropped at random."""
    rng = random.Random(seed)
    industry, product, customer, btype = rng.choice(INDUSTRIES)
    brand = BRANDS[seed % len(BRANDS)]
    days = rng.choice([30, 60, 90, 120, 180])
    goal = rng.choice(GOALS).format(n=rng.choice([50, 120, 400, 2500]), m=rng.choice([80, 300]), d=days)
    brief: dict[str, Any] = {
        "brand_name": brand, "industry": industry, "product_service": product,
        "primary_goal": goal, "primary_customer": customer,
    }
    optional: dict[str, Any] = {
        "business_type": btype,
        "geography": rng.choice(GEOS),
        "timeline": f"{days} days",
        "budget": {"amount": rng.choice([0, 0, 1500, 12000, 80000]), "currency": rng.choice(["USD", "EUR", "GBP"]),
                   "period": rng.choice(["total", "monthly"])},
        "pain_points": rng.sample(["slow onboarding", "hidden fees", "poor support", "too little time",
                                   "confusing choices", "unreliable quality"], k=rng.randint(1, 3)),
        "competitors": rng.sample(["Acme Rivals", "Globex", "Initech", "Umbrella Co"], k=rng.randint(1, 2)),
        "tone_of_voice": rng.sample(["friendly", "bold", "expert", "playful", "calm"], k=2),
        "focus_platforms": rng.sample(PLATFORMS, k=rng.randint(1, 3)),
        "avoid_platforms": rng.sample(["TikTok", "X", "Snapchat", "Facebook"], k=1),
        "constraints": rng.choice([[], ["no paid ads"], ["no discounts deeper than 15 percent"]]),
        "proof_points": rng.sample(["4.9-star rating from 800 reviews", "featured in The Guardian",
                                    "1,200 customers served", "award-winning team"], k=rng.randint(1, 2)),
        "must_include_messages": rng.choice([[], ["free first consultation"]]),
        "website": "https://example.com",
    }
    for key, value in optional.items():
        if rng.random() < 0.75 and value is not None:
            brief[key] = value
    # an avoided platform is never also a focus platform
    if "avoid_platforms" in brief and "focus_platforms" in brief:
        brief["focus_platforms"] = [p for p in brief["focus_platforms"] if p not in brief["avoid_platforms"]]
    return brief
