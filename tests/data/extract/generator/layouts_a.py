"""Site layouts, part A: WordPress, Arc-style, Drupal and a wire service."""

from __future__ import annotations

from common import TRACKING_SCRIPT, body_items, esc, jsonld, long_date, others, slug_url, when, stable_id


def harbourtimes(story, siblings):
    """WordPress with a classic theme, Jetpack sharing/related posts and sidebar widgets."""
    base = "https://www.harbourtimes.example"
    url = slug_url(base, story, dated=True)
    menu = "".join(f'<li class="menu-item"><a href="{base}/{m.lower()}/">{m}</a></li>'
                   for m in ["Local", "Politics", "Business", "Education", "Weather", "Sports", "Opinion", "Obituaries"])
    recent = "".join(f'<li><a href="{slug_url(base, s, True)}">{esc(s.meta["title"])}</a></li>' for s in others(story, siblings, 5))
    head = f"""<!DOCTYPE html>
<html lang="en-US"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(story.meta['title'])} &#8211; Harbour Times</title>
<link rel="canonical" href="{url}"><meta property="og:type" content="{'website' if story.kind == 'front' else 'article'}">
<meta property="og:title" content="{esc(story.meta['title'])}"><meta property="og:site_name" content="Harbour Times">
<meta property="article:published_time" content="{story.meta.get('date', '')}">
<link rel="stylesheet" id="coastline-style-css" href="{base}/wp-content/themes/coastline/style.css?ver=2.1" media="all">
<script src="{base}/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
<style id="wp-emoji-styles-inline-css">img.emoji{{display:inline!important;border:none!important}}</style>
{TRACKING_SCRIPT}</head>
<body class="post-template-default single single-post postid-{stable_id(story.slug) % 9000 + 1000} single-format-standard">
<div id="page" class="site"><a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="{base}/" rel="home">Harbour Times</a></p>
<p class="site-description">News from the harbour and the islands since 1887</p></div>
<nav id="site-navigation" class="main-navigation"><button class="menu-toggle" aria-controls="primary-menu">Menu</button><ul id="primary-menu" class="menu">{menu}</ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">"""
    sidebar = f"""<aside id="secondary" class="widget-area">
<section id="search-2" class="widget widget_search"><form role="search" method="get" class="search-form" action="{base}/"><label><span class="screen-reader-text">Search for:</span><input type="search" class="search-field" placeholder="Search &hellip;" name="s"></label><input type="submit" class="search-submit" value="Search"></form></section>
<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul>{recent}</ul></section>
<section id="text-3" class="widget widget_text"><h2 class="widget-title">Morning Briefing</h2><div class="textwidget"><p>Get the Harbour Times morning briefing in your inbox every weekday. It is free, and you can unsubscribe at any time.</p><p><a href="{base}/newsletter/">Sign up now</a></p></div></section></aside>"""
    foot = f"""</main></div>{sidebar}</div>
<footer id="colophon" class="site-footer"><div class="site-info"><a href="{base}/about/">About us</a> | <a href="{base}/contact/">Contact the newsroom</a> | <a href="{base}/privacy/">Privacy Policy</a><br>&copy; 2024 Harbour Times Publishing Co. All rights reserved. Proudly powered by WordPress.</div></footer></div>
<div id="cookie-notice" role="dialog" class="cookie-revoke-hidden cn-position-bottom"><div class="cookie-notice-container"><span id="cn-notice-text" class="cn-text-container">We use cookies to ensure that we give you the best experience on our website. If you continue to use this site we will assume that you are happy with it.</span><span id="cn-notice-buttons"><a href="#" id="cn-accept-cookie" class="cn-set-cookie cn-button">Ok</a><a href="{base}/privacy/" class="cn-privacy-policy-link cn-link">Privacy policy</a></span></div></div>
<script src="{base}/wp-content/plugins/jetpack/_inc/build/sharedaddy/sharing.min.js?ver=13.1"></script></body></html>"""
    if story.kind == "front":
        cards = "".join(f"""<article class="post type-post status-publish hentry"><header class="entry-header"><h2 class="entry-title"><a href="{slug_url(base, s, True)}" rel="bookmark">{esc(s.meta['title'])}</a></h2><div class="entry-meta"><span class="posted-on">Posted on <time class="entry-date published">{long_date(s)}</time></span></div></header><div class="entry-summary"><p>{esc(s.paragraphs()[0][:160])}&hellip; <a class="more-link" href="{slug_url(base, s, True)}">Continue reading</a></p></div></article>""" for s in others(story, siblings, 8))
        return f"{base}/category/local/", head + f'<header class="page-header"><h1 class="page-title">Category: Local</h1></header>{cards}<nav class="navigation pagination"><div class="nav-links"><span class="page-numbers current">1</span><a class="page-numbers" href="{base}/category/local/page/2/">2</a><a class="next page-numbers" href="{base}/category/local/page/2/">Next</a></div></nav>' + foot
    render = {
        "p": lambda t, x: f"<p>{esc(t)}</p>",
        "h2": lambda t, x: f'<h2 class="wp-block-heading">{esc(t)}</h2>',
        "caption": lambda t, x: f'<figure class="wp-block-image size-large"><img decoding="async" width="1024" height="683" src="{base}/wp-content/uploads/2024/03/photo-1024x683.jpg" alt="" class="wp-image-88121"><figcaption class="wp-element-caption">{esc(t)} ({esc(x)})</figcaption></figure>',
        "quote": lambda t, x: f'<figure class="wp-block-pullquote"><blockquote><p>{esc(t)}</p></blockquote></figure>',
        "readmore": lambda t, x: f'<p><strong>Read more:</strong> <a href="{base}/2024/02/20/more/">{esc(t)}</a></p>',
        "embed": lambda t, x: f'<figure class="wp-block-embed is-type-rich is-provider-twitter wp-block-embed-twitter"><div class="wp-block-embed__wrapper"><blockquote class="twitter-tweet" data-width="550"><p lang="en" dir="ltr">{esc(t)}</p>&mdash; NWS Harbour (@NWSHarbour) <a href="https://twitter.example/NWSHarbour/status/1767">March 11, 2024</a></blockquote></div></figure>',
    }
    related = "".join(f'<div class="jp-relatedposts-post"><h4 class="jp-relatedposts-post-title"><a href="{slug_url(base, s, True)}">{esc(s.meta["title"])}</a></h4><p class="jp-relatedposts-post-date">{long_date(s)}</p><p class="jp-relatedposts-post-context">In &quot;{esc(s.meta.get("section", ""))}&quot;</p></div>' for s in others(story, siblings, 3))
    article = f"""<article id="post-1" class="post type-post status-publish format-standard has-post-thumbnail hentry category-{story.meta.get('section', '').lower()}">
<header class="entry-header"><span class="cat-links"><a href="{base}/category/{story.meta.get('section', '').lower()}/" rel="category tag">{esc(story.meta.get('section', ''))}</a></span>
<h1 class="entry-title">{esc(story.meta['title'])}</h1><div class="entry-meta"><span class="posted-on">Posted on <a href="{url}" rel="bookmark"><time class="entry-date published" datetime="{story.meta['date']}">{long_date(story)}</time></a></span><span class="byline"> by <span class="author vcard"><a class="url fn n" href="{base}/author/x/">{esc(story.meta.get('author', ''))}</a></span></span></div></header>
<div class="entry-content">
{body_items(story, render)}
<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">Share this:</h3><div class="sd-content"><ul><li class="share-facebook"><a rel="nofollow noopener" class="share-facebook sd-button" href="{url}?share=facebook"><span>Facebook</span></a></li><li class="share-x"><a class="share-x sd-button" href="{url}?share=x"><span>X</span></a></li><li class="share-email"><a class="share-email sd-button" href="mailto:?subject=Harbour%20Times"><span>Email</span></a></li></ul></div></div></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3><div class="jp-relatedposts-items">{related}</div></div>
</div><footer class="entry-footer"><span class="cat-links">Posted in <a href="{base}/category/local/">{esc(story.meta.get('section', ''))}</a></span></footer></article>
<nav class="navigation post-navigation" aria-label="Posts"><h2 class="screen-reader-text">Post navigation</h2><div class="nav-links"><div class="nav-previous"><a href="{base}/prev/" rel="prev"><span class="nav-subtitle">Previous:</span> <span class="nav-title">{esc(others(story, siblings, 1)[0].meta['title'])}</span></a></div></div></nav>
<div id="comments" class="comments-area"><div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply <small><a rel="nofollow" id="cancel-comment-reply-link" href="#respond" style="display:none;">Cancel reply</a></small></h3><form action="{base}/wp-comments-post.php" method="post" id="commentform" class="comment-form"><p class="comment-notes"><span id="email-notes">Your email address will not be published.</span> Required fields are marked <span class="required">*</span></p><p class="comment-form-comment"><label for="comment">Comment</label><textarea id="comment" name="comment"></textarea></p><p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"></p></form></div></div>"""
    return url, head + article + foot


