"""Page metadata from the <head> (plus JSON-LD and <time> tags), fast enough for capture time.

Only the part of the document before <body> is parsed into a tree; JSON-LD blocks and <time>
tags are found by pattern in the rest, so dating a page costs a fraction of a full extraction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from etl.extract.htmltree import collapse_space, parse_html, text_of
from etl.extract.jsonld import JsonLdFacts, jsonld_facts
from etl.web.dates import date_from_url, is_plausible, parse_date
from etl.web.decoding import decode_html
from etl.web.urls import absolute_url, normalize_url

_BODY_START = re.compile(r"<body[\s>]", re.I)
# Pages without a <body> tag: only this much is parsed as if it were the head.
_HEADLESS_PREFIX = 100_000
_TIME_TAG = re.compile(r"<time\b([^>]*)>", re.I)
_DATETIME_ATTR = re.compile(r"""\bdatetime\s*=\s*["']([^"']{4,60})["']""", re.I)
_PUBLISHED_HINT = re.compile(r"publish|datepublished|pubdate|posted|created", re.I)

# <meta> date fields after article:published_time and JSON-LD, most specific first.
_META_DATE_KEYS = (
    "datepublished", "article.published", "og:published_time", "published_time", "pubdate",
    "publishdate", "publish-date", "publish_date", "publication_date", "parsely-pub-date",
    "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date.created", "dcterms.created",
    "dc.date", "date",
)


@dataclass(frozen=True)
class PageMetadata:
    published_at: datetime | None = None
    published_source: str | None = None
    canonical_url: str | None = None
    title: str | None = None
    site_name: str | None = None
    language: str | None = None
    author: str | None = None
    description: str | None = None  # the page's summary; sites often show it as the standfirst
    og_type: str | None = None
    jsonld_types: tuple[str, ...] = ()
    accessible_for_free: bool | None = None


def page_metadata(html: bytes | str, url: str, now: datetime | None = None) -> PageMetadata:
    """Metadata of one page; an empty PageMetadata when the input is not HTML. Never raises.

    ``now`` (default: the clock) bounds publication dates (see etl.web.dates.is_plausible). Pass
    the capture time for a result that does not depend on when it runs.
    """
    try:
        text, _ = decode_html(html)
        return metadata_from_text(text, url if isinstance(url, str) else "", now)
    except Exception:  # noqa: BLE001 - the contract is "never raises"; the caller gets no metadata
        return PageMetadata()


def metadata_from_text(text: str, url: str, now: datetime | None = None) -> PageMetadata:
    """page_metadata for already decoded text (the extractor decodes once and calls this)."""
    if not text:
        return PageMetadata()
    body = _BODY_START.search(text)
    head_text = text[: body.start()] if body else text[:_HEADLESS_PREFIX]
    root = parse_html(head_text)
    metas = _meta_values(root) if root is not None else {}
    links = _link_values(root) if root is not None else {}
    ld = jsonld_facts(text)
    published_at, source = _published(metas, ld, text[body.start():] if body else "", url, now)
    return PageMetadata(
        published_at=published_at,
        published_source=source,
        canonical_url=normalize_url(absolute_url(url, links.get("canonical") or metas.get("og:url") or ld.url)),
        title=metas.get("og:title") or metas.get("twitter:title") or _title(root),
        site_name=metas.get("og:site_name") or metas.get("application-name") or ld.publisher,
        language=_language(root, metas),
        author=_author(metas, ld),
        description=metas.get("og:description") or metas.get("description") or metas.get("twitter:description") or ld.description,
        og_type=(metas.get("og:type") or "").lower() or None,
        jsonld_types=ld.types,
        accessible_for_free=ld.accessible_for_free,
    )


def _meta_values(root) -> dict[str, str]:
    """First value of each <meta> key (property, name, itemprop or http-equiv), keys lowercased."""
    values: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv")
        content = meta.get("content")
        if key and content and content.strip():
            values.setdefault(key.strip().lower(), collapse_space(content))
    return values


def _link_values(root) -> dict[str, str]:
    values: dict[str, str] = {}
    for link in root.iter("link"):
        href = (link.get("href") or "").strip()
        for rel in (link.get("rel") or "").lower().split():
            if href:
                values.setdefault(rel, href)
    return values


def _published(metas: dict, ld: JsonLdFacts, body_text: str, url: str,
               now: datetime | None) -> tuple[datetime | None, str | None]:
    candidates = [("meta:article:published_time", metas.get("article:published_time")),
                  ("jsonld", ld.date_published)]
    candidates += [(f"meta:{key}", metas.get(key)) for key in _META_DATE_KEYS]
    for source, raw in candidates:
        moment = parse_date(raw)
        if is_plausible(moment, now):
            return moment, source
    moment = _time_tag_date(body_text, now)
    if moment is not None:
        return moment, "time-tag"
    moment = date_from_url(url)
    if is_plausible(moment, now):
        return moment, "url"
    return None, None


def _time_tag_date(body_text: str, now: datetime | None) -> datetime | None:
    """The <time datetime> marked as publication time, else the first plausible one."""
    fallback = None
    for match in _TIME_TAG.finditer(body_text):
        attrs = match.group(1)
        value = _DATETIME_ATTR.search(attrs)
        moment = parse_date(value.group(1)) if value else None
        if not is_plausible(moment, now):
            continue
        if _PUBLISHED_HINT.search(attrs):
            return moment
        fallback = fallback or moment
    return fallback


def _title(root) -> str | None:
    if root is None:
        return None
    for title in root.iter("title"):
        text = collapse_space(text_of(title))
        if text:
            return text
    return None


def _language(root, metas: dict) -> str | None:
    declared = root.get("lang") if root is not None else None
    declared = declared or metas.get("content-language") or metas.get("og:locale")
    if not declared:
        return None
    primary = re.split(r"[-_,;\s]", declared.strip().lower(), maxsplit=1)[0]
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


def _author(metas: dict, ld: JsonLdFacts) -> str | None:
    if ld.authors:
        return ", ".join(ld.authors)
    value = metas.get("author") or metas.get("article:author") or metas.get("parsely-author")
    if value and not value.lower().startswith(("http://", "https://")):
        return value
    return None
