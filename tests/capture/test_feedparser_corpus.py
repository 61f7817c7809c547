"""Every feed of feedparser's own test suite, whole and cut at 1/3 and 2/3, goes through parse_feed."""

from __future__ import annotations

from pathlib import Path

import pytest

from etl.capture.feeds import parse_feed

REPO_ROOT = Path(__file__).resolve().parents[2]
CORPUS = REPO_ROOT.parent / "shared" / "corpora" / "feedparser"
FILES = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix in (".xml", ".json")) if CORPUS.is_dir() else []


def _headers(body: bytes) -> dict:
    """The test file's `Header:` lines: the HTTP headers feedparser's test server would send."""
    headers = {}
    for line in body.decode("latin-1").splitlines():
        line = line.strip()
        if line.startswith("Header:"):
            name, _, value = line[len("Header:"):].partition(":")
            headers[name.strip()] = value.strip()
    return headers


def test_corpus_is_present():
    assert len(FILES) > 2000, f"feedparser corpus not found under {CORPUS}"


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(CORPUS)) for p in FILES])
def test_parse_feed_never_raises(path):
    body = path.read_bytes()
    headers = _headers(body)
    for cut in (len(body), len(body) // 3, 2 * len(body) // 3):
        parsed = parse_feed(body[:cut], "http://example.com/feed", headers)
        assert parsed.error is None or not parsed.error.startswith("parser crashed"), parsed.error
        for item in parsed.items:
            assert len(item.content_hash) == 64
