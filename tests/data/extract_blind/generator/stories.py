"""Parse the story files of the blind set (stories/<host>.txt).

A story file holds several stories, each starting with a line ``### <slug>``, then header lines
``key: value`` up to a line ``---``, then the body. Body blocks are separated by blank lines:

* plain text                       a paragraph; ``[text](url)`` marks an inline link
* ``## text``                       a subheading (part of the body)
* ``- text`` lines                  a bulleted list (each item part of the body)
* ``> text``                        a pull quote (not body: it repeats a sentence of the story)
* ``[img] caption | credit``        a photo inside the body (not body)
* ``[gallery] cap | credit || cap | credit``   a photo gallery (not body)
* ``[rel] headline``                an inline link to another story (not body)
* ``[tweet] name | @handle | text | date``     an embedded social post (not body)
* ``@ HH:MM | entry headline``      starts a live-blog entry (headline is body, time is not)

Header keys: title, dek, author, date (``YYYY-MM-DD HH:MM``, local time), tz (``+09:00``),
section, kind (article, live, release), image (``caption | credit``), and free extra keys that a
layout may use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

_LINK = re.compile(r"\[([^\]]+)\]\(([^)]+)\)")


@dataclass
class Block:
    kind: str            # p, h, ul, quote, img, gallery, rel, tweet, entry
    text: str = ""
    items: list = field(default_factory=list)


@dataclass
class Story:
    slug: str
    meta: dict
    blocks: list

    def __getitem__(self, key):
        return self.meta[key]

    def get(self, key, default=None):
        return self.meta.get(key, default)

    @property
    def when(self) -> datetime:
        return datetime.strptime(self.meta["date"], "%Y-%m-%d %H:%M")

    @property
    def iso(self) -> str:
        return self.when.strftime("%Y-%m-%dT%H:%M:00") + self.meta.get("tz", "+00:00")

    def gold(self) -> str:
        """The body as a reader would copy it: paragraphs, subheadings, list items, entry headlines."""
        lines = []
        for b in self.blocks:
            if b.kind in ("p", "h"):
                lines.append(plain(b.text))
            elif b.kind == "ul":
                lines.extend(plain(i) for i in b.items)
            elif b.kind == "entry":
                lines.append(plain(b.items[1]))
        return "\n".join(lines) + "\n"

    def paragraphs(self) -> list[str]:
        return [plain(b.text) for b in self.blocks if b.kind == "p"]


def plain(text: str) -> str:
    return _LINK.sub(r"\1", text)


def parse_file(path: Path) -> list[Story]:
    stories = []
    chunks = re.split(r"^### ", path.read_text(encoding="utf-8"), flags=re.M)
    for chunk in chunks[1:]:
        head, _, body = chunk.partition("\n---\n")
        body = body.rstrip()
        if body.endswith("\n---"):      # the line that closes a story
            body = body[:-4]
        lines = head.strip("\n").split("\n")
        slug = lines[0].strip()
        meta = {}
        for line in lines[1:]:
            key, _, value = line.partition(":")
            meta[key.strip()] = value.strip()
        meta.setdefault("kind", "article")
        stories.append(Story(slug, meta, parse_body(body)))
    return stories


def parse_body(body: str) -> list[Block]:
    blocks = []
    for raw in re.split(r"\n\s*\n", body.strip()):
        raw = raw.strip()
        if not raw:
            continue
        first = raw.split("\n")[0]
        if raw.startswith("## "):
            blocks.append(Block("h", raw[3:].strip()))
        elif raw.startswith("- "):
            blocks.append(Block("ul", items=[line[2:].strip() for line in raw.split("\n")]))
        elif raw.startswith("> "):
            blocks.append(Block("quote", raw[2:].strip()))
        elif raw.startswith("[img]"):
            blocks.append(Block("img", items=_fields(raw[5:])))
        elif raw.startswith("[gallery]"):
            blocks.append(Block("gallery", items=[_fields(x) for x in raw[9:].split("||")]))
        elif raw.startswith("[rel]"):
            blocks.append(Block("rel", raw[5:].strip()))
        elif raw.startswith("[tweet]"):
            blocks.append(Block("tweet", items=_fields(raw[7:])))
        elif first.startswith("@ "):
            blocks.append(Block("entry", items=_fields(first[2:])))
            rest = raw.split("\n", 1)[1:] or []
            if rest:
                blocks.extend(parse_body(rest[0]))
        else:
            blocks.append(Block("p", " ".join(line.strip() for line in raw.split("\n"))))
    return blocks


def _fields(text: str) -> list[str]:
    return [x.strip() for x in text.split("|")]
