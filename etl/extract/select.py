"""Choose the body among a page's candidate blocks: site template first, then generic rules."""

from __future__ import annotations

import re
from collections.abc import Sequence

from etl.extract.blocks import Block, block_path
from etl.extract.boilerplate import is_author_note, is_boilerplate_line, is_end_section_heading
from etl.extract.settings import LINK_DENSITY_MAX, SHORT_BLOCK_WORDS
from etl.extract.template import SiteTemplate, line_key

_SENTENCE_END = re.compile(r"[.!?…:;\"'»“”)\]]$")
_WORDS = re.compile(r"\w+")
_QUOTE_TAGS = frozenset(("blockquote", "aside", "q"))
# A short block whose words mostly occur in one other block is a pull quote repeating the body.
_PULL_QUOTE_MAX_WORDS = 40
_PULL_QUOTE_OVERLAP = 0.8
_QUOTED_PULL_QUOTE_OVERLAP = 0.6
_UNQUOTED_MIN_WORDS = 8
_MAX_HEADING_WORDS = 20
# Longer lines are judged as paragraphs, not as list items.
_MAX_LIST_ITEM_WORDS = 15


def select_body(blocks: Sequence[Block], titles: Sequence[str], template: SiteTemplate | None,
                author: str | None = None, description: str | None = None) -> list[str]:
    """Body paragraphs in page order. ``titles``: the headline and the page title's parts;
    ``author`` and ``description``: the page's metadata, to recognise its bio and standfirst."""
    title_keys = {line_key(t) for t in titles if t}
    caption_cells = _caption_cells(blocks)
    kept: list[Block] = []
    seen: set[str] = set()
    in_end_section = False
    for block in blocks:
        key = line_key(block.text)
        if block.heading:
            in_end_section = is_end_section_heading(block.text)
        if in_end_section or key in seen or key in title_keys:
            continue
        if template is not None and template.is_boilerplate(block.text, block_path(block.element)):
            continue
        if is_boilerplate_line(block.text) or is_author_note(block.text, author):
            continue
        if block.after_rule and block.emphasized:
            continue  # an italic note set off by a rule: funding, correction, "updated" notes
        if block.element in caption_cells:
            continue
        if not (_looks_like_body(block) or _continues_list(block, kept)):
            continue
        seen.add(key)
        kept.append(block)
    kept = _without_pull_quotes(kept)
    if _is_standfirst(kept, description):
        kept.pop(0)
    while kept and kept[-1].heading:
        kept.pop()
    return [b.text for b in kept]


def _caption_cells(blocks: Sequence[Block]) -> set:
    """Table cells set wholly in italics or small print: the caption and credit under a photo in
    table layouts. Cells holding running text are never all italic."""
    plain, emphasized = set(), set()
    for block in blocks:
        if block.element.tag in ("td", "th"):
            (emphasized if block.emphasized else plain).add(block.element)
    return emphasized - plain


def _looks_like_body(block: Block) -> bool:
    words = len(block.text.split())
    if block.heading:
        return words <= _MAX_HEADING_WORDS and block.link_density < LINK_DENSITY_MAX
    if block.link_density > LINK_DENSITY_MAX:
        return False
    return words >= SHORT_BLOCK_WORDS or bool(_SENTENCE_END.search(block.text))


def _continues_list(block: Block, kept: Sequence[Block]) -> bool:
    """A short line that is an item of a list the body introduces ("... are banned:") or of a
    list of plain-text items: short items without a full stop are body text there."""
    if block.link_chars or block.heading or len(block.text.split()) > _MAX_LIST_ITEM_WORDS:
        return False
    if block.element.tag == "li" and _plain_text_list(block.element.getparent()):
        return True
    if not kept:
        return False
    previous = kept[-1]
    if previous.text.endswith(":"):
        return True
    # The next line of a run of unpunctuated lines typed into the same box.
    return previous.element is block.element and not _SENTENCE_END.search(previous.text)


def _plain_text_list(parent) -> bool:
    items = [child for child in parent if child.tag == "li"] if parent is not None else []
    return len(items) >= 2 and not any(item.find(".//a") is not None for item in items)


def _is_standfirst(kept: Sequence[Block], description: str | None) -> bool:
    """The first line sits apart from the body paragraphs (another parent) and either repeats the
    page's description or shares its parent with the headline: a standfirst. A first paragraph
    doubling as the description, or a body that starts right under the headline, stays."""
    if len(kept) < 2:
        return False
    first, following = kept[0], kept[1]
    parent = first.element.getparent()
    if parent is None or parent is following.element.getparent():
        return False
    wanted = line_key(description or "").rstrip(".… ")
    if wanted and line_key(first.text).startswith(wanted):
        return True
    return parent.find("h1") is not None


def _without_pull_quotes(kept: list[Block]) -> list[Block]:
    vocabularies: dict[int, set[str]] = {}  # each block's word set, built once, on demand

    def vocabulary(block: Block) -> set[str]:
        if id(block) not in vocabularies:
            vocabularies[id(block)] = set(_WORDS.findall(block.text.casefold()))
        return vocabularies[id(block)]

    return [b for b in kept if not _is_pull_quote(b, kept, vocabulary)]


def _is_pull_quote(block: Block, kept: Sequence[Block], vocabulary) -> bool:
    words = _WORDS.findall(block.text.casefold())
    if not words or len(words) > _PULL_QUOTE_MAX_WORDS:
        return False
    quoted = _inside_quote(block)
    if not quoted and len(words) < _UNQUOTED_MIN_WORDS:
        return False  # a few common words overlap by chance
    needed = (_QUOTED_PULL_QUOTE_OVERLAP if quoted else _PULL_QUOTE_OVERLAP) * len(words)
    for other in kept:
        if other is block or len(other.text) <= len(block.text):
            continue
        known = vocabulary(other)
        if sum(word in known for word in words) >= needed:
            return True
    return False


def _inside_quote(block: Block) -> bool:
    node = block.element
    for _ in range(3):
        if node is None:
            return False
        if node.tag in _QUOTE_TAGS:
            return True
        node = node.getparent()
    return False