def dailymeridian(story, siblings):
    """Arc-style React render: generic c-/b- classes, data-testid attributes, in-body promos."""
    base = "https://www.dailymeridian.example"
    d = when(story)
    url = f"{base}/{story.meta.get('section', 'news').lower()}/{d:%Y/%m/%d}/{story.slug}/"
    nav = "".join(f'<li class="c-nav__item"><a class="c-link" href="{base}/{m.lower()}/">{m}</a></li>' for m in ["World", "National", "Politics", "Business", "Climate", "Opinion", "Video", "Podcasts"])
    more = "".join(f'<li class="c-list__item"><a class="c-link" href="{base}/x/{s.slug}/"><h3 class="c-heading">{esc(s.meta["title"])}</h3></a><span class="c-date">{long_date(s)}</span></li>' for s in others(story, siblings, 4))
    head = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{esc(story.meta['title'])} | The Daily Meridian</title>
<meta name="description" content="{esc(story.paragraphs()[0][:150] if story.paragraphs() else story.meta['title'])}">
<meta property="og:title" content="{esc(story.meta['title'])}"><meta property="og:url" content="{url}"><meta property="og:site_name" content="The Daily Meridian">
<meta property="og:type" content="{'video.other' if story.kind == 'video' else 'article'}"><meta name="author" content="{esc(story.meta.get('author', ''))}">
{jsonld(story, 'The Daily Meridian', url) if story.kind != 'video' else ''}
<link rel="preload" as="font" href="/pf/resources/fonts/meridian-serif.woff2" crossorigin="">
<script id="fusion-metadata" type="application/javascript">window.Fusion=window.Fusion||{{}};Fusion.arcSite="meridian";Fusion.deployment="412";Fusion.globalContent={{"_id":"ABC123","type":"story"}};</script>
{TRACKING_SCRIPT}</head><body><div id="fusion-app" class="layout-section">
<div class="b-header-nav-chain"><header class="c-header"><a class="c-logo" href="{base}/" aria-label="The Daily Meridian home"><svg viewBox="0 0 100 20"><text>The Daily Meridian</text></svg></a><nav class="c-nav" aria-label="Sections"><ul class="c-nav__list">{nav}</ul></nav>
<div class="c-header__actions"><a class="c-button c-button--subscribe" href="{base}/subscribe/">Subscribe for $1</a><a class="c-button" href="{base}/account/login/">Sign in</a></div></header></div>
<div class="b-alert-bar" data-testid="alert-bar"><a href="{base}/live/">Live updates: Storm moves up the coast</a></div>"""
    foot = f"""<div class="b-right-rail" data-testid="right-rail"><div class="b-most-read"><h2 class="c-heading">Most read</h2><ol class="c-list">{more}</ol></div>
