"""The article record deduplication works on, and how untrusted input is made safe."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

from etl.dedup.tokens import as_text


@dataclass(frozen=True)
class DedupDoc:
    article_id: str
    canonical_url: str
    text: str
    published_at: datetime | None
    source: str


def age_key(doc: DedupDoc) -> tuple:
    """Order of the day's articles: earliest published first, undated last, then article_id.
    The first article of a new story gives the story its id and is its representative."""
    return (doc.published_at is None, doc.published_at or datetime.min.replace(tzinfo=timezone.utc), doc.article_id)


def clean_docs(docs: Iterable[object]) -> list[DedupDoc]:
    """The usable documents, one per article_id, in :func:`age_key` order.

    Anything missing or of the wrong type becomes empty; a document without an article_id is
    dropped (it could not be stored); of several with one article_id, the first in
    (published_at, text) order is kept, whatever order they came in.
    """
    try:
        items = list(docs)
    except TypeError:
        return []
    cleaned = [_clean(doc) for doc in items]
    by_id: dict[str, DedupDoc] = {}
    for doc in sorted((d for d in cleaned if d.article_id), key=lambda d: (age_key(d), d.text)):
        by_id.setdefault(doc.article_id, doc)
    return sorted(by_id.values(), key=age_key)


def _clean(doc: object) -> DedupDoc:
    published = getattr(doc, "published_at", None)
    if not isinstance(published, datetime):
        published = None
    elif published.tzinfo is None:
        published = published.replace(tzinfo=timezone.utc)  # naive times are UTC, as in feeds
    return DedupDoc(
        article_id=_as_str(getattr(doc, "article_id", "")),
        canonical_url=_as_str(getattr(doc, "canonical_url", "")),
        text=as_text(getattr(doc, "text", "")),
        published_at=published,
        source=_as_str(getattr(doc, "source", "")),
    )


def _as_str(value: object) -> str:
    return as_text(value).strip()
