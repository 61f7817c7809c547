"""eastbrookcourier.example: a commercial regional daily owned by a big publishing group.

The article body is one long container that the CMS interleaves with everything it can sell: MPU
and in-read ad slots, a newsletter sign-up box, a "Most Read" widget after the fourth paragraph,
"READ MORE:" and "Also read" links styled as body paragraphs, embedded tweets, a photo gallery
with counters and credits, a "Got a story?" line and an "Enjoy this story?" teaser at the
end. Around it: cookie-wall dialog, breaking-news ticker, breadcrumbs, share buttons with
counts, comments, "More On" tags, a "Top Stories" rail and a long footer.
"""

from __future__ import annotations

import json

from common import esc, hexid, inline, rng_for, slugify

HOST = "www.eastbrookcourier.example"
NAME = "Eastbrook Courier"
LANGUAGE = "en"
CHARSET = "utf-8"
ARCHIVE = [
    "Eastbrook's best fish and chip shops, as chosen by you",
    "Live traffic updates as A614 closed after crash near Holme Cross",
    "Popular pub to reopen under new owners after year-long closure",
    "Eastbrook Town boss reacts to late equaliser at Millbridge",
    "Full list of roadworks in Eastbrook this week",
    "Mum's heartfelt thanks to strangers who helped after daughter fell ill on bus",
    "Inside the derelict cinema that could become 40 flats",
]
AUTHORS = {
    "Jodie Marsh-Kelly": "Senior reporter",
    "Callum Pryce": "Local democracy reporter",
    "Ben Haworth": "Sports writer",
    "Amira Hassan": "Trainee reporter",
}
NAV = ["News", "Eastbrook Town FC", "Sport", "What's On", "Property", "Jobs", "Family Notices", "Weather", "Traffic", "Court", "Cost of Living"]


def url_for_slug(slug: str) -> str:
    n = sum(map(ord, slug)) * 7919 % 9_000_000 + 29_000_000
    return f"https://{HOST}/news/local-news/{slug}-{n}"


def url(story) -> str:
    return url_for_slug(story.slug)


def _img(r, alt, w=615):
    name = hexid(r, 9)
    return f'<img src="https://i.eastbrookcourier.example/incoming/article{r.randrange(10**7, 10**8)}.ece/ALTERNATES/s{w}/0_{name}.jpg" alt="{esc(alt)}" loading="lazy" width="{w}">'


def _ad(kind, n):
    return (f'<div class="ad-placeholder {kind}" data-ad-slot="{kind}-{n}"><span class="ad-label">Advertisement</span>'
            f'<div id="div-gpt-ad-{kind}-{n}" class="dfp-ad"></div></div>')


def _most_read(site, story, r):
    items = "".join(f'<li class="most-read-item"><span class="rank">{i + 1}</span><a href="{url_for_slug(s)}">{esc(t)}</a></li>'
                    for i, (t, s) in enumerate(site.others(story, r, 5)))
    return f'<aside class="most-read-inline" data-widget="most-read"><h2 class="widget-title">Most Read</h2><ol>{items}</ol></aside>'


NEWSLETTER = ('<div class="newsletter-signup-inline" data-widget="newsletter"><h3>Sign up for the Courier Daily newsletter</h3>'
              '<p>Get the biggest stories from across Eastbrook delivered to your inbox every morning.</p>'
              '<form class="nl-form" action="/newsletter/subscribe" method="post"><input type="email" name="email" placeholder="Enter your email">'
              '<button type="submit">Subscribe</button></form><p class="nl-legal">We use your sign-up to provide content in ways you\'ve consented to '
              'and to improve our understanding of you. This may include adverts from us and 3rd parties based on our understanding. '
              'You can unsubscribe at any time. <a href="/privacy-notice">More info</a></p></div>')