<div class="b-ad" data-testid="ad-rail"><span class="b-ad__label">Advertisement</span><div id="arcad_rail1"></div></div></div>
<footer class="b-footer" data-testid="footer"><div class="b-footer__links"><a href="{base}/about/">About the Meridian</a><a href="{base}/careers/">Careers</a><a href="{base}/terms/">Terms of Use</a><a href="{base}/privacy/">Privacy Notice</a><a href="{base}/tips/">Send us a tip</a></div>
<p class="b-footer__copyright">Copyright &copy; 2024 The Daily Meridian Media Group. All rights reserved.</p></footer></div>
<div id="onetrust-consent-sdk"><div id="onetrust-banner-sdk" role="region" aria-label="Cookie banner"><p id="onetrust-policy-text">We and our partners use cookies and similar technologies to personalise content and ads, provide social media features and analyse our traffic. You can manage your choices at any time.</p><button id="onetrust-accept-btn-handler">Accept All Cookies</button><button id="onetrust-pc-btn-handler">Cookie Settings</button></div></div>
<script src="/pf/dist/engine/react.js?d=412"></script></body></html>"""
    if story.kind == "video":
        return url, head + f"""<main class="b-single-column"><div class="b-video-player" data-testid="video-player"><h1 class="c-heading b-video-headline">{esc(story.meta['title'])}</h1><div class="powa" data-uuid="5b1e"><video controls poster="/poster.jpg" src="https://video.dailymeridian.example/rescue.mp4"></video></div>
