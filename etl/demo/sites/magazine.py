"""An Asia-Pacific magazine on a home-grown CMS: kicker, standfirst, pull quote, reading list."""

from __future__ import annotations

from html import escape

from etl.demo.sites import parts
from etl.demo.sites.parts import PageContext


def render(page: PageContext) -> str:
    v, a, o = page.version, page.article, page.outlet
    stamp = page.published_local.strftime("%Y.%m.%d %H:%M JST")
    body = f"""<div class="sr-topbar">
  <span class="sr-topbar__edition">Tokyo · Singapore · Sydney edition</span>
  <a class="sr-topbar__login" href="{escape(page.home_url)}login">Log in</a>
  <a class="sr-topbar__subscribe" href="{escape(page.home_url)}subscribe">Subscribe</a>
</div>
<header class="sr-header">
  <a class="sr-logo" href="{escape(page.home_url)}">{escape(o.name)}</a>
  <p class="sr-tagline">{escape(o.tagline)}</p>
  {parts.nav(page, "sr-nav")}
</header>
<main class="sr-article">
  <p class="sr-kicker">{escape(a.section)}</p>
  <h1 class="sr-headline">{escape(v.title)}</h1>
  <p class="sr-standfirst">{escape(v.dek)}</p>
  <div class="sr-meta">
    <span class="sr-meta__author">{escape(a.byline)}</span>
    <span class="sr-meta__date">{stamp}</span>
    <span class="sr-meta__read">{max(1, sum(len(p.split()) for p in v.paragraphs) // 200)} min read</span>
  </div>
  {parts.figure(page, "sr-hero")}
  <div class="sr-body">
{parts.correction(page, "sr-update")}
{parts.paragraphs(page, 'class="sr-body__p"')}
  </div>
  {parts.share_bar(page, "sr-share", "Share this story")}
  {parts.newsletter("The Strait Briefing", "A weekly letter on power and money across the Indo-Pacific, every Friday.", "sr-newsletter")}
  {parts.link_list("Read next", page.related, "sr-readnext")}
</main>
<footer class="sr-footer">
  <p>{escape(o.name)} is published by Strait Media KK, Chiyoda-ku, Tokyo.</p>
  <p>&copy; 2024 Strait Media. Reproduction without permission prohibited.</p>
</footer>
{parts.cookie_notice("We use cookies to understand how you read us and to keep you signed in. See our privacy notice for details.", "sr-cookies")}"""
    head = parts.head(page, f"{v.title} | {o.name}", "/static/sr.min.css")
    return parts.document(page, head, "sr sr--article", body)
