"""HTML pieces every outlet template uses: the page context, meta tags and the usual page furniture.

Outlet templates differ in structure and class names (that is what makes boilerplate removal a
real test); what is the same on every site - the metadata a crawler reads, how a share link or a
photo is written - lives here once.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from etl.demo.catalog import Article, ArticleVersion, Outlet, at_offset


@dataclass(frozen=True)
class PageContext:
    outlet: Outlet
    article: Article
    version: ArticleVersion
    base_url: str
    # (title, absolute url) of other stories of the same outlet already published at the clock.
    related: tuple[tuple[str, str], ...]

    @property
    def home_url(self) -> str:
        return f"{self.base_url}{self.outlet.prefix}/"

    @property
    def url(self) -> str:
        return f"{self.base_url}{self.outlet.prefix}{self.article.path}"

    @property
    def photo_url(self) -> str:
        return f"{self.base_url}{self.outlet.prefix}/media/{self.article.photo.file}"

    def local_time(self, moment: dt.datetime) -> dt.datetime:
        return at_offset(moment, self.outlet.page_utc_offset_hours)

    @property
    def published_local(self) -> dt.datetime:
        return self.local_time(self.article.published_at)

    @property
    def modified_local(self) -> dt.datetime:
        return self.local_time(self.version.modified_at)


def iso(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def head(page: PageContext, title: str, stylesheet: str) -> str:
    """<head>: the meta tags a crawler reads (canonical, Open Graph, article times) and JSON-LD."""
    v, a = page.version, page.article
    tags = "\n".join(
        f'  <meta property="article:tag" content="{escape(t)}">' for t in a.tags
    )
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": v.title,
        "datePublished": iso(page.published_local),
        "dateModified": iso(page.modified_local),
        "author": [{"@type": "Person", "name": a.byline}],
        "publisher": {"@type": "Organization", "name": page.outlet.name},
        "mainEntityOfPage": page.url,
        "image": [page.photo_url],
    }
    # "</" inside a script block would end it early; JSON allows the escaped form.
    ld_json = json.dumps(ld, ensure_ascii=False).replace("</", "<\\/")
    return f"""<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>{escape(title)}</title>
  <meta name="description" content="{escape(v.dek)}">
  <link rel="canonical" href="{escape(page.url)}">
  <link rel="stylesheet" href="{escape(page.base_url + page.outlet.prefix + stylesheet)}">
  <meta property="og:type" content="article">
  <meta property="og:url" content="{escape(page.url)}">
  <meta property="og:title" content="{escape(v.title)}">
  <meta property="og:description" content="{escape(v.dek)}">
  <meta property="og:site_name" content="{escape(page.outlet.name)}">
  <meta property="og:image" content="{escape(page.photo_url)}">
  <meta property="article:published_time" content="{iso(page.published_local)}">
  <meta property="article:modified_time" content="{iso(page.modified_local)}">
  <meta property="article:section" content="{escape(a.section)}">
{tags}
  <meta name="twitter:card" content="summary_large_image">
  <script type="application/ld+json">{ld_json}</script>
</head>"""


# Body paragraph after which sites that do so place an inline "read more" link.
INLINE_LINK_AFTER = 2


def paragraphs(page: PageContext, attrs: str = "", inline_label: str = "") -> str:
    """The article's paragraphs; with `inline_label`, a link to the newest related story sits
    among them, styled like a paragraph - the boilerplate extractors most often keep."""
    sep = " " if attrs else ""
    out = [f"<p{sep}{attrs}>{escape(p)}</p>" for p in page.version.paragraphs]
    if inline_label and page.related and len(out) > INLINE_LINK_AFTER + 1:
        title, url = page.related[0]
        link = f'<p{sep}{attrs}><strong>{escape(inline_label)}</strong> <a href="{escape(url)}">{escape(title)}</a></p>'
        out.insert(INLINE_LINK_AFTER + 1, link)
    return "\n".join(out)


def figure(page: PageContext, css: str) -> str:
    photo = page.article.photo
    return f"""<figure class="{css}">
  <img src="{escape(page.photo_url)}" alt="{escape(photo.caption)}" width="1200" height="675" loading="lazy">
  <figcaption>{escape(photo.caption)} <span class="{css}__credit">{escape(photo.credit)}</span></figcaption>
</figure>"""


def link_list(heading: str, links: tuple[tuple[str, str], ...], css: str) -> str:
    items = "\n".join(
        f'    <li><a href="{escape(url)}">{escape(title)}</a></li>' for title, url in links
    )
    return f"""<section class="{css}">
  <h2>{escape(heading)}</h2>
  <ul>
{items}
  </ul>
</section>"""


SHARE_TARGETS = (
    ("Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    ("X", "https://x.com/intent/post?url={url}&text={title}"),
    ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url={url}"),
    ("WhatsApp", "https://wa.me/?text={title}%20{url}"),
)


def share_bar(page: PageContext, css: str, label: str = "Share this article") -> str:
    url, title = quote(page.url, safe=""), quote(page.version.title, safe="")
    links = "\n".join(
        f'  <a class="{css}__link" href="{escape(t.format(url=url, title=title))}">{name}</a>'
        for name, t in SHARE_TARGETS
    )
    return f"""<div class="{css}" aria-label="{escape(label)}">
  <span class="{css}__label">{escape(label)}</span>
{links}
  <button class="{css}__copy" type="button">Copy link</button>
</div>"""


def cookie_notice(text: str, css: str) -> str:
    return f"""<div class="{css}" role="dialog" aria-live="polite">
  <p>{escape(text)}</p>
  <button type="button">Accept all</button> <button type="button">Manage preferences</button>
</div>"""


def newsletter(heading: str, blurb: str, css: str) -> str:
    return f"""<aside class="{css}">
  <h3>{escape(heading)}</h3>
  <p>{escape(blurb)}</p>
  <form action="#" method="post"><input type="email" name="email" placeholder="Your email address"> <button type="submit">Sign up</button></form>
</aside>"""


def nav(page: PageContext, css: str) -> str:
    links = "\n".join(
        f'    <li><a href="{escape(page.home_url)}{quote(s.lower().replace(" ", "-"))}/">{escape(s)}</a></li>'
        for s in page.outlet.sections
    )
    return f"""<nav class="{css}" aria-label="Main">
  <ul>
    <li><a href="{escape(page.home_url)}">Home</a></li>
{links}
  </ul>
</nav>"""


def correction(page: PageContext, css: str) -> str:
    """The editor's note an updated story carries; empty for a story never revised."""
    if page.version.note is None:
        return ""
    return f'<p class="{css}"><em>{escape(page.version.note)}</em></p>'


def document(page: PageContext, head_html: str, body_class: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="{escape(page.outlet.language)}">
{head_html}
<body class="{body_class}">
{body}
</body>
</html>
"""
