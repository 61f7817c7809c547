"""Site layouts, part C: a live-blog metro site, a Next.js site with hashed classes and a paywall,
an AMP site, an old table layout with <br> paragraphs, a static blog, and one-page hosts."""

from __future__ import annotations

from common import TRACKING_SCRIPT, body_items, esc, jsonld, long_date, others, when, stable_id


def citypulse(story, siblings):
    """Custom metro site; live blogs as lists of timestamped posts with per-post share links."""
    base = "https://citypulse.example"
    url = f"{base}/{story.meta.get('section', 'news').lower()}/{story.slug}"
    trending = "".join(f'<li><a href="{base}/x/{s.slug}">{esc(s.meta["title"])}</a></li>' for s in others(story, siblings, 5))
    render = {
        "p": lambda t, x: f'<p class="story-text">{esc(t)}</p>',
        "h2": lambda t, x: f'<h2 class="story-subhead">{esc(t)}</h2>',
        "caption": lambda t, x: f'<div class="story-photo"><img src="{base}/media/{story.slug}.jpg" alt=""><div class="story-photo__text">{esc(t)}</div><div class="story-photo__credit">{esc(x)}</div></div>',
        "quote": lambda t, x: f'<div class="story-pullquote"><span>{esc(t)}</span></div>',
        "readmore": lambda t, x: f'<p class="story-text story-text--link">READ MORE: <a href="{base}/x/">{esc(t)}</a></p>',
        "entry": lambda t, x: f'</div></li><li class="live-post"><div class="live-post__meta"><time>{x}</time><a class="live-post__share" href="#">Share this post</a></div><div class="live-post__body"><h3 class="live-post__title">{esc(t)}</h3>',
    }
    body = body_items(story, render)
    if story.kind == "live":
        body = f'<div class="live-summary"><p class="live-summary__label">Key updates</p></div><ul class="live-feed"><li class="live-post live-post--pinned"><div class="live-post__body">{body}</div></li></ul>'
    html = f"""<!DOCTYPE html><html lang="en-US"><head><meta charset="utf-8"><title>{esc(story.meta['title'])} - Citypulse</title>
<meta property="og:site_name" content="Citypulse"><meta property="og:title" content="{esc(story.meta['title'])}"><meta property="og:type" content="article"><link rel="canonical" href="{url}">
{jsonld(story, 'Citypulse', url, 'LiveBlogPosting' if story.kind == 'live' else 'NewsArticle')}{TRACKING_SCRIPT}</head>
<body class="page-story"><div class="topbar"><span class="topbar__weather">48°F Cloudy</span><a href="{base}/newsletters">Newsletters</a><a href="{base}/donate">Donate</a></div>
<header class="masthead"><a class="masthead__logo" href="/">Citypulse</a><ul class="masthead__sections"><li><a href="/metro">Metro</a></li><li><a href="/politics">Politics</a></li><li><a href="/housing">Housing</a></li><li><a href="/culture">Culture</a></li><li><a href="/live">Live</a></li></ul></header>
<div class="story-wrap"><div class="story"><div class="story-head"><p class="story-kicker">{esc(story.meta.get('section', ''))}</p><h1 class="story-title">{esc(story.meta['title'])}</h1>
<p class="story-byline">By {esc(story.meta.get('author', ''))} &middot; <span class="story-date">{long_date(story)}</span></p></div>
<div class="story-body">{body}</div>
<div class="story-support"><p>Citypulse is a nonprofit newsroom. Our journalism is free to read because readers like you support it. Donate today and your gift will be matched.</p></div>
<p class="story-corrections">Spotted an error? Email corrections@citypulse.example</p></div>
<div class="sidebar"><div class="trending"><h4>Trending now</h4><ol>{trending}</ol></div></div></div>
<footer class="sitefooter"><p>Citypulse is a project of the Metro Civic Media Foundation, a 501(c)(3) nonprofit.</p><p>&copy; 2024 Citypulse. Republish our stories for free under a Creative Commons license.</p></footer></body></html>"""
    return url, html


