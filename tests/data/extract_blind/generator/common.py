"""Small helpers shared by the blind-set layouts."""

from __future__ import annotations

import html
import random
import re
import zlib
from dataclasses import dataclass, field

_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def inline(text: str, attrs: str = "") -> str:
    """Escape a paragraph and turn ``[text](url)`` into links."""
    out, pos = [], 0
    for m in _LINK.finditer(text):
        out.append(html.escape(text[pos:m.start()], quote=False))
        out.append(f'<a href="{esc(m.group(2))}"{attrs}>{html.escape(m.group(1), quote=False)}</a>')
        pos = m.end()
    out.append(html.escape(text[pos:], quote=False))
    return "".join(out)


def rng_for(*parts: str) -> random.Random:
    return random.Random(zlib.crc32("/".join(parts).encode()))


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def hexid(r: random.Random, n: int = 6) -> str:
    return "".join(r.choice("0123456789abcdefghijklmnopqrstuvwxyz") for _ in range(n))


@dataclass
class Site:
    host: str
    name: str
    language: str
    charset: str
    stories: list
    layout: object = None                          # the module with url() and render()
    archive: list = field(default_factory=list)   # headlines of stories not in the set

    def url(self, story) -> str:
        return self.layout.url(story)

    def link(self, slug: str) -> str:
        return self.layout.url_for_slug(slug)

    def others(self, story, r: random.Random, n: int) -> list[tuple[str, str]]:
        """(headline, slug) of other stories on the site, the set's and the archive's, shuffled."""
        pool = [(s["title"], s.slug) for s in self.stories if s.slug != story.slug]
        pool += [(t, slugify(t)) for t in self.archive]
        r.shuffle(pool)
        return pool[:n]