def _body(story, site, r):
    out, n = [], 0
    also = site.others(story, rng_for(HOST, story.slug, "also"), 2)
    for b in story.blocks:
        if b.kind == "p":
            out.append(f"<p>{inline(b.text)}</p>")
            n += 1
            if n == 2:
                out.append(_ad("mpu", 1))
            elif n == 4:
                out.append(_most_read(site, story, r))
            elif n == 6:
                out.append(NEWSLETTER)
            elif n == 7:
                t, s = also[0]
                out.append(f'<p class="also-read"><strong>Also read:</strong> <a href="{url_for_slug(s)}">{esc(t)}</a></p>')
            elif n == 9:
                out.append(_ad("inread", 2))
        elif b.kind == "h":
            out.append(f"<h2>{esc(b.text)}</h2>")
        elif b.kind == "ul":
            out.append("<ul>" + "".join(f"<li>{inline(i)}</li>" for i in b.items) + "</ul>")
        elif b.kind == "quote":
            out.append(f'<blockquote class="pull-quote"><p>{esc(b.text)}</p></blockquote>')
        elif b.kind == "rel":
            target = next((s for s in site.stories if s["title"] == b.text), None)
            href = url_for_slug(target.slug if target else slugify(b.text))
            out.append(f'<p><strong>READ MORE:</strong> <a href="{href}">{esc(b.text)}</a></p>')
        elif b.kind == "img":
            cap, credit = b.items
            out.append(f'<figure class="in-article-image">{_img(r, cap)}<figcaption><span class="caption">{esc(cap)}</span> '
                       f'<span class="credit">(Image: {esc(credit)})</span></figcaption></figure>')
        elif b.kind == "gallery":
            n_img = len(b.items)
            slides = "".join(f'<figure class="gallery-slide"><span class="counter">{i + 1} / {n_img}</span>{_img(r, c[0])}'
                             f'<figcaption><span class="caption">{esc(c[0])}</span> <span class="credit">(Image: {esc(c[1])})</span></figcaption></figure>'
                             for i, c in enumerate(b.items))
            out.append(f'<div class="inline-gallery" data-widget="gallery"><div class="gallery-header"><span class="icon-camera"></span>'
                       f'<span>View gallery</span> <span class="gallery-count">{n_img} photos</span></div>{slides}</div>')
        elif b.kind == "tweet":
            name, handle, text, date = b.items
            out.append(f'<div class="embed-twitter"><blockquote class="twitter-tweet" data-lang="en"><p lang="en" dir="ltr">{esc(text)}</p>'
                       f'&mdash; {esc(name)} ({esc(handle)}) <a href="https://twitter.com/{handle[1:]}/status/17{r.randrange(10**16, 10**17)}?ref_src=twsrc%5Etfw">{esc(date)}</a></blockquote></div>')
    t, s = also[1]
    out.append(f'<p class="also-read"><strong>Also read:</strong> <a href="{url_for_slug(s)}">{esc(t)}</a></p>')
    out.append('<p class="story-tip"><em>Got a story? Email <a href="mailto:newsdesk@eastbrookcourier.example">newsdesk@eastbrookcourier.example</a> '
               'or message us on <a href="https://www.facebook.com/EastbrookCourier">Facebook</a>.</em></p>')
    return "\n".join(out)