def pacificledger(story, siblings):
    """Next.js site: CSS-module class names with hashes, __NEXT_DATA__, a metered paywall."""
    base = "https://www.pacificledger.example"
    d = when(story)
    url = f"{base}/{story.meta.get('section', 'news').lower()}/{d:%Y/%m/%d}/{story.slug}"
    rail = "".join(f'<a class="Rail_item__9xQ2c" href="{base}/x/{s.slug}"><span class="Rail_title__Lk2P0">{esc(s.meta["title"])}</span></a>' for s in others(story, siblings, 4))
    render = {
        "p": lambda t, x: f'<p class="Body_paragraph__mP1a7">{esc(t)}</p>',
        "h2": lambda t, x: f'<h2 class="Body_subhead__Q0zt1">{esc(t)}</h2>',
        "caption": lambda t, x: f'<figure class="Media_figure__r4Ty8"><div class="Media_imageWrap__u2N9b"><img alt="" src="/_next/image?url=%2Fphoto.jpg&amp;w=1080&amp;q=75" decoding="async"></div><figcaption class="Media_caption__zZ3kP">{esc(t)}<span class="Media_credit__Wc8fe">{esc(x)}</span></figcaption></figure>',
        "quote": lambda t, x: f'<aside class="Body_pullQuote__aa91X"><p>{esc(t)}</p></aside>',
        "readmore": lambda t, x: f'<div class="Body_related__hT0v3"><span class="Body_relatedLabel__2Lm3q">Related</span><a href="{base}/x/">{esc(t)}</a></div>',
    }
    body = body_items(story, render)
    gate = ""
    if story.kind == "paywall":
        gate = '<div class="Paywall_gate__x81Hq" data-testid="paywall"><h2>Continue reading with a Ledger subscription</h2><p>You have reached your limit of free articles this month. Subscribe for unlimited access to local reporting.</p><a href="/subscribe">Subscribe now</a><a href="/login">Already a subscriber? Log in</a></div>'
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><meta name="viewport" content="width=device-width"/><title>{esc(story.meta['title'])} | Pacific Ledger</title>
<meta property="og:title" content="{esc(story.meta['title'])}"/><meta property="og:site_name" content="Pacific Ledger"/><meta property="og:url" content="{url}"/>
{jsonld(story, 'Pacific Ledger', url)}<link rel="preload" href="/_next/static/css/a81c2e.css" as="style"/><script src="/_next/static/chunks/webpack-8f2a.js" defer=""></script></head>
<body><div id="__next"><div class="Layout_root__Bq7Tn"><header class="Header_header__k2J9s"><a class="Header_logo__pX01c" href="/">Pacific Ledger</a><nav class="Header_nav__W3m7d"><a href="/news">News</a><a href="/business">Business</a><a href="/economy">Economy</a><a href="/politics">Politics</a><a href="/investigations">Investigations</a></nav><button class="Header_subscribe__cc3Ld">Subscribe</button></header>
<main class="Article_main__t7G2m"><div class="Article_grid__fd8Yq"><div class="Article_content__zP4wq"><span class="Article_section__hy7Bv">{esc(story.meta.get('section', ''))}</span><h1 class="Article_headline__Ue2vN">{esc(story.meta['title'])}</h1>
<div class="Byline_root__mm3Kx"><span class="Byline_name__Jh81a">{esc(story.meta.get('author', ''))}</span><time class="Byline_time__pQ7e1" dateTime="{story.meta['date']}">{long_date(story)}</time></div>
<div class="ShareBar_bar__N5d2r"><button>Share</button><button>Email</button><button>Print</button></div>
<div class="Body_body__Z8ocA">{body}</div>{gate}
<div class="Newsletter_box__q0Wv1"><p class="Newsletter_copy__Xv5bA">Get the Ledger Daily newsletter: the West Coast business stories that matter, every morning.</p><input placeholder="you@example.com"/><button>Sign up</button></div></div>
<aside class="Rail_rail__e3T0y"><h3 class="Rail_heading__hF8s2">Most popular</h3>{rail}</aside></div></main>
<footer class="Footer_footer__g9Lq2"><p>&copy; 2024 Pacific Ledger Media LLC. All rights reserved.</p><a href="/terms">Terms of Service</a><a href="/privacy">Privacy Policy</a><a href="/ca-notice">California Notice at Collection</a></footer></div></div>
<script id="__NEXT_DATA__" type="application/json">{{"props":{{"pageProps":{{"slug":"{story.slug}","section":"{story.meta.get('section', '')}"}}}},"page":"/[section]/[...slug]","buildId":"kP2x9"}}</script></body></html>"""
    return url, html


def northstarpost(story, siblings):
    """AMP pages: amp-img, amp-social-share, amp-ad, amp-consent, inline amp-custom CSS."""
    base = "https://northstarpost.example"
    url = f"{base}/amp/{story.meta.get('section', 'news').lower()}/{story.slug}"
    related = "".join(f'<li class="related__item"><a href="{base}/amp/x/{s.slug}">{esc(s.meta["title"])}</a></li>' for s in others(story, siblings, 4))
    render = {
        "p": lambda t, x: f"<p>{esc(t)}</p>",
        "h2": lambda t, x: f"<h2>{esc(t)}</h2>",
        "caption": lambda t, x: f'<figure class="lead-art"><amp-img src="{base}/img/{story.slug}.jpg" width="1200" height="800" layout="responsive"></amp-img><figcaption>{esc(t)} <small>{esc(x)}</small></figcaption></figure>',
        "quote": lambda t, x: f'<blockquote class="pq"><p>{esc(t)}</p></blockquote>',
        "readmore": lambda t, x: f'<p class="inline-link"><a href="{base}/amp/x/">&raquo; {esc(t)}</a></p>',
    }
    html = f"""<!doctype html><html amp lang="en"><head><meta charset="utf-8"><script async src="https://cdn.ampproject.example/v0.js"></script>
