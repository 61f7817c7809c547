"""baysidesignal.example: a metro daily rendered by Next.js with emotion CSS-in-JS class names.

Server-rendered markup with hashed classes only (css-xxxxxx eyyyyyy0), data-testid attributes,
the whole article repeated as structured blocks in __NEXT_DATA__, JSON-LD without articleBody.
Inside the body container: ad slots labelled "Advertisement", "Read more:" paragraphs styled like
body paragraphs, a newsletter promo, a "Most Popular" aside, embedded tweets, a slideshow. After
it: share bar with counts, author bio, "More from the Signal", comments button, a OneTrust-style
cookie banner and a footer with many links.
"""

from __future__ import annotations

import json

from common import esc, hexid, inline, rng_for, slugify

HOST = "www.baysidesignal.example"
NAME = "The Bayside Signal"
LANGUAGE = "en"
CHARSET = "utf-8"
ARCHIVE = [
    "Ferry fares to rise 50 cents in July, first increase since 2019",
    "Why Marisol Bay's tap water tastes different this month",
    "Restaurant review: A tiny dumpling counter worth the line",
    "Two-alarm fire damages Harbor Street warehouse",
    "High school sports roundup: Tidewater wins league title",
    "Opinion: The bay deserves a real plan for rising seas",
    "Cal Pacific outage leaves 12,000 without power overnight",
]
AUTHORS = {
    "Daniela Ortiz": ("daniela-ortiz", "covers transportation and infrastructure", "dortiz"),
    "Marcus Webb": ("marcus-webb", "is a breaking news reporter", "mwebb"),
    "Lena Hartmann": ("lena-hartmann", "covers housing and city hall", "lhartmann"),
}
SECTIONS = ["News", "Local", "Politics", "Business", "Tech", "Climate", "Sports", "Food", "Opinion", "Obituaries"]

# emotion class names are stable per component across pages of one build
C = {k: f"css-{v} e{w}0" for k, v, w in [
    ("root", "1d3w5wq", "1pdsqm9"), ("header", "a91hq3x", "1y7kvsm"), ("nav", "13xk9ot", "1y7kvsm1"),
    ("article", "1qz8l3a", "1xk9h4r"), ("crumbs", "uf8ez3", "8i1cye"), ("h1", "1hbgbt0", "1xk9h4r1"),
    ("dek", "kdh3xd", "1xk9h4r2"), ("byline", "7phxie", "1v0s5an"), ("body", "1l6o2wd", "1t7lgc4"),
    ("p", "1rxywfn", "1t7lgc41"), ("h2", "9r2r7k", "1t7lgc42"), ("ad", "8atqhb", "1i45ro3"),
    ("adlabel", "1vtk0u8", "1i45ro31"), ("promo", "o7ezx2", "q8b6gk"), ("popular", "1y0b6nx", "11c1ec7"),
    ("figure", "113inza", "1vv4bqt"), ("caption", "1rlsl1f", "1vv4bqt1"), ("share", "1gk6skp", "ixh2f8"),
    ("bio", "mmrsco", "1qh6ad2"), ("more", "1ja2c7l", "k1z0bsg"), ("footer", "15yk0o4", "1ko5zx2"),
    ("quote", "1u9w2bs", "1t7lgc43"), ("list", "vyz0cd", "1t7lgc44"),
]}


