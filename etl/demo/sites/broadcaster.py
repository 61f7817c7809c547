"""A public broadcaster's news site: component blocks, live-update labels, topic chips."""

from __future__ import annotations

from html import escape

from etl.demo.sites import parts
from etl.demo.sites.parts import PageContext


def _text_blocks(page: PageContext) -> str:
    return "\n".join(
        f'<div data-component="text-block"><p>{escape(p)}</p></div>' for p in page.version.paragraphs
    )


def render(page: PageContext) -> str:
    v, a, o = page.version, page.article, page.outlet
    published = page.published_local.strftime("%-d %B %Y")
    updated = ""
    if v.note is not None:
        updated = f'<span class="ssrcss-updated">Updated {page.modified_local:%-d %B %Y, %H:%M} GMT</span>'
    chips = "".join(
        f'<li><a href="{escape(page.home_url)}topics/{escape(t.lower().replace(" ", "-"))}">{escape(t)}</a></li>'
        for t in a.tags
    )
    body = f"""<div class="orb-banner"><a href="{escape(page.home_url)}">{escape(o.name)}</a> <a href="{escape(page.home_url)}account">Sign in</a> <a href="{escape(page.home_url)}radio">Radio</a> <a href="{escape(page.home_url)}tv">TV</a></div>
<header class="ssrcss-header">
  <a class="ssrcss-brand" href="{escape(page.home_url)}">{escape(o.name)}</a>
  {parts.nav(page, "ssrcss-nav")}
</header>
<div id="main-wrapper">
<main id="main-content" role="main">
<article>
  <header data-component="headline-block"><h1 id="main-heading">{escape(v.title)}</h1></header>
  <div data-component="byline-block">
    <time datetime="{parts.iso(page.published_local)}">{published}</time> {updated}
    <div class="ssrcss-contributor">{escape(a.byline)}</div>
  </div>
  <div data-component="image-block">{parts.figure(page, "ssrcss-figure")}</div>
  {parts.correction(page, "ssrcss-correction")}
{_text_blocks(page)}
  <div data-component="topic-list"><h2>Related Topics</h2><ul>{chips}</ul></div>
  {parts.share_bar(page, "ssrcss-share", "Share page")}
</article>
</main>
<aside class="ssrcss-secondary">
  {parts.link_list("More on this story", page.related, "ssrcss-related")}
  {parts.newsletter("Asia-Pacific Weekly", "The stories shaping our region, explained by our correspondents. Delivered every Sunday.", "ssrcss-newsletter")}
</aside>
</div>
<footer class="orb-footer">
  <ul><li><a href="{escape(page.home_url)}terms">Terms of Use</a></li><li><a href="{escape(page.home_url)}about">About PPB</a></li><li><a href="{escape(page.home_url)}privacy">Privacy Policy</a></li><li><a href="{escape(page.home_url)}accessibility">Accessibility Help</a></li></ul>
  <p>Copyright 2024 {escape(o.name)}. {escape(o.name)} is not responsible for the content of external sites.</p>
</footer>
{parts.cookie_notice("Let us know you agree to cookies. We use cookies to give you the best online experience; some are set by other services we use.", "orb-cookie-banner")}"""
    head = parts.head(page, f"{v.title} - {o.name}", "/static/css/news.css")
    return parts.document(page, head, "ppb-news", body)
