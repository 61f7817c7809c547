"""What boilerplate looks like without any site knowledge: markup names and line patterns.

Class/id names are split into tokens (BEM, CSS modules and WordPress names alike), so
"c-media-item__caption", "Media_caption__zZ3kP" and "wp-caption-text" all yield "caption".
Line patterns cover English, German, French, Spanish, Italian and Russian newsroom phrasing.
"""

from __future__ import annotations

import re

# Elements never holding article text.
JUNK_TAGS = (
    "script", "style", "noscript", "template", "svg", "iframe", "form", "button", "input", "select",
    "textarea", "nav", "footer", "aside", "figure", "figcaption", "video", "audio", "picture", "img",
    "object", "embed", "canvas", "map", "dialog", "menu", "head", "title", "meta", "link",
    "amp-ad", "amp-consent", "amp-sidebar", "amp-social-share", "amp-img", "amp-video",
)

_BOILER_CLASS_TOKENS = frozenset("""
share sharing sharedaddy social related relatedposts recommended recommend newsletter subscribe
subscription promo ad ads adspot advert advertisement anzeige publicidad cookie cookies consent cmp
didomi onetrust comment comments respond byline author bio meta tags breadcrumb breadcrumbs crumbs
brotkrumen sidebar rail widget caption credit credits legend pullquote pq citation zitatbox quote
paywall gate catcher interstitial more most trending teaser nav navigation menu footer header masthead
copyright sign signoff trust licensing support corrections alert bookmark cta services inread kicker
overline dachzeile teilen photo bild unterschrift quelle zeit views reactions also
print email topbar weather next prev pagination reading time
""".split())
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")


def is_boilerplate_name(class_and_id: str) -> bool:
    """True when a class/id value names a non-content block (share bar, caption, related list...)."""
    if not class_and_id:
        return False
    return any(token in _BOILER_CLASS_TOKENS for token in _TOKEN_SPLIT.split(class_and_id))


_LINE_PATTERNS = [
    # Read-more and related links.
    r"(read|see) (more|also)\b", r"related( stories| articles| coverage)?\s*:", r"more (on|about) this",
    r"lesen sie (auch|mehr)", r"mehr zum thema", r"auch interessant", r"weiterlesen",
    r"(à|a) lire aussi", r"lire aussi", r"voir aussi", r"te puede interesar", r"le(e|er) (también|más)",
    r"leggi anche", r"potrebbe interessarti", r"читайте также", r"смотрите также",
    # Photo and source credits.
    r"(photo|image|picture|illustration|video|graphic)s?( by| credit| courtesy)?\s*[:/(]",
    r"(photo|image|illustration)s? (by|courtesy)\b", r"foto\s*:", r"bild\s*:", r"фото\s*:",
    r"(getty images|reuters|afp|ap photo|dpa|epa)\s*$",
    # Sign-offs and editor lines.
    r"\(?(reporting|additional reporting|writing|editing|edited|compiled|written) by\b",
    r"mit material (von|der)", r"con información de", r"avec (afp|reuters|ap)\b",
    r"(our standards|trust principles)", r"\(?(editor|redaktion|rédaction|redacción)\s*:",
    # Prompts: newsletter, subscription, cookies, sharing, ads.
    r"sign up (for|to)\b", r"subscribe (to|for|now|today)\b", r"newsletter abonnieren",
    r"inscrivez-vous", r"abonnez-vous", r"suscr[ií]bete", r"iscriviti",
    r"(we|this site|this website) uses? cookies", r"wir verwenden cookies", r"nous utilisons des cookies",
    r"utilizamos cookies", r"utilizziamo (i )?cookie", r"share (this|on)\b", r"follow us\b",
    r"(advertisement|anzeige|publicité|publicidad|pubblicità)\s*$", r"- publicidad -",
    r"all rights reserved", r"alle rechte vorbehalten", r"tous droits réservés", r"todos los derechos reservados",
    r"(©|&copy;|copyright)\s", r"click here\b", r"(updated|aktualisiert|mis à jour|actualizado) .{0,30}\b(ago|vor|il y a|hace)\b",
]
_LINE_BOILER = re.compile(r"^\W{0,3}(?:" + "|".join(_LINE_PATTERNS) + ")", re.I)
# Lines longer than this are article prose even when they open like a prompt.
_LINE_FILTER_MAX_WORDS = 40


# "By Jane Doe", "Von Anna Schmidt, Redakteurin": a byline is names, not a sentence.
_NAME = r"[A-ZÀ-ÖØ-ÞА-Я][\w'’.-]+"
_BYLINE = re.compile(rf"^(By|BY|Von|Par|Por|Di|От)\s+{_NAME}(\s+{_NAME}){{0,3}}(\s*(,|and|und|et|y|e)\s*[^.!?]{{0,60}})?$")


def is_boilerplate_line(text: str) -> bool:
    """The final, site-independent filter: short lines that open like known boilerplate."""
    if len(text.split()) > _LINE_FILTER_MAX_WORDS:
        return False
    return bool(_LINE_BOILER.match(text) or _BYLINE.match(text))
