"""www.echodescausses.example: a French regional daily (L'Écho des Causses) on an in-house CMS.

Boilerplate, in French: consent wall ("Nous et nos partenaires..."), top menu with the
départements' towns, "Abonnez-vous" offers, breadcrumb, "Par ... / Publié le ... mis à jour
le ...", "Lire aussi :" paragraphs and an "À lire aussi" box inside the body, a newsletter
box, a video player with its title, photo credits ("Photo DR", "L'Écho des Causses - X"),
"Partager" bar, "Sur le même sujet", "Les plus lus", "Réagir" comments with rules, and a
footer with legal links and "© L'Écho des Causses 2024".
"""

from __future__ import annotations

import json

from common import esc, hexid, inline, rng_for, slugify

HOST = "www.echodescausses.example"
NAME = "L'Écho des Causses"
LANGUAGE = "fr"
CHARSET = "utf-8"
ARCHIVE = [
    "Rodez : la fête de la musique se prépare déjà",
    "Millau : une nouvelle boulangerie s'installe avenue de la République",
    "Lozère : les routes de montagne rouvertes après les chutes de neige",
    "Saint-Affrique : le cinéma fête ses 50 ans",
    "Aveyron : le prix des terres agricoles continue de grimper",
    "Marvejols : le conseil municipal vote le budget 2024",
    "Faits divers : un automobiliste flashé à 182 km/h sur la RN 88",
]
MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]
MENU = ["Aveyron", "Rodez", "Millau", "Villefranche-de-Rouergue", "Saint-Affrique", "Lozère", "Mende", "Sports", "Faits divers", "Économie", "Loisirs", "Nécrologie"]


def url_for_slug(slug: str) -> str:
    n = 11_000_000 + sum(map(ord, slug)) * 613 % 900_000
    return f"https://{HOST}/{2024}/03/{slug},{n}.php"


def url(story) -> str:
    n = 11_000_000 + sum(map(ord, story.slug)) * 613 % 900_000
    return f"https://{HOST}/{story.when:%Y/%m/%d}/{story.slug},{n}.php"


def _date(w):
    return f"{w.day:02d}/{w.month:02d}/{w.year} à {w:%H:%M}"


def _img(r, alt):
    return f'<img src="https://img.echodescausses.example/{hexid(r, 2)}/{hexid(r, 2)}/{hexid(r, 24)}.jpg" alt="{esc(alt)}" width="1280" height="720" loading="lazy">'


def _body(story, site, r):
    out, n = [], 0
    box = site.others(story, rng_for(HOST, story.slug, "box"), 3)
    for b in story.blocks:
        if b.kind == "p":
            out.append(f"<p>{inline(b.text)}</p>")
            n += 1
            if n == 2:
                items = "".join(f'<li><a href="{url_for_slug(s)}">{esc(t)}</a></li>' for t, s in box)
                out.append(f'<aside class="article__related-inline"><p class="article__related-title">À lire aussi</p><ul>{items}</ul></aside>')
            elif n == 4:
                out.append('<div class="pub pub--inread" data-pub="inread"><span class="pub__label">Publicité</span><div id="inread-1"></div></div>')
            elif n == 6:
                out.append('<div class="newsletter-box"><p class="newsletter-box__title">La newsletter de L\'Écho</p>'
                           '<p>Recevez chaque matin l\'essentiel de l\'actualité de l\'Aveyron et de la Lozère.</p>'
                           '<form><input type="email" placeholder="Votre adresse e-mail"><button>Je m\'inscris</button></form>'
                           '<p class="newsletter-box__legal">Vos données sont traitées conformément à notre politique de confidentialité. '
                           'Vous pouvez vous désinscrire à tout moment.</p></div>')
        elif b.kind == "h":
            out.append(f'<h2 class="article__intertitle">{esc(b.text)}</h2>')
        elif b.kind == "ul":
            out.append("<ul>" + "".join(f"<li>{inline(i)}</li>" for i in b.items) + "</ul>")
        elif b.kind == "quote":
            out.append(f'<blockquote class="article__quote"><p>« {esc(b.text)} »</p></blockquote>')
        elif b.kind == "rel":
            target = next((s for s in site.stories if s["title"] == b.text), None)
            out.append(f'<p class="lire-aussi"><strong>Lire aussi :</strong> <a href="{url_for_slug(target.slug if target else slugify(b.text))}">{esc(b.text)}</a></p>')
        elif b.kind == "img":
            cap, credit = b.items
            out.append(f'<figure class="article__media">{_img(r, cap)}<figcaption>{esc(cap)} <span class="credit">{esc(credit)}</span></figcaption></figure>')
        elif b.kind == "gallery":
            slides = "".join(f'<figure class="diaporama__slide">{_img(r, c)}<figcaption><span class="diaporama__count">{i + 1}/{len(b.items)}</span> {esc(c)} <span class="credit">{esc(cr)}</span></figcaption></figure>'
                             for i, (c, cr) in enumerate(b.items))
            out.append(f'<div class="diaporama"><p class="diaporama__title">Diaporama</p>{slides}</div>')
        elif b.kind == "tweet":
            name, handle, text, date = b.items
            out.append(f'<blockquote class="twitter-tweet"><p lang="fr" dir="ltr">{esc(text)}</p>&mdash; {esc(name)} ({esc(handle)}) '
                       f'<a href="https://twitter.com/{handle[1:]}/status/17{r.randrange(10**16, 10**17)}">{esc(date)}</a></blockquote>')
    if story.get("video"):
        out.append(f'<div class="video-player"><p class="video-player__title">VIDÉO. {esc(story["video"])}</p>'
                   f'<div class="dm-player" data-video="x8{hexid(r, 5)}"></div></div>')
    return "\n".join(out)


