"""Stable entry identity: guid, else link, else content hash, with bad-guid detection (pure).

Some feeds give every item the same guid, a blank one, or the feed's own URL; trusting those
would merge distinct articles into one entry. Such guids are ignored for the whole body, so that
one feed's entries are keyed the same way within a fetch.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

from etl.capture.feeds import FeedItem
from etl.web.urls import canonical_url


@dataclass(frozen=True)
class IdentifiedItem:
    item: FeedItem
    entry_key: str
    key_source: str          # 'guid' | 'link' | 'hash'


def entry_key(feed_name: str, key_source: str, value: str) -> str:
    """The key of a feed's entry identified by ``value`` (a guid, canonical link or content hash)."""
    return hashlib.sha256(f"{feed_name}\x1f{key_source}\x1f{value}".encode("utf-8", "replace")).hexdigest()[:32]


def bad_guid_reason(items: list[FeedItem], feed_urls: tuple[str, ...] = ()) -> str | None:
    """Why this body's guids cannot identify its items, or None when they can."""
    if not items:
        return None
    guids = [item.guid for item in items]
    blank = sum(1 for g in guids if not g)
    if blank:
        return f"{blank} of {len(items)} items have no guid"
    counts = Counter(guids)
    repeated = sum(n for n in counts.values() if n > 1)
    if repeated:
        return f"{repeated} of {len(items)} items share a guid"
    feed_keys = {canonical_url(u) for u in feed_urls if u}
    if any(canonical_url(g) in feed_keys for g in guids):
        return "items use the feed's own URL as guid"
    return None


def identify(feed_name: str, items: list[FeedItem], feed_urls: tuple[str, ...] = ()) -> tuple[list[IdentifiedItem], str | None]:
    """Entry keys for a feed body's items (duplicates dropped), and the bad-guid finding if any."""
    reason = bad_guid_reason(items, feed_urls)
    link_counts = Counter(canonical_url(i.link) for i in items if i.link)
    identified: list[IdentifiedItem] = []
    seen: set[str] = set()
    for item in items:
        if reason is None:
            source, value = "guid", item.guid
        elif item.link and link_counts[canonical_url(item.link)] == 1:
            source, value = "link", canonical_url(item.link)
        else:
            source, value = "hash", item.content_hash
        key = entry_key(feed_name, source, value)
        if key not in seen:  # an item repeated verbatim in one body is one entry
            seen.add(key)
            identified.append(IdentifiedItem(item, key, source))
    return identified, reason
