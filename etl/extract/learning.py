"""learn_template: a host's SiteTemplate from its other captured pages."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from etl.extract.metadata import metadata_from_text
from etl.extract.page import parse_page
from etl.extract.template import SiteTemplate, template_from_pages


def learn_template(host: str, pages: Sequence[tuple[str, bytes | str]]) -> SiteTemplate:
    """Learn from (url, html) pages of one host. Deterministic for the same set of pages in any
    order; versions of one article (same canonical URL) count once. Bad pages are skipped."""
    distinct: dict[str, list[list[str]]] = {}
    for url, html in pages or ():
        try:
            page = parse_page(html)
        except Exception:  # noqa: BLE001 - one hostile page must not stop learning
            continue
        if page.failure or not page.lines:
            continue
        identity = metadata_from_text(page.text, url or "").canonical_url or url or ""
        distinct.setdefault(identity, []).append(list(page.lines))
    # For an article captured several times, keep one version, chosen by content not by order.
    chosen = [min(versions, key=_digest) for _, versions in sorted(distinct.items())]
    return template_from_pages(host, chosen)


def _digest(lines: list[str]) -> str:
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
