"""The offline demo job end to end: every core table filled, broken feeds recorded, every
healthy entry arrived, the special cases of the demo handled."""

from __future__ import annotations

import subprocess
import sys

import pytest

from etl.demo import expectations as expect
from etl.warehouse import lake
from tests.conftest import REPO_ROOT, settings_of, settings_resource

CORE_TABLES = ["feed_fetches", "feed_state", "feed_entries", "captures", "articles", "stories",
               "actors", "relation_facts", "relation_daily"]


@pytest.fixture
def con(demo_data_dir):
    connection = lake.connect(settings_of(demo_data_dir), read_only=True)
    yield connection
    connection.close()


def _rows(con, sql, params=None):
    return lake.query(con, sql, params).to_dicts()


def test_every_core_table_has_rows(con):
    for table in CORE_TABLES:
        assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0, table


def test_broken_feeds_are_recorded_with_their_outcome_class(con):
    outcomes = {r["feed_name"]: r for r in _rows(con, """
        SELECT feed_name, list(DISTINCT outcome) AS outcomes, bool_and(error IS NOT NULL) AS all_explained
        FROM feed_fetches GROUP BY feed_name""")}
    assert outcomes[expect.MALFORMED_FEED]["outcomes"] == ["malformed"]
    assert outcomes[expect.DEAD_FEED]["outcomes"] == ["connect_error"]
    assert outcomes[expect.MALFORMED_FEED]["all_explained"] and outcomes[expect.DEAD_FEED]["all_explained"]
    for feed in expect.FINAL_FEED_ENTRIES:
        assert outcomes[feed]["outcomes"] == ["ok"], feed
    state = {r["feed_name"]: r for r in _rows(con, "SELECT * FROM feed_state")}
    assert state[expect.DEAD_FEED]["error_count"] >= 1 and state[expect.DEAD_FEED]["last_outcome"] == "connect_error"


def test_every_entry_of_the_healthy_feeds_arrives(con):
    per_feed = dict(con.execute(
        "SELECT feed_name, count(DISTINCT entry_key) FROM feed_entries GROUP BY ALL").fetchall())
    assert per_feed == expect.FINAL_FEED_ENTRIES
    per_day = dict(con.execute("SELECT partition_date, count(*) FROM articles GROUP BY ALL").fetchall())
    assert per_day == expect.ARTICLES_PER_DAY
    assert con.execute("SELECT count(*) FROM articles WHERE status = 'ok'").fetchone()[0] == expect.TOTAL_ARTICLES


def test_tracking_parameters_are_gone_from_keys(con):
    (url, canonical), = con.execute(
        "SELECT url, canonical_url FROM articles WHERE url LIKE ?", [f"%{expect.UTM_PATH}%"]).fetchall()
    assert "utm_" not in canonical
    assert con.execute("SELECT count(*) FROM captures WHERE canonical_url LIKE '%utm_%'").fetchone()[0] == 0


def test_edited_story_is_one_article_with_two_versions_showing_the_latest(con):
    (article,) = _rows(con, "SELECT * FROM articles WHERE url LIKE ?", [f"%{expect.EDITED_PATH}"])
    assert article["versions"] == 2
    assert expect.EDITED_V2_ONLY in article["text"] and expect.EDITED_V1_ONLY not in article["text"]
    assert article["title"] == expect.EDITED_TITLES[1]
    versions = con.execute("SELECT list(version ORDER BY version) FROM feed_entries WHERE url LIKE ?",
                           [f"%{expect.EDITED_PATH}"]).fetchone()[0]
    assert versions == [1, 2]


def test_wire_copies_are_one_story_and_counted_once(con):
    stories = con.execute(
        "SELECT DISTINCT s.story_id FROM stories s JOIN articles a USING (article_id) WHERE "
        + " OR ".join("a.url LIKE ?" for _ in expect.WIRE_STORY_PATHS),
        [f"%{p}" for p in expect.WIRE_STORY_PATHS]).fetchall()
    assert len(stories) == 1
    story_id = stories[0][0]
    # relation_daily counts the three copies as one story.
    (stories_counted, articles_counted), = con.execute("""
        SELECT max(d.stories), max(d.articles) FROM relation_daily d
        JOIN relation_facts f ON f.partition_date = d.partition_date AND f.relation_type = d.relation_type
             AND list_contains(f.source_iso3, d.source_iso3)
        WHERE f.story_id = ? AND NOT f.negated AND NOT f.hypothetical""", [story_id]).fetchall()
    assert articles_counted >= 3 and stories_counted < articles_counted


def test_late_and_undated_items_land_in_their_publication_day(con):
    late = _rows(con, "SELECT partition_date, date_source FROM articles WHERE url LIKE ?", [f"%{expect.LATE_PATH}"])
    assert late == [{"partition_date": expect.LATE_PUBLISHED_AT.date(), "date_source": "feed"}]
    undated = _rows(con, "SELECT partition_date, date_source, published_at FROM articles WHERE url LIKE ?",
                    [f"%{expect.UNDATED_PATH}"])
    assert undated[0]["date_source"] == "page"
    assert undated[0]["published_at"] == expect.UNDATED_PUBLISHED_AT


def test_facts_trace_to_their_sentences(con):
    bad = con.execute("""
        SELECT count(*) FROM relation_facts f JOIN articles a USING (article_id)
        WHERE substr(a.text, f.sentence_start + 1, f.sentence_end - f.sentence_start) <> f.sentence""").fetchone()[0]
    assert bad == 0
    assert con.execute("SELECT count(DISTINCT relation_type) FROM relation_facts").fetchone()[0] >= 8


def test_asset_checks_pass_on_the_demo_and_catch_a_duplicate(demo_copy):
    from etl.cli.dagster_runs import run_derive
    from etl.definitions.checks import CHECKS, violations
    from etl.demo.server import DEMO_DAYS

    result = run_derive(settings_resource(demo_copy), DEMO_DAYS[0], DEMO_DAYS[-1])
    evaluations = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
    derived_checks = {name for asset, name, _, _ in CHECKS if asset != "captures"}
    assert evaluations == {name: True for name in derived_checks}

    # The same check fails on a broken table: a second copy of an article row.
    con = lake.connect(settings_of(demo_copy))
    con.execute("INSERT INTO articles SELECT * FROM articles LIMIT 1")
    duplicate_check = next(sql for _, name, _, sql in CHECKS if name == "article_ids_unique")
    assert violations(con, duplicate_check).height == 1
    con.close()
