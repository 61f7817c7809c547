"""www.pressline.example: an international wire service's website, stories and live blogs.

Stories: dateline in the first paragraph, a newsletter promo inside the body ("... Sign up
here."), "Reporting by ...; Editing by ..." sign-off, "Our Standards" line, "Purchase Licensing
Rights" link, related-topic chips. Live blogs: "LIVE" badge, a "Key events" list repeating the
entry headlines as jump links, entries newest first, each with timestamp, author, headline,
text, optional embedded post and a "Share" button, then "Load more updates".
"""

from __future__ import annotations

import json

from common import esc, hexid, inline, rng_for, slugify

HOST = "www.pressline.example"
NAME = "Pressline"
LANGUAGE = "en"
CHARSET = "utf-8"
ARCHIVE = [
    "Oil edges up as traders weigh OPEC+ output signals",
    "Dollar firm ahead of U.S. inflation data",
    "EU lawmakers back tighter rules on packaging waste",
    "Japan's exports rise for third straight month",
    "Factbox: What is in the new EU migration pact?",
]


def url_for_slug(slug: str) -> str:
    return f"https://{HOST}/world/{slug}-2024-03-12/"


def url(story) -> str:
    return f"https://{HOST}/world/{story.get('region', 'europe')}/{story.slug}-{story.when:%Y-%m-%d}/"


def _article_body(story, site, r):
    out = []
    for i, b in enumerate(story.blocks):
        if b.kind == "p":
            out.append(f'<p class="text__paragraph" data-testid="paragraph-{i}">{inline(b.text)}</p>')
            if i == 2:
                out.append('<div class="article-body__newsletter" data-testid="promo-box"><p>Sign up for the Morning Bid newsletter: '
                           'the day ahead in global markets, in your inbox every weekday. <a href="/newsletters/morning-bid/">Sign up here.</a></p></div>')
        elif b.kind == "h":
            out.append(f'<h2 class="text__heading" data-testid="Heading">{esc(b.text)}</h2>')
        elif b.kind == "ul":
            out.append('<ul class="text__list">' + "".join(f"<li>{inline(x)}</li>" for x in b.items) + "</ul>")
        elif b.kind == "rel":
            out.append(f'<p class="text__paragraph related-coverage">Related coverage: <a href="{url_for_slug(slugify(b.text))}">{esc(b.text)}</a></p>')
        elif b.kind == "img":
            out.append(f'<figure class="article-body__figure"><img src="https://img.pressline.example/{hexid(r, 24)}.jpg" alt="{esc(b.items[0])}">'
                       f'<figcaption>{esc(b.items[0])} {esc(b.items[1])} <a href="/licensing/">Purchase Licensing Rights</a></figcaption></figure>')
    out.append(f'<p class="sign-off" data-testid="SignOffLine">{esc(story["signoff"])}</p>')
    return "\n".join(out)


def _live_body(story, site, r):
    entries, cur = [], None
    for b in story.blocks:
        if b.kind == "entry":
            cur = {"time": b.items[0], "head": b.items[1], "author": b.items[2] if len(b.items) > 2 else story["author"], "blocks": []}
            entries.append(cur)
        else:
            cur["blocks"].append(b)
    key = "".join(f'<li><a href="#entry-{slugify(e["head"])}">{esc(e["head"])}</a></li>' for e in entries[:5])
    html = [f'<section class="live-key-events" data-testid="KeyEvents"><h2>Key events</h2><ul>{key}</ul></section>',
            '<div class="live-blog__entries" data-testid="LiveBlogEntries">']
    for e in entries:
        parts = []
        for b in e["blocks"]:
            if b.kind == "p":
                parts.append(f'<p class="text__paragraph">{inline(b.text)}</p>')
            elif b.kind == "tweet":
                parts.append(f'<div class="embed"><blockquote class="twitter-tweet"><p lang="en" dir="ltr">{esc(b.items[2])}</p>&mdash; {esc(b.items[0])} ({esc(b.items[1])}) '
                             f'<a href="https://twitter.com/{b.items[1][1:]}/status/17{r.randrange(10**16, 10**17)}">{esc(b.items[3])}</a></blockquote></div>')
            elif b.kind == "img":
                parts.append(f'<figure><img src="https://img.pressline.example/{hexid(r, 24)}.jpg" alt="{esc(b.items[0])}"><figcaption>{esc(b.items[0])} {esc(b.items[1])}</figcaption></figure>')
            elif b.kind == "ul":
                parts.append("<ul>" + "".join(f"<li>{inline(x)}</li>" for x in b.items) + "</ul>")
        html.append(f'<article class="live-blog-entry" id="entry-{slugify(e["head"])}"><header><time class="live-blog-entry__time">{e["time"]} GMT</time>'
                    f'<span class="live-blog-entry__updated">Updated {r.randint(2, 50)} min ago</span></header>'
                    f'<h2 class="live-blog-entry__title">{esc(e["head"])}</h2>' + "".join(parts) +
                    f'<footer><span class="live-blog-entry__author">{esc(e["author"])}</span><button class="share-button" aria-label="Share this post">Share</button>'
                    f'<button class="copy-link">Copy link</button></footer></article>')
    html.append('</div><button class="live-blog__load-more">Load more updates</button>')
    return "\n".join(html)


