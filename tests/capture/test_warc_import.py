"""import_warc: an external crawl's pages become captures and entries in their publication days."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timezone

from etl.capture.state import CaptureState
from etl.capture.warc_import import import_warc
from etl.rawstore.warc import WarcWriter, read_record
from tests.capture.conftest import article

CRAWLED = datetime(2021, 3, 4, 5, 6, tzinfo=timezone.utc)


def _external_warc(folder) -> str:
    html = [("https://news.example/a?utm_source=x", article("A", "2019-12-31T22:00:00+09:00")),
            ("https://news.example/b", article("B")),
            ("https://news.example/c", article("C", "2030-01-01T00:00:00Z"))]
    with WarcWriter(folder, prefix="external") as writer:
        for url, payload in html:
            writer.write_response(url, status=200, reason="OK", http_version="HTTP/1.1",
                                  headers=[("Content-Type", "text/html")], payload=payload, date=CRAWLED)
        writer.write_response("https://news.example/img.png", status=200, reason="OK",
                              http_version="HTTP/1.1", headers=[("Content-Type", "image/png")],
                              payload=b"\x89PNG", date=CRAWLED)
        writer.write_response("https://news.example/missing", status=404, reason="Not Found",
                              http_version="HTTP/1.1", headers=[("Content-Type", "text/html")],
                              payload=b"<html>no</html>", date=CRAWLED)
        return str(folder / writer.files[0])


def test_import_dates_pages_and_is_idempotent(tmp_path, settings):
    external = _external_warc(tmp_path / "outside")
    raw = tmp_path / "raw"
    result = import_warc([external, tmp_path / "no-such.warc.gz"], raw, settings, CaptureState.empty())
    assert len(result.problems) == 1 and "no-such" in result.problems[0]
    rows = {r["canonical_url"]: r for r in result.captures.iter_rows(named=True)}
    assert set(rows) == {"https://news.example/a", "https://news.example/b", "https://news.example/c"}
    assert rows["https://news.example/a"]["partition_date"] == date(2019, 12, 31)   # page date, UTC day
    assert rows["https://news.example/a"]["date_source"] == "page"
    assert rows["https://news.example/b"]["partition_date"] == date(2021, 3, 4)     # WARC-Date
    assert rows["https://news.example/c"]["date_source"] == "first_seen"            # future date rejected
    assert set(result.captures["origin"]) == {"import"}
    assert result.entries.height == 3 and set(result.entries["feed_name"]) == {"import"}
    # Keyed as a feed named "import" keys an entry by its link: stored keys must never change.
    assert set(result.entries["entry_key"]) == {
        hashlib.sha256(f"import\x1flink\x1f{url}".encode()).hexdigest()[:32] for url in rows}
    for row in rows.values():
        assert row["warc_file"].startswith("warc/import/")
        _, payload, _, _ = read_record(raw, row["warc_file"], row["warc_offset"])
        assert payload.startswith(b"<!doctype html>")
    state = CaptureState.from_frames(result.feed_state, result.entries, result.captures)
    again = import_warc([external], raw, settings, state)
    assert again.captures.height == 0 and again.entries.height == 0 and not again.problems


def test_garbage_file_is_a_problem_not_an_exception(tmp_path, settings):
    junk = tmp_path / "junk.warc.gz"
    junk.write_bytes(b"this is not a warc file at all" * 10)
    result = import_warc([junk], tmp_path / "raw", settings, CaptureState.empty())
    assert result.captures.height == 0 and len(result.problems) == 1