<p class="b-video-caption">Coast guard crews lifted four sailors from the water after their yacht overturned in high winds. (1:42)</p><div class="b-video-playlist"><h2 class="c-heading">Up next</h2><ul class="c-list">{more}</ul></div></div></main>""" + foot
    promo = f'<div class="b-newsletter-promo" data-testid="newsletter-inline"><h3 class="c-heading">The Morning Meridian</h3><p class="c-paragraph">The five stories you need to start the day, in your inbox before 7 a.m.</p><form><input type="email" placeholder="Email address"><button class="c-button">Sign up</button></form></div>'
    render = {
        "p": lambda t, x: f'<p class="c-paragraph" data-testid="paragraph">{esc(t)}</p>',
        "h2": lambda t, x: f'<h2 class="c-heading b-article-body__heading">{esc(t)}</h2>',
        "caption": lambda t, x: f'<figure class="c-media-item b-article-body__image"><img class="c-image" src="https://images.dailymeridian.example/resizer/v2/ABCD.jpg?w=800" alt="" loading="lazy"><figcaption class="c-media-item__fig-caption"><span class="c-media-item__caption">{esc(t)}</span> <span class="c-media-item__credit">({esc(x)})</span></figcaption></figure>',
        "quote": lambda t, x: f'<blockquote class="b-article-body__pullquote c-pullquote"><p>{esc(t)}</p></blockquote>',
        "readmore": lambda t, x: f'<div class="b-interstitial-link" data-testid="interstitial"><p class="c-paragraph"><b>Read more</b> <a href="{base}/x/more/">{esc(t)}</a></p></div>',
    }
    body = body_items(story, render, inserts={2: promo, 4: '<div class="b-ad b-ad--inline" data-testid="ad-inline"><span class="b-ad__label">Advertisement</span><div id="arcad_inline1"></div></div>'})
    main = f"""<main class="b-article-layout"><article class="b-article" data-testid="article"><div class="b-article-header"><a class="c-overline" href="{base}/{story.meta.get('section', '').lower()}/">{esc(story.meta.get('section', ''))}</a>
