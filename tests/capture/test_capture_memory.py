"""What capture remembers between runs, read back from a real warehouse."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from etl.capture.sources import Source
from etl.warehouse import lake
from etl.capture.capture_state import capture_into
from tests.capture.conftest import article, make_settings, rss
from tests.capture.localserver import LocalServer, response

NOW = datetime(2024, 5, 7, 12, 0, tzinfo=timezone.utc)
HTML = {"Content-Type": "text/html"}


def test_a_page_naming_another_canonical_url_is_not_fetched_again(tmp_path):
    settings = make_settings(tmp_path)
    con = lake.connect(settings)
    lake.apply_schema(con)
    with LocalServer() as server:
        items = [{"title": "a", "link": server.url("/a?from=rss"), "guid": "a",
                  "pubDate": "Tue, 07 May 2024 09:30:00 GMT"}]
        server.routes["/feed"] = lambda r: response(200, rss(items), {"Content-Type": "application/rss+xml"})
        server.routes["/a"] = lambda r: response(200, article("a", canonical=server.url("/stories/a")), HTML)
        server.routes["/b"] = lambda r: response(200, article("b"), HTML)
        sources = [Source("feed", server.url("/feed"))]
        try:
            capture_into(con, sources, settings, now=NOW)
            items.append({"title": "b", "link": server.url("/b"), "guid": "b",
                          "pubDate": "Tue, 07 May 2024 10:30:00 GMT"})  # the feed changes
            capture_into(con, sources, settings, now=NOW + timedelta(hours=1))
        finally:
            con.close()
        assert len(server.requests_to("/a")) == 1
        assert len(server.requests_to("/b")) == 1
