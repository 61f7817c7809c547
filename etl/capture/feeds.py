"""Feed bytes to a list of items (pure; never raises): RSS/Atom/RDF through feedparser, JSON Feed itself.

feedparser is only ever given in-memory bytes: given a str or bytes that look like a path or URL
it would read the disk or the network. Dates are parsed from the raw strings (see
``etl.web.dates``) because feedparser's parsed values lose the zone offset.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
import feedparser

from etl.web.dates import parse_feed_date
from etl.web.decoding import repair_charset
from etl.web.urls import absolute_url, site_host

# Top-level domains whose "CST" dates mean China Standard Time.
CHINESE_TLDS = (".cn", ".hk", ".mo", ".tw")
JSON_FEED_VERSION = "https://jsonfeed.org/version/"
_TAGS = re.compile(r"<[^>]*>")
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*(<!doctype\s+html|<html|<head|<body)", re.I | re.S)


@dataclass(frozen=True)
class FeedItem:
    guid: str | None
    link: str | None               # absolute URL of the article
    title: str | None
    summary: str | None            # plain text
    published_raw: str | None      # the date string exactly as the feed gave it
    published_at: datetime | None  # aware UTC, None when absent or unreadable
    date_field: str | None         # which field the date came from: published | updated | created
    content_hash: str              # sha256 of what a reader sees: title, link, summary, content


@dataclass(frozen=True)
class ParsedFeed:
    format: str | None             # feedparser version ("rss20", "atom10", ...) or "json1"/"json1.1"
    title: str | None
    link: str | None
    language: str | None
    items: list[FeedItem] = field(default_factory=list)
    looks_like_html: bool = False  # an HTML page where a feed was expected
    warning: str | None = None     # parser complaint that did not stop it (bozo)
    error: str | None = None       # why nothing usable came out

    @property
    def is_feed(self) -> bool:
        """feedparser sets bozo for harmless faults: a feed is usable if it has a format or items."""
        return self.error is None and (self.format is not None or bool(self.items))


def _text(value) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        value = str(value)
    value = value.strip()
    return value or None


def _plain(html: str | None) -> str:
    return " ".join(_TAGS.sub(" ", html or "").split())


def content_hash(title: str | None, link: str | None, summary: str | None, content: str | None) -> str:
    """Hash of an item's visible content; markup and whitespace changes are not edits."""
    material = "\x1f".join(_plain(part) for part in (title, link, summary, content))
    return hashlib.sha256(material.encode("utf-8", "replace")).hexdigest()


def _china_cst(url: str, language: str | None) -> bool:
    return site_host(url).endswith(CHINESE_TLDS) or (language or "").lower().startswith("zh")


def _item(guid, link, title, summary, content, dates: list[tuple[str, str | None]], china_cst: bool) -> FeedItem:
    published_raw = published_at = date_field = None
    for name, raw in dates:
        raw = _text(raw)
        if raw is None:
            continue
        value = parse_feed_date(raw, china_cst=china_cst)
        if published_raw is None or (published_at is None and value is not None):
            published_raw, published_at, date_field = raw, value, name
        if value is not None:
            break
    # Summaries are stored as plain text: markup in them is presentation, and sometimes hostile.
    title, summary = _text(title), _text(_plain(_text(summary)))
    return FeedItem(
        guid=_text(guid), link=link, title=title, summary=summary,
        published_raw=published_raw, published_at=published_at, date_field=date_field,
        content_hash=content_hash(title, link, summary, _text(content)),
    )


def _looks_like_json(body: bytes) -> bool:
    return body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def _parse_json_feed(body: bytes, url: str, language: str | None) -> ParsedFeed:
    try:
        doc = json.loads(body.decode("utf-8-sig", errors="replace"))
    except (ValueError, RecursionError) as exc:
        return ParsedFeed(None, None, None, None, error=f"malformed JSON: {exc}"[:300])
    if not isinstance(doc, dict) or not str(doc.get("version", "")).startswith(JSON_FEED_VERSION):
        return ParsedFeed(None, None, None, None, error="JSON document is not a JSON Feed")
    base = _text(doc.get("feed_url")) or url
    lang = _text(doc.get("language")) or language
    china = _china_cst(url, lang)
    items = []
    for raw in doc.get("items") or []:
        if not isinstance(raw, dict):
            continue
        link = absolute_url(base, _text(raw.get("url")) or _text(raw.get("external_url")))
        items.append(_item(
            raw.get("id"), link, raw.get("title"), raw.get("summary"),
            raw.get("content_html") or raw.get("content_text"),
            [("published", raw.get("date_published")), ("updated", raw.get("date_modified"))], china,
        ))
    version = str(doc["version"])[len(JSON_FEED_VERSION):]
    return ParsedFeed(
        format=f"json{version}", title=_text(doc.get("title")),
        link=absolute_url(base, _text(doc.get("home_page_url"))), language=lang, items=items,
    )


def _parse_xml_feed(body: bytes, url: str, headers: dict, language: str | None) -> ParsedFeed:
    response_headers = {str(k).lower(): str(v) for k, v in headers.items()}
    response_headers["content-location"] = url
    content_type = response_headers.get("content-type")
    body, charset_note = repair_charset(body, content_type)
    if charset_note:
        mime = (content_type or "application/xml").split(";", 1)[0].strip()
        response_headers["content-type"] = f"{mime}; charset=utf-8"
    parsed = feedparser.parse(io.BytesIO(body), response_headers=response_headers, sanitize_html=False)
    feed = parsed.get("feed", {}) or {}
    lang = _text(feed.get("language")) or language
    china = _china_cst(url, lang)
    base = _text(feed.get("link")) or url
    items = []
    for entry in parsed.get("entries", []):
        content = " ".join(_text(c.get("value")) or "" for c in entry.get("content", []) or [])
        items.append(_item(
            entry.get("id"), absolute_url(url, _text(entry.get("link"))), entry.get("title"),
            entry.get("summary"), content,
            # dict.get skips FeedParserDict's deprecated updated->published fallback mapping
            [(name, dict.get(entry, name)) for name in ("published", "updated", "created")], china,
        ))
    bozo = parsed.get("bozo_exception")
    return ParsedFeed(
        format=_text(parsed.get("version")), title=_text(feed.get("title")),
        link=absolute_url(url, base), language=lang, items=items,
        looks_like_html=bool(_HTML_START.match(body[:4096])) and not parsed.get("version"),
        warning="; ".join(n for n in (charset_note, bozo and f"{type(bozo).__name__}: {bozo}") if n)[:300] or None,
    )


def parse_feed(body: bytes, url: str, headers: dict | None = None, *, language: str | None = None) -> ParsedFeed:
    """Parse feed bytes fetched from ``url`` (with its HTTP response headers). Never raises.

    ``language`` is the source's configured language, used when the feed does not declare one
    (it decides, for instance, that "CST" in a Chinese feed is China Standard Time).
    """
    try:
        if not isinstance(body, (bytes, bytearray)):
            return ParsedFeed(None, None, None, None, error=f"body is {type(body).__name__}, not bytes")
        body = bytes(body)
        if not body.strip():
            return ParsedFeed(None, None, None, None, error="empty body")
        if _looks_like_json(body):
            return _parse_json_feed(body, url, language)
        return _parse_xml_feed(body, url, headers or {}, language)
    except Exception as exc:  # feedparser has many failure paths; one bad feed must not stop a run
        return ParsedFeed(None, None, None, None, error=f"parser crashed: {type(exc).__name__}: {exc}"[:300])