<h1 class="c-heading b-headline" data-testid="headline">{esc(story.meta['title'])}</h1><div class="b-byline"><span class="c-byline">By <a href="{base}/authors/x/">{esc(story.meta.get('author', ''))}</a></span> <time class="c-date" datetime="{story.meta['date']}">{long_date(story)} at {when(story):%H:%M} UTC</time></div>
<div class="b-share-bar" data-testid="share-bar"><button aria-label="Share on Facebook">Facebook</button><button aria-label="Share on X">X</button><button aria-label="Copy link">Copy link</button><button aria-label="Gift article">Gift this article</button></div></div>
<div class="b-article-body" data-testid="article-body">{body}</div>
<div class="b-author-bio"><p class="c-paragraph">{esc(story.meta.get('author', ''))} is a correspondent for The Daily Meridian. She previously covered courts and city hall.</p></div>
<div class="b-more-from"><h2 class="c-heading">More from {esc(story.meta.get('section', ''))}</h2><ul class="c-list">{more}</ul></div></article></main>"""
    return url, head + main + foot


def valleygazette(story, siblings):
    """Drupal 9 with Olivero-like markup: fields, views blocks, regions."""
    base = "https://valleygazette.example"
    url = f"{base}/news/{story.slug}"
    d = when(story)
    latest = "".join(f'<div class="views-row"><div class="views-field views-field-title"><span class="field-content"><a href="{base}/news/{s.slug}" hreflang="en">{esc(s.meta["title"])}</a></span></div><div class="views-field views-field-created"><span class="field-content">{d:%m/%d/%Y}</span></div></div>' for s in others(story, siblings, 5))
    render = {
        "p": lambda t, x: f"<p>{esc(t)}</p>",
        "h2": lambda t, x: f"<h3>{esc(t)}</h3>",
        "caption": lambda t, x: f'<div class="align-center media media--type-image media--view-mode-default"><div class="field field--name-field-media-image field--type-image"><img loading="lazy" src="/sites/default/files/styles/large/public/2024-03/photo.jpg" width="900" height="600" alt="{esc(t)}"></div><div class="field field--name-field-caption field--type-string">{esc(t)}</div><div class="field field--name-field-credit field--type-string">{esc(x)}</div></div>',
        "quote": lambda t, x: f'<aside class="pullquote"><p>{esc(t)}</p></aside>',
        "readmore": lambda t, x: f'<p><em>Related: <a href="{base}/news/related">{esc(t)}</a></em></p>',
    }
    if story.meta.get("reuse"):
        render["p"] = lambda t, x: f"<p>{esc(t)}</p>"
    tail = ""
    if story.meta.get("reuse"):
        tail = f'<p class="wire-credit">&copy; 2024 Global Wire Service. This story was distributed by the wire and edited by Valley Gazette staff.</p>'
    html = f"""<!DOCTYPE html>
