"""www.ridgelinedaily.example: the AMP version of a mountain-state daily's articles.

<html ⚡>, amp-boilerplate CSS, amp-img, amp-ad with "Advertisement", amp-consent banner,
amp-sidebar menu, amp-social-share row, amp-carousel gallery with captions, amp-twitter embeds,
"Related:" links, an "Most Popular" amp-list fallback, a "Subscribe" box and footer.
"""

from __future__ import annotations

import json

from common import esc, hexid, inline, rng_for, slugify

HOST = "www.ridgelinedaily.example"
NAME = "Ridgeline Daily"
LANGUAGE = "en"
CHARSET = "utf-8"
ARCHIVE = [
    "Avalanche danger rises to 'considerable' across the Front Range",
    "Ski area opens new lift after two-year permit fight",
    "City council delays vote on short-term rental cap",
    "Wildfire mitigation crews thin 600 acres near Granite Falls",
]


def url_for_slug(slug: str) -> str:
    return f"https://{HOST}/news/{slug}/amp/"


def url(story) -> str:
    return f"https://{HOST}/news/{story.when:%Y/%m/%d}/{story.slug}/amp/"


def _img(r, alt, w=1200, h=800):
    return f'<amp-img src="https://cdn.ridgelinedaily.example/wp-content/uploads/2024/03/{hexid(r, 10)}.jpg" width="{w}" height="{h}" layout="responsive" alt="{esc(alt)}"></amp-img>'


def _body(story, site, r):
    out, n = [], 0
    for b in story.blocks:
        if b.kind == "p":
            out.append(f"<p>{inline(b.text)}</p>")
            n += 1
            if n in (3, 7):
                out.append(f'<div class="ad-container"><span class="ad-label">Advertisement</span><amp-ad width="300" height="250" type="doubleclick" '
                           f'data-slot="/1234567/ridgeline/amp/inline{n}" data-multi-size="320x50" data-loading-strategy="prefer-viewability-over-views"></amp-ad></div>')
        elif b.kind == "h":
            out.append(f"<h2>{esc(b.text)}</h2>")
        elif b.kind == "ul":
            out.append("<ul>" + "".join(f"<li>{inline(i)}</li>" for i in b.items) + "</ul>")
        elif b.kind == "quote":
            out.append(f'<aside class="pullquote"><p>{esc(b.text)}</p></aside>')
        elif b.kind == "rel":
            target = next((s for s in site.stories if s["title"] == b.text), None)
            out.append(f'<p class="related-link"><strong>Related:</strong> <a href="{url_for_slug(target.slug if target else slugify(b.text))}">{esc(b.text)}</a></p>')
        elif b.kind == "img":
            cap, credit = b.items
            out.append(f'<figure class="wp-block-image">{_img(r, cap)}<figcaption>{esc(cap)} <span class="photo-credit">({esc(credit)})</span></figcaption></figure>')
        elif b.kind == "gallery":
            slides = "".join(f'<figure>{_img(r, c)}<figcaption>{esc(c)} <span class="photo-credit">({esc(cr)})</span></figcaption></figure>' for c, cr in b.items)
            out.append(f'<amp-carousel width="1200" height="900" layout="responsive" type="slides" role="region" aria-label="Photo gallery">{slides}</amp-carousel>')
        elif b.kind == "tweet":
            out.append(f'<amp-twitter width="375" height="472" layout="responsive" data-tweetid="17{r.randrange(10**16, 10**17)}">'
                       f'<blockquote placeholder class="twitter-tweet"><p lang="en" dir="ltr">{esc(b.items[2])}</p>&mdash; {esc(b.items[0])} ({esc(b.items[1])}) {esc(b.items[3])}</blockquote></amp-twitter>')
    return "\n".join(out)


