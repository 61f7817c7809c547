"""A wire agency on Drupal: off-canvas wrapper, regions, field-wrapped body, dateline."""

from __future__ import annotations

from html import escape

from etl.demo.sites import parts
from etl.demo.sites.parts import PageContext


def render(page: PageContext) -> str:
    v, a, o = page.version, page.article, page.outlet
    stamp = page.published_local.strftime("%-d %B %Y - %H:%M UTC")
    terms = "\n".join(
        f'      <div class="field__item"><a href="{escape(page.home_url)}taxonomy/term/{escape(t.lower().replace(" ", "-"))}" hreflang="en">{escape(t)}</a></div>'
        for t in a.tags
    )
    body = f"""<a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>
<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas>
<div class="layout-container">
<header role="banner" class="region region-header">
  <div id="block-sitebranding" class="block block-system block-system-branding-block">
    <a href="{escape(page.home_url)}" rel="home" class="site-logo">{escape(o.name)}</a>
    <div class="site-slogan">{escape(o.tagline)}</div>
  </div>
  <div class="block block-user-login"><a href="{escape(page.home_url)}user/login">Client login</a></div>
</header>
<div class="region region-primary-menu">{parts.nav(page, "menu menu--main")}</div>
<main role="main">
<a id="main-content" tabindex="-1"></a>
<div class="region region-content">
<article role="article" class="node node--type-wire-story node--view-mode-full">
  <h1 class="page-title"><span class="field field--name-title">{escape(v.title)}</span></h1>
  <div class="node__meta">
    <span class="field field--name-field-byline">{escape(a.byline)}</span>
    <span class="field field--name-created">{stamp}</span>
  </div>
  {parts.figure(page, "field field--name-field-image")}
  <div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">
{parts.correction(page, "editors-note")}
{parts.paragraphs(page)}
  </div>
  <div class="field field--name-field-tags field--label-above">
    <div class="field__label">Topics</div>
    <div class="field__items">
{terms}
    </div>
  </div>
  <div class="field field--name-field-licensing"><p>Licensing: this story is available to subscribers of the agency's general news service. Contact our sales desk to republish.</p></div>
  {parts.share_bar(page, "block-social-share", "Share")}
</article>
</div>
</main>
<aside class="layout-sidebar-second" role="complementary">
  {parts.link_list("Latest from the wire", page.related, "views-element-container block-views-block-latest-wire")}
  {parts.newsletter("Morning Wire", "The agency's overnight digest: ten stories before breakfast, free for registered readers.", "block block-newsletter")}
</aside>
<footer role="contentinfo" class="region region-footer">
  <p>&copy; 2024 {escape(o.name)}. All material is copyright and may not be republished without a licence.</p>
  <ul class="menu"><li><a href="{escape(page.home_url)}about">About the agency</a></li><li><a href="{escape(page.home_url)}corrections">Corrections policy</a></li><li><a href="{escape(page.home_url)}contact">Contact</a></li></ul>
</footer>
</div>
</div>
{parts.cookie_notice("This website uses cookies to ensure you get the best experience. Strictly necessary cookies are always on.", "eu-cookie-compliance-banner")}"""
    head = parts.head(page, f"{v.title} | {o.name}", "/sites/default/files/css/css_main.css")
    return parts.document(page, head, "path-node page-node-type-wire-story", body)
