"""A capture killed mid-run (SIGKILL) keeps what it had committed, and a rerun completes it.

The site is slow only in the way real sites are to a polite crawler: one page a second per host
(the default politeness). The killed run commits every second.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

from etl.capture import outcomes
from etl.capture.sources import Source
from etl.rawstore.warc import read_record
from etl.warehouse import lake
from etl.capture.capture_state import capture_into
from tests.capture.conftest import article, make_settings, rss
from tests.capture.localserver import LocalServer, response
from tests.conftest import LOOPBACK, cli_environment

REPO_ROOT = Path(__file__).resolve().parents[2]
PAGES = 20
PAGES_BEFORE_KILL = 6


def _site(server: LocalServer) -> None:
    now = datetime.now(timezone.utc)
    items = [{"title": f"story {i}", "link": server.url(f"/story/{i}"), "guid": f"s{i}",
              "pubDate": format_datetime(now - timedelta(minutes=i))} for i in range(PAGES)]
    feed = rss(items)
    server.routes["/feed"] = lambda r: response(200, feed, {"Content-Type": "application/rss+xml"})
    server.routes["/robots.txt"] = lambda r: response(200, b"User-agent: *\nAllow: /\n")
    server.fallback = lambda r: response(200, article(r.path), {"Content-Type": "text/html"})


def _page_requests(server: LocalServer) -> set[str]:
    return {r.path for r in server.requests if r.path.startswith("/story/")}


def test_sigkill_keeps_committed_pages_and_a_rerun_completes(tmp_path):
    data_dir = tmp_path / "data"
    sources_file = tmp_path / "sources.yaml"
    with LocalServer() as server:
        _site(server)
        sources_file.write_text(f"sources:\n  - name: slow\n    url: {server.url('/feed')}\n")
        env = cli_environment(data_dir, ETL_SOURCES=str(sources_file), ETL_ALLOW_NETWORKS=LOOPBACK,
                              ETL_CAPTURE_COMMIT_SECONDS="1")
        process = subprocess.Popen([sys.executable, "-m", "etl.cli.main", "capture"], env=env, cwd=REPO_ROOT,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            deadline = time.monotonic() + 120
            while len(_page_requests(server)) < PAGES_BEFORE_KILL and time.monotonic() < deadline:
                assert process.poll() is None, process.stderr.read().decode()[-2000:]
                time.sleep(0.1)
            time.sleep(2.5)  # past the next commit
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait()
        fetched_before_kill = _page_requests(server)
        assert PAGES_BEFORE_KILL <= len(fetched_before_kill) < PAGES, "the run was not killed mid-way"

        settings = make_settings(data_dir)
        con = lake.connect(settings)
        try:
            kept = lake.query(con, "SELECT * FROM captures").to_dicts()
            assert len(kept) >= PAGES_BEFORE_KILL
            assert {row["outcome"] for row in kept} == {outcomes.OK}
            for row in kept:  # every committed row points at a readable record
                _, payload, _, _ = read_record(settings.raw_dir, row["warc_file"], row["warc_offset"])
                assert b"<article>" in payload
            counts = lake.query(con, "SELECT (SELECT count(*) FROM feed_fetches) AS fetches, "
                                     "(SELECT count(*) FROM feed_entries) AS entries, "
                                     "(SELECT count(*) FROM feed_state) AS states").to_dicts()[0]
            # The feed's state waits for its last page: the rerun reads the feed in full again.
            assert counts == {"fetches": 1, "entries": PAGES, "states": 0}

            committed = {row["url"].split(str(server.port), 1)[1] for row in kept}
            server.requests.clear()
            capture_into(con, [Source("slow", server.url("/feed"))], settings)
            stored = lake.query(con, "SELECT url FROM captures WHERE outcome = 'ok'")["url"].to_list()
            assert {url.split(str(server.port), 1)[1] for url in stored} == {f"/story/{i}" for i in range(PAGES)}
            assert not committed & _page_requests(server), "a committed page was fetched again"
            assert lake.query(con, "SELECT count(*) AS n FROM feed_entries")["n"][0] == PAGES
            assert lake.query(con, "SELECT count(*) AS n FROM feed_state")["n"][0] == 1
        finally:
            con.close()