def render(story, site) -> str:
    r = rng_for(HOST, story.slug)
    page_url = url(story)
    w = story.when
    live = story["kind"] == "live"
    ld = {"@context": "https://schema.org", "@type": "LiveBlogPosting" if live else "NewsArticle", "headline": story["title"],
          "datePublished": story.iso, "dateModified": story.iso, "url": page_url, "author": [{"@type": "Person", "name": a.strip()} for a in story["author"].split(" and ")],
          "publisher": {"@type": "NewsMediaOrganization", "name": NAME}}
    if live:
        ld["coverageStartTime"] = story.iso
    body = _live_body(story, site, r) if live else _article_body(story, site, r)
    cap, credit = story["image"].split(" | ")
    topics = "".join(f'<li><a href="/topics/{slugify(t)}/">{esc(t.strip())}</a></li>' for t in story.get("tags", "World").split(","))
    more = "".join(f'<li><a href="{url_for_slug(s)}"><span class="story-card__title">{esc(t)}</span><time>{r.randint(1, 59)} min ago</time></a></li>' for t, s in site.others(story, r, 4))
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{esc(story["title"])} | Pressline</title>
<meta name="description" content="{esc(story.get("dek", story["title"]))}"><link rel="canonical" href="{page_url}"><meta property="og:title" content="{esc(story["title"])}"><meta property="og:site_name" content="Pressline"><meta property="og:type" content="article"><meta name="article:published_time" content="{story.iso}">
<script type="application/ld+json">{json.dumps(ld)}</script><link rel="stylesheet" href="/pf/resources/css/app.{hexid(r, 8)}.css"><script defer src="/pf/dist/engine/react.js?d=612"></script></head>
<body><div id="fusion-app" class="fusion-app">
<div class="site-header" data-testid="SiteHeader"><a href="/" class="site-header__logo" aria-label="Pressline homepage"><svg viewBox="0 0 120 30"><title>Pressline</title></svg></a>
<nav class="site-header__nav"><ul><li><a href="/world/">World</a></li><li><a href="/business/">Business</a></li><li><a href="/markets/">Markets</a></li><li><a href="/sustainability/">Sustainability</a></li><li><a href="/legal/">Legal</a></li><li><a href="/breakingviews/">Breakingviews</a></li><li><a href="/technology/">Technology</a></li><li><a href="/investigations/">Investigations</a></li><li><a href="/sports/">Sports</a></li></ul></nav>
<div class="site-header__actions"><a href="/account/register/">Register</a><a href="/account/sign-in/">Sign In</a></div></div>
<main id="main-content" class="article-page">
<div class="article__header" data-testid="ArticleHeader">
<nav class="breadcrumbs"><a href="/world/">World</a> <span>/</span> <a href="/world/{story.get("region", "europe")}/">{esc(story.get("region", "europe").title())}</a></nav>
{"<span class='live-badge' data-testid='LiveBadge'>LIVE</span>" if live else ""}
<h1 data-testid="Heading" class="article-header__title">{esc(story["title"])}</h1>
<div class="article-header__byline" data-testid="AuthorByLine">By {" and ".join(f'<a href="/authors/{slugify(a)}/">{esc(a.strip())}</a>' for a in story["author"].split(" and "))}</div>
<div class="article-header__dateline"><time datetime="{story.iso}"><span>{w:%B} {w.day}, {w.year}</span><span>{w:%I:%M %p} GMT</span></time><span class="updated">Updated {r.randint(1, 9)} hours ago</span></div>
<div class="article-header__share"><button aria-label="Share">Share</button><button aria-label="Save">Save</button></div>
</div>
<figure class="article__lead-image"><img src="https://img.pressline.example/{hexid(r, 24)}.jpg" alt="{esc(cap)}"><figcaption><span class="caption">{esc(cap)} {esc(credit)}</span> <a href="/licensing/">Purchase Licensing Rights</a>, opens new tab</figcaption></figure>
<div class="article-body__content" data-testid="ArticleBody">
{body}
</div>
<p class="trust-line"><a href="/about/trust-principles/">Our Standards: The Pressline Trust Principles.</a></p>
<div class="article__topics"><h3>Related topics</h3><ul>{topics}</ul></div>
<div class="article__licensing"><a href="/licensing/?article={hexid(r, 12)}">Purchase Licensing Rights</a>, opens new tab</div>
<section class="more-news"><h2>More from Pressline</h2><ul>{more}</ul></section>
</main>
<footer class="site-footer"><div class="site-footer__cols"><ul><li><a href="/about/">About Pressline</a></li><li><a href="/careers/">Careers</a></li><li><a href="/pressroom/">Pressroom</a></li><li><a href="/tips/">Send us a tip</a></li></ul><ul><li><a href="/terms/">Terms of Use</a></li><li><a href="/privacy/">Privacy</a></li><li><a href="/accessibility/">Accessibility</a></li><li><a href="/cookies/">Cookies</a></li><li><a href="/ads-choices/">Do Not Sell or Share My Personal Information</a></li></ul></div>
<p>All quotes delayed a minimum of 15 minutes. See here for a complete list of exchanges and delays.</p><p>&copy; 2024 Pressline. All rights reserved</p></footer>
<div id="cookie-banner" class="cookie-banner"><p>We use cookies to provide the best experience on our website. By clicking "Accept All", you agree to the storing of cookies on your device.</p><button>Accept All</button><button>Manage Preferences</button></div>
</div></body></html>
"""