<title>{esc(story.meta['title'])} | Northstar Post</title><link rel="canonical" href="{base}/{story.meta.get('section', 'news').lower()}/{story.slug}">
<meta name="viewport" content="width=device-width"><meta property="og:site_name" content="Northstar Post">{jsonld(story, 'Northstar Post', url)}
<style amp-custom>body{{font-family:Georgia,serif}}.pq{{font-size:1.4em}}</style><style amp-boilerplate>body{{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both}}</style></head>
<body><amp-consent id="consent" layout="nodisplay"><div class="consent-ui"><p>This site uses cookies to improve your experience and to show you relevant ads. By continuing you agree to our use of cookies.</p><button on="tap:consent.accept">Accept</button></div></amp-consent>
<header class="hdr"><a href="{base}/">Northstar Post</a><amp-sidebar id="menu" layout="nodisplay"><ul><li><a href="/state">State</a></li><li><a href="/politics">Politics</a></li><li><a href="/outdoors">Outdoors</a></li><li><a href="/world">World</a></li><li><a href="/business">Business</a></li></ul></amp-sidebar></header>
<article class="story"><h1>{esc(story.meta['title'])}</h1><div class="byline">By {esc(story.meta.get('author', ''))} | {long_date(story)}</div>
<amp-social-share type="facebook" width="40" height="40"></amp-social-share><amp-social-share type="twitter" width="40" height="40"></amp-social-share><amp-social-share type="email" width="40" height="40"></amp-social-share>
{body_items(story, render, inserts={2: '<amp-ad width="300" height="250" type="doubleclick" data-slot="/1234/northstar/article"><div placeholder>Advertisement</div></amp-ad>'})}
<p class="copyright">&copy; 2024 Northstar Post. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.</p></article>
<section class="related"><h3>More stories</h3><ul>{related}</ul></section>
<footer class="ftr"><a href="/contact">Contact</a> <a href="/advertise">Advertise</a> <a href="/privacy">Privacy</a><p>Northstar Post, the news of the northern mountains.</p></footer></body></html>"""
    return url, html


def townsquare(story, siblings):
    """A 2000s small-town weekly: table layout, <font> tags, paragraphs separated by <br><br>."""
    base = "http://www.elmgrovetownsquare.example"
    url = f"{base}/news/story.php?id={stable_id(story.slug) % 9000 + 1000}"
    headlines = "".join(f'<tr><td class="headlines"><a href="{base}/news/story.php?id=1">{esc(s.meta["title"])}</a></td></tr>' for s in others(story, siblings, 5))
    paras = "<br><br>\n".join(esc(t) for k, t, _ in story.items if k == "p")
    html = f"""<html><head><title>Elm Grove Town Square - {esc(story.meta['title'])}</title><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<link rel="stylesheet" href="/style.css" type="text/css"></head><body bgcolor="#FFFFFF" leftmargin="0" topmargin="0">
