"""Site layouts, part B: German, Spanish and French custom CMSs, and a Ghost newsletter site."""

from __future__ import annotations

from common import TRACKING_SCRIPT, body_items, esc, jsonld, others, when, stable_id

MONATE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"]
MESES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"]
MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"]


def rheinblatt(story, siblings):
    """German regional paper, custom CMS; ISO-8859-15 encoded; live ticker pages."""
    base = "https://www.rheinblatt.example"
    d = when(story)
    url = f"{base}/{story.meta.get('section', 'lokales').lower().replace('ä', 'ae')}/{story.slug}-{stable_id(story.slug) % 900000 + 100000}.html"
    teaser = "".join(f'<li class="teaser-list__item"><a href="{base}/x/{s.slug}.html"><span class="teaser__kicker">{esc(s.meta.get("section", ""))}</span><span class="teaser__title">{esc(s.meta["title"])}</span></a></li>' for s in others(story, siblings, 4))
    render = {
        "p": lambda t, x: f'<p class="text">{esc(t)}</p>',
        "h2": lambda t, x: f'<h2 class="zwischentitel">{esc(t)}</h2>',
        "caption": lambda t, x: f'<div class="bild bild--inline"><picture><img src="/img/{story.slug}.jpg" alt=""></picture><p class="bild__unterschrift">{esc(t)}</p><p class="bild__quelle">{esc(x)}</p></div>',
        "quote": lambda t, x: f'<div class="zitatbox"><p>„{esc(t)}“</p></div>',
        "readmore": lambda t, x: f'<p class="text"><strong>Lesen Sie auch:</strong> <a href="{base}/x/weiter.html">{esc(t)}</a></p>',
        "entry": lambda t, x: f'</div><div class="ticker-eintrag"><span class="ticker-eintrag__zeit">{x} Uhr</span><h3 class="ticker-eintrag__titel">{esc(t)}</h3>',
    }
    abo = '<div class="paywall-hinweis rb-plus-teaser"><p>Sie lesen gerne das Rheinblatt? Mit RB+ lesen Sie alle Artikel ohne Werbung – den ersten Monat für 0,99 €.</p><a href="/abo/">Jetzt abonnieren</a></div>'
    body = body_items(story, render, inserts={3: abo} if story.kind == "article" else None)
    if story.kind == "live":
        body = f'<div class="ticker"><div class="ticker-eintrag ticker-intro">{body}</div></div>'
    html = f"""<!DOCTYPE html><html lang="de"><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-15">
<title>{esc(story.meta['title'])} - Rheinblatt</title><meta name="date" content="{story.meta['date']}"><meta property="og:site_name" content="Rheinblatt">
<meta property="og:locale" content="de_DE"><link rel="canonical" href="{url}">{jsonld(story, 'Rheinblatt', url, 'LiveBlogPosting' if story.kind == 'live' else 'NewsArticle')}
{TRACKING_SCRIPT}</head><body class="artikel"><div class="cmp-overlay" id="cmp"><div class="cmp-box"><h2>Wir verwenden Cookies</h2><p>Wir und unsere Partner verwenden Cookies und ähnliche Technologien, um Inhalte und Anzeigen zu personalisieren und die Zugriffe auf unsere Website zu analysieren. Sie können Ihre Auswahl jederzeit in den Einstellungen ändern.</p><button>Alle akzeptieren</button><button>Einstellungen</button></div></div>
<div class="seite"><header class="kopf"><a class="logo" href="/">Rheinblatt</a><ul class="hauptnavigation"><li><a href="/lokales/">Lokales</a></li><li><a href="/region/">Region</a></li><li><a href="/politik/">Politik</a></li><li><a href="/wirtschaft/">Wirtschaft</a></li><li><a href="/sport/">Sport</a></li><li><a href="/kultur/">Kultur</a></li><li><a href="/polizeibericht/">Polizeibericht</a></li></ul><a class="kopf__abo" href="/abo/">Abo</a></header>
<div class="brotkrumen"><a href="/">Startseite</a> › <a href="/{story.meta.get('section', '').lower()}/">{esc(story.meta.get('section', ''))}</a> › {esc(story.meta['title'][:30])}</div>
<div class="inhalt"><div class="artikel-spalte"><div class="artikel-kopf"><span class="dachzeile">{esc(story.meta.get('section', ''))}</span><h1 class="titel">{esc(story.meta['title'])}</h1>
<p class="autor">Von {esc(story.meta.get('author', ''))}</p><p class="datum">{d.day}. {MONATE[d.month - 1]} {d.year}, {d:%H:%M} Uhr</p>
<div class="teilen"><a href="#">Teilen</a><a href="#">WhatsApp</a><a href="#">E-Mail</a><a href="#">Drucken</a></div></div>
<div class="artikel-text">{body}</div>
<p class="artikel-quelle">© Rheinblatt {d.year} – Alle Rechte vorbehalten</p>
<div class="mehr-zum-thema"><h3>Mehr zum Thema</h3><ul class="teaser-list">{teaser}</ul></div>
<div class="newsletter-box"><h3>Der Morgen am Rhein</h3><p>Newsletter abonnieren: Jeden Morgen die wichtigsten Nachrichten aus der Region direkt in Ihr Postfach.</p></div></div>
<div class="rechte-spalte"><div class="meistgelesen"><h3>Meistgelesen</h3><ol>{teaser}</ol></div><div class="anzeige"><span>Anzeige</span></div></div></div>
<footer class="fuss"><a href="/impressum/">Impressum</a> <a href="/datenschutz/">Datenschutz</a> <a href="/agb/">AGB</a> <a href="/kontakt/">Kontakt</a><p>Rheinblatt Verlag GmbH &amp; Co. KG</p></footer></div></body></html>"""
    return url, html


