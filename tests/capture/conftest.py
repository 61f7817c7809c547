"""Fixtures for capture tests: settings that allow loopback, and a feed builder."""

from __future__ import annotations

import ipaddress
from dataclasses import replace
from pathlib import Path

import pytest

from etl.settings import Settings

LOOPBACK = (ipaddress.ip_network("127.0.0.0/8"),)
USER_AGENT = "newsfacts-etl/0.1 (+https://example.org/contact)"


def make_settings(data_dir: Path, **overrides) -> Settings:
    base = Settings(
        data_dir=data_dir, sources_file=data_dir / "sources.yaml", allow_networks=LOOPBACK,
        user_agent=USER_AGENT, contact_url="https://example.org/contact",
        connect_timeout=2.0, read_timeout=1.0, total_timeout=2.5, max_body_bytes=1024 * 1024,
        per_host_min_interval=0.0, per_host_concurrency=4, capture_workers=24,
    )
    return replace(base, **overrides)


@pytest.fixture
def settings(tmp_path) -> Settings:
    return make_settings(tmp_path)


def rss(items: list[dict], title: str = "Test feed", encoding: str = "utf-8") -> bytes:
    """An RSS 2.0 document; items are dicts of title/link/guid/pubDate (None: element omitted)."""
    parts = []
    for item in items:
        fields = "".join(f"<{k}>{v}</{k}>" for k, v in item.items() if v is not None)
        parts.append(f"<item>{fields}</item>")
    text = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://example.org/</link>{''.join(parts)}</channel></rss>")
    return text.encode(encoding)


def article(title: str, published: str | None = None, canonical: str | None = None) -> bytes:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return (f"<!doctype html><html><head><title>{title}</title>{meta}{link}</head>"
            f"<body><article><h1>{title}</h1><p>Body of {title}.</p></article></body></html>").encode()
