"""Per-host site templates: what a host repeats on its pages is its boilerplate.

Learned from the host's other pages: exact lines (cookie prompts, "Recent Posts", newsletter
pitches), line shapes for short lines whose names and numbers change ("Reporting by A A; Editing
by A A", "Photo: A A/A") and labels of labelled lines ("Trending: ..."). A template is plain data
with a content-hash version, so a re-derived partition uses exactly what was learned before.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from etl.extract.settings import (LABEL_MAX_HEAD_WORDS, LABEL_MAX_WORDS, SHAPE_MAX_TOKENS, TEMPLATE_MIN_PAGES,
                                  TEMPLATE_MIN_SUPPORT, TEMPLATE_MIN_SUPPORT_SHARE, TEMPLATE_SMALL_SET)

_TOKENS = re.compile(r"\w+|[^\w\s]")
TEMPLATE_FORMAT = 2


def line_key(text: str) -> str:
    """Normalised line: case, spacing and Unicode forms do not make two lines different."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def line_shape(text: str) -> str | None:
    """Short lines generalised: capitalised words become A, numbers 0; None for long lines."""
    tokens = _TOKENS.findall(unicodedata.normalize("NFKC", text))
    if not tokens or len(tokens) > SHAPE_MAX_TOKENS:
        return None
    shaped = [tokens[0].casefold()]
    for token in tokens[1:]:
        if token[0].isdigit():
            shaped.append("0")
        elif token[0].isupper():
            shaped.append("A")
        else:
            shaped.append(token.casefold())
    return " ".join(shaped)


def line_label(text: str) -> str | None:
    """The label of a short labelled line ("Trending:", "Lesen Sie auch:"), else None."""
    head, colon, rest = text.partition(":")
    if not colon or not rest.strip() or len(text.split()) > LABEL_MAX_WORDS:
        return None
    if not 1 <= len(head.split()) <= LABEL_MAX_HEAD_WORDS:
        return None
    return line_key(head)


@dataclass(frozen=True)
class SiteTemplate:
    host: str
    pages: int = 0
    lines: frozenset[str] = field(default_factory=frozenset)
    shapes: frozenset[str] = field(default_factory=frozenset)
    labels: frozenset[str] = field(default_factory=frozenset)

    @property
    def version(self) -> str:
        """Content hash: equal templates have equal versions, whatever produced them."""
        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()[:16]

    def is_empty(self) -> bool:
        return not (self.lines or self.shapes or self.labels)

    def is_boilerplate(self, text: str) -> bool:
        if line_key(text) in self.lines or line_label(text) in self.labels:
            return True
        shape = line_shape(text)
        return shape is not None and shape in self.shapes

    def to_json(self) -> str:
        return json.dumps({
            "format": TEMPLATE_FORMAT, "host": self.host, "pages": self.pages,
            "lines": sorted(self.lines), "shapes": sorted(self.shapes),
            "labels": sorted(self.labels),
        }, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> SiteTemplate:
        data = json.loads(text)
        if data.get("format") != TEMPLATE_FORMAT:
            raise ValueError(f"unsupported site template format {data.get('format')!r}")
        return cls(host=data["host"], pages=int(data["pages"]), lines=frozenset(data["lines"]),
                   shapes=frozenset(data["shapes"]),
                   labels=frozenset(data["labels"]))


def min_support(page_count: int) -> int:
    if page_count < TEMPLATE_SMALL_SET:
        return 2
    return max(TEMPLATE_MIN_SUPPORT, math.ceil(TEMPLATE_MIN_SUPPORT_SHARE * page_count))


def template_from_pages(host: str, page_lines: Sequence[Sequence[str]]) -> SiteTemplate:
    """Learn from each page's text lines. Counts are per page, so order cannot matter."""
    pages = len(page_lines)
    if pages < TEMPLATE_MIN_PAGES:
        return SiteTemplate(host=host, pages=pages)
    support = min_support(pages)
    line_pages: Counter[str] = Counter()
    shape_pages: Counter[str] = Counter()
    label_pages: Counter[str] = Counter()
    for lines_of_page in page_lines:
        line_pages.update({line_key(text) for text in lines_of_page})
        shape_pages.update({s for s in (line_shape(text) for text in lines_of_page) if s})
        label_pages.update({x for x in (line_label(text) for text in lines_of_page) if x})
    lines = frozenset(k for k, n in line_pages.items() if n >= support)
    shapes = frozenset(k for k, n in shape_pages.items() if n >= support)
    labels = frozenset(k for k, n in label_pages.items() if n >= support)
    return SiteTemplate(host=host, pages=pages, lines=lines, shapes=shapes, labels=labels)