def _script_json(value) -> str:
    """JSON inside a <script>, with <, > and & escaped as Next.js does."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def url_for_slug(slug: str) -> str:
    return f"https://{HOST}/news/article/{slug}"


def url(story) -> str:
    return url_for_slug(story.slug)


def _when(story, dt=None):
    dt = dt or story.when
    hour = dt.hour % 12 or 12
    ampm = "a.m." if dt.hour < 12 else "p.m."
    return f"{dt:%B} {dt.day}, {dt:%Y} {hour}:{dt:%M} {ampm}"


def _picture(r, alt):
    name = hexid(r, 12)
    return (f'<picture><source srcSet="https://images.baysidesignal.example/{name}.webp?w=640 640w, https://images.baysidesignal.example/{name}.webp?w=1280 1280w" type="image/webp"/>'
            f'<img alt="{esc(alt)}" loading="lazy" decoding="async" src="https://images.baysidesignal.example/{name}.jpg?w=1280" style="color:transparent"/></picture>')


def _blocks(story, site, r, popular):
    """HTML of the body container and the matching __NEXT_DATA__ blocks."""
    html, data = [], []
    n_par, ads = 0, 0
    for b in story.blocks:
        if b.kind == "p":
            link_class = ' class="' + C["p"].split()[0] + '-link"'
            html.append(f'<p class="{C["p"]}" data-testid="paragraph-{n_par}">{inline(b.text, link_class)}</p>')
            data.append({"type": "paragraph", "content": b.text})
            n_par += 1
            if n_par in (3, 8, 13):
                ads += 1
                html.append(f'<div class="{C["ad"]}" data-testid="ad-inline"><p class="{C["adlabel"]}">Advertisement</p>'
                            f'<div id="div-gpt-ad-inline-{ads}" data-slot="/21775744923/signal/news/inline{ads}" style="min-height:250px"></div></div>')
                data.append({"type": "ad", "slot": f"inline{ads}"})
            if n_par == 5:
                html.append(f'<div class="{C["promo"]}" data-testid="newsletter-promo"><p class="{C["dek"]}">The Morning Signal</p>'
                            '<p>Get the Bay news you need to start your day, every weekday at 6 a.m.</p>'
                            '<form><label for="nl-email" class="visually-hidden">Email address</label><input id="nl-email" type="email" placeholder="Email address"/>'
                            '<button type="submit">Sign up</button></form><p>By signing up, you agree to our <a href="/terms">Terms of Use</a> and acknowledge our <a href="/privacy">Privacy Notice</a>.</p></div>')
                data.append({"type": "newsletter", "list": "morning-signal"})
            if n_par == 7:
                items = "".join(f'<li><a href="{url_for_slug(s)}">{esc(t)}</a></li>' for t, s in popular)
                html.append(f'<aside class="{C["popular"]}" data-testid="most-popular"><h2>Most Popular</h2><ol>{items}</ol></aside>')
        elif b.kind == "h":
            html.append(f'<h2 class="{C["h2"]}">{esc(b.text)}</h2>')
            data.append({"type": "subhead", "content": b.text})
        elif b.kind == "ul":
            html.append(f'<ul class="{C["list"]}">' + "".join(f"<li>{inline(i)}</li>" for i in b.items) + "</ul>")
            data.append({"type": "list", "items": b.items})
        elif b.kind == "quote":
            html.append(f'<blockquote class="{C["quote"]}" data-testid="pullquote"><p>{esc(b.text)}</p></blockquote>')
            data.append({"type": "pullquote", "content": b.text})
        elif b.kind == "rel":
            target = next((s for s in site.stories if s["title"] == b.text), None)
            href = url_for_slug(target.slug if target else slugify(b.text))
            html.append(f'<p class="{C["p"]}"><strong>Read more:</strong> <a href="{href}">{esc(b.text)}</a></p>')
            data.append({"type": "related_link", "headline": b.text, "url": href})
        elif b.kind == "img":
            cap, credit = b.items
            html.append(f'<figure class="{C["figure"]}">{_picture(r, cap)}<figcaption class="{C["caption"]}"><span>{esc(cap)}</span> <span>{esc(credit)}</span></figcaption></figure>')
            data.append({"type": "image", "caption": cap, "credit": credit})
        elif b.kind == "gallery":
            slides = "".join(f'<li class="{C["figure"]}" aria-roledescription="slide"><figure>{_picture(r, c[0])}<figcaption class="{C["caption"]}">'
                             f'<span>{i + 1} of {len(b.items)}</span><span>{esc(c[0])}</span> <span>{esc(c[1])}</span></figcaption></figure></li>'
                             for i, c in enumerate(b.items))
            html.append(f'<section data-testid="slideshow" aria-roledescription="carousel"><h3>Photos: {esc(story["title"])}</h3><ul>{slides}</ul>'
                        '<button aria-label="Previous slide">‹</button><button aria-label="Next slide">›</button></section>')
            data.append({"type": "gallery", "slides": [{"caption": c[0], "credit": c[1]} for c in b.items]})
        elif b.kind == "tweet":
            name, handle, text, date = b.items
            html.append(f'<div data-testid="embed-twitter"><blockquote class="twitter-tweet" data-dnt="true"><p lang="en" dir="ltr">{esc(text)}</p>'
                        f'&mdash; {esc(name)} ({esc(handle)}) <a href="https://twitter.com/{handle[1:]}/status/17{r.randrange(10**16, 10**17)}">{esc(date)}</a></blockquote></div>')
            data.append({"type": "embed", "provider": "twitter", "html": f"<blockquote class=\"twitter-tweet\"><p>{text}</p>&mdash; {name} ({handle})</blockquote>"})
    return "\n".join(html), data


def render(story, site) -> str:
    r = rng_for(HOST, story.slug)
    page_url = url(story)
    author = story["author"]
    a_slug, a_beat, a_mail = AUTHORS[author]
    popular = site.others(story, r, 5)
    more = site.others(story, rng_for(HOST, story.slug, "more"), 4)
    body_html, body_data = _blocks(story, site, r, popular)
    section = story["section"]
    cap, credit = story["image"].split(" | ")
    build_id = hexid(rng_for(HOST, story["date"][:7]), 21)
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": story["title"], "description": story["dek"],
          "datePublished": story.iso, "dateModified": story.iso, "mainEntityOfPage": {"@type": "WebPage", "@id": page_url},
          "author": [{"@type": "Person", "name": author, "url": f"https://{HOST}/author/{a_slug}"}],
          "publisher": {"@type": "NewsMediaOrganization", "name": NAME, "logo": {"@type": "ImageObject", "url": f"https://{HOST}/logo.png"}},
          "isAccessibleForFree": True, "articleSection": section}
    next_data = {"props": {"pageProps": {
        "article": {"id": f"{r.randrange(10**7, 10**8)}", "slug": story.slug, "headline": story["title"], "dek": story["dek"],
                    "section": {"name": section, "path": f"/{slugify(section)}"}, "publishedAt": story.iso,
                    "authors": [{"name": author, "slug": a_slug, "bio": f"{author} {a_beat} for The Bayside Signal."}],
                    "leadArt": {"type": "image", "caption": cap, "credit": credit}, "body": body_data},
        "mostPopular": [{"headline": t, "url": url_for_slug(s)} for t, s in popular],
        "navigation": [{"label": s, "href": f"/{slugify(s)}"} for s in SECTIONS],
        "adTargeting": {"section": slugify(section), "kw": [slugify(section), "bayside"]}}, "__N_SSP": True},
        "page": "/[section]/article/[slug]", "query": {"section": "news", "slug": story.slug}, "buildId": build_id,
        "isFallback": False, "gssp": True, "scriptLoader": []}
    nav = "".join(f'<li><a class="{C["nav"].split()[0]}-item" href="/{slugify(s)}">{s}</a></li>' for s in SECTIONS)
    shares = r.randint(40, 3000)
    more_html = "".join(f'<li><a href="{url_for_slug(s)}"><span>{esc(t)}</span></a></li>' for t, s in more)
    footer_cols = [("Sections", SECTIONS), ("Company", ["About Us", "Careers", "Newsroom Staff", "Ethics Policy", "Advertise", "Contact Us"]),
                   ("Subscribers", ["Subscribe", "E-edition", "Manage Account", "Newsletters", "Gift Subscriptions", "Help Center"]),
                   ("Legal", ["Terms of Use", "Privacy Notice", "Your Privacy Choices", "Cookie Settings", "Accessibility"])]
    footer = "".join(f'<div><h3>{h}</h3><ul>' + "".join(f'<li><a href="/{slugify(x)}">{x}</a></li>' for x in items) + "</ul></div>"
                     for h, items in footer_cols)
    return f"""<!DOCTYPE html><html lang="en-US"><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/><title>{esc(story["title"])} | The Bayside Signal</title><meta name="description" content="{esc(story["dek"])}"/><link rel="canonical" href="{page_url}"/><meta property="og:title" content="{esc(story["title"])}"/><meta property="og:description" content="{esc(story["dek"])}"/><meta property="og:url" content="{page_url}"/><meta property="og:type" content="article"/><meta property="og:site_name" content="{NAME}"/><meta name="twitter:site" content="@BaysideSignal"/><meta property="article:published_time" content="{story.iso}"/><meta property="article:section" content="{section}"/><meta name="next-head-count" content="14"/><script type="application/ld+json">{_script_json(ld)}</script><link rel="preload" href="/_next/static/css/{hexid(r, 16)}.css" as="style"/><link rel="stylesheet" href="/_next/static/css/{hexid(r, 16)}.css" data-n-g=""/><noscript data-n-css=""></noscript><script defer="" nomodule="" src="/_next/static/chunks/polyfills-c67a75d1b6f99dc8.js"></script><script src="/_next/static/chunks/webpack-8fa1640cc84ba8fe.js" defer=""></script><script src="/_next/static/chunks/framework-{hexid(r, 16)}.js" defer=""></script><script src="/_next/static/chunks/main-{hexid(r, 16)}.js" defer=""></script><script src="/_next/static/chunks/pages/%5Bsection%5D/article/%5Bslug%5D-{hexid(r, 16)}.js" defer=""></script><script src="/_next/static/{build_id}/_buildManifest.js" defer=""></script><style data-emotion="css {' '.join(v.split()[0][4:] for v in C.values())}">{''.join(f'.{v.split()[0]}{{box-sizing:border-box;margin:0;}}' for v in C.values())}</style></head><body><div id="__next"><div class="{C["root"]}"><a href="#main" class="visually-hidden">Skip to content</a><header class="{C["header"]}"><div><button aria-label="Open menu"><svg viewBox="0 0 24 24" width="24" height="24"><path d="M3 6h18M3 12h18M3 18h18"></path></svg></button><a href="/" aria-label="The Bayside Signal home"><svg role="img" aria-label="The Bayside Signal" viewBox="0 0 300 40"><title>The Bayside Signal</title></svg></a><div><a href="/subscribe?ref=header">Subscribe</a><a href="/login">Log In</a></div></div><nav class="{C["nav"]}" aria-label="Sections"><ul>{nav}</ul></nav></header><div class="{C["ad"]}" data-testid="ad-leaderboard"><p class="{C["adlabel"]}">Advertisement</p><div id="div-gpt-ad-top" style="min-height:90px"></div></div><main id="main"><article class="{C["article"]}"><nav class="{C["crumbs"]}" aria-label="Breadcrumb"><ol><li><a href="/news">News</a></li><li><a href="/{slugify(section)}">{section}</a></li></ol></nav><h1 class="{C["h1"]}">{esc(story["title"])}</h1><p class="{C["dek"]}">{esc(story["dek"])}</p><div class="{C["byline"]}"><span>By <a href="/author/{a_slug}">{esc(author)}</a></span><span><time dateTime="{story.iso}">{_when(story)}</time></span></div><div class="{C["share"]}" data-testid="share-bar"><span>{shares:,} shares</span><button aria-label="Share on Facebook">Facebook</button><button aria-label="Share on X">X</button><button aria-label="Share via Email">Email</button><button aria-label="Copy link">Copy Link</button><button aria-label="Comments">{r.randint(0, 140)}</button></div><figure class="{C["figure"]}">{_picture(r, cap)}<figcaption class="{C["caption"]}"><span>{esc(cap)}</span> <span>{esc(credit)}</span></figcaption></figure><div class="{C["body"]}" data-testid="article-body">
{body_html}
</div><div class="{C["bio"]}" data-testid="author-bio"><img alt="" src="https://images.baysidesignal.example/staff/{a_slug}.jpg"/><p><a href="/author/{a_slug}">{esc(author)}</a> {a_beat} for The Bayside Signal. Email: <a href="mailto:{a_mail}@baysidesignal.example">{a_mail}@baysidesignal.example</a></p></div><div class="{C["share"]}"><button aria-label="Share on Facebook">Facebook</button><button aria-label="Share on X">X</button><button aria-label="Share via Email">Email</button></div><button data-testid="comments-button">View comments</button></article><section class="{C["more"]}"><h2>More from the Signal</h2><ul>{more_html}</ul></section></main><footer class="{C["footer"]}"><div>{footer}</div><p>Copyright © 2024 The Bayside Signal, a division of Pacific Coast Media Group. All rights reserved.</p></footer></div><div id="onetrust-consent-sdk"><div id="onetrust-banner-sdk" class="otFlat" role="region" aria-label="Cookie banner"><div class="ot-sdk-container"><div id="onetrust-policy"><h2 id="onetrust-policy-title">We value your privacy</h2><p id="onetrust-policy-text">We and our partners use cookies and similar technologies to personalise content and ads, provide social media features and analyse our traffic. You can choose which cookies to accept by selecting Cookie Settings. <a href="/privacy">Privacy Notice</a></p></div><div id="onetrust-button-group"><button id="onetrust-pc-btn-handler">Cookie Settings</button><button id="onetrust-reject-all-handler">Reject All</button><button id="onetrust-accept-btn-handler">Accept All Cookies</button></div></div></div></div></div><script id="__NEXT_DATA__" type="application/json">{_script_json(next_data)}</script><script async src="https://platform.twitter.com/widgets.js" charSet="utf-8"></script></body></html>"""
