"""From a parsed page to text lines: strip junk markup, then walk the tree into lines (one per
paragraph-like element or <br>-separated line). Site templates are learned from these lines."""

from __future__ import annotations

import re

from lxml import etree

from etl.extract.boilerplate import JUNK_TAGS, is_boilerplate_name
from etl.extract.htmltree import class_id_tokens, collapse_space, text_of

BLOCK_TAGS = frozenset((
    "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table", "header", "address", "center",
))
# Elements whose removal by name is never right: they hold the whole page.
_NEVER_REMOVED = frozenset(("html", "body", "main"))
# A named-boilerplate element holding more than this share of the page's text is kept anyway
# (a theme that calls its article wrapper "post-meta-wrap" must not lose the article).
_MAX_REMOVED_SHARE = 0.5
# Media elements hold no text of their own, but a player's fallback markup may hold its caption.
_MEDIA_TAGS = frozenset(("object", "embed", "video", "audio", "picture", "img", "amp-img", "amp-video"))
# A table or box floated beside the text (align=left/right, CSS float) is a photo, caption or
# fact box in old and new layouts alike, never the running text.
_FLOATED = re.compile(r"float\s*:\s*(left|right)", re.I)


def strip_junk(root: etree._Element) -> None:
    """Remove non-content elements in place: by tag, then by boilerplate class/id names."""
    etree.strip_elements(root, *JUNK_TAGS, with_tail=False)
    body = root.find("body")
    scope = body if body is not None else root
    total = len(text_of(scope))
    doomed = []
    for element in scope.iter():
        if not isinstance(element.tag, str) or element.tag in _NEVER_REMOVED:
            continue
        if is_boilerplate_name(class_id_tokens(element)) or _is_floated_box(element):
            doomed.append(element)
    for element in doomed:
        if element.getparent() is None or element.getroottree().getroot() is not root:
            continue  # already gone with a removed ancestor
        if len(text_of(element)) > _MAX_REMOVED_SHARE * total:
            continue
        _drop(element)


def _is_floated_box(element: etree._Element) -> bool:
    if element.tag not in ("table", "div"):
        return False
    return (element.get("align") or "").lower() in ("left", "right") or bool(_FLOATED.search(element.get("style") or ""))


def _drop(element: etree._Element) -> None:
    """Remove an element but keep its tail text in the parent."""
    parent = element.getparent()
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def walk_lines(container: etree._Element) -> list[str]:
    """Text lines in document order. A line ends at any block-level element boundary or <br>."""
    lines: list[str] = []
    parts: list[str] = []

    def flush() -> None:
        text = collapse_space("".join(parts))
        if text:
            lines.append(text)
        parts.clear()

    for event, element in etree.iterwalk(container, events=("start", "end")):
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if event == "start":
            if (tag in BLOCK_TAGS and element is not container) or tag in ("br", "hr"):
                flush()
            if element.text:
                parts.append(element.text)
        else:
            if tag in BLOCK_TAGS and element is not container:
                flush()
            if element is not container and element.tail:
                parts.append(element.tail)
    flush()
    return lines


def content_lines(root: etree._Element) -> list[str]:
    """The page body's text lines with non-content markup removed (in place), media elements
    kept: an old video player's fallback markup is where its description sits."""
    etree.strip_elements(root, *(tag for tag in JUNK_TAGS if tag not in _MEDIA_TAGS), with_tail=False)
    body = root.find("body")
    return walk_lines(body if body is not None else root)