def render(story, site) -> str:
    r = rng_for(HOST, story.slug)
    page_url = url(story)
    canonical = page_url.removesuffix("amp/")
    w = story.when
    cap, credit = story["image"].split(" | ")
    ld = {"@context": "http://schema.org", "@type": "NewsArticle", "mainEntityOfPage": canonical, "headline": story["title"],
          "datePublished": story.iso, "dateModified": story.iso, "author": {"@type": "Person", "name": story["author"]},
          "publisher": {"@type": "Organization", "name": NAME, "logo": {"@type": "ImageObject", "url": f"https://{HOST}/logo-amp.png", "width": 600, "height": 60}},
          "image": {"@type": "ImageObject", "url": f"https://cdn.ridgelinedaily.example/wp-content/uploads/2024/03/{hexid(r, 10)}.jpg", "width": 1200, "height": 800}}
    popular = "".join(f'<li><a href="{url_for_slug(s)}">{esc(t)}</a></li>' for t, s in site.others(story, r, 4))
    return f"""<!doctype html>
<html ⚡ lang="en-US">
<head>
<meta charset="utf-8">
<script async src="https://cdn.ampproject.org/v0.js"></script>
<script async custom-element="amp-ad" src="https://cdn.ampproject.org/v0/amp-ad-0.1.js"></script>
<script async custom-element="amp-consent" src="https://cdn.ampproject.org/v0/amp-consent-0.1.js"></script>
<script async custom-element="amp-sidebar" src="https://cdn.ampproject.org/v0/amp-sidebar-0.1.js"></script>
<script async custom-element="amp-social-share" src="https://cdn.ampproject.org/v0/amp-social-share-0.1.js"></script>
<script async custom-element="amp-carousel" src="https://cdn.ampproject.org/v0/amp-carousel-0.2.js"></script>
<script async custom-element="amp-twitter" src="https://cdn.ampproject.org/v0/amp-twitter-0.1.js"></script>
<script async custom-element="amp-analytics" src="https://cdn.ampproject.org/v0/amp-analytics-0.1.js"></script>
<title>{esc(story["title"])} &#8211; Ridgeline Daily</title>
<link rel="canonical" href="{canonical}">
<meta name="viewport" content="width=device-width,minimum-scale=1,initial-scale=1">
<script type="application/ld+json">{json.dumps(ld)}</script>
<style amp-boilerplate>body{{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both;animation:-amp-start 8s steps(1,end) 0s 1 normal both}}@keyframes -amp-start{{from{{visibility:hidden}}to{{visibility:visible}}}}</style><noscript><style amp-boilerplate>body{{-webkit-animation:none;animation:none}}</style></noscript>
<style amp-custom>body{{font-family:Georgia,serif;color:#222}}.amp-wp-header{{background:#1b3a4b}}.ad-label{{font-size:11px;color:#999;text-transform:uppercase}}figcaption{{font-size:13px;color:#555}}</style>
</head>
<body class="amp-wp-template">
<amp-consent id="consent" layout="nodisplay"><script type="application/json">{{"consentInstanceId":"ridgeline","consentRequired":true,"promptUI":"consent-ui"}}</script>
<div id="consent-ui" class="consent-banner"><p>We use cookies to improve your experience, serve personalized ads and analyze traffic. By continuing to use this site, you accept our <a href="https://{HOST}/privacy-policy/">Privacy Policy</a>.</p><button on="tap:consent.accept">Accept</button><button on="tap:consent.reject">Decline</button></div></amp-consent>
<amp-sidebar id="menu" layout="nodisplay" side="left"><ul><li><a href="https://{HOST}/news/">News</a></li><li><a href="https://{HOST}/outdoors/">Outdoors</a></li><li><a href="https://{HOST}/business/">Business</a></li><li><a href="https://{HOST}/opinion/">Opinion</a></li><li><a href="https://{HOST}/sports/">Sports</a></li><li><a href="https://{HOST}/obituaries/">Obituaries</a></li><li><a href="https://{HOST}/subscribe/">Subscribe</a></li></ul></amp-sidebar>
<header id="top" class="amp-wp-header"><div><button on="tap:menu.toggle" class="menu-button">Menu</button><a href="https://{HOST}/">{NAME}</a></div></header>
<amp-ad width="320" height="50" type="doubleclick" data-slot="/1234567/ridgeline/amp/top"></amp-ad>
<article class="amp-wp-article">
<header class="amp-wp-article-header">
<div class="amp-wp-meta amp-wp-tax-category"><a href="https://{HOST}/news/">{esc(story["section"])}</a></div>
<h1 class="amp-wp-title">{esc(story["title"])}</h1>
<div class="amp-wp-meta amp-wp-byline"><span class="amp-wp-author author vcard">By {esc(story["author"])}</span> | <time datetime="{story.iso}">{w:%B} {w.day}, {w.year} at {w.hour % 12 or 12}:{w:%M} {"am" if w.hour < 12 else "pm"}</time></div>
<amp-social-share type="facebook" width="32" height="32" data-param-app_id="1234567890"></amp-social-share><amp-social-share type="twitter" width="32" height="32"></amp-social-share><amp-social-share type="email" width="32" height="32"></amp-social-share>
</header>
<figure class="amp-wp-article-featured-image wp-caption">{_img(r, cap)}<figcaption class="wp-caption-text">{esc(cap)} <span class="photo-credit">({esc(credit)})</span></figcaption></figure>
<div class="amp-wp-article-content">
{_body(story, site, r)}
</div>
<footer class="amp-wp-article-footer">
<div class="amp-wp-meta amp-wp-tax-tag">Tags: {"".join(f'<a href="https://{HOST}/tag/{slugify(t)}/" rel="tag">{esc(t.strip())}</a>, ' for t in story.get("tags", "News").split(","))}</div>
<div class="subscribe-box"><h3>Local journalism needs your support</h3><p>Subscribe to the Ridgeline Daily for unlimited access, starting at $1 for the first month.</p><a href="https://{HOST}/subscribe/?amp=1">Subscribe now</a></div>
<div class="amp-wp-comments-link"><a href="{canonical}#comments">Leave a Comment</a></div>
</footer>
</article>
<section class="popular"><h3>Most Popular</h3><ul>{popular}</ul></section>
<footer class="amp-wp-footer"><div><p>&copy; 2024 Ridgeline Daily. All rights reserved. <a href="https://{HOST}/terms/">Terms of Use</a> | <a href="https://{HOST}/privacy-policy/">Privacy Policy</a> | <a href="https://{HOST}/contact/">Contact</a></p><a href="#top" class="back-to-top">Back to top</a></div></footer>
<amp-analytics type="gtag" data-credentials="include"><script type="application/json">{{"vars":{{"gtag_id":"G-{hexid(r, 10).upper()}","config":{{"G-{hexid(r, 10).upper()}":{{"groups":"default"}}}}}}}}</script></amp-analytics>
</body>
</html>
"""
