"""Helpers shared by the site layouts: escaping, dates, the host's other stories."""

from __future__ import annotations

import json
import zlib
from datetime import datetime
from html import escape

MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]


def esc(text: str) -> str:
    return escape(text, quote=True)


def when(story) -> datetime:
    return datetime.fromisoformat(story.meta["date"])


def long_date(story) -> str:
    d = when(story)
    return f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}"


def slug_url(base: str, story, dated: bool = False) -> str:
    if dated:
        d = when(story)
        return f"{base}/{d.year}/{d.month:02d}/{d.day:02d}/{story.slug}/"
    return f"{base}/{story.meta.get('section', 'news').lower().replace(' ', '-')}/{story.slug}"


def others(story, siblings, count: int) -> list:
    """The host's other stories, newest first, as a sidebar or related list would show them."""
    pool = [s for s in siblings if s.slug != story.slug and s.kind in ("article", "brief", "live")]
    pool.sort(key=lambda s: s.meta.get("date", ""), reverse=True)
    return pool[:count]


def jsonld(story, publisher: str, url: str, kind: str = "NewsArticle") -> str:
    data = {
        "@context": "https://schema.org", "@type": kind, "headline": story.meta["title"],
        "datePublished": story.meta.get("date"), "mainEntityOfPage": url,
        "author": [{"@type": "Person", "name": story.meta.get("author", "")}],
        "publisher": {"@type": "NewsMediaOrganization", "name": publisher},
    }
    if story.kind == "paywall":
        data["isAccessibleForFree"] = False
    return f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>'


def body_items(story, render: dict, inserts: dict | None = None) -> str:
    """Render body items with the site's snippets; inserts[i] goes after the i-th paragraph."""
    out, count = [], 0
    for kind, text, extra in story.items:
        out.append(render[kind](text, extra))
        if kind == "p":
            count += 1
            if inserts and count in inserts:
                out.append(inserts[count])
    return "\n".join(out)


TRACKING_SCRIPT = """<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments)}
gtag('js',new Date());gtag('config','G-7Q2X1LM4');(function(w,d){var s=d.createElement('script');s.async=1;
s.src='https://cdn.adsrv.example/tag.js';d.head.appendChild(s)})(window,document);</script>"""


def stable_id(text: str) -> int:
    """A numeric id derived from the slug, the same on every run (CMS article ids)."""
    return zlib.crc32(text.encode("utf-8"))