def eldiariosur(story, siblings):
    """Spanish WordPress site on a magazine theme (td-* classes), lots of widgets."""
    base = "https://eldiariosur.example"
    d = when(story)
    url = f"{base}/{d.year}/{d.month:02d}/{d.day:02d}/{story.slug}/"
    blocks = "".join(f'<div class="td_module_flex td_module_flex_1"><div class="td-module-meta-info"><h3 class="entry-title td-module-title"><a href="{base}/x/{s.slug}/">{esc(s.meta["title"])}</a></h3><span class="td-post-date"><time class="entry-date updated td-module-date">{when(s).day} {MESES[when(s).month - 1]}, {when(s).year}</time></span></div></div>' for s in others(story, siblings, 4))
    render = {
        "p": lambda t, x: f"<p>{esc(t)}</p>",
        "h2": lambda t, x: f"<h2>{esc(t)}</h2>",
        "caption": lambda t, x: f'<figure class="wp-caption aligncenter"><img src="{base}/wp-content/uploads/foto.jpg" alt="" width="696" height="464"><figcaption class="wp-caption-text">{esc(t)} | {esc(x)}</figcaption></figure>',
        "quote": lambda t, x: f'<blockquote class="td_quote_box td_box_center"><p>{esc(t)}</p></blockquote>',
        "readmore": lambda t, x: f'<p><strong>Te puede interesar:</strong> <a href="{base}/x/">{esc(t)}</a></p>',
    }
    html = f"""<!doctype html ><html lang="es"><head><title>{esc(story.meta['title'])} - El Diario del Sur</title><meta charset="UTF-8" />
<meta property="og:locale" content="es_ES"><meta property="og:type" content="article"><meta property="og:title" content="{esc(story.meta['title'])}"><meta property="og:url" content="{url}"><meta property="og:site_name" content="El Diario del Sur">
<meta property="article:published_time" content="{story.meta['date']}"><meta name="author" content="{esc(story.meta.get('author', ''))}">
<script type="text/javascript">var tdBlocksArray = []; var tds_login_sing_in_widget="show"; var td_ajax_url="{base}/wp-admin/admin-ajax.php";</script></head>
<body class="post-template-default single single-post td-standard-pack global-block-template-1 td-full-layout"><div class="td-scroll-up"></div><div id="td-outer-wrap" class="td-theme-wrap">
<div class="td-header-wrap"><div class="td-header-top-menu"><div class="td_data_time">{d.day} {MESES[d.month - 1]}, {d.year}</div><ul class="top-header-menu"><li><a href="{base}/contacto/">Contacto</a></li><li><a href="{base}/publicidad/">Publicidad</a></li></ul></div>
<div class="td-header-menu-wrap"><ul id="menu-principal" class="sf-menu"><li><a href="{base}/local/">Local</a></li><li><a href="{base}/politica/">Política</a></li><li><a href="{base}/economia/">Economía</a></li><li><a href="{base}/sucesos/">Sucesos</a></li><li><a href="{base}/cultura/">Cultura</a></li><li><a href="{base}/deportes/">Deportes</a></li></ul></div></div>
<div class="td-main-content-wrap td-container-wrap"><div class="td-container td-post-template-default"><div class="td-crumb-container"><div class="entry-crumbs"><span><a href="{base}/">Inicio</a></span> <i class="td-icon-right td-bread-sep"></i> <span>{esc(story.meta.get('section', ''))}</span></div></div>
<div class="td-pb-row"><div class="td-pb-span8 td-main-content" role="main"><div class="td-ss-main-content"><article class="post type-post status-publish format-standard">
<div class="td-post-header"><ul class="td-category"><li class="entry-category"><a href="{base}/x/">{esc(story.meta.get('section', ''))}</a></li></ul><header class="td-post-title"><h1 class="entry-title">{esc(story.meta['title'])}</h1>
<div class="td-module-meta-info"><div class="td-post-author-name"><div class="td-author-by">Por</div> <a href="{base}/author/x/">{esc(story.meta.get('author', ''))}</a><div class="td-author-line"> - </div></div><span class="td-post-date"><time class="entry-date updated td-module-date" datetime="{story.meta['date']}">{d.day} {MESES[d.month - 1]}, {d.year}</time></span><div class="td-post-views"><span class="td-nr-views-9921">1{d.day}42</span></div></div></header></div>
<div class="td-post-sharing-top"><div class="td-post-sharing-visible"><a class="td-social-sharing-button td-social-facebook" href="#"><span class="td-social-but-text">Facebook</span></a><a class="td-social-sharing-button td-social-twitter" href="#"><span class="td-social-but-text">Twitter</span></a><a class="td-social-sharing-button td-social-whatsapp" href="#"><span class="td-social-but-text">WhatsApp</span></a></div></div>
<div class="td-post-content tagdiv-type">{body_items(story, render, inserts={2: '<div class="td-a-rec td-a-rec-id-content_inline"><span class="td-adspot-title">- Publicidad -</span></div>'})}</div>
<footer><div class="td-post-source-tags"><ul class="td-tags td-post-small-box clearfix"><li><span>ETIQUETAS</span></li><li><a href="{base}/tag/x/">{esc(story.meta.get('section', ''))}</a></li></ul></div>
<div class="td-post-sharing-bottom"><div class="td-post-sharing-visible"><a class="td-social-sharing-button td-social-facebook" href="#"><span class="td-social-but-text">Compartir</span></a></div></div>
<div class="td-block-row td-post-next-prev"><div class="td-block-span6 td-post-prev-post"><div class="td-post-next-prev-content"><span>Artículo anterior</span><a href="#">{esc(others(story, siblings, 1)[0].meta['title'])}</a></div></div></div>
<div class="td-author-name vcard author"><a href="#">{esc(story.meta.get('author', ''))}</a><div class="td-author-description">Periodista de la sección de {esc(story.meta.get('section', '').lower())}. Escribe sobre lo que pasa en la ciudad y la provincia.</div></div></footer></article>
<div class="td_block_wrap td_block_related_posts"><h4 class="td-related-title"><a class="td-related-left td-cur-simple-item" href="#">ARTÍCULOS RELACIONADOS</a><a class="td-related-right" href="#">MÁS DEL AUTOR</a></h4><div class="td_block_inner">{blocks}</div></div>
<div class="comments" id="comments"><div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">DEJA UNA RESPUESTA</h3><p class="comment-notes">Por favor ingrese su comentario!</p><p class="comment-form-author">Por favor ingrese su nombre aquí</p></div></div></div></div>
<div class="td-pb-span4 td-main-sidebar" role="complementary"><div class="td-ss-main-sidebar"><div class="td_block_wrap td_block_social_counter"><h4 class="block-title"><span>SÍGUENOS</span></h4><div class="td-social-list"><span>12,480 Fans</span><span>Me gusta</span><span>4,210 Seguidores</span><span>Seguir</span></div></div>
<div class="td_block_wrap td_block_7"><h4 class="block-title"><span>LO ÚLTIMO</span></h4><div class="td_block_inner">{blocks}</div></div></div></div></div></div></div>
<div class="td-footer-wrapper"><div class="footer-text-wrap">El Diario del Sur es un periódico digital independiente con noticias de la ciudad y la provincia. Contacte con nosotros: redaccion@eldiariosur.example</div><div class="td-sub-footer-copy">© Copyright 2024 - El Diario del Sur. Todos los derechos reservados.</div></div>
<div id="cookie-law-info-bar"><span>Utilizamos cookies propias y de terceros para mejorar nuestros servicios. Si continúa navegando, consideramos que acepta su uso. <a role="button" class="cli_action_button" data-cli_action="accept">ACEPTAR</a> <a href="{base}/politica-de-cookies/">Leer más</a></span></div></div></body></html>"""
    return url, html