def render(story, site) -> str:
    r = rng_for(HOST, story.slug)
    page_url = url(story)
    w = story.when
    author = story["author"]
    updated = w.replace(hour=min(23, w.hour + 1))
    cap, credit = story["image"].split(" | ")
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": story["title"], "description": story["dek"],
          "datePublished": story.iso, "dateModified": story.iso, "inLanguage": "fr-FR",
          "author": [{"@type": "Person", "name": author}],
          "publisher": {"@type": "Organization", "name": NAME}, "isAccessibleForFree": True,
          "mainEntityOfPage": page_url}
    same = site.others(story, rng_for(HOST, story.slug, "same"), 3)
    plus = site.others(story, rng_for(HOST, story.slug, "plus"), 5)
    menu = "".join(f'<li><a href="/{slugify(m)}/">{esc(m)}</a></li>' for m in MENU)
    same_html = "".join(f'<article class="card"><a href="{url_for_slug(s)}">{_img(r, t)}<h3>{esc(t)}</h3></a><p class="card__meta">Abonnés</p></article>'
                        for t, s in same)
    plus_html = "".join(f'<li><span>{i + 1}</span><a href="{url_for_slug(s)}">{esc(t)}</a></li>' for i, (t, s) in enumerate(plus))
    n_com = r.randint(0, 60)
    return f"""<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<title>{esc(story["title"])} - L'Écho des Causses</title>
<meta name="description" content="{esc(story["dek"])}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="canonical" href="{page_url}">
<meta property="og:title" content="{esc(story["title"])}">
<meta property="og:description" content="{esc(story["dek"])}">
<meta property="og:locale" content="fr_FR">
<meta property="og:site_name" content="{esc(NAME)}">
<meta property="og:url" content="{page_url}">
<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>
<script>window.didomiConfig={{"app":{{"apiKey":"{hexid(r, 8)}-{hexid(r, 4)}","vendors":{{"iab":{{"all":true}}}}}}}};</script>
<link rel="stylesheet" href="/assets/css/main.{hexid(r, 10)}.css">
</head>
<body class="page-article rubrique-{slugify(story["section"])}">
<div id="didomi-host"><div class="didomi-popup-notice" role="dialog" aria-label="Consentement">
<p class="didomi-popup-notice-title">Bienvenue sur L'Écho des Causses</p>
<p class="didomi-popup-notice-text">Nous et nos partenaires utilisons des cookies et technologies similaires pour stocker et/ou accéder à des informations sur votre terminal, afin de vous proposer des publicités et contenus personnalisés, mesurer leur performance et développer nos services. Votre consentement est nécessaire pour certaines de ces finalités. Vous pouvez le retirer à tout moment via le lien « Gérer mes cookies » en bas de page.</p>
<div class="didomi-buttons"><button id="didomi-notice-disagree-button">Continuer sans accepter</button><button id="didomi-notice-learn-more-button">Paramétrer les cookies</button><button id="didomi-notice-agree-button">Accepter et fermer</button></div>
<p>Vous pouvez aussi <a href="/abonnement/">vous abonner</a> pour naviguer sans publicité ciblée.</p>
</div></div>
<header class="header">
<div class="header__top"><a class="header__logo" href="/"><img src="/assets/img/logo-echo.svg" alt="L'Écho des Causses"></a>
<a class="header__edition" href="/journal-numerique/">Le journal du jour</a><a class="btn btn--sub" href="/abonnement/?origine=header">S'abonner 1€ le 1er mois</a><a class="header__login" href="/compte/">Se connecter</a></div>
<nav class="header__menu" aria-label="Menu principal"><ul>{menu}</ul></nav>
</header>
<main class="main">
<div class="pub pub--banniere"><span class="pub__label">Publicité</span><div id="banniere-haute"></div></div>
<nav class="breadcrumb" aria-label="Fil d'Ariane"><ol><li><a href="/">Accueil</a></li><li><a href="/{slugify(story["section"])}/">{esc(story["section"])}</a></li><li>{esc(story.get("town", story["section"]))}</li></ol></nav>
<article class="article">
<header class="article__header">
<p class="article__surtitre">{esc(story.get("town", story["section"]))}</p>
<h1 class="article__title">{esc(story["title"])}</h1>
<p class="article__chapo">{esc(story["dek"])}</p>
<div class="article__meta"><p class="article__author">Par <a href="/auteur/{slugify(author)}/">{esc(author)}</a></p>
<p class="article__date">Publié le <time datetime="{story.iso}">{_date(w)}</time>, mis à jour le <time>{_date(updated)}</time></p>
<p class="article__readtime">Lecture : {max(1, sum(len(p.split()) for p in story.paragraphs()) // 200)} min</p></div>
<div class="share"><span>Partager</span><a href="#" class="share__fb">Facebook</a><a href="#" class="share__x">X</a><a href="#" class="share__wa">WhatsApp</a><a href="#" class="share__mail">E-mail</a><a href="#" class="share__copy">Copier le lien</a><a href="#commentaires" class="share__comments">{n_com} commentaires</a></div>
</header>
<figure class="article__media article__media--main">{_img(r, cap)}<figcaption>{esc(cap)} <span class="credit">{esc(credit)}</span></figcaption></figure>
<div class="article__content">
{_body(story, site, r)}
</div>
<div class="article__tags"><span>Mots-clés :</span> {"".join(f'<a href="/tag/{slugify(t)}/">{esc(t.strip())}</a> ' for t in story.get("tags", story["section"]).split(","))}</div>
<div class="abo-box"><p class="abo-box__title">Soutenez l'information locale</p><p>Abonnez-vous à L'Écho des Causses et accédez à tous nos articles, au journal numérique et aux archives. Sans engagement.</p><a class="btn" href="/abonnement/?origine=article">Je m'abonne</a></div>
<section id="commentaires" class="comments"><h2>Réagir</h2><p>{n_com} commentaires</p><p class="comments__rules">Les commentaires sont modérés. Merci de respecter la charte de modération. Pour réagir, vous devez être abonné et connecté.</p><a class="btn" href="/compte/">Se connecter</a></section>
</article>
<section class="same-topic"><h2>Sur le même sujet</h2>{same_html}</section>
<aside class="sidebar"><section class="most-read"><h2>Les plus lus</h2><ol>{plus_html}</ol></section>
<div class="pub pub--pave"><span class="pub__label">Publicité</span><div id="pave-1"></div></div></aside>
</main>
<footer class="footer">
<div class="footer__cols">
<ul><li><a href="/qui-sommes-nous/">Qui sommes-nous ?</a></li><li><a href="/nous-contacter/">Nous contacter</a></li><li><a href="/recrutement/">Nous rejoindre</a></li><li><a href="/annonces-legales/">Annonces légales</a></li><li><a href="/avis-de-deces/">Avis de décès</a></li></ul>
<ul><li><a href="/mentions-legales/">Mentions légales</a></li><li><a href="/cgu/">Conditions générales d'utilisation</a></li><li><a href="/cgv/">Conditions générales de vente</a></li><li><a href="/confidentialite/">Politique de confidentialité</a></li><li><a href="javascript:Didomi.preferences.show()">Gérer mes cookies</a></li></ul>
<ul><li><a href="/abonnement/">Abonnement</a></li><li><a href="/journal-numerique/">Journal numérique</a></li><li><a href="/newsletters/">Newsletters</a></li><li><a href="/applis/">Nos applications</a></li><li><a href="/plan-du-site/">Plan du site</a></li></ul>
</div>
<p class="footer__copyright">© L'Écho des Causses 2024 - Tous droits réservés. Toute reproduction interdite sans autorisation.</p>
</footer>
<script src="/assets/js/main.{hexid(r, 10)}.js" defer></script>
</body>
</html>
"""
