"""The demo web: which document answers a path at a given clock time. No sockets here.

The server (server.py) only speaks HTTP; every decision about content - what a feed lists at a
time, which version of an edited page is live, what is not published yet - is made here, so it
can be reasoned about (and tested) as a plain function of (path, clock).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from urllib.parse import urlsplit

from etl.demo.catalog import Article, Feed, Outlet, load_outlets
from etl.demo.feeds import CONTENT_TYPES, RENDERERS, FeedContext, FeedItem
from etl.demo.sites import TEMPLATES
from etl.demo.sites.parts import PageContext

RELATED_LINKS = 5
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True)
class Document:
    status: int
    content_type: str
    body: bytes
    # Drives Last-Modified / If-Modified-Since; None for documents without a meaningful time.
    last_modified: dt.datetime | None = None


def _not_found(path: str) -> Document:
    body = (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Page not found</title>"
        f"</head><body><h1>Page not found</h1><p>No page lives at {escape(path)}.</p></body></html>"
    )
    return Document(404, HTML, body.encode())


def _placeholder_photo(name: str) -> Document:
    # Photos are not shipped with the demo; a neutral placeholder keeps pages whole in a browser.
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675">'
        '<rect width="1200" height="675" fill="#c9ced6"/>'
        f'<text x="600" y="350" font-family="sans-serif" font-size="28" text-anchor="middle" fill="#4a5160">{escape(name)}</text>'
        "</svg>"
    )
    return Document(200, "image/svg+xml", svg.encode())


class DemoSite:
    """Every outlet's feeds, pages, photos and the host's robots.txt, as of a clock time."""

    def __init__(self, outlets: tuple[Outlet, ...] | None = None) -> None:
        self.outlets = outlets if outlets is not None else load_outlets()
        self._feeds: dict[str, tuple[Outlet, Feed]] = {}
        self._pages: dict[str, tuple[Outlet, Article]] = {}
        for outlet in self.outlets:
            for feed in outlet.feeds:
                self._feeds[outlet.prefix + feed.path] = (outlet, feed)
            for article in outlet.articles:
                self._pages[outlet.prefix + article.path] = (outlet, article)

    def respond(self, target: str, base_url: str, now: dt.datetime) -> Document:
        # Query strings (tracking parameters, cache busters) never change which document answers.
        path = urlsplit(target).path
        if path == "/robots.txt":
            return Document(200, "text/plain; charset=utf-8", self.robots_txt(base_url).encode())
        if path in self._feeds:
            return self._feed(*self._feeds[path], base_url, now)
        if path in self._pages:
            return self._page(*self._pages[path], base_url, now)
        slug, _, rest = path.lstrip("/").partition("/")
        if rest.startswith("media/") and any(o.slug == slug for o in self.outlets):
            return _placeholder_photo(rest.removeprefix("media/"))
        return _not_found(path)

    def robots_txt(self, base_url: str) -> str:
        """One host serves every outlet, so one robots.txt: everything allowed but admin areas."""
        lines = ["# Demo outlets: crawling of news pages and feeds is welcome.", "User-agent: *"]
        for outlet in self.outlets:
            lines.extend(f"Disallow: {outlet.prefix}{p}" for p in outlet.disallowed_paths)
        lines.append("Allow: /")
        lines.append("")
        return "\n".join(lines)

    def feed_items(self, outlet: Outlet, base_url: str, now: dt.datetime) -> tuple[FeedItem, ...]:
        """What the outlet's feed lists at `now`: listed items, newest publication first."""
        listed = [a for a in outlet.articles if a.listed_at <= now]
        listed.sort(key=lambda a: a.published_at, reverse=True)
        items = []
        for article in listed:
            page_url = f"{base_url}{outlet.prefix}{article.path}"
            link = f"{page_url}?{article.feed_link_query}" if article.feed_link_query else page_url
            items.append(FeedItem(article, article.version_at(now), page_url, link))
        return tuple(items)

    def _feed(self, outlet: Outlet, feed: Feed, base_url: str, now: dt.datetime) -> Document:
        if feed.kind not in RENDERERS:
            return _not_found(outlet.prefix + feed.path)
        items = self.feed_items(outlet, base_url, now)
        ctx = FeedContext(outlet, feed, base_url, items, built_at=now)
        changed = max((max(i.article.listed_at, i.version.modified_at) for i in items), default=None)
        body = RENDERERS[feed.kind](ctx).encode()
        return Document(200, CONTENT_TYPES[feed.kind], body, changed)

    def _related(self, outlet: Outlet, article: Article, base_url: str, now: dt.datetime):
        others = [a for a in outlet.articles if a is not article and a.published_at <= now]
        others.sort(key=lambda a: a.published_at, reverse=True)
        return tuple(
            (a.version_at(now).title, f"{base_url}{outlet.prefix}{a.path}")
            for a in others[:RELATED_LINKS]
        )

    def _page(self, outlet: Outlet, article: Article, base_url: str, now: dt.datetime) -> Document:
        version = article.version_at(now)
        if version is None:
            return _not_found(outlet.prefix + article.path)
        related = self._related(outlet, article, base_url, now)
        page = PageContext(outlet, article, version, base_url, related)
        body = TEMPLATES[outlet.template](page).encode()
        return Document(200, HTML, body, version.modified_at)
