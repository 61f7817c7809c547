"""A regional daily on a WordPress theme: site header, entry content, sidebar widgets."""

from __future__ import annotations

from html import escape

from etl.demo.sites import parts
from etl.demo.sites.parts import PageContext


def render(page: PageContext) -> str:
    v, a, o = page.version, page.article, page.outlet
    posted = page.published_local.strftime("%B %-d, %Y at %-I:%M %p").replace("AM", "am").replace("PM", "pm")
    tag_links = ", ".join(
        f'<a href="{escape(page.home_url)}tag/{escape(t.lower().replace(" ", "-"))}/" rel="tag">{escape(t)}</a>'
        for t in a.tags
    )
    body = f"""<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header">
  <div class="site-branding">
    <p class="site-title"><a href="{escape(page.home_url)}" rel="home">{escape(o.name)}</a></p>
    <p class="site-description">{escape(o.tagline)}</p>
  </div>
  {parts.nav(page, "main-navigation")}
</header>
<div id="content" class="site-content">
<main id="primary" class="site-main">
<article class="post type-post status-publish format-standard has-post-thumbnail category-{escape(a.section.lower())}">
  <header class="entry-header">
    <span class="cat-links"><a href="{escape(page.home_url)}category/{escape(a.section.lower())}/">{escape(a.section)}</a></span>
    <h1 class="entry-title">{escape(v.title)}</h1>
    <div class="entry-meta">
      <span class="posted-on">Posted on <time class="entry-date published" datetime="{parts.iso(page.published_local)}">{posted}</time></span>
      <span class="byline"> by <span class="author vcard">{escape(a.byline)}</span></span>
    </div>
  </header>
  {parts.figure(page, "wp-block-image")}
  <div class="entry-content">
{parts.correction(page, "has-small-font-size")}
{parts.paragraphs(page, inline_label="RELATED:")}
  </div>
  <footer class="entry-footer">
    <span class="tags-links">Tagged {tag_links}</span>
    {parts.share_bar(page, "sharedaddy", "Share this:")}
  </footer>
</article>
<div class="comments-area"><p class="no-comments">Comments are closed.</p></div>
</main>
<aside id="secondary" class="widget-area">
  <section class="widget widget_search"><form role="search" action="{escape(page.home_url)}"><input type="search" name="s" placeholder="Search &hellip;"></form></section>
  {parts.link_list("Recent Posts", page.related, "widget widget_recent_entries")}
  {parts.newsletter("Get the Courier in your inbox", "Our editors pick the day's top local and world stories every morning at 6am.", "widget widget_newsletter")}
</aside>
</div>
<footer id="colophon" class="site-footer">
  <div class="site-info">&copy; 2024 {escape(o.name)}. All rights reserved. Proudly powered by WordPress.</div>
</footer>
</div>
{parts.cookie_notice("We use cookies to personalise content and to analyse our traffic. By continuing to browse you agree to our use of cookies.", "cookie-notice-container")}"""
    head = parts.head(page, f"{v.title} – {o.name}", "/wp-content/themes/courier/style.css")
    return parts.document(page, head, "post-template-default single single-post", body)
