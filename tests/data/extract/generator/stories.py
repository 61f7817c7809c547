"""Read the hand-written story files (../stories/*.txt) into Story records.

Format: '=== slug' starts a story; 'key: value' header lines; then one body item per line:
plain text is a paragraph, '## ' a subheading, '[caption] text || credit', '[quote] pull quote',
'[readmore] headline', '[embed] social post text || platform Name (@handle)', '[entry HH:MM] live-blog
entry headline', '[item] list item'. Header keys a layout may render (never gold): dek, bio, note
(an italic end note), contact (a press contact: heading | lines), video (a player title), bare
(body written as bare text lines instead of <p>).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

STORIES_DIR = Path(__file__).resolve().parent.parent / "stories"
_HEADER = re.compile(r"^([a-z]+): (.*)$")
_MARKER = re.compile(r"^\[(caption|quote|readmore|embed|entry|item)(?: ([0-9:]+))?\] (.*)$")


@dataclass
class Story:
    host: str
    slug: str
    meta: dict = field(default_factory=dict)
    items: list = field(default_factory=list)  # (kind, text, extra)

    @property
    def kind(self) -> str:
        return self.meta.get("kind", "article")

    def gold_lines(self) -> list[str]:
        """Ground truth: paragraphs, subheadings, list items and live-entry headlines, in page order."""
        return [text for kind, text, _ in self.items if kind in ("p", "h2", "entry", "item")]

    def paragraphs(self) -> list[str]:
        return [text for kind, text, _ in self.items if kind == "p"]


def load_stories() -> list[Story]:
    stories: list[Story] = []
    for path in sorted(STORIES_DIR.glob("*.txt")):
        current = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            if line.startswith("=== "):
                current = Story(host=path.stem, slug=line[4:].strip())
                stories.append(current)
                continue
            header = _HEADER.match(line)
            if header and not current.items:
                current.meta[header.group(1)] = header.group(2)
                continue
            marker = _MARKER.match(line)
            if marker:
                kind, time, text = marker.groups()
                text, _, extra = text.partition(" || ")
                current.items.append((kind, text, time or extra))
            elif line.startswith("## "):
                current.items.append(("h2", line[3:], ""))
            else:
                current.items.append(("p", line, ""))
    by_key = {f"{s.host}/{s.slug}": s for s in stories}
    for story in stories:
        if "host" in story.meta:
            story.host = story.meta["host"]
        if "reuse" in story.meta:
            story.items = list(by_key[story.meta["reuse"]].items)
    return stories
