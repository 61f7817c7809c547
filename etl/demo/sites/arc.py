"""A large national outlet on an Arc-style platform: app shell, data-attributed body blocks."""

from __future__ import annotations

from html import escape

from etl.demo.sites import parts
from etl.demo.sites.parts import PageContext


# How U.S. newsrooms name the zones they write times in; others by their offset.
ZONE_NAMES = {-5: "EST", -4: "EDT", 0: "UTC"}


def _arc_time(page: PageContext) -> str:
    moment = page.published_local
    meridiem = "a.m." if moment.hour < 12 else "p.m."
    hours = page.outlet.page_utc_offset_hours
    zone = ZONE_NAMES.get(hours, f"UTC{hours:+d}")
    return f"{moment:%B} {moment.day}, {moment.year} at {moment.hour % 12 or 12}:{moment:%M} {meridiem} {zone}"


def render(page: PageContext) -> str:
    v, a, o = page.version, page.article, page.outlet
    blocks = parts.paragraphs(page, 'class="b-article-body__paragraph" data-el="text" dir="null"', "Read more:")
    body = f"""<div id="fusion-app" class="layout-section">
<header class="c-masthead">
  <a class="c-masthead__logo" href="{escape(page.home_url)}" aria-label="{escape(o.name)} home">{escape(o.name)}</a>
  <a class="c-masthead__subscribe" href="{escape(page.home_url)}subscribe/">Subscribe: $1 for 4 weeks</a>
  <a class="c-masthead__signin" href="{escape(page.home_url)}account/">Sign in</a>
  {parts.nav(page, "c-nav")}
</header>
<div class="c-alert-bar"><a href="{escape(page.home_url)}live/">LIVE: Leaders gather for APEC and the G20 in South America</a></div>
<main class="c-article-layout">
<article class="c-article" data-testid="article">
  <div class="c-overline"><a href="{escape(page.home_url)}{escape(a.section.lower())}/">{escape(a.section)}</a></div>
  <h1 class="c-heading" data-testid="headline">{escape(v.title)}</h1>
  <h2 class="c-subheadline">{escape(v.dek)}</h2>
  <div class="c-attribution">
    <span class="c-byline">By <a href="{escape(page.home_url)}authors/">{escape(a.byline)}</a></span>
    <time class="c-date" datetime="{parts.iso(page.published_local)}">{_arc_time(page)}</time>
  </div>
  {parts.share_bar(page, "c-share", "Share")}
  {parts.figure(page, "c-media-item")}
  <div class="c-article-body" data-testid="article-body">
{parts.correction(page, "c-correction")}
{blocks}
  </div>
  <div class="c-ad" data-ad-slot="article-mid">Advertisement</div>
  {parts.newsletter("Today's WorldView", "Your guide to the most important world stories of the day, from our correspondents.", "c-newsletter-signup")}
</article>
<aside class="c-right-rail">
  {parts.link_list("RELATED STORIES", page.related, "c-related-stories")}
  <div class="c-ad" data-ad-slot="right-rail">Advertisement</div>
</aside>
</main>
<footer class="c-footer">
  <ul class="c-footer__links"><li><a href="{escape(page.home_url)}about/">About Us</a></li><li><a href="{escape(page.home_url)}policies/">Policies &amp; Standards</a></li><li><a href="{escape(page.home_url)}privacy/">Privacy Policy</a></li><li><a href="{escape(page.home_url)}terms/">Terms of Use</a></li></ul>
  <p>&copy; 1994-2024 {escape(o.name)}</p>
</footer>
</div>
{parts.cookie_notice("We and our partners use cookies and similar technologies to improve your experience, measure audiences and show personalised ads.", "c-consent-banner")}"""
    head = parts.head(page, f"{v.title} - {o.name}", "/pf/resources/dist/styles.css")
    return parts.document(page, head, "c-page c-page--article", body)
