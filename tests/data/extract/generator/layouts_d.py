"""Site layouts, part D: hosts whose boilerplate carries no telling class names.

tidewaterherald: Next.js with emotion's hashed class names (css-<hash>) only, a standfirst, a
byline of two spans the browser shows glued together, social embeds (X, Instagram, TikTok), a
per-author bio whose wording changes every time, an italic end note after a rule, a press contact.
echodesvallees: a French regional site on a table layout; some stories are typed as bare text
lines separated by <br /><br /> straight inside the <section> text box, next to figures and ad boxes; photos in floated
tables with the caption in <i> and the credit in <font size="1">; a video player titled
"VIDÉO. ..."; short list items; end notes and press contacts.
"""

from __future__ import annotations

import re

from common import TRACKING_SCRIPT, body_items, esc, jsonld, long_date, others, when, stable_id
from layouts_b import MOIS


def _social_embed(text: str, extra: str) -> str:
    """The markup each platform's embed code pastes into a story (before its script runs)."""
    platform, _, who = extra.partition(" ")
    handle = who[who.find("(@") + 2: who.rfind(")")]
    name = who[: who.find(" (@")]
    if platform == "instagram":
        return (f'<blockquote class="instagram-media" data-instgrm-permalink="https://www.instagram.example/p/C{len(text)}x/" '
                f'data-instgrm-version="14"><div><a href="https://www.instagram.example/p/C{len(text)}x/">View this post on Instagram</a>'
                f'<p>{esc(text)}</p><p>A post shared by {esc(name)} (@{esc(handle)})</p></div></blockquote>')
    if platform == "tiktok":
        return (f'<blockquote class="tiktok-embed" cite="https://www.tiktok.example/@{esc(handle)}/video/7{len(text)}" '
                f'data-video-id="7{len(text)}"><section><a href="https://www.tiktok.example/@{esc(handle)}">@{esc(handle)}</a> '
                f'<p>{esc(text)}</p><a href="https://www.tiktok.example/music/original">♬ original sound - {esc(name)}</a></section></blockquote>')
    return (f'<blockquote class="twitter-tweet" data-dnt="true"><p lang="en" dir="ltr">{esc(text)}</p>&mdash; {esc(name)} '
            f'(@{esc(handle)}) <a href="https://twitter.example/{esc(handle)}/status/17{len(text)}">May 6, 2024</a></blockquote>')


_LIST_ITEMS = re.compile(r"((?:<li[^>]*>.*?</li>\n?)+)")


def _wrap_lists(body: str, list_tag: str) -> str:
    """Each run of consecutive list items becomes one list."""
    return _LIST_ITEMS.sub(lambda m: f"<{list_tag}>{m.group(1)}</{list_tag.split()[0]}>", body)


def _contact(story, heading_tag: str, paragraph: str) -> str:
    if "contact" not in story.meta:
        return ""
    heading, *lines = [part.strip() for part in story.meta["contact"].split("|")]
    return f'<{heading_tag}>{esc(heading)}</{heading_tag}>{paragraph.format(esc(", ".join(lines)))}'