def lequotidien(story, siblings):
    """French national paper, custom CMS with BEM classes and an 'À lire aussi' block."""
    base = "https://www.lequotidien.example"
    d = when(story)
    url = f"{base}/{story.meta.get('section', 'actualite').lower().replace('é', 'e')}/article/{d:%Y/%m/%d}/{story.slug}_{stable_id(story.slug) % 9000000}_{d.month}.html"
    alire = "".join(f'<li class="services__item"><a href="{base}/x/{s.slug}.html" class="services__link">{esc(s.meta["title"])}</a></li>' for s in others(story, siblings, 3))
    render = {
        "p": lambda t, x: f'<p class="article__paragraph">{esc(t)}</p>',
        "h2": lambda t, x: f'<h2 class="article__sub-title">{esc(t)}</h2>',
        "caption": lambda t, x: f'<figure class="article__media"><img src="https://img.lequotidien.example/{story.slug}.jpg" alt="" class="article__media-img"><figcaption class="article__legend">{esc(t)} <span class="article__credit">{esc(x)}</span></figcaption></figure>',
        "quote": lambda t, x: f'<aside class="article__citation"><blockquote>« {esc(t)} »</blockquote></aside>',
        "readmore": lambda t, x: f'<section class="catcher catcher--inline"><span class="catcher__label">Lire aussi</span> <a class="catcher__link" href="{base}/x/">{esc(t)}</a></section>',
    }
    html = f"""<!DOCTYPE html><html lang="fr" prefix="og: http://ogp.me/ns#"><head><meta charset="utf-8"><title>{esc(story.meta['title'])}</title>
<meta property="og:title" content="{esc(story.meta['title'])}"><meta property="og:site_name" content="Le Quotidien"><meta property="og:type" content="article">
<meta property="article:published_time" content="{story.meta['date']}"><link rel="canonical" href="{url}">{jsonld(story, 'Le Quotidien', url)}
{TRACKING_SCRIPT}</head><body><div class="old__wrapper"><header class="Header"><a class="Header__logo" href="/">Le Quotidien</a><nav class="Header__nav"><a href="/international/">International</a><a href="/politique/">Politique</a><a href="/societe/">Société</a><a href="/economie/">Économie</a><a href="/culture/">Culture</a><a href="/idees/">Idées</a></nav><a class="Header__subscribe" href="/abonnement/">S'abonner</a><a href="/connexion/">Se connecter</a></header>
<main><section class="zone zone--article"><header class="article__header"><ul class="breadcrumb"><li><a href="/">Accueil</a></li><li><a href="/{story.meta.get('section', '').lower()}/">{esc(story.meta.get('section', ''))}</a></li></ul>
<h1 class="article__title">{esc(story.meta['title'])}</h1><section class="meta meta__publisher"><span class="meta__author">Par <a class="article__author-link" href="/signataires/x/">{esc(story.meta.get('author', ''))}</a></span><span class="meta__date">Publié le {d.day} {MOIS[d.month - 1]} {d.year} à {d:%Hh%M}</span><span class="meta__reading-time">Temps de lecture : 2 min.</span></section>
<div class="article__share"><button class="btn--share">Partager</button><button class="btn--share">Offrir cet article</button></div></header>
<article class="article__content old__article-content-single">{body_items(story, render)}
<section class="article__reactions"><p>Vous pouvez lire <a href="/reactions/">les réactions</a> à cet article. Cet espace est réservé aux abonnés.</p></section></article>
<section class="services services--a-lire"><h3 class="services__title">À lire aussi</h3><ul>{alire}</ul></section>
<section class="inread inread--NL"><p class="inread__title">Newsletter « La Matinale »</p><p>Chaque matin, l'essentiel de l'actualité sélectionné par la rédaction. Inscrivez-vous gratuitement.</p><a href="/newsletters/">S'inscrire</a></section></section></main>
<footer class="Footer"><p>Le Quotidien – Édition du jour. Toute reproduction interdite sans autorisation.</p><nav><a href="/cgv/">CGV</a><a href="/mentions-legales/">Mentions légales</a><a href="/cookies/">Gestion des cookies</a></nav></footer></div>
<div id="didomi-host"><div class="didomi-popup"><p>Nous utilisons des cookies pour mesurer l'audience et vous proposer des publicités personnalisées. Vous pouvez accepter ou refuser à tout moment.</p><button>Accepter</button><button>Refuser</button></div></div></body></html>"""
    return url, html


