"""fenlandobserver.example: a reader-funded local newsroom on Ghost 5 (a "Source"-like theme).

Boilerplate: Ghost portal scripts, members sign-in bar, kg-bookmark cards linking other stories
inside the body, a callout card asking for membership inside the body, a funding note in
italics at the end of the body, the member sign-up CTA, a "Read more" grid with excerpts, the
comments block and a footer with navigation and "Powered by Ghost".
"""

from __future__ import annotations

import json

from common import esc, hexid, inline, rng_for, slugify

HOST = "fenlandobserver.example"
NAME = "The Fenland Observer"
LANGUAGE = "en"
CHARSET = "utf-8"
ARCHIVE = [
    "Parish council votes to keep the Thursday market on the green",
    "What the new bus timetable means for villages east of the river",
    "A year after the floods, who paid for the clean-up?",
    "Eel pass on the Old Bedford opens after six years of delays",
    "Our reporting in 2023, and what members helped us do",
    "Planning inspector sends solar farm appeal back to the county",
]
AUTHORS = {
    "Harriet Cole": ("harriet", "Harriet covers local government and planning for The Fenland Observer. She previously worked at a regional daily for nine years."),
    "Tom Aldous": ("tom", "Tom reports on farming, water and the environment across the Fens."),
    "Priya Raman": ("priya", "Priya is our health and social care reporter, funded by the Local Democracy Fund."),
}
NAV = [("Home", "/"), ("News", "/tag/news/"), ("Environment", "/tag/environment/"), ("Council", "/tag/council/"),
       ("Health", "/tag/health/"), ("Explainers", "/tag/explainers/"), ("About us", "/about/"), ("Support us", "/membership/")]


def url_for_slug(slug: str) -> str:
    return f"https://{HOST}/{slug}/"


def url(story) -> str:
    return url_for_slug(story.slug)


def _img(r, alt=""):
    name = hexid(r, 10)
    return (f'<img srcset="/content/images/size/w300/2024/03/{name}.jpg 300w, /content/images/size/w720/2024/03/{name}.jpg 720w, '
            f'/content/images/size/w1200/2024/03/{name}.jpg 1200w" sizes="(max-width: 1200px) 100vw, 1200px" '
            f'src="/content/images/size/w1200/2024/03/{name}.jpg" alt="{esc(alt)}" loading="lazy" width="1200" height="800">')


def _body(story, site, r):
    out = []
    paragraphs_seen = 0
    callout_after = 3 if len(story.paragraphs()) > 5 else 99
    for b in story.blocks:
        if b.kind == "p":
            out.append(f"<p>{inline(b.text)}</p>")
            paragraphs_seen += 1
            if paragraphs_seen == callout_after:
                out.append('<div class="kg-card kg-callout-card kg-callout-card-accent"><div class="kg-callout-emoji">📬</div>'
                           '<div class="kg-callout-text">The Fenland Observer is free to read and paid for by our members. '
                           '<a href="#/portal/signup">Join them from £4 a month</a> and get our Saturday round-up in your inbox.</div></div>')
        elif b.kind == "h":
            out.append(f'<h2 id="{slugify(b.text)}">{esc(b.text)}</h2>')
        elif b.kind == "ul":
            out.append("<ul>" + "".join(f"<li>{inline(i)}</li>" for i in b.items) + "</ul>")
        elif b.kind == "quote":
            out.append(f'<blockquote class="kg-blockquote-alt">{esc(b.text)}</blockquote>')
        elif b.kind == "img":
            cap, credit = b.items
            out.append(f'<figure class="kg-card kg-image-card kg-card-hascaption">{_img(r, cap)}'
                       f'<figcaption><span style="white-space: pre-wrap;">{esc(cap)} </span><i><em class="italic" style="white-space: pre-wrap;">{esc(credit)}</em></i></figcaption></figure>')
        elif b.kind == "gallery":
            rows = "".join('<div class="kg-gallery-row">' + "".join(
                f'<div class="kg-gallery-image">{_img(r, c[0])}</div>' for c in b.items[i:i + 2]) + "</div>"
                for i in range(0, len(b.items), 2))
            caps = " ".join(f"{c[0]} ({c[1]})" for c in b.items)
            out.append(f'<figure class="kg-card kg-gallery-card kg-width-wide kg-card-hascaption"><div class="kg-gallery-container">{rows}</div>'
                       f'<figcaption><p><span style="white-space: pre-wrap;">{esc(caps)}</span></p></figcaption></figure>')
        elif b.kind == "rel":
            target = next((s for s in site.stories if s["title"] == b.text), None)
            desc = target["dek"] if target else "From our archive."
            out.append(f'<figure class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" href="{url_for_slug(slugify(b.text) if not target else target.slug)}">'
                       f'<div class="kg-bookmark-content"><div class="kg-bookmark-title">{esc(b.text)}</div>'
                       f'<div class="kg-bookmark-description">{esc(desc)}</div><div class="kg-bookmark-metadata">'
                       f'<img class="kg-bookmark-icon" src="/content/images/size/w256h256/2023/11/icon.png" alt="">'
                       f'<span class="kg-bookmark-author">{NAME}</span><span class="kg-bookmark-publisher">{esc(target["author"] if target else "Newsroom")}</span></div></div>'
                       f'<div class="kg-bookmark-thumbnail"><img src="/content/images/thumbnail/{hexid(r, 8)}.jpg" alt="" onerror="this.style.display = \'none\'"></div></a></figure>')
        elif b.kind == "tweet":
            name, handle, text, date = b.items
            out.append(f'<figure class="kg-card kg-embed-card"><blockquote class="twitter-tweet"><p lang="en" dir="ltr">{esc(text)}</p>'
                       f'&mdash; {esc(name)} ({esc(handle)}) <a href="https://twitter.com/{handle[1:]}/status/17{r.randrange(10**16, 10**17)}?ref_src=twsrc%5Etfw">{esc(date)}</a></blockquote>'
                       '\n<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script></figure>')
    out.append("<hr>")
    out.append(f'<p><em>{esc(story.get("note", "This story is part of our reader-funded local news coverage. If you value it, please consider becoming a member."))}</em></p>')
    return "\n".join(out)


