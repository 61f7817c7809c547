"""From a parsed page to text blocks: strip junk markup, find the article container, and walk it
into blocks (one per paragraph-like element or <br>-separated line) with link share and path."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from etl.extract.boilerplate import JUNK_TAGS, is_boilerplate_name
from etl.extract.htmltree import class_id_tokens, collapse_space, text_of

BLOCK_TAGS = frozenset((
    "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "table", "header", "address", "center",
))
HEADING_TAGS = frozenset(("h2", "h3", "h4", "h5", "h6"))
# Elements whose removal by name is never right: they hold the whole page.
_NEVER_REMOVED = frozenset(("html", "body", "main"))
# A named-boilerplate element holding more than this share of the page's text is kept anyway
# (a theme that calls its article wrapper "post-meta-wrap" must not lose the article).
_MAX_REMOVED_SHARE = 0.5
# Paragraph-like elements count towards a container's text when at least this long.
_MIN_PARAGRAPH_CHARS = 25
# The container is the deepest element still holding this share of all paragraph text.
_CONTAINER_SHARE = 0.85
_DIGITS = re.compile(r"\d+")
# Elements whose own text counts as paragraph text: any block but headings (a standfirst set as
# <h2> would pull the container up into the page header), plus the inline wrappers old layouts
# type whole stories into. Bare text lines typed straight into an <article> or <section> count
# too, or a small boxed child (a bio, a caption) would be taken for the container.
_TEXT_HOLDERS = (BLOCK_TAGS - HEADING_TAGS - {"h1"}) | {"font", "span", "body"}
# Inline markup that renders text italic or small: notes and captions are set this way.
_EMPHASIS_TAGS = frozenset(("i", "em", "small"))
_SMALL_FONT_SIZES = frozenset(("1", "-1", "-2"))
# A table or box floated beside the text (align=left/right, CSS float) is a photo, caption or
# fact box in old and new layouts alike, never the running text.
_FLOATED = re.compile(r"float\s*:\s*(left|right)", re.I)


@dataclass
class Block:
    text: str
    link_chars: int
    element: etree._Element
    heading: bool
    emphasis_chars: int = 0  # characters inside <i>, <em>, <small>
    after_rule: bool = False  # an <hr> comes before it in the container

    @property
    def emphasized(self) -> bool:
        """The whole line is italic or small print (an editor's note, a caption)."""
        return self.emphasis_chars >= 0.9 * len(self.text.replace(" ", ""))

    @property
    def link_density(self) -> float:
        return self.link_chars / max(1, len(self.text))


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


def find_container(root: etree._Element) -> etree._Element:
    """The deepest element holding most of the page's paragraph text (readability-style)."""
    weight: dict[etree._Element, int] = {}
    for element in root.iter(*_TEXT_HOLDERS):
        chars = _direct_text_chars(element)
        if chars < _MIN_PARAGRAPH_CHARS:
            continue
        node = element
        while node is not None:
            weight[node] = weight.get(node, 0) + chars
            node = node.getparent()
    body = root.find("body")
    current = body if body is not None else root
    total = weight.get(current, 0)
    if not total:
        return current
    while True:
        heavy = [child for child in current if weight.get(child, 0) >= _CONTAINER_SHARE * total]
        if not heavy:
            return current
        current = heavy[0]


def _direct_text_chars(element: etree._Element) -> int:
    """Characters of text directly in the element or in its inline children (not in blocks)."""
    chars = len((element.text or "").strip())
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if child.tag not in BLOCK_TAGS:
            chars += len(text_of(child).strip()) if child.tag != "a" else 0
        chars += len((child.tail or "").strip())
    return chars


def walk_blocks(container: etree._Element) -> list[Block]:
    """Blocks in document order. A block ends at any block-level element boundary or <br>."""
    blocks: list[Block] = []
    parts: list[str] = []
    link_chars = emphasis_chars = 0
    stack: list[etree._Element] = [container]
    link_depth = emphasis_depth = 0
    after_rule = False

    def flush() -> None:
        nonlocal parts, link_chars, emphasis_chars
        text = collapse_space("".join(parts))
        if text:
            owner = stack[-1]
            blocks.append(Block(text, min(link_chars, len(text)), owner, owner.tag in HEADING_TAGS,
                                emphasis_chars, after_rule))
        parts, link_chars, emphasis_chars = [], 0, 0

    def add(text: str | None) -> None:
        nonlocal link_chars, emphasis_chars
        if text:
            parts.append(text)
            if link_depth:
                link_chars += len(text.strip())
            if emphasis_depth:
                emphasis_chars += len("".join(text.split()))

    for event, element in etree.iterwalk(container, events=("start", "end")):
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if event == "start":
            if tag in BLOCK_TAGS and element is not container:
                flush()
                stack.append(element)
            elif tag in ("br", "hr"):
                flush()
                after_rule = after_rule or tag == "hr"
            if tag == "a":
                link_depth += 1
            elif _is_emphasis(element):
                emphasis_depth += 1
            add(element.text)
        else:
            if tag == "a":
                link_depth -= 1
            elif _is_emphasis(element):
                emphasis_depth -= 1
            if tag in BLOCK_TAGS and element is not container:
                flush()
                stack.pop()
            if element is not container:
                add(element.tail)
    flush()
    return blocks


def _is_emphasis(element: etree._Element) -> bool:
    if element.tag == "font":
        return (element.get("size") or "").strip() in _SMALL_FONT_SIZES
    return element.tag in _EMPHASIS_TAGS


def block_path(element: etree._Element, depth: int = 3) -> str:
    """A site-stable name for where a block sits: tag.class of it and its nearest ancestors."""
    names = []
    node = element
    while node is not None and len(names) < depth:
        classes = _DIGITS.sub("", (node.get("class") or "").lower()).split()
        names.append(node.tag + "".join(f".{c}" for c in sorted(classes)))
        node = node.getparent()
    return ">".join(reversed(names))