<html lang="en" dir="ltr" prefix="og: https://ogp.me/ns#"><head><meta charset="utf-8"><meta name="Generator" content="Drupal 10 (https://www.drupal.org)">
<link rel="canonical" href="{url}"><meta property="og:site_name" content="Valley Gazette"><meta property="og:title" content="{esc(story.meta['title'])}">
<meta name="dcterms.date" content="{d:%Y-%m-%d}"><title>{esc(story.meta['title'])} | Valley Gazette</title>
<link rel="stylesheet" media="all" href="/sites/default/files/css/css_aBc.css?delta=0&amp;language=en&amp;theme=gazette">
<script type="application/json" data-drupal-selector="drupal-settings-json">{{"path":{{"baseUrl":"\\/","currentPath":"node\\/4412","currentLanguage":"en"}},"user":{{"uid":0}}}}</script></head>
<body class="path-node page-node-type-article"><a href="#main-content" class="visually-hidden focusable skip-link">Skip to main content</a>
<div class="dialog-off-canvas-main-canvas" data-off-canvas-main-canvas><div id="page-wrapper"><div id="page">
<header id="header" class="site-header" role="banner"><div class="region region-header"><div id="block-gazette-branding" class="block block-system block-system-branding-block"><a href="/" rel="home" class="site-logo"><img src="/themes/custom/gazette/logo.svg" alt="Home"></a><div class="site-name"><a href="/" rel="home">Valley Gazette</a></div><div class="site-slogan">Serving the Cedar River valley since 1902</div></div></div>
<nav role="navigation" id="block-gazette-main-menu" class="block block-menu navigation menu--main"><ul class="menu"><li class="menu-item"><a href="/news">News</a></li><li class="menu-item"><a href="/sports">Sports</a></li><li class="menu-item"><a href="/community">Community</a></li><li class="menu-item"><a href="/obituaries">Obituaries</a></li><li class="menu-item"><a href="/classifieds">Classifieds</a></li><li class="menu-item"><a href="/e-edition">E-Edition</a></li></ul></nav></header>
<div id="main-wrapper" class="layout-main-wrapper clearfix"><div id="main" class="layout-main clearfix"><main id="content" class="column main-content" role="main"><a id="main-content" tabindex="-1"></a>
<div class="region region-content"><div data-drupal-messages-fallback class="hidden"></div>
<div id="block-gazette-content" class="block block-system block-system-main-block"><article role="article" about="/news/{story.slug}" class="node node--type-article node--promoted node--view-mode-full">
<h1 class="page-title"><span class="field field--name-title field--type-string">{esc(story.meta['title'])}</span></h1>
<footer class="node__meta"><div class="node__submitted">By <span class="field field--name-uid field--type-entity-reference"><span>{esc(story.meta.get('author', ''))}</span></span>, <span class="field field--name-created field--type-created"><time datetime="{story.meta['date']}">{d:%B %-d, %Y %-I:%M %p}</time></span></div></footer>
<div class="node__content"><div class="clearfix text-formatted field field--name-body field--type-text-with-summary field--label-hidden field__item">{body_items(story, render)}{tail}</div>
<div class="field field--name-field-tags field--type-entity-reference field--label-above"><div class="field__label">Tags</div><div class="field__items"><div class="field__item"><a href="/taxonomy/term/12">{esc(story.meta.get('section', ''))}</a></div></div></div>
<div class="field field--name-field-subscribe-promo"><p>Support local journalism. Subscribe to the Valley Gazette for $4.99 a month and get unlimited access to our website and the daily e-edition.</p></div></div></article></div></div></main>
<aside class="layout-sidebar-second" role="complementary"><div class="region region-sidebar-second"><div class="views-element-container block block-views block-views-blocklatest-news-block-1" id="block-views-block-latest-news-block-1"><h2>Latest News</h2><div class="view view-latest-news view-id-latest_news view-display-id-block_1"><div class="view-content">{latest}</div></div></div>
<div id="block-weather" class="block block-block-content"><h2>Valley Weather</h2><div class="field field--name-body"><p>Today: Partly sunny, high 54. Tonight: Clear, low 31.</p></div></div></div></aside></div></div>
<footer class="site-footer"><div class="region region-footer"><div id="block-footer-contact" class="block block-block-content"><p>Valley Gazette, 114 Main Street, Millbrook. Phone 555-0142. Newsroom: news@valleygazette.example</p><p>&copy; 2024 Valley Gazette. All rights reserved. Reproduction without permission is prohibited.</p></div></div></footer>
</div></div></div><script src="/sites/default/files/js/js_x1.js?scope=footer&amp;delta=0&amp;language=en&amp;theme=gazette"></script></body></html>"""
    return url, html


def wirenews(story, siblings):
    """Custom wire-service site: dated URLs, 'Reporting by' sign-off, trust principles line."""
    base = "https://www.globalwire.example"
    d = when(story)
    url = f"{base}/{story.meta.get('section', 'world').lower()}/{story.slug}-{d:%Y-%m-%d}/"
    if story.kind != "brief":
        # The dateline is part of the first paragraph, so it is part of the ground truth too.
        location = {"foreign-minister-visit": "ANKARLA", "ceasefire-talks-cairo": "CAIRO", "trade-deal-signed": "VESTHOLM",
                    "embassy-protest": "VIENNA", "aid-convoy-crosses": "DELTA PROVINCE"}.get(story.slug, "LONDON")
        first = next(i for i, item in enumerate(story.items) if item[0] == "p")
        story.items[first] = ("p", f"{location}, {d:%b} {d.day} (Global Wire) - {story.items[first][1]}", "")
    paras = [t for k, t, _ in story.items if k == "p"]
    body = "".join(f'<div class="article-body__paragraph" data-testid="paragraph-{i}">{esc(t)}</div>' for i, t in enumerate(paras))
    more = "".join(f'<li class="story-collection__item"><a class="text__heading" href="{base}/x/{s.slug}/">{esc(s.meta["title"])}</a><time class="story-collection__date">{d:%B %d, %Y}</time></li>' for s in others(story, siblings, 4))
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{esc(story.meta['title'])} | Global Wire</title>
<meta name="description" content="{esc(paras[0][:140])}"><meta property="og:title" content="{esc(story.meta['title'])}"><meta property="og:site_name" content="Global Wire">
<meta name="article:published_time" content="{story.meta['date']}"><meta property="og:url" content="{url}"><meta name="analyticsAttributes.contentChannel" content="{esc(story.meta.get('section', ''))}">
<script>window.__PRELOADED_STATE__={{"article":{{"id":"GW{stable_id(story.slug) % 100000}","channel":"{story.meta.get('section', '')}"}},"user":null}};</script>
</head><body><div id="root"><header class="site-header"><a class="site-header__logo" href="/">Global Wire</a><nav class="site-header__nav"><a href="/world/">World</a><a href="/business/">Business</a><a href="/markets/">Markets</a><a href="/sustainability/">Sustainability</a><a href="/legal/">Legal</a><a href="/breakingviews/">Commentary</a><a href="/technology/">Technology</a></nav><a class="site-header__register" href="/account/register/">Register</a></header>
<main id="main-content" class="article-page"><article class="article"><header class="article-header"><nav class="article-header__tags"><a href="/{story.meta.get('section', '').lower()}/">{esc(story.meta.get('section', ''))}</a></nav>
<h1 data-testid="Heading" class="article-header__title">{esc(story.meta['title'])}</h1>
<div class="article-header__byline"><span class="info-content__author-date">By <a rel="author" href="/authors/x/">{esc(story.meta.get('author', ''))}</a></span><time datetime="{story.meta['date']}">{d:%B %d, %Y %I:%M %p} UTC</time><span class="article-header__updated">Updated {d.hour % 5 + 1} hours ago</span></div>
<div class="article-header__share"><button data-testid="ShareButton">Share</button><button data-testid="SaveButton">Save</button></div></header>
<div class="article-body__content">{body}
<p class="article-body__sign-off" data-testid="SignOffLine">Reporting by {esc(story.meta.get('author', ''))}; Editing by {esc(story.meta.get('editor', ''))}</p></div>
<div class="trust-badge"><p class="text__text">Our Standards: <a href="/trust-principles/">The Global Wire Trust Principles.</a></p></div>
<div class="article-footer__licensing"><a href="/licensing/">Purchase Licensing Rights</a>, opens new tab</div></article>
<aside class="article-page__rail"><section class="story-collection"><h2 class="story-collection__heading">Read Next</h2><ul>{more}</ul></section></aside></main>
<footer class="site-footer"><p class="site-footer__copyright">All quotes delayed a minimum of 15 minutes. &copy; 2024 Global Wire. All rights reserved</p><nav><a href="/about/">About Global Wire</a><a href="/careers/">Careers</a><a href="/contact/">Contact Us</a></nav></footer></div></body></html>"""
    return url, html