def render(story, site) -> str:
    r = rng_for(HOST, story.slug)
    page_url = url(story)
    handle, bio = AUTHORS[story["author"]]
    words = sum(len(p.split()) for p in story.paragraphs())
    when = story.when
    tag = story["section"]
    ld = {
        "@context": "https://schema.org", "@type": "Article",
        "publisher": {"@type": "Organization", "name": NAME, "url": f"https://{HOST}/",
                      "logo": {"@type": "ImageObject", "url": f"https://{HOST}/content/images/2023/06/logo.png"}},
        "author": {"@type": "Person", "name": story["author"], "url": f"https://{HOST}/author/{handle}/",
                   "sameAs": []},
        "headline": story["title"], "url": page_url, "datePublished": story.iso, "dateModified": story.iso,
        "keywords": tag, "description": story["dek"],
        "mainEntityOfPage": page_url,
    }
    cap, credit = story["image"].split(" | ")
    related = site.others(story, r, 4)
    cards = "\n".join(
        f'<article class="gh-card post"><a class="gh-card-link" href="{url_for_slug(s)}"><figure class="gh-card-image">'
        f'<img src="/content/images/size/w600/2024/0{r.randint(1, 3)}/{hexid(r, 10)}.jpg" alt="{esc(t)}" loading="lazy"></figure>'
        f'<div class="gh-card-wrapper"><p class="gh-card-tag">{esc(r.choice(NAV[1:6])[0])}</p><h3 class="gh-card-title is-title">{esc(t)}</h3>'
        f'<footer class="gh-card-meta"><span class="gh-card-author">By {esc(r.choice(list(AUTHORS)))}</span>'
        f'<time class="gh-card-date" datetime="2024-0{r.randint(1, 3)}-{r.randint(10, 28)}">{r.randint(2, 30)} days ago</time></footer></div></a></article>'
        for t, s in related)
    nav = "".join(f'<li class="nav-{slugify(n) or "home"}"><a href="{h}">{n}</a></li>' for n, h in NAV)
    comments = r.randint(0, 31)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{esc(story["title"])}</title>
    <link rel="stylesheet" type="text/css" href="/assets/built/screen.css?v=8c1d2e03aa">
    <meta name="description" content="{esc(story["dek"])}">
    <link rel="icon" href="/content/images/size/w256h256/2023/11/icon.png" type="image/png">
    <link rel="canonical" href="{page_url}">
    <meta name="referrer" content="no-referrer-when-downgrade">
    <link rel="amphtml" href="{page_url}amp/">
    <meta property="og:site_name" content="{NAME}">
    <meta property="og:type" content="article">
    <meta property="og:title" content="{esc(story["title"])}">
    <meta property="og:description" content="{esc(story["dek"])}">
    <meta property="og:url" content="{page_url}">
    <meta property="article:published_time" content="{when.strftime('%Y-%m-%dT%H:%M:00.000Z')}">
    <meta property="article:tag" content="{esc(tag)}">
    <meta name="twitter:card" content="summary_large_image">
    <meta name="twitter:label1" content="Written by">
    <meta name="twitter:data1" content="{esc(story["author"])}">
    <script type="application/ld+json">
{json.dumps(ld, indent=4, ensure_ascii=False)}
    </script>
    <meta name="generator" content="Ghost 5.82">
    <link rel="alternate" type="application/rss+xml" title="{NAME}" href="https://{HOST}/rss/">
    <script defer src="https://cdn.jsdelivr.net/ghost/portal@~2.37/umd/portal.min.js" data-i18n="true" data-ghost="https://{HOST}/" data-key="4b1f0c2a9e7d53a6b8c1f2e0d9" data-api="https://{HOST}/ghost/api/content/" crossorigin="anonymous"></script><style id="gh-members-styles">.gh-post-upgrade-cta-content,.gh-post-upgrade-cta{{display:flex;flex-direction:column;align-items:center;font-family:-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,sans-serif;text-align:center;width:100%;color:#ffffff;font-size:16px;}}</style>
    <script defer src="https://cdn.jsdelivr.net/ghost/sodo-search@~1.1/umd/sodo-search.min.js" data-key="4b1f0c2a9e7d53a6b8c1f2e0d9" data-styles="https://cdn.jsdelivr.net/ghost/sodo-search@~1.1/umd/main.css" data-sodo-search="https://{HOST}/" crossorigin="anonymous"></script>
    <link href="https://{HOST}/webmentions/receive/" rel="webmention">
    <script defer src="/public/cards.min.js?v=8c1d2e03aa"></script>
    <link rel="stylesheet" type="text/css" href="/public/cards.min.css?v=8c1d2e03aa">
    <script defer src="/public/member-attribution.min.js?v=8c1d2e03aa"></script>
    <style>:root {{--ghost-accent-color: #1f6f5c;}}</style>
</head>
<body class="post-template tag-{slugify(tag)} has-sans-title has-serif-body">
<div class="gh-viewport">
<header id="gh-navigation" class="gh-navigation is-left-logo has-accent-color gh-outer">
    <div class="gh-navigation-inner gh-inner">
        <div class="gh-navigation-brand">
            <a class="gh-navigation-logo is-title" href="https://{HOST}">{NAME}</a>
            <button class="gh-search gh-icon-btn" aria-label="Search this site" data-ghost-search><svg xmlns="http://www.w3.org/2000/svg" fill="none" viewBox="0 0 24 24" stroke="currentColor" stroke-width="2" width="20" height="20"><path stroke-linecap="round" stroke-linejoin="round" d="M21 21l-6-6m2-5a7 7 0 11-14 0 7 7 0 0114 0z"></path></svg></button>
            <button class="gh-burger gh-icon-btn" aria-label="Menu"><svg xmlns="http://www.w3.org/2000/svg" width="24" height="24" fill="currentColor" viewBox="0 0 256 256"><path d="M224,128a8,8,0,0,1-8,8H40a8,8,0,0,1,0-16H216A8,8,0,0,1,224,128Z"></path></svg></button>
        </div>
        <nav class="gh-navigation-menu"><ul class="nav">{nav}</ul></nav>
        <div class="gh-navigation-actions">
            <div class="gh-navigation-members">
                <a href="#/portal/signin" data-portal="signin">Sign in</a>
                <a class="gh-button" href="#/portal/signup" data-portal="signup">Subscribe</a>
            </div>
        </div>
    </div>
</header>
<main class="gh-main">
    <article class="gh-article post tag-{slugify(tag)}">
        <header class="gh-article-header gh-canvas">
            <a class="gh-article-tag" href="https://{HOST}/tag/{slugify(tag)}/">{esc(tag)}</a>
            <h1 class="gh-article-title is-title">{esc(story["title"])}</h1>
            <p class="gh-article-excerpt is-body">{esc(story["dek"])}</p>
            <div class="gh-article-meta">
                <div class="gh-article-author-image instapaper_ignore">
                    <a href="/author/{handle}/"><img class="author-profile-image" src="/content/images/size/w160/2023/06/{handle}.jpg" alt="{esc(story["author"])}"></a>
                </div>
                <div class="gh-article-meta-wrapper">
                    <h4 class="gh-article-author-name"><a href="/author/{handle}/">{esc(story["author"])}</a></h4>
                    <div class="gh-article-meta-content">
                        <time class="gh-article-meta-date" datetime="{when:%Y-%m-%d}">{when:%b} {when.day}, {when:%Y}</time>
                        <span class="gh-article-meta-length"><span class="bull">—</span> {max(1, words // 220)} min read</span>
                    </div>
                </div>
            </div>
            <figure class="gh-article-image">
                {_img(r, cap)}
                <figcaption><span style="white-space: pre-wrap;">{esc(cap)}</span> <i><em class="italic">{esc(credit)}</em></i></figcaption>
            </figure>
        </header>
        <section class="gh-content gh-canvas is-body drop-cap">
{_body(story, site, r)}
        </section>
        <section class="gh-cta gh-canvas">
            <div class="gh-cta-inner">
                <h2 class="gh-cta-title">Sign up for {NAME}</h2>
                <p class="gh-cta-description">Independent, reader-funded journalism for the Fens. Free stories every weekday, and a Saturday round-up for members.</p>
                <form data-members-form="signup" class="gh-form"><input class="gh-form-input" type="email" placeholder="jamie@example.com" required data-members-email><button class="gh-button" type="submit">Subscribe</button></form>
            </div>
        </section>
        <section class="gh-author-box gh-canvas">
            <img src="/content/images/size/w160/2023/06/{handle}.jpg" alt="">
            <div><h3><a href="/author/{handle}/">{esc(story["author"])}</a></h3><p>{esc(bio)}</p></div>
        </section>
        <div class="gh-comments gh-canvas">
            <h3 class="gh-comments-title">{comments} comment{"" if comments == 1 else "s"}</h3>
            <script defer src="https://cdn.jsdelivr.net/ghost/comments-ui@~0.17/umd/comments-ui.min.js" data-ghost-comments="https://{HOST}/" data-api="https://{HOST}/ghost/api/content/" data-admin="https://{HOST}/ghost/" data-key="4b1f0c2a9e7d53a6b8c1f2e0d9" data-title="" data-count="true" data-post-id="65e{hexid(r, 21)}" data-color-scheme="auto" data-avatar-saturation="60" data-accent-color="#1f6f5c" data-comments-enabled="all" data-publication="{NAME}" crossorigin="anonymous"></script>
        </div>
    </article>
    <section class="gh-container is-grid gh-outer">
        <div class="gh-container-inner gh-inner">
            <h2 class="gh-container-title">Read more</h2>
            <div class="gh-feed">
{cards}
            </div>
        </div>
    </section>
</main>
<footer class="gh-footer gh-outer">
    <div class="gh-footer-inner gh-inner">
        <div class="gh-footer-bar">
            <span class="gh-footer-logo is-title">{NAME}</span>
            <nav class="gh-footer-menu"><ul class="nav"><li><a href="/about/">About us</a></li><li><a href="/team/">Our team</a></li><li><a href="/corrections/">Corrections</a></li><li><a href="/ethics/">Ethics policy</a></li><li><a href="/privacy/">Privacy</a></li><li><a href="/contact/">Contact</a></li><li><a href="/rss/">RSS</a></li></ul></nav>
            <div class="gh-footer-copyright">{NAME} &copy; 2024. Powered by <a href="https://ghost.org/" target="_blank" rel="noopener">Ghost</a></div>
        </div>
        <div class="gh-footer-signup">
            <h2 class="gh-footer-signup-header is-title">Local news that answers to readers.</h2>
            <p class="gh-footer-signup-subhead is-body">No paywall, no billionaire owner. Get every story in your inbox.</p>
            <form data-members-form="signup" class="gh-form"><input class="gh-form-input" type="email" placeholder="jamie@example.com" required data-members-email><button class="gh-button" type="submit">Subscribe</button></form>
        </div>
    </div>
</footer>
</div>
<div class="pswp" tabindex="-1" role="dialog" aria-hidden="true"><div class="pswp__bg"></div><div class="pswp__scroll-wrap"><div class="pswp__container"><div class="pswp__item"></div><div class="pswp__item"></div><div class="pswp__item"></div></div><div class="pswp__ui pswp__ui--hidden"><div class="pswp__top-bar"><div class="pswp__counter"></div><button class="pswp__button pswp__button--close" title="Close (Esc)"></button><button class="pswp__button pswp__button--share" title="Share"></button><button class="pswp__button pswp__button--fs" title="Toggle fullscreen"></button><button class="pswp__button pswp__button--zoom" title="Zoom in/out"></button></div><div class="pswp__caption"><div class="pswp__caption__center"></div></div></div></div></div>
<script src="/assets/built/source.js?v=8c1d2e03aa"></script>
</body>
</html>
"""
