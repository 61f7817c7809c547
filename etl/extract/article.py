"""extract_article: one captured page to an Article (text, metadata, flags). Never raises."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

from etl.extract.language import detect_language
from etl.extract.metadata import PageMetadata, metadata_from_text
from etl.extract.page import parse_page
from etl.extract.select import select_body
from etl.extract.settings import EXTRACTOR_VERSION, MIN_ARTICLE_WORDS, TEASER_MAX_WORDS
from etl.extract.template import SiteTemplate

_NOT_ARTICLE_OG_TYPES = ("website", "video", "profile", "book", "music")
_NOT_ARTICLE_LD_TYPES = frozenset(("CollectionPage", "VideoObject", "SearchResultsPage", "ItemList"))
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—•·]\s+")
# Shorter parts of a page title ("Home", a site name) may legitimately be body lines.
_MIN_TITLE_PART_WORDS = 3
_TITLE_SITE_SUFFIX = re.compile(r"\s+[|\-–—•·]\s+[^|\-–—•·]{2,60}$")


@dataclass(frozen=True)
class Article:
    ok: bool
    status: str  # ok | empty | not_article | paywall | error
    reason: str = ""
    url: str = ""
    title: str | None = None
    text: str = ""
    paragraphs: tuple[str, ...] = ()
    byline: str | None = None
    published_at: datetime | None = None
    published_source: str | None = None
    language: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    is_paywalled: bool = False
    is_teaser: bool = False
    is_not_article: bool = False
    template_version: str | None = None
    extractor_version: str = EXTRACTOR_VERSION

    @property
    def word_count(self) -> int:
        return len(self.text.split())


def extract_article(html: bytes | str, url: str, template: SiteTemplate | None = None,
                    now: datetime | None = None) -> Article:
    """Extract the article body and metadata of one page.

    ``template`` is the host's learned SiteTemplate (see learn_template); ``now`` bounds
    publication dates (pass the capture time so re-deriving gives the same result).
    """
    url = url if isinstance(url, str) else ""
    try:
        return _extract(html, url, template, now)
    except Exception as error:  # noqa: BLE001 - contract: a clear empty result, never an exception
        return Article(ok=False, status="error", reason=f"extractor failed: {type(error).__name__}: {error}"[:300],
                       url=url, canonical_url=_clean_url(url))


def _extract(html, url: str, template: SiteTemplate | None, now: datetime | None) -> Article:
    page = parse_page(html)
    if page.failure:
        return Article(ok=False, status="empty" if "empty" in page.failure else "error",
                       reason=page.failure, url=url, canonical_url=_clean_url(url))
    meta = metadata_from_text(page.text, url, now)
    title = _title(page.signals.headline, meta)
    paragraphs = tuple(select_body(page.blocks, _title_variants(title, meta), template,
                                   author=meta.author or page.signals.byline, description=meta.description))
    text = "\n".join(paragraphs)
    words = len(text.split())
    paywalled = meta.accessible_for_free is False or page.signals.paywall_gate
    not_article = _not_article(meta, page.signals.has_video, words)
    status, reason = "ok", ""
    if not_article:
        status, reason = "not_article", f"page is not an article (og:type={meta.og_type}, {words} words)"
    elif paywalled and words < TEASER_MAX_WORDS:
        status, reason = "paywall", f"paywalled page shows only a {words}-word teaser"
    elif words < MIN_ARTICLE_WORDS:
        status, reason = "empty", f"only {words} words of body text found"
    return Article(
        ok=status == "ok", status=status, reason=reason, url=url, title=title,
        text=text if status == "ok" else "", paragraphs=paragraphs if status == "ok" else (),
        byline=meta.author or page.signals.byline, published_at=meta.published_at,
        published_source=meta.published_source, language=detect_language(text, meta.language),
        canonical_url=meta.canonical_url or _clean_url(url), site_name=meta.site_name,
        is_paywalled=paywalled, is_teaser=status == "paywall", is_not_article=not_article,
        template_version=template.version if template is not None else None,
    )


def _title(headline: str | None, meta: PageMetadata) -> str | None:
    if headline:
        return headline
    if meta.title:
        return _TITLE_SITE_SUFFIX.sub("", meta.title) or meta.title
    return None


def _title_variants(title: str | None, meta: PageMetadata) -> list[str]:
    """Lines that repeat the headline: it, the page title, and the page title's parts."""
    variants = [title or "", meta.title or ""]
    variants += _TITLE_SEPARATOR.split(meta.title or "")
    return [v for v in variants if len(v.split()) >= _MIN_TITLE_PART_WORDS]


def _not_article(meta: PageMetadata, has_video: bool, words: int) -> bool:
    article_typed = any("Article" in t or "Posting" in t or "Report" in t for t in meta.jsonld_types)
    if article_typed:
        return False
    if meta.og_type and meta.og_type.startswith(_NOT_ARTICLE_OG_TYPES):
        return True
    if _NOT_ARTICLE_LD_TYPES & set(meta.jsonld_types):
        return True
    return has_video and words < MIN_ARTICLE_WORDS * 4


def _clean_url(url: str) -> str | None:
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", parts.query, ""))
