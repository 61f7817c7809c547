"""transport.novaria.gov.example: media releases of a (fictional) state government department.

Government design-system markup: "An official website of the Novaria Government" banner, skip
links, search, mega-menu, breadcrumb, "Media release" label, minister names, release date, body
with quotes and dot points, "Media contact" block, "Related releases", "Was this page helpful?"
feedback form, "Last updated" line, Acknowledgement of Country, and a footer of many links.
"""

from __future__ import annotations

from common import esc, inline, rng_for, slugify

HOST = "transport.novaria.gov.example"
NAME = "Department of Transport and Planning, Novaria"
LANGUAGE = "en"
CHARSET = "utf-8"
ARCHIVE = [
    "Level crossing removal program reaches halfway mark",
    "Have your say on the Northern Corridor bus network",
    "New rules for e-scooters from 1 July",
    "Road safety campaign targets rural speeding",
]


def url_for_slug(slug: str) -> str:
    return f"https://{HOST}/news-and-media/media-releases/{slug}"


def url(story) -> str:
    return url_for_slug(story.slug)


def _body(story):
    out = []
    for b in story.blocks:
        if b.kind == "p":
            out.append(f"<p>{inline(b.text)}</p>")
        elif b.kind == "h":
            out.append(f"<h2>{esc(b.text)}</h2>")
        elif b.kind == "ul":
            out.append('<ul class="nv-list">' + "".join(f"<li>{inline(i)}</li>" for i in b.items) + "</ul>")
        elif b.kind == "img":
            out.append(f'<figure class="nv-figure"><img src="/media/images/{slugify(b.items[0])[:30]}.jpg" alt="{esc(b.items[0])}"><figcaption>{esc(b.items[0])} ({esc(b.items[1])})</figcaption></figure>')
        elif b.kind == "rel":
            out.append(f'<div class="nv-callout"><p>Find out more: <a href="{url_for_slug(slugify(b.text))}">{esc(b.text)}</a></p></div>')
    return "\n".join(out)


def render(story, site) -> str:
    r = rng_for(HOST, story.slug)
    w = story.when
    ministers = story["author"]
    related = "".join(f'<li class="nv-card"><a href="{url_for_slug(s)}"><span class="nv-card__label">Media release</span><span class="nv-card__title">{esc(t)}</span></a></li>'
                      for t, s in site.others(story, r, 3))
    menu = [("Roads and traffic", ["Road projects", "Speed limits", "Roadworks and closures", "Heavy vehicles"]),
            ("Public transport", ["Trains", "Buses", "Trams", "Accessible travel", "Fares and tickets"]),
            ("Planning", ["Planning schemes", "Major projects", "Heritage", "Have your say"]),
            ("Licences and registration", ["Get a licence", "Renew registration", "Demerit points"])]
    mega = "".join(f'<li class="nv-menu__item"><button aria-expanded="false">{h}</button><ul class="nv-menu__sub">' +
                   "".join(f'<li><a href="/{slugify(h)}/{slugify(x)}">{x}</a></li>' for x in items) + "</ul></li>" for h, items in menu)
    footer = "".join(f'<div class="nv-footer__col"><h3>{h}</h3><ul>' + "".join(f'<li><a href="/{slugify(x)}">{x}</a></li>' for x in items) + "</ul></div>"
                     for h, items in menu)
    return f"""<!DOCTYPE html>
<html lang="en" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>{esc(story["title"])} | Department of Transport and Planning</title>
<meta name="description" content="{esc(story.get("dek", story["title"]))}">
<meta name="dcterms.created" content="{w:%Y-%m-%d}">
<meta name="dcterms.type" content="Media release">
<link rel="canonical" href="{url(story)}">
<link rel="stylesheet" href="/themes/nvds/dist/css/nvds.min.css?s{r.randint(100000, 999999)}">
<script src="/core/assets/vendor/once/once.min.js?v=1.0.1"></script>
</head>
<body class="path-node page-node-type-media-release">
<a href="#main-content" class="nv-skip-link">Skip to main content</a>
<div class="nv-official-banner"><p>An official website of the Novaria Government</p></div>
<header class="nv-header" role="banner">
<div class="nv-header__brand"><a href="/" rel="home"><img src="/themes/nvds/logo.svg" alt="Novaria Government logo"></a><span class="nv-header__dept">Department of Transport and Planning</span></div>
<form class="nv-search" action="/search" role="search"><label for="q" class="nv-sr-only">Search this site</label><input id="q" name="keys" type="search" placeholder="Search"><button type="submit">Search</button></form>
<nav class="nv-menu" aria-label="Main"><ul>{mega}<li class="nv-menu__item"><a href="/news-and-media">News and media</a></li><li class="nv-menu__item"><a href="/about-us">About us</a></li></ul></nav>
</header>
<nav class="nv-breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/news-and-media">News and media</a></li><li><a href="/news-and-media/media-releases">Media releases</a></li><li aria-current="page">{esc(story["title"])}</li></ol></nav>
<main id="main-content" class="nv-main" role="main">
<div class="nv-page-header"><span class="nv-tag">Media release</span>
<h1 class="nv-page-title">{esc(story["title"])}</h1>
<dl class="nv-meta"><dt>Date:</dt><dd><time datetime="{story.iso}">{w.day} {w:%B %Y}</time></dd><dt>Released by:</dt><dd>{esc(ministers)}</dd></dl></div>
<div class="nv-body clearfix">
{_body(story)}
</div>
<div class="nv-media-contact"><h2>Media contact</h2><p>{esc(story.get("contact", "Media Unit"))}<br>Phone: 03 9000 {r.randint(1000, 9999)}<br>Email: <a href="mailto:media@transport.novaria.gov.example">media@transport.novaria.gov.example</a></p></div>
<section class="nv-related"><h2>Related releases</h2><ul>{related}</ul></section>
<div class="nv-share"><span>Share this page</span><a href="#">Facebook</a><a href="#">LinkedIn</a><a href="#">X</a><a href="#">Email</a></div>
<form class="nv-feedback" action="/feedback" method="post"><fieldset><legend>Was this page helpful?</legend><label><input type="radio" name="helpful" value="yes"> Yes</label><label><input type="radio" name="helpful" value="no"> No</label></fieldset><p class="nv-feedback__note">Please don't include personal information in your feedback. If you need a reply, <a href="/contact-us">contact us</a>.</p><button type="submit">Submit</button></form>
<p class="nv-updated">Last updated: {w.day} {w:%B %Y}</p>
</main>
<footer class="nv-footer" role="contentinfo">
<div class="nv-footer__acknowledgement"><p>We acknowledge the Traditional Owners of the lands on which we work and pay our respects to their Elders past and present.</p></div>
<div class="nv-footer__cols">{footer}</div>
<ul class="nv-footer__legal"><li><a href="/copyright">Copyright</a></li><li><a href="/disclaimer">Disclaimer</a></li><li><a href="/privacy">Privacy</a></li><li><a href="/accessibility">Accessibility</a></li><li><a href="/sitemap">Sitemap</a></li><li><a href="/freedom-of-information">Freedom of information</a></li></ul>
<p class="nv-footer__copy">&copy; Copyright State of Novaria 2024. Authorised by the Novaria Government, 1 Spring Terrace, Port Calder.</p>
</footer>
<script src="/themes/nvds/dist/js/nvds.min.js?s{r.randint(100000, 999999)}"></script>
</body>
</html>
"""
