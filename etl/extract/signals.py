"""Facts read from the full page before junk is stripped: paywall gates, video players, the
visible headline and byline. Stripping removes exactly the elements that carry them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from etl.extract.htmltree import collapse_space

_PAYWALL_XPATH = etree.XPath(
    "//*[contains(translate(@class,'PAYWALLGTE','paywallgte'),'paywall')"
    " or contains(translate(@class,'GATE','gate'),'gate') or @data-testid='paywall']")
_BYLINE_XPATH = etree.XPath(
    "//*[contains(@class,'byline') or contains(@class,'author') or @rel='author'][1]")
_PAYWALL_PHRASES = re.compile(
    r"continue reading|to keep reading|limit of free articles|subscribers? only|for subscribers|"
    r"already a subscriber|weiterlesen mit|nur für abonnenten|réservé aux abonnés|"
    r"pour lire la suite|solo para suscriptores|sigue leyendo|riservato agli abbonati", re.I)
_BY_PREFIX = re.compile(r"^(by|von|par|por|di)\s+", re.I)
_MAX_BYLINE_CHARS = 120


@dataclass(frozen=True)
class PageSignals:
    paywall_gate: bool
    has_video: bool
    headline: str | None
    byline: str | None


def page_signals(root: etree._Element) -> PageSignals:
    gate = any(_PAYWALL_PHRASES.search(element.text_content()) for element in _PAYWALL_XPATH(root))
    has_video = next(root.iter("video", "amp-video"), None) is not None
    headline = None
    for h1 in root.iter("h1"):
        headline = collapse_space(h1.text_content()) or None
        if headline:
            break
    return PageSignals(gate, has_video, headline, _byline(root))


def _byline(root: etree._Element) -> str | None:
    for element in _BYLINE_XPATH(root):
        text = collapse_space(element.text_content())
        text = _BY_PREFIX.sub("", text).strip(" ,·|-")
        if text and len(text) <= _MAX_BYLINE_CHARS:
            return text
    return None
