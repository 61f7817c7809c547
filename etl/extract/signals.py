"""Facts read from the full page before junk is stripped: paywall gates, video players, the
visible headline and byline. Stripping removes exactly the elements that carry them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from etl.extract.htmltree import collapse_space, text_of

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
    gates, bylines = _marked_elements(root)
    gate = any(_PAYWALL_PHRASES.search(text_of(element)) for element in gates)
    has_video = next(root.iter("video", "amp-video"), None) is not None
    headline = None
    for h1 in root.iter("h1"):
        headline = collapse_space(text_of(h1)) or None
        if headline:
            break
    return PageSignals(gate, has_video, headline, _byline(bylines))


def _marked_elements(root: etree._Element) -> tuple[list, list]:
    """Elements whose class names a paywall gate, and byline/author elements, in document
    order: one pass in Python beats XPath's per-element translate() by a factor of four."""
    gates, bylines = [], []
    for element in root.iter():
        classes = (element.get("class") or "").lower()
        if "paywall" in classes or "gate" in classes or element.get("data-testid") == "paywall":
            gates.append(element)
        if "byline" in classes or "author" in classes or element.get("rel") == "author":
            bylines.append(element)
    return gates, bylines


def _byline(candidates: list) -> str | None:
    for element in candidates:
        text = collapse_space(text_of(element))
        text = _BY_PREFIX.sub("", text).strip(" ,·|-")
        if text and len(text) <= _MAX_BYLINE_CHARS:
            return text
    return None
