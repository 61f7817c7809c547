"""extract_article: one captured page to an Article (text, metadata, flags). Never raises.

The body comes from trafilatura, the field's strongest single extractor on real pages, run once
on a tree parsed once. Our layer on top is what the real labelled sets show pays for itself:
reader comments left out, site-independent boilerplate lines (read-more prompts, credits, bylines,
copyright) removed, and the host's learned template when one is given. Flags (not an article,
paywalled, teaser) are evidence recorded beside the text, never a reason to drop it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import trafilatura
from lxml import etree

from etl.extract.blocks import BLOCK_TAGS, content_lines, walk_lines
from etl.extract.htmltree import class_id_tokens
from etl.extract.boilerplate import is_boilerplate_line, is_boilerplate_name, is_embedded_post, link_list_lines, story_end
from etl.extract.language import detect_language
from etl.extract.metadata import PageMetadata, metadata_from_text
from etl.extract.page import unusable
from etl.extract.settings import (EXTRACTOR_VERSION, LEAD_LINES, LINK_LIST_MIN_LINES, MAX_HTML_CHARS, PROSE_LINE_MIN_WORDS,
                                  STANDFIRST_LINES, SUMMARY_PREFIX_MIN_WORDS, TEASER_MAX_WORDS,
                                  VIDEO_PAGE_MAX_WORDS)
from etl.extract.signals import page_signals
from etl.extract.template import SiteTemplate
from etl.web.dates import publication_date
from etl.web.decoding import decode_html
from etl.web.urls import normalize_url, page_url

# Page types that say "not an article" only together with no article type anywhere on the page:
# og:type=website alone is what many news sites declare on every article.
_LISTING_LD_TYPES = frozenset(("CollectionPage", "SearchResultsPage", "ItemList"))
_VIDEO_OG_TYPES = ("video",)
# A teaser line is cut off with an ellipsis, maybe followed by a short link ("Continue reading").
_TEASER_END = re.compile(r"(…|\.\.\.)\s*(\w+\s*){0,3}$")
_MIN_LISTING_TEASERS = 3
_LISTING_TEASER_SHARE = 0.5
_TITLE_SITE_SUFFIX = re.compile(r"\s+[|\-–—•·]\s+[^|\-–—•·]{2,60}$")
# Metadata date sources that give an exact instant (see metadata.py).
_EXACT_DATE_SOURCES = ("meta:", "jsonld")
# List markers trafilatura writes before list items; a line is judged without them.
_LIST_MARKER = re.compile(r"^[-•*]\s+")
# A prose line ends like a sentence: punctuation, a closing quote or a closing bracket.
_SENTENCE_END = re.compile(r"[.!?…\"”’)]\s*$")
_WORD = re.compile(r"\w+")
# Blocks whose whole text is one link. List items are left out: a list of links may be the
# article's own (a table of contents, a list of sources).
# Found from the links up: a page has far fewer links than elements.
_LINK_ONLY_BLOCKS = etree.XPath("//a/parent::*[count(*) = 1][self::p or self::div or self::span or self::strong "
                                "or self::h2 or self::h3 or self::h4][normalize-space(.) = normalize-space(a)]")


@dataclass(frozen=True)
class Article:
    ok: bool  # body text was found
    status: str  # ok | empty | not_article | error
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
                       url=url, canonical_url=normalize_url(url))


def _extract(html, url: str, template: SiteTemplate | None, now: datetime | None) -> Article:
    text, how = decode_html(html)
    failure = unusable(text, how)
    tree = None if failure else trafilatura.load_html(text[:MAX_HTML_CHARS].replace("\x00", ""))
    if tree is None:
        return Article(ok=False, status="empty" if failure and "empty" in failure else "error",
                       reason=failure or "HTML could not be parsed", url=url, canonical_url=normalize_url(url))
    signals = page_signals(tree)
    meta = metadata_from_text(text, url, now)
    extracted = trafilatura_text(tree)
    title = _title(signals.headline, meta)
    # The unfiltered text still holds the dateline that the boilerplate filter removes.
    published_at, published_source = _published(tree, url, extracted, now, meta)
    # Last use of the tree: reading the page's own lines strips markup from it.
    paragraphs = tuple(_checked_body(extracted, text, tree, template, title, meta.description))
    body = "\n".join(paragraphs)
    words = len(body.split())
    paywalled = meta.accessible_for_free is False or signals.paywall_gate
    not_article = _not_article(meta, signals.has_video, paragraphs)
    if not paragraphs:
        status, reason = "empty", "no body text found"
    elif not_article:
        status, reason = "not_article", f"page is a listing or video page ({', '.join(meta.jsonld_types) or meta.og_type}, {words} words)"
    else:
        status, reason = "ok", ""
    return Article(
        ok=bool(paragraphs), status=status, reason=reason, url=url, title=title,
        text=body, paragraphs=paragraphs, byline=meta.author or signals.byline,
        published_at=published_at, published_source=published_source,
        language=detect_language(body, meta.language), canonical_url=page_url(url, meta.canonical_url),
        site_name=meta.site_name, is_paywalled=paywalled, is_teaser=paywalled and words < TEASER_MAX_WORDS,
        is_not_article=not_article, template_version=template.version if template is not None else None,
    )


def trafilatura_text(tree) -> str:
    """trafilatura's text of the page without reader comments (its default keeps them), in
    recall mode, which loses less text than the balanced mode on the real sets, and without its
    fallback extractors: _checked_body reruns the balanced mode, fallbacks included, on the few
    pages where recall mode cut the body short, which scores as well on the real sets (within
    0.002 F1) as running them on every page, for less CPU."""
    return trafilatura.extract(tree, include_comments=False, favor_recall=True, include_tables=True,
                               fast=True) or ""


def body_lines(extracted: str, template: SiteTemplate | None) -> list[str]:
    """The extracted text's lines without boilerplate lines and the host's template lines.

    A template that would take half the page's words or more is not applied: it was learned from
    pages of another kind, or it learned text that several pages of the host share (a syndicated
    wire story), and a template must never blank an article."""
    lines = []
    for line in extracted.splitlines():
        line = line.strip()
        bare = _LIST_MARKER.sub("", line)
        if bare and not is_boilerplate_line(bare):
            lines.append(line)
    widgets = link_list_lines(lines)
    lines = [line for index, line in enumerate(lines[:story_end(lines)]) if index not in widgets]
    if template is None:
        return lines
    kept = [line for line in lines if not template.is_boilerplate(_LIST_MARKER.sub("", line))]
    if 2 * _words(kept) <= _words(lines):
        return lines
    return kept


def _checked_body(extracted: str, page_text: str, tree, template: SiteTemplate | None, title: str | None,
                  description: str | None) -> list[str]:
    """trafilatura's body, filtered, and checked against the page's own lines.

    Where recall mode found nothing, or the page's prose lines from the body's first line on that
    the body left out hold more words than the body itself (recall mode took one block of an
    article split into several, or skipped paragraphs), the balanced mode, with its fallback
    extractors, reads the page again and is kept when it finds more; where the prose left out
    still outweighs the body, the story's container gives the rest (_container_prose). The lead that trafilatura
    leaves out where a page sets it apart from the running text (a standfirst, the description
    under a video) is put back: prose among the LEAD_LINES page lines right before the body, and
    the page's own summary (its meta description) where the page shows it among the
    STANDFIRST_LINES lines before the body, however short: a page that repeats its declared
    summary above the article sets it as the standfirst. A lead that ends with the body's first line
    (a caption run into the first paragraph) takes its place."""
    lines = _without_headline(body_lines(extracted, template), title)
    links = {key for key in map(_line_key, (element.text_content() for element in _LINK_ONLY_BLOCKS(tree)))
             if key.count(" ") >= 2}
    page = content_lines(tree)
    keys = [_line_key(line) for line in page]
    span = _body_span(keys, lines)
    if not lines or (span is not None
                     and _prose_left_out(page[span[0]:], keys[span[0]:], lines, template) > _words(lines)):
        balanced = trafilatura.extract(page_text[:MAX_HTML_CHARS].replace("\x00", ""), include_comments=False,
                                       include_tables=True) or ""
        again = _without_headline(body_lines(balanced, template), title)
        if _words(again) > _words(lines):
            lines, span = again, _body_span(keys, again)
        if span is not None and _prose_left_out(page[span[0]:], keys[span[0]:], lines, template) > _words(lines):
            lines = _in_page_order(keys, lines, _container_prose(tree, lines, template))
            span = _body_span(keys, lines)
    lines = _without_link_lists(lines, links)
    if span is None:
        return lines
    lead = _lead(page, keys, span[0], template, description, title)
    opening = _line_key(lines[0]) if lines else ""
    if opening and any(key.endswith(" " + opening) for key in map(_line_key, lead)):
        lines = lines[1:]
    return list(dict.fromkeys(lead)) + lines


def _in_page_order(page_keys: list[str], body: list[str], other: list[str]) -> list[str]:
    """``body`` with the lines of ``other`` (page lines, given by their _line_key in page_keys)
    that it lacks, each at its place on the page."""
    position: dict[str, int] = {}
    for index, key in enumerate(page_keys):
        position.setdefault(key, index)
    have = {_line_key(line) for line in body}
    extra = [line for line in other if _line_key(line) not in have and _line_key(line) in position]
    if not extra:
        return body
    placed, last = [], -1
    for line in body:
        last = position.get(_line_key(line), last)
        placed.append((last, 0, line))
    placed.extend((position[_line_key(line)], 1, line) for line in extra)
    return [line for _, _, line in sorted(placed, key=lambda item: item[:2])]


def _container_prose(tree, lines: list[str], template: SiteTemplate | None) -> list[str]:
    """Prose the body left out from the smallest element holding every body line that is a whole
    block of the page. Where a page splits its story across boxes (a lead box, then the rest in a
    box hidden until the reader asks for it), both modes of trafilatura may take one box only; the
    story's container still holds the rest. Lines of blocks named as boilerplate (comments,
    related stories) are not prose of the story, nor a line that mostly repeats the body (a
    summary of it): half of its word trigrams or more already in the body."""
    keys = {_line_key(line) for line in lines}
    found = [element for element in tree.iter(*BLOCK_TAGS) if _line_key(element.text_content()) in keys]
    if not found:
        return []
    common = list(found[0].iterancestors())[::-1] + [found[0]]
    for element in found[1:]:
        chain = set(element.iterancestors()) | {element}
        while common and common[-1] not in chain:
            common.pop()
    if not common or common[-1].tag in ("html", "body"):
        return []
    container = common[-1]
    named = {_line_key(line) for element in container.iter() if isinstance(element.tag, str)
             and is_boilerplate_name(class_id_tokens(element)) for line in walk_lines(element)}
    said = _grams(" ".join(keys))
    prose = []
    for line in walk_lines(container):
        key = _line_key(line)
        if key in keys or key in named or not _is_prose(line, template):
            continue
        grams = _grams(key)
        if len(grams & said) * 2 < len(grams):
            prose.append(line)
    return prose


def _grams(key: str) -> set[tuple[str, ...]]:
    """The word trigrams of a _line_key."""
    words = key.split()
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def _without_link_lists(lines: list[str], links: set[str]) -> list[str]:
    """The body without runs of LINK_LIST_MIN_LINES or more lines in a row that are each a whole
    link on the page (a block or list item holding nothing but one link): a list of other stories
    that trafilatura took into the body. A link or two among paragraphs is left alone, and so are
    links of fewer than three words (a word of code, a label)."""
    kept, run = [], []
    for line in lines + [""]:
        if line and _line_key(line) in links:
            run.append(line)
            continue
        if len(run) < LINK_LIST_MIN_LINES:
            kept.extend(run)
        run = []
        if line:
            kept.append(line)
    return kept


def _lead(page: list[str], page_keys: list[str], start: int, template: SiteTemplate | None,
          description: str | None, title: str | None) -> list[str]:
    """The lead lines before page line ``start`` where the body begins: prose among the LEAD_LINES
    lines right before it, and the page's summary among the STANDFIRST_LINES lines before it,
    unless the summary is only the headline again (it is the article's title, not its text). The
    lines of a social post embedded right after the lead paragraph are not counted in LEAD_LINES."""
    summary = _line_key(description) if description else ""
    if title and summary == _line_key(title):
        summary = ""
    first = max(0, start - STANDFIRST_LINES)
    prose_from = start - LEAD_LINES
    while prose_from > first and is_embedded_post(page[prose_from]):
        prose_from -= 1
    return [page[index] for index in range(first, start)
            if (index >= prose_from and _is_prose(page[index], template))
            or (summary and _shows_summary(page_keys[index], summary) and not is_boilerplate_line(page[index]))]


def _shows_summary(line_key: str, summary_key: str) -> bool:
    """Whether a page line is the page's summary; a long summary may be cut short in the metadata
    (its last word too)."""
    words = summary_key.split()
    return line_key == summary_key or (len(words) >= SUMMARY_PREFIX_MIN_WORDS
                                       and line_key.startswith(" ".join(words[:-1])))


def _body_span(page_keys: list[str], lines: list[str]) -> tuple[int, int] | None:
    """Indexes of the first and last page lines (given by their _line_key) that are body lines or
    inside one."""
    keys = {_line_key(line) for line in lines}
    joined = "\n".join(keys)
    inside = [i for i, key in enumerate(page_keys) if key and (key in keys or (key.count(" ") >= 3 and key in joined))]
    return (inside[0], inside[-1]) if inside else None


def _prose_left_out(page: list[str], page_keys: list[str], lines: list[str], template: SiteTemplate | None) -> int:
    """Words of the page's prose lines that are not in the body."""
    keys = {_line_key(line) for line in lines}
    return sum(len(line.split()) for line, key in zip(page, page_keys) if key not in keys and _is_prose(line, template))


def _is_prose(line: str, template: SiteTemplate | None) -> bool:
    """A page line that reads as article prose: a sentence of PROSE_LINE_MIN_WORDS words or more,
    not boilerplate."""
    return (len(line.split()) >= PROSE_LINE_MIN_WORDS and bool(_SENTENCE_END.search(line))
            and not is_boilerplate_line(line) and not (template is not None and template.is_boilerplate(line)))


def _line_key(line: str) -> str:
    return " ".join(_WORD.findall(line.lower()))


def _words(lines: list[str]) -> int:
    return sum(len(line.split()) for line in lines)


def _without_headline(lines: list[str], title: str | None) -> list[str]:
    """The body without its first line when that line is the headline: the headline is the
    article's ``title``, and kept in the text too it would be coded and shingled twice."""
    if lines and title and re.sub(r"\W+", " ", lines[0]).strip().lower() == re.sub(r"\W+", " ", title).strip().lower():
        return lines[1:]
    return lines


def _published(tree, url: str, text: str, now: datetime | None, meta: PageMetadata) -> tuple[datetime | None, str | None]:
    """A machine-readable timestamp in the page's metadata (meta tags, JSON-LD) is an exact
    instant with its zone, which decides the UTC day; htmldate dates every other page, from markup
    and written-out dates alike."""
    if meta.published_source and meta.published_source.startswith(_EXACT_DATE_SOURCES):
        return meta.published_at, meta.published_source
    published_at, published_source = publication_date(tree, url, text, now)
    if published_at is None:
        return meta.published_at, meta.published_source
    return published_at, published_source


def _title(headline: str | None, meta: PageMetadata) -> str | None:
    """The page's visible headline where its declared title (og:title, <title>) agrees with it;
    otherwise the declared title: a first <h1> that shares no words with it is a site, section or
    widget heading ("Sections", "Share this Story"), not the article's."""
    declared = (_TITLE_SITE_SUFFIX.sub("", meta.title) or meta.title) if meta.title else None
    if headline and (declared is None or _shares_words(headline, declared)):
        return headline
    return declared or headline


def _shares_words(first: str, second: str) -> bool:
    """Whether half the words of the shorter title are in the other."""
    a, b = set(re.findall(r"\w+", first.lower())), set(re.findall(r"\w+", second.lower()))
    return bool(a and b) and len(a & b) >= 0.5 * min(len(a), len(b))


def _not_article(meta: PageMetadata, has_video: bool, paragraphs: tuple[str, ...]) -> bool:
    """Strong evidence only, and never where the page types itself as an article: it declares
    itself a listing, its body is mostly cut-off teasers ("... Continue reading"), or it is a
    video page with hardly any text."""
    if any("Article" in t or "Posting" in t or "Report" in t for t in meta.jsonld_types):
        return False
    if _LISTING_LD_TYPES & set(meta.jsonld_types):
        return True
    words = sum(len(p.split()) for p in paragraphs)
    teasers = [p for p in paragraphs if _TEASER_END.search(p)]
    if len(teasers) >= _MIN_LISTING_TEASERS and sum(len(p.split()) for p in teasers) >= _LISTING_TEASER_SHARE * words:
        return True
    video_page = has_video and bool(meta.og_type) and meta.og_type.startswith(_VIDEO_OG_TYPES)
    return video_page and words < VIDEO_PAGE_MAX_WORDS
