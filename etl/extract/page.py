"""One page from bytes to its text lines, for site-template learning."""

from __future__ import annotations

from dataclasses import dataclass

from etl.extract.blocks import strip_junk, walk_lines
from etl.extract.htmltree import parse_html
from etl.web.decoding import decode_html

_HTML_MARKERS = ("<html", "<body", "<p", "<div", "<article", "<head", "<title", "<br", "<table", "<h1")


@dataclass
class ParsedPage:
    text: str = ""
    lines: tuple[str, ...] = ()
    failure: str | None = None  # why there is nothing to extract, when there is not


def unusable(text: str, how: str) -> str | None:
    """Why decoded input cannot be a page (binary, empty, no markup), or None."""
    if how == "binary":
        return "input is binary, not HTML"
    if not text.strip():
        return "input is empty"
    if not any(marker in text[:20000].lower() for marker in _HTML_MARKERS):
        return "input has no HTML markup"
    return None


def parse_page(html: bytes | str) -> ParsedPage:
    """The lines of the whole <body> once junk markup is stripped: a box left out of the article
    on one page may hold the article on another, so templates see everything."""
    text, how = decode_html(html)
    failure = unusable(text, how)
    if failure:
        return ParsedPage(text=text if how != "binary" else "", failure=failure)
    root = parse_html(text)
    if root is None:
        return ParsedPage(text=text, failure="HTML could not be parsed")
    strip_junk(root)
    body = root.find("body")
    return ParsedPage(text=text, lines=tuple(walk_lines(body if body is not None else root)))