def render(story, site) -> str:
    r = rng_for(HOST, story.slug)
    page_url = url(story)
    author = story["author"]
    when = story.when
    cap, credit = story["image"].split(" | ")
    tags = [x.strip() for x in story.get("tags", story["section"]).split(",")]
    ld = {"@context": "http://schema.org", "@type": "NewsArticle", "headline": story["title"], "description": story["dek"],
          "datePublished": story.iso, "dateModified": story.iso, "url": page_url, "articleSection": story["section"],
          "author": {"@type": "Person", "name": author, "jobTitle": AUTHORS[author]},
          "publisher": {"@type": "Organization", "name": NAME, "logo": {"@type": "ImageObject", "url": f"https://{HOST}/static/logo.png"}},
          "isAccessibleForFree": "True", "keywords": tags}
    ticker = " &bull; ".join(esc(t) for t, _ in site.others(story, rng_for(HOST, story.slug, "ticker"), 3))
    top = "".join(f'<li class="teaser"><a href="{url_for_slug(s)}">{_img(r, t, 300)}<span class="headline">{esc(t)}</span></a>'
                  f'<span class="comment-count">{r.randint(0, 90)}</span></li>' for t, s in site.others(story, rng_for(HOST, story.slug, "top"), 6))
    comments = r.randint(0, 240)
    return f"""<!DOCTYPE html>
<html lang="en-GB" class="no-js">
<head>
<meta charset="utf-8">
<title>{esc(story["title"])} - Eastbrook Courier</title>
<meta name="description" content="{esc(story["dek"])}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="canonical" href="{page_url}">
<link rel="amphtml" href="{page_url}.amp">
<meta property="og:title" content="{esc(story["title"])}">
<meta property="og:description" content="{esc(story["dek"])}">
<meta property="og:url" content="{page_url}">
<meta property="og:site_name" content="{NAME}">
<meta property="article:published_time" content="{story.iso}">
<meta property="article:section" content="{esc(story["section"])}">
<meta name="news_keywords" content="{esc(", ".join(tags))}">
<script type="application/ld+json">{json.dumps(ld)}</script>
<script>window.dataLayer=window.dataLayer||[];dataLayer.push({{"pageType":"article","section":"{slugify(story["section"])}","author":"{esc(author)}","wordCount":{sum(len(p.split()) for p in story.paragraphs())}}});</script>
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
<link rel="stylesheet" href="/static/css/article.{hexid(r, 8)}.css">
</head>
<body class="article-page section-news">
<div id="cmp-dialog" class="cmp-overlay" role="dialog" aria-modal="true">
 <div class="cmp-box"><h2>We value your privacy</h2>
 <p>We, and our 842 partners, store and/or access information on a device, such as unique IDs in cookies, to process personal data. You may accept or manage your choices by clicking below, including your right to object where legitimate interest is used, or at any time in the privacy policy page.</p>
 <p>We and our partners process data to provide: Use precise geolocation data. Actively scan device characteristics for identification. Store and/or access information on a device. Personalised advertising and content, advertising and content measurement, audience research and services development.</p>
 <div class="cmp-buttons"><button class="cmp-more">MORE OPTIONS</button><button class="cmp-accept">I ACCEPT</button></div></div>
</div>
<header class="site-header">
 <div class="top-bar"><a class="logo" href="/"><img src="/static/img/courier-logo.svg" alt="Eastbrook Courier"></a>
 <a class="subscribe-link" href="/newsletters">Newsletters</a><a class="search-link" href="/search">Search</a><a href="/login">Sign in</a></div>
 <nav class="primary-nav"><ul>{"".join(f'<li><a href="/{slugify(x)}">{esc(x)}</a></li>' for x in NAV)}</ul></nav>
 <div class="breaking-ticker"><span class="label">Latest</span> {ticker}</div>
</header>
{_ad("leaderboard", 0)}
<main class="article-main">
<nav class="breadcrumbs"><a href="/">Home</a> &gt; <a href="/news">News</a> &gt; <a href="/news/local-news">Local News</a></nav>
<article class="article" itemscope itemtype="http://schema.org/NewsArticle">
<header class="article-header">
<h1 class="headline" itemprop="headline">{esc(story["title"])}</h1>
<p class="sub-title" itemprop="description">{esc(story["dek"])}</p>
<div class="article-information">
 <div class="author-info"><img class="author-pic" src="/static/authors/{slugify(author)}.jpg" alt=""><span class="author"><a href="/authors/{slugify(author)}/" rel="author">{esc(author)}</a></span> <span class="author-job">{esc(AUTHORS[author])}</span></div>
 <div class="time-info"><span class="time-container"><time datetime="{story.iso}">{when:%H:%M}, {when.day} {when:%b %Y}</time></span><span class="updated">Updated<time>{(when.hour + 1) % 24:02d}:{when:%M}, {when.day} {when:%b %Y}</time></span></div>
</div>
<div class="social-share"><span class="share-count"><strong>{r.randint(3, 900)}</strong> Shares</span><a class="facebook" href="#">Share</a><a class="twitter" href="#">Tweet</a><a class="whatsapp" href="#">WhatsApp</a><a class="email" href="#">Email</a><a class="comments-link" href="#comments">{comments} Comments</a></div>
</header>
<figure class="lead-image">{_img(r, cap, 1200)}<figcaption><span class="caption">{esc(cap)}</span> <span class="credit">(Image: {esc(credit)})</span></figcaption></figure>
<div class="article-body" itemprop="articleBody">
{_body(story, site, r)}
</div>
<div class="enjoy-this"><h3>Enjoyed this story?</h3><p>Don't miss a thing - follow us on Facebook, Instagram and X, and sign up to our free <a href="/newsletters">newsletters</a>.</p></div>
<div class="topics"><h3>More On</h3><ul>{"".join(f'<li><a href="/all-about/{slugify(t)}">{esc(t)}</a></li>' for t in tags)}</ul></div>
<section id="comments" class="comments"><h2>Comments</h2><p class="comment-count">{comments} comments</p><p>Join the conversation. <a href="/login">Log in</a> or <a href="/register">register</a> to comment. Our community rules apply.</p><div id="vf-conversations"></div></section>
</article>
<aside class="sidebar">
{_ad("mpu", 3)}
<section class="top-stories"><h2>Top Stories</h2><ul>{top}</ul></section>
{_ad("mpu", 4)}
</aside>
</main>
<footer class="site-footer">
<div class="footer-links">
<ul><li><a href="/about-us">About us</a></li><li><a href="/contact-us">Contact us</a></li><li><a href="/advertising">Advertise with us</a></li><li><a href="/newsletters">Newsletters</a></li><li><a href="/how-to-complain">How to complain</a></li><li><a href="/corrections-clarifications">Corrections &amp; clarifications</a></li></ul>
<ul><li><a href="/privacy-notice">Privacy notice</a></li><li><a href="/cookie-notice">Cookie notice</a></li><li><a href="/terms-conditions">Terms &amp; conditions</a></li><li><a href="/rss">RSS feeds</a></li><li><a href="/sitemap">Site map</a></li><li><a href="#" class="cmp-reopen">Privacy settings</a></li></ul>
<ul><li><a href="/family-notices">Family notices</a></li><li><a href="/jobs">Jobs</a></li><li><a href="/property">Property</a></li><li><a href="/whats-on">What's On</a></li><li><a href="/weather">Weather</a></li></ul>
</div>
<p class="copyright">&copy; 2024 Eastbrook Courier, part of Northern Counties Media Ltd. Registered in England No. 01234567. This website is regulated by IPSO.</p>
</footer>
<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>
</body>
</html>
"""
