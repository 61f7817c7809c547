"""Feed documents for the demo outlets: RSS 2.0, Atom 1.0, and the broken body of a failing CMS."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.utils import format_datetime
from html import escape

from etl.demo.catalog import Article, ArticleVersion, Feed, Outlet, at_offset


@dataclass(frozen=True)
class FeedItem:
    article: Article
    version: ArticleVersion
    # The page's own address, and the link the feed hands out (it may add tracking parameters).
    page_url: str
    link: str


@dataclass(frozen=True)
class FeedContext:
    outlet: Outlet
    feed: Feed
    base_url: str
    # Newest first, only what the outlet had listed at the clock.
    items: tuple[FeedItem, ...]
    built_at: dt.datetime

    @property
    def home_url(self) -> str:
        return f"{self.base_url}{self.outlet.prefix}/"

    @property
    def self_url(self) -> str:
        return f"{self.base_url}{self.outlet.prefix}{self.feed.path}"

    def feed_time(self, moment: dt.datetime) -> dt.datetime:
        return at_offset(moment, self.feed.date_utc_offset_hours)


def _body_html(version: ArticleVersion) -> str:
    # Paragraph text is escaped, so a literal "]]>" cannot occur and end the CDATA section early.
    return "".join(f"<p>{escape(p)}</p>" for p in version.paragraphs)


def _rss_item(ctx: FeedContext, item: FeedItem) -> str:
    a, v = item.article, item.version
    date = ""
    if a.dated_in_feed:
        date = f"\n  <pubDate>{format_datetime(ctx.feed_time(a.published_at))}</pubDate>"
    content = ""
    if ctx.feed.full_text:
        content = f"\n  <content:encoded><![CDATA[{_body_html(v)}]]></content:encoded>"
    categories = "".join(f"\n  <category>{escape(t)}</category>" for t in (a.section, *a.tags))
    return f"""<item>
  <title>{escape(v.title)}</title>
  <link>{escape(item.link)}</link>
  <guid isPermaLink="true">{escape(item.page_url)}</guid>
  <dc:creator>{escape(a.byline)}</dc:creator>{date}{categories}
  <description>{escape(v.dek)}</description>{content}
  <media:content url="{escape(ctx.base_url + ctx.outlet.prefix + '/media/' + a.photo.file)}" medium="image">
    <media:description>{escape(a.photo.caption)}</media:description>
    <media:credit>{escape(a.photo.credit)}</media:credit>
  </media:content>
</item>"""


def render_rss2(ctx: FeedContext) -> str:
    items = "\n".join(_rss_item(ctx, item) for item in ctx.items)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
<title>{escape(ctx.feed.title)}</title>
<link>{escape(ctx.home_url)}</link>
<atom:link href="{escape(ctx.self_url)}" rel="self" type="application/rss+xml"/>
<description>{escape(ctx.outlet.tagline)}</description>
<language>{escape(ctx.outlet.language.lower())}</language>
<lastBuildDate>{format_datetime(ctx.feed_time(ctx.built_at))}</lastBuildDate>
<ttl>15</ttl>
{items}
</channel>
</rss>
"""


def _atom_entry(ctx: FeedContext, item: FeedItem) -> str:
    a, v = item.article, item.version
    content = ""
    if ctx.feed.full_text:
        content = f'\n  <content type="html">{escape(_body_html(v))}</content>'
    categories = "".join(f'\n  <category term="{escape(t)}"/>' for t in (a.section, *a.tags))
    return f"""<entry>
  <title>{escape(v.title)}</title>
  <link rel="alternate" type="text/html" href="{escape(item.link)}"/>
  <id>{escape(item.page_url)}</id>
  <published>{ctx.feed_time(a.published_at).isoformat()}</published>
  <updated>{ctx.feed_time(v.modified_at).isoformat()}</updated>
  <author><name>{escape(a.byline)}</name></author>{categories}
  <summary>{escape(v.dek)}</summary>{content}
</entry>"""


def render_atom(ctx: FeedContext) -> str:
    entries = "\n".join(_atom_entry(ctx, item) for item in ctx.items)
    updated = max((i.version.modified_at for i in ctx.items), default=ctx.built_at)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{escape(ctx.outlet.language)}">
<title>{escape(ctx.feed.title)}</title>
<subtitle>{escape(ctx.outlet.tagline)}</subtitle>
<link rel="alternate" type="text/html" href="{escape(ctx.home_url)}"/>
<link rel="self" type="application/atom+xml" href="{escape(ctx.self_url)}"/>
<id>{escape(ctx.self_url)}</id>
<updated>{ctx.feed_time(updated).isoformat()}</updated>
<generator>{escape(ctx.outlet.name)} publishing system</generator>
{entries}
</feed>
"""


def render_malformed(ctx: FeedContext) -> str:
    """What a legacy feed script returns with a 200 when its database is down: the XML
    declaration it had already written, then PHP's fatal-error dump. No root element, so no
    feed format and no entries; the body is the same on every request (it stays broken)."""
    script = ctx.feed.path.strip("/").replace("/", "-")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<br />
<b>Fatal error</b>:  Uncaught PDOException: SQLSTATE[HY000] [2002] Connection refused in /srv/www/feeds/lib/db.php:41
Stack trace:
#0 /srv/www/feeds/lib/db.php(41): PDO-&gt;__construct('mysql:host=db-r...', 'feeds_ro', Object(SensitiveParameterValue))
#1 /srv/www/feeds/{escape(script)}.php(12): FeedDb::connect()
#2 {{main}}
  thrown in <b>/srv/www/feeds/lib/db.php</b> on line <b>41</b><br />
"""


RENDERERS = {"rss2": render_rss2, "atom": render_atom, "malformed": render_malformed}
CONTENT_TYPES = {
    "rss2": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "malformed": "application/rss+xml; charset=utf-8",
}