def tidewaterherald(story, siblings):
    """Next.js + emotion: every class is css-<hash>, so no class name says what a block is."""
    base = "https://www.tidewaterherald.example"
    url = f"{base}/{story.meta.get('section', 'news').lower()}/{when(story):%Y/%m/%d}/{story.slug}"
    para = '<p class="css-at9mc1">{}</p>'
    render = {
        "p": lambda t, x: para.format(esc(t)),
        "h2": lambda t, x: f'<h2 class="css-1y8qz2r">{esc(t)}</h2>',
        "caption": lambda t, x: f'<figure class="css-79elbk"><img src="{base}/img/{story.slug}.jpg" alt=""><figcaption class="css-1k4s3ja">{esc(t)} <span class="css-1bm9ww2">{esc(x)}</span></figcaption></figure>',
        "embed": lambda t, x: f'<div class="css-1dbjc4n">{_social_embed(t, x)}</div>',
        "item": lambda t, x: f'<li class="css-kk1bt3">{esc(t)}</li>',
    }
    body = _wrap_lists(body_items(story, render), 'ul class="css-c6wbb0"')
    note = f'<hr class="css-10ib5jr"/>{para.format("<em>" + esc(story.meta["note"]) + "</em>")}' if "note" in story.meta else ""
    contact = _contact(story, 'h3 class="css-1y8qz2r"', para)
    popular = "".join(f'<li class="css-5a8zbo"><a class="css-1hq2wfo" href="{base}/x/{s.slug}">{esc(s.meta["title"])}</a></li>' for s in others(story, siblings, 5))
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charSet="utf-8"/><title>{esc(story.meta['title'])} | Tidewater Herald</title>
<meta name="description" content="{esc(story.meta.get('dek', ''))}"/><meta property="og:description" content="{esc(story.meta.get('dek', ''))}"/>
<meta property="og:type" content="article"/><meta property="og:site_name" content="Tidewater Herald"/><link rel="canonical" href="{url}"/>
{jsonld(story, 'Tidewater Herald', url)}{TRACKING_SCRIPT}<style data-emotion="css 1n0k3xq at9mc1 1y8qz2r">.css-at9mc1{{font-size:1.1rem;line-height:1.6}}</style></head>
<body><div id="__next"><div class="css-1n0k3xq"><div class="css-q1x8vd"><a class="css-1a2b3c" href="/">Tidewater Herald</a><div class="css-19dk1yd"><a href="/news">News</a><a href="/politics">Politics</a><a href="/environment">Environment</a><a href="/health">Health</a><a href="/community">Community</a></div><a class="css-7vkmfk" href="/subscribe">Subscribe for $1</a></div>
<div class="css-1xk4qz0"><div class="css-9h2tq1"><div class="css-k008qs"><a class="css-3ai0fm" href="/{story.meta.get('section', '').lower()}">{esc(story.meta.get('section', ''))}</a>
<h1 class="css-1r1cl5u">{esc(story.meta['title'])}</h1><p class="css-1j6a5nh">{esc(story.meta.get('dek', ''))}</p>
<div class="css-3pvl1r"><span class="css-1baulvz">By {esc(story.meta.get('author', ''))}</span><span class="css-129m7dg"><time dateTime="{story.meta['date']}">{long_date(story)}</time></span></div></div>
<div class="css-s99o4b">{body}{note}{contact}</div>
<div class="css-6z3r1k"><img class="css-0" src="{base}/staff/avatar.jpg" alt=""/><p class="css-1wp1b0e">{esc(story.meta.get('bio', ''))}</p></div>
<div class="css-1ljkq0s"><p class="css-at9mc1">Local news takes time and money. The Tidewater Herald is supported by readers like you: become a member today for $1 a week.</p></div></div>
<div class="css-wq8rdl"><h2 class="css-hj2r9n">Most read</h2><ol class="css-m2a9se">{popular}</ol></div></div>
<div class="css-pbg7xn"><p>&copy; 2024 Tidewater Herald Media. All rights reserved.</p><a href="/privacy">Privacy</a> <a href="/terms">Terms</a></div></div></div>
<script id="__NEXT_DATA__" type="application/json">{{"props":{{"pageProps":{{"slug":"{story.slug}"}}}},"page":"/[section]/[...slug]","buildId":"tw81"}}</script></body></html>"""
    return url, html


def echodesvallees(story, siblings):
    """French regional site, table layout; bare-text stories, floated photo tables, video box."""
    base = "https://www.echodesvallees.example"
    d = when(story)
    url = f"{base}/{story.meta.get('section', 'actu').lower().replace(' ', '-').replace('é', 'e')}/{story.slug}-{stable_id(story.slug) % 90000 + 10000}.php"
    bare = story.meta.get("bare") == "yes"
    photo_table = lambda t, x: (f'<table align="right" width="280" cellpadding="4" class="cadre"><tr><td><img src="/photos/{story.slug}.jpg" width="270"><br>'
                                f'<i>{esc(t)}</i><br><font size="1" color="#777777">{esc(x)}</font></td></tr></table>')
    if bare:
        # Lines typed straight into the text box: separated by <br /><br />, figures and ad boxes in between.
        render = {
            "p": lambda t, x: f"{esc(t)}<br /><br />",
            "caption": lambda t, x: f'<figure><img src="/photos/{story.slug}.jpg"><figcaption>{esc(t)} ({esc(x)})</figcaption></figure>',
            "item": lambda t, x: f"{esc(t)}<br />",
        }
        inserts = {2: '<div class="encart-pub"><span>Publicité</span></div>'}
    else:
        render = {"p": lambda t, x: f"<p>{esc(t)}</p>", "caption": photo_table, "item": lambda t, x: f"<li>{esc(t)}</li>"}
        inserts = {1: '<div class="encart-pub"><span>Publicité</span></div>'}
    body = body_items(story, render, inserts) if bare else _wrap_lists(body_items(story, render, inserts), "ul")
    video = ""
    if "video" in story.meta:
        video = f'<div class="lecteur"><div class="lecteur__titre">{esc(story.meta["video"])}</div><div class="lecteur__ecran" data-id="v{stable_id(story.slug) % 999}"></div></div>'
    note = f'<hr><i>{esc(story.meta["note"])}</i>' if "note" in story.meta else ""
    contact = _contact(story, "h4", "<p>{}</p>")
    plus_lus = "".join(f'<tr><td class="liste"><a href="{base}/x/{s.slug}.php">{esc(s.meta["title"])}</a></td></tr>' for s in others(story, siblings, 5))
    a_lire = others(story, siblings, 1)[0]
    html = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN"><html lang="fr"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>{esc(story.meta['title'])} - L'Écho des Vallées</title><meta property="og:type" content="article"><meta property="og:title" content="{esc(story.meta['title'])}">
<meta property="article:published_time" content="{story.meta['date']}">{jsonld(story, "L'Écho des Vallées", url)}</head>
<body><div id="bandeau-cookies"><p>Nous utilisons des cookies pour mesurer l'audience et vous proposer des publicités adaptées. Vos données privées ne sont jamais revendues.</p><a href="#">J'accepte</a></div>
<table width="960" align="center" cellpadding="0" cellspacing="0"><tr><td colspan="2"><a href="/"><img src="/img/logo-echo.gif" alt="L'Écho des Vallées"></a></td></tr>
<tr><td colspan="2" class="rubriques"><a href="/">Accueil</a> | <a href="/vie-locale/">Vie locale</a> | <a href="/environnement/">Environnement</a> | <a href="/culture/">Culture</a> | <a href="/sports/">Sports</a> | <a href="/necrologie/">Nécrologie</a></td></tr>
<tr><td width="660" valign="top"><div class="article"><div class="rubrique">{esc(story.meta.get('section', ''))}</div><h1 class="titre">{esc(story.meta['title'])}</h1>
<div class="signature">Par {esc(story.meta.get('author', ''))}<br>Publié le {d.day} {MOIS[d.month - 1]} {d.year} à {d:%Hh%M}</div>
{video}<section class="texte">{body}{note}{contact}</section>
<div class="alire"><b>À lire aussi :</b> <a href="{base}/x/{a_lire.slug}.php">{esc(a_lire.meta['title'])}</a></div>
<div class="partage">Partager : <a href="#">Facebook</a> <a href="#">X</a> <a href="#">Courriel</a></div></div></td>
<td width="300" valign="top"><table width="100%"><tr><td class="entete-liste">Les plus lus</td></tr>{plus_lus}</table>
<p class="petit">Abonnez-vous à L'Écho des Vallées : l'édition numérique dès 2 euros par mois.</p></td></tr>
<tr><td colspan="2" class="pied"><font size="1">L'Écho des Vallées, 12 rue du Pont, Saint-Amans. Tous droits réservés. Mentions légales - Données personnelles</font></td></tr></table></body></html>"""
    return url, html
