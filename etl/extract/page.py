"""One page from bytes to candidate blocks; shared by extraction and template learning."""

from __future__ import annotations

from dataclasses import dataclass

from etl.extract.blocks import Block, find_container, strip_junk, walk_blocks
from etl.extract.encoding import decode_html
from etl.extract.htmltree import parse_html
from etl.extract.signals import PageSignals, page_signals

_HTML_MARKERS = ("<html", "<body", "<p", "<div", "<article", "<head", "<title", "<br", "<table", "<h1")


@dataclass
class ParsedPage:
    text: str = ""
    blocks: tuple[Block, ...] = ()
    signals: PageSignals | None = None
    failure: str | None = None  # why there is nothing to extract, when there is not


def parse_page(html: bytes | str, whole_body: bool = False) -> ParsedPage:
    """Blocks of the article container, or of the whole <body> with ``whole_body`` (template
    learning: a box the container leaves out on one page may be inside it on another)."""
    text, how = decode_html(html)
    if how == "binary":
        return ParsedPage(failure="input is binary, not HTML")
    if not text.strip():
        return ParsedPage(failure="input is empty")
    if not any(marker in text[:20000].lower() for marker in _HTML_MARKERS):
        return ParsedPage(text=text, failure="input has no HTML markup")
    root = parse_html(text)
    if root is None:
        return ParsedPage(text=text, failure="HTML could not be parsed")
    signals = page_signals(root)
    strip_junk(root)
    body = root.find("body")
    scope = (body if body is not None else root) if whole_body else find_container(root)
    blocks = tuple(walk_blocks(scope))
    return ParsedPage(text=text, blocks=blocks, signals=signals)