def capitolbrief(story, siblings):
    """Ghost CMS: gh-* and kg-* card classes, members signup CTA."""
    base = "https://capitolbrief.example"
    url = f"{base}/{story.slug}/"
    d = when(story)
    feed = "".join(f'<article class="post-card post"><a class="post-card-image-link" href="{base}/{s.slug}/"></a><div class="post-card-content"><a class="post-card-content-link" href="{base}/{s.slug}/"><header class="post-card-header"><h2 class="post-card-title">{esc(s.meta["title"])}</h2></header></a><footer class="post-card-meta"><time class="post-card-meta-date">{when(s):%b %-d, %Y}</time></footer></div></article>' for s in others(story, siblings, 3))
    render = {
        "p": lambda t, x: f"<p>{esc(t)}</p>",
        "h2": lambda t, x: f'<h2 id="{esc(t.lower().replace(" ", "-"))}">{esc(t)}</h2>',
        "caption": lambda t, x: f'<figure class="kg-card kg-image-card kg-card-hascaption"><img src="{base}/content/images/2024/03/photo.jpg" class="kg-image" alt="" loading="lazy" width="2000" height="1333"><figcaption><span style="white-space: pre-wrap;">{esc(t)} ({esc(x)})</span></figcaption></figure>',
        "quote": lambda t, x: f'<blockquote class="kg-blockquote-alt"><span style="white-space: pre-wrap;">{esc(t)}</span></blockquote>',
        "readmore": lambda t, x: f'<div class="kg-card kg-bookmark-card"><a class="kg-bookmark-container" href="{base}/x/"><div class="kg-bookmark-content"><div class="kg-bookmark-title">{esc(t)}</div><div class="kg-bookmark-description">An explainer from the Capitol Brief archive.</div><div class="kg-bookmark-metadata"><span class="kg-bookmark-author">Capitol Brief</span></div></div></a></div>',
    }
    cta = '<div class="kg-card kg-cta-card kg-cta-bg-grey"><div class="kg-cta-content"><p>Capitol Brief is reader-supported. Become a member to get every briefing by email the moment it is published.</p><a href="#/portal/signup" class="kg-cta-button">Subscribe</a></div></div>'
    html = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="X-UA-Compatible" content="IE=edge"><title>{esc(story.meta['title'])}</title>
