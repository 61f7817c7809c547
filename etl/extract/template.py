"""Per-host site templates: what a host repeats on its pages is its boilerplate.

Learned from the host's other pages: exact lines (cookie prompts, "Recent Posts", newsletter
pitches), line shapes for short lines whose names and numbers change ("Reporting by A A; Editing
by A A", "Photo: A A/A"), and block paths whose blocks are nearly always such lines or match a
generic boilerplate pattern (the variable items of a related-stories list; an author bio box,
whose one-off wording escapes the pattern on some pages). A template is plain data with a content-hash version, so a
re-derived partition uses exactly what was learned before.
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

from etl.extract.boilerplate import is_author_note, is_boilerplate_line
from etl.extract.settings import (LABEL_MAX_HEAD_WORDS, LABEL_MAX_WORDS, PATH_BOILER_SHARE, SHAPE_MAX_TOKENS, TEMPLATE_MIN_SUPPORT,
                                  TEMPLATE_MIN_SUPPORT_SHARE, TEMPLATE_SMALL_SET)

_TOKENS = re.compile(r"\w+|[^\w\s]")
TEMPLATE_FORMAT = 1


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
    paths: frozenset[str] = field(default_factory=frozenset)
    labels: frozenset[str] = field(default_factory=frozenset)

    @property
    def version(self) -> str:
        """Content hash: equal templates have equal versions, whatever produced them."""
        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()[:16]

    def is_empty(self) -> bool:
        return not (self.lines or self.shapes or self.paths or self.labels)

    def is_boilerplate(self, text: str, path: str) -> bool:
        if line_key(text) in self.lines or path in self.paths or line_label(text) in self.labels:
            return True
        shape = line_shape(text)
        return shape is not None and shape in self.shapes

    def to_json(self) -> str:
        return json.dumps({
            "format": TEMPLATE_FORMAT, "host": self.host, "pages": self.pages,
            "lines": sorted(self.lines), "shapes": sorted(self.shapes), "paths": sorted(self.paths),
            "labels": sorted(self.labels),
        }, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> SiteTemplate:
        data = json.loads(text)
        if data.get("format") != TEMPLATE_FORMAT:
            raise ValueError(f"unsupported site template format {data.get('format')!r}")
        return cls(host=data["host"], pages=int(data["pages"]), lines=frozenset(data["lines"]),
                   shapes=frozenset(data["shapes"]), paths=frozenset(data["paths"]),
                   labels=frozenset(data["labels"]))


def min_support(page_count: int) -> int:
    if page_count < TEMPLATE_SMALL_SET:
        return 2
    return max(TEMPLATE_MIN_SUPPORT, math.ceil(TEMPLATE_MIN_SUPPORT_SHARE * page_count))


def template_from_pages(host: str, page_blocks: Sequence[Sequence[tuple[str, str]]]) -> SiteTemplate:
    """Learn from each page's (text, path) blocks. Counts are per page, so order cannot matter."""
    pages = len(page_blocks)
    if pages < 2:
        return SiteTemplate(host=host, pages=pages)
    support = min_support(pages)
    line_pages: Counter[str] = Counter()
    shape_pages: Counter[str] = Counter()
    label_pages: Counter[str] = Counter()
    for blocks in page_blocks:
        line_pages.update({line_key(text) for text, _ in blocks})
        shape_pages.update({s for s in (line_shape(text) for text, _ in blocks) if s})
        label_pages.update({x for x in (line_label(text) for text, _ in blocks) if x})
    lines = frozenset(k for k, n in line_pages.items() if n >= support)
    shapes = frozenset(k for k, n in shape_pages.items() if n >= support)
    labels = frozenset(k for k, n in label_pages.items() if n >= support)
    path_pages: Counter[str] = Counter()
    path_blocks: Counter[str] = Counter()
    path_boiler: Counter[str] = Counter()
    for blocks in page_blocks:
        path_pages.update({path for _, path in blocks})
        for text, path in blocks:
            path_blocks[path] += 1
            if (line_key(text) in lines or line_shape(text) in shapes or line_label(text) in labels
                    or is_boilerplate_line(text) or is_author_note(text)):
                path_boiler[path] += 1
    paths = frozenset(p for p, n in path_pages.items()
                      if n >= support and path_boiler[p] >= PATH_BOILER_SHARE * path_blocks[p])
    return SiteTemplate(host=host, pages=pages, lines=lines, shapes=shapes, paths=paths, labels=labels)
