"""source_health shows the latest fetch as it was, NULL status included, and the briefing follows."""

from __future__ import annotations

import duckdb

from etl.analyst.briefing_data import _SOURCE_ALERTS_SQL
from etl.settings import REPO_SQL_DIR


def test_a_latest_fetch_without_http_status_shows_none_not_an_older_200():
    con = duckdb.connect()
    con.execute("""
        CREATE TABLE feed_fetches (feed_name VARCHAR, requested_at TIMESTAMPTZ, outcome VARCHAR,
                                   http_status INTEGER, error VARCHAR, new_entries INTEGER);
        CREATE TABLE feed_state (feed_name VARCHAR, error_count INTEGER, disabled BOOLEAN, disabled_reason VARCHAR);
        CREATE TABLE articles (source VARCHAR, status VARCHAR, published_at TIMESTAMPTZ);
        INSERT INTO feed_fetches VALUES
            ('wire', '2024-11-15 08:00:00+00', 'ok', 200, NULL, 3),
            ('wire', '2024-11-15 09:00:00+00', 'connect_error', NULL, 'ConnectError: refused', 0),
            ('post', '2024-11-15 08:00:00+00', 'http_error', 503, 'HTTP 503', 0),
            ('post', '2024-11-15 09:00:00+00', 'ok', 200, NULL, 1);
        INSERT INTO feed_state VALUES ('wire', 1, false, NULL), ('post', 0, false, NULL);
    """)
    con.execute((REPO_SQL_DIR / "views" / "110_source_health.sql").read_text())
    rows = con.execute("SELECT feed_name, last_outcome, last_status, last_error, fetches, needs_attention "
                       "FROM source_health ORDER BY feed_name").fetchall()
    assert rows == [("post", "ok", 200, None, 2, False),
                    ("wire", "connect_error", None, "ConnectError: refused", 2, True)]
    alerts = con.execute(_SOURCE_ALERTS_SQL).pl()
    assert alerts.select("feed_name", "last_outcome", "last_status").rows() == [("wire", "connect_error", None)]