<table width="780" border="0" cellspacing="0" cellpadding="0" align="center"><tr><td colspan="2"><img src="/images/masthead.gif" width="780" height="90" alt="Elm Grove Town Square"></td></tr>
<tr><td colspan="2" class="navbar"><a href="/">Home</a> | <a href="/news/">News</a> | <a href="/sports/">Sports</a> | <a href="/obits/">Obituaries</a> | <a href="/classifieds/">Classifieds</a> | <a href="/subscribe.php">Subscribe</a></td></tr>
<tr><td width="160" valign="top" class="leftcol"><table width="100%"><tr><td class="sectionhead">This Week's Headlines</td></tr>{headlines}</table>
<p class="small">Subscribe to the Town Square! Only $32 a year delivered to your mailbox every Wednesday.</p></td>
<td width="620" valign="top"><table width="100%" cellpadding="8"><tr><td><font face="Georgia" size="5"><b>{esc(story.meta['title'])}</b></font><br>
<font size="2"><i>{esc(story.meta.get('author', ''))}</i></font><br><font size="1" color="#666666">Posted {when(story):%m/%d/%Y}</font><br><br>
<font face="Georgia" size="3">{paras}</font><br><br>
<a href="javascript:window.print()"><img src="/images/print.gif" border="0"> Print this story</a> | <a href="/email.php">E-mail this story</a></td></tr></table></td></tr>
<tr><td colspan="2" align="center" class="footer"><font size="1">Copyright &copy; 2004-2024 Elm Grove Town Square. All rights reserved.<br>Elm Grove Town Square, PO Box 12, Elm Grove. Phone (555) 014-2231</font></td></tr></table></body></html>"""
    return url, html


def fieldnotes(story, siblings):
    """A static-site (Hugo) research blog: minimal markup, tags, prev/next links."""
    base = "https://fieldnotes.example"
    url = f"{base}/posts/{story.slug}/"
    render = {"p": lambda t, x: f"<p>{esc(t)}</p>", "h2": lambda t, x: f"<h2 id=\"{t.lower().replace(' ', '-')}\">{esc(t)}</h2>"}
    nxt = others(story, siblings, 1)[0]
    html = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="generator" content="Hugo 0.123.7"><title>{esc(story.meta['title'])} | Field Notes</title>
<meta name="description" content="Notes from a glacier monitoring project."><link rel="canonical" href="{url}"><meta property="og:type" content="article"><meta property="article:published_time" content="{story.meta['date']}"></head>
<body><header><nav><a href="/">Field Notes</a> <a href="/posts/">Posts</a> <a href="/about/">About</a> <a href="/index.xml">RSS</a></nav></header>
<main><article><h1>{esc(story.meta['title'])}</h1><p class="post-meta"><time datetime="{story.meta['date']}">{long_date(story)}</time> · {esc(story.meta.get('author', ''))} · 3 min read</p>
{body_items(story, render)}
<p class="tags">Tags: <a href="/tags/glacier/">glacier</a>, <a href="/tags/fieldwork/">fieldwork</a></p></article>
<nav class="post-nav"><a href="{base}/posts/{nxt.slug}/">← {esc(nxt.meta['title'])}</a></nav></main>
<footer><p>Text licensed CC BY 4.0. Built with Hugo.</p></footer></body></html>"""
    return url, html


def single(story, siblings):
    """Hosts with a single captured page: plain article markup in the page's own language."""
    host = story.host
    url = f"https://{host}/{story.slug}.html"
    lang = story.meta.get("lang", "en")
    label = {"ru": "Читайте также:", "it": "Leggi anche:", "en": "See also:"}[lang]
    render = {
        "p": lambda t, x: f"<p>{esc(t)}</p>",
        "h2": lambda t, x: f"<h2>{esc(t)}</h2>",
        "caption": lambda t, x: f'<div class="photo"><img src="/i/1.jpg" alt=""><p class="photo-caption">{esc(t)}. {esc(x)}</p></div>',
        "readmore": lambda t, x: f'<p class="see-also">{label} <a href="/x.html">{esc(t)}</a></p>',
    }
    charset = "windows-1251" if lang == "ru" else "utf-8"
    html = f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="{charset}"><title>{esc(story.meta['title'])}</title>
<meta property="og:title" content="{esc(story.meta['title'])}"><meta property="article:published_time" content="{story.meta['date']}"></head>
<body><div class="top"><a href="/">{esc(host.split('.')[0])}</a></div><div class="main"><h1>{esc(story.meta['title'])}</h1>
<div class="info">{esc(story.meta.get('author', ''))}, {when(story):%d.%m.%Y %H:%M}</div><div class="text">{body_items(story, render)}</div></div>
<div class="bottom">&copy; {esc(host)}</div></body></html>"""
    return url, html, charset