<link rel="canonical" href="{url}"><meta name="referrer" content="no-referrer-when-downgrade"><meta property="og:site_name" content="Capitol Brief"><meta property="og:type" content="article"><meta property="og:title" content="{esc(story.meta['title'])}">
<meta property="article:published_time" content="{d.astimezone().isoformat()}"><meta property="article:tag" content="{esc(story.meta.get('section', ''))}">
{jsonld(story, 'Capitol Brief', url, 'Article')}<meta name="generator" content="Ghost 5.80"><script defer src="https://cdn.jsdelivr.example/ghost/portal@~2.37/umd/portal.min.js" data-ghost="{base}/"></script></head>
<body class="post-template tag-{story.meta.get('section', '').lower()}"><div class="viewport"><header id="gh-head" class="gh-head outer"><div class="gh-head-inner inner"><div class="gh-head-brand"><a class="gh-head-logo" href="{base}">Capitol Brief</a></div>
<nav class="gh-head-menu"><ul class="nav"><li class="nav-home"><a href="{base}/">Home</a></li><li class="nav-briefing"><a href="{base}/tag/briefing/">Briefing</a></li><li class="nav-congress"><a href="{base}/tag/congress/">Congress</a></li><li class="nav-defense"><a href="{base}/tag/defense/">Defense</a></li><li class="nav-about"><a href="{base}/about/">About</a></li></ul></nav>
<div class="gh-head-actions"><a class="gh-head-link" href="#/portal/signin" data-portal="signin">Sign in</a><a class="gh-head-button" href="#/portal/signup" data-portal="signup">Subscribe</a></div></div></header>
<div class="site-content"><main id="site-main" class="site-main"><article class="article post"><header class="article-header gh-canvas"><section class="article-tag post-card-tags"><span class="post-card-primary-tag"><a href="{base}/tag/x/">{esc(story.meta.get('section', ''))}</a></span></section>
<h1 class="article-title">{esc(story.meta['title'])}</h1><div class="article-byline"><section class="article-byline-content"><div class="article-byline-meta"><h4 class="author-name"><a href="{base}/author/x/">{esc(story.meta.get('author', ''))}</a></h4><div class="byline-meta-content"><time class="byline-meta-date" datetime="{d:%Y-%m-%d}">{d:%b %-d, %Y}</time><span class="byline-reading-time"><span class="bull">&bull;</span> 2 min read</span></div></div></section></div></header>
<section class="gh-content gh-canvas">{body_items(story, render)}{cta if story.kind != 'brief' else ''}</section></article>
<section class="footer-cta outer"><div class="inner"><h2 class="footer-cta-title">Sign up for Capitol Brief</h2><p>Sharp, short briefings on what Congress is doing, every weekday.</p><a class="footer-cta-button" href="#/portal/signup"><div class="footer-cta-input">Enter your email</div><span>Subscribe</span></a></div></section>
<aside class="read-more-wrap outer"><div class="read-more inner"><h3 class="read-more-title">Read more</h3>{feed}</div></aside></main>
<footer class="site-footer outer"><div class="inner"><section class="copyright"><a href="{base}">Capitol Brief</a> &copy; 2024</section><nav class="site-footer-nav"><a href="{base}/privacy/">Privacy</a><a href="{base}/contact/">Contact</a></nav><div class="gh-powered-by"><a href="https://ghost.example/" target="_blank" rel="noopener">Powered by Ghost</a></div></div></footer></div></div></body></html>"""
    return url, html
