"""The demo's content model: outlets, their feeds and articles, loaded from the YAML under content/.

The YAML holds only what an editor would type (texts, times, paths); everything a page or a feed
needs beyond that (absolute URLs, local-time renderings, the version visible at a clock) is derived
here, so the renderers stay free of content decisions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

# Outlet files name an outlet each; the wire file holds stories other outlets republish.
WIRE_STORIES_FILE = "wire_stories.yaml"


@dataclass(frozen=True)
class Photo:
    file: str
    caption: str
    credit: str


@dataclass(frozen=True)
class Revision:
    """A later state of an article: what an editor changed, and when it went live."""

    at: dt.datetime
    title: str
    dek: str | None
    replaced: dict[int, str]
    appended: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class ArticleVersion:
    """What the article page and its feed item show at one clock time."""

    title: str
    dek: str
    paragraphs: tuple[str, ...]
    modified_at: dt.datetime
    note: str | None


@dataclass(frozen=True)
class Article:
    key: str
    outlet_slug: str
    path: str
    section: str
    byline: str
    title: str
    dek: str
    paragraphs: tuple[str, ...]
    published_at: dt.datetime
    # When the item first appears in the outlet's feed; later than published_at for late items.
    listed_at: dt.datetime
    photo: Photo
    tags: tuple[str, ...]
    # False when the feed item carries no date at all (the page's meta tags still do).
    dated_in_feed: bool
    # Query string the feed appends to the item link (tracking parameters), without the "?".
    feed_link_query: str
    wire_story: str | None
    revision: Revision | None

    def version_at(self, now: dt.datetime) -> ArticleVersion | None:
        """The version readers see at `now`, or None before publication."""
        if now < self.published_at:
            return None
        rev = self.revision
        if rev is None or now < rev.at:
            return ArticleVersion(self.title, self.dek, self.paragraphs, self.published_at, None)
        paragraphs = [rev.replaced.get(i, text) for i, text in enumerate(self.paragraphs)]
        paragraphs.extend(rev.appended)
        dek = rev.dek or self.dek
        return ArticleVersion(rev.title, dek, tuple(paragraphs), rev.at, rev.note)


@dataclass(frozen=True)
class Feed:
    name: str
    path: str
    # rss2 | atom: a healthy feed; malformed: a broken body; dead: nothing listens at its URL.
    kind: str
    title: str
    # Whether items carry the whole article body (content:encoded / Atom content), not just a dek.
    full_text: bool
    # Offset the feed writes its dates in (the outlet's CMS setting), in hours east of UTC.
    date_utc_offset_hours: int


@dataclass(frozen=True)
class Outlet:
    slug: str
    name: str
    template: str
    language: str
    tagline: str
    # Offset the pages write their meta times in, in hours east of UTC.
    page_utc_offset_hours: int
    sections: tuple[str, ...]
    disallowed_paths: tuple[str, ...]
    feeds: tuple[Feed, ...]
    articles: tuple[Article, ...]

    @property
    def prefix(self) -> str:
        return f"/{self.slug}"


def at_offset(moment: dt.datetime, hours: int) -> dt.datetime:
    """`moment` as a site would write it in its configured zone (a fixed offset, hours east)."""
    return moment.astimezone(dt.timezone(dt.timedelta(hours=hours)))


def _utc(value) -> dt.datetime:
    """YAML gives aware datetimes for timestamps with a zone; normalise to UTC and insist on one."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        raise ValueError(f"demo time without a zone: {value!r}")
    return value.astimezone(dt.timezone.utc)


def _revision(raw: dict | None) -> Revision | None:
    if not raw:
        return None
    return Revision(
        at=_utc(raw["at"]),
        title=raw["title"],
        dek=raw.get("dek"),
        replaced={int(k): v for k, v in (raw.get("replace") or {}).items()},
        appended=tuple(raw.get("append") or ()),
        note=raw["note"],
    )


def _syndicated_paragraphs(raw: dict, wire: dict) -> tuple[str, ...]:
    """A partner's copy of a wire story: its own lead-in on top, some wire paragraphs dropped."""
    story = wire[raw["wire_story"]]
    dropped = set(raw.get("drop_wire_paragraphs") or ())
    kept = [p for i, p in enumerate(story["paragraphs"]) if i not in dropped]
    return tuple(raw.get("lead_in") or ()) + tuple(kept)


def _article(raw: dict, outlet_slug: str, wire: dict) -> Article:
    published = _utc(raw["published"])
    if raw.get("wire_story"):
        paragraphs = _syndicated_paragraphs(raw, wire)
    else:
        paragraphs = tuple(raw["paragraphs"])
    photo = raw["photo"]
    return Article(
        key=raw["key"],
        outlet_slug=outlet_slug,
        path=raw["path"],
        section=raw["section"],
        byline=raw["byline"],
        title=raw["title"],
        dek=raw["dek"],
        paragraphs=paragraphs,
        published_at=published,
        listed_at=_utc(raw["listed"]) if raw.get("listed") else published,
        photo=Photo(photo["file"], photo["caption"], photo["credit"]),
        tags=tuple(raw.get("tags") or ()),
        dated_in_feed=raw.get("dated_in_feed", True),
        feed_link_query=raw.get("feed_link_query", ""),
        wire_story=raw.get("wire_story"),
        revision=_revision(raw.get("revision")),
    )


def _outlet(raw: dict, wire: dict) -> Outlet:
    slug = raw["slug"]
    feeds = tuple(
        Feed(
            name=f["name"],
            path=f["path"],
            kind=f["kind"],
            title=f["title"],
            full_text=f.get("full_text", False),
            date_utc_offset_hours=f.get("date_utc_offset_hours", 0),
        )
        for f in raw["feeds"]
    )
    articles = tuple(_article(a, slug, wire) for a in raw["articles"])
    return Outlet(
        slug=slug,
        name=raw["name"],
        template=raw["template"],
        language=raw["language"],
        tagline=raw["tagline"],
        page_utc_offset_hours=raw.get("page_utc_offset_hours", 0),
        sections=tuple(raw["sections"]),
        disallowed_paths=tuple(raw.get("disallowed_paths") or ()),
        feeds=feeds,
        articles=articles,
    )


def _content_dir():
    return resources.files("etl.demo").joinpath("content")


def _read_yaml(name: str) -> dict:
    return yaml.safe_load(_content_dir().joinpath(name).read_text("utf-8"))


@lru_cache(maxsize=1)
def load_outlets() -> tuple[Outlet, ...]:
    """Every demo outlet, in file-name order (stable, so rendered output is reproducible)."""
    wire = _read_yaml(WIRE_STORIES_FILE)["stories"]
    names = sorted(
        entry.name
        for entry in _content_dir().iterdir()
        if entry.name.endswith(".yaml") and entry.name != WIRE_STORIES_FILE
    )
    return tuple(_outlet(_read_yaml(name)["outlet"], wire) for name in names)
