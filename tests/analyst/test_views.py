"""The analyst views: created in the DuckLake catalog, visible to read-only readers, correct."""

from __future__ import annotations

import datetime as dt

from etl.analyst.views import install_views, installed_views, view_files
from etl.warehouse import lake
from tests.conftest import settings_of


def test_every_view_file_is_in_the_catalog_for_readers(sample_warehouse):
    con = lake.connect(settings_of(sample_warehouse), read_only=True)
    try:
        assert set(installed_views(con, "lake")) == {v.name for v in view_files()}
        comments = dict(con.execute(
            "SELECT view_name, comment FROM duckdb_views() WHERE database_name = 'lake'").fetchall())
    finally:
        con.close()
    assert comments["dyad_weekly"].startswith("Dyad time series by ISO week")


def test_reinstalling_unchanged_views_adds_no_snapshot(sample_warehouse):
    con = lake.connect(settings_of(sample_warehouse))
    try:
        before = lake.current_snapshot(con)
        assert install_views(con) == []
        assert lake.current_snapshot(con) == before
    finally:
        con.close()


def test_dyad_daily_matches_the_relation_daily_table(sample_warehouse):
    """Two implementations of the same counts: the view over facts and the pipeline's table."""
    con = lake.connect(settings_of(sample_warehouse), read_only=True)
    try:
        differences = con.execute("""
            SELECT * FROM (SELECT day AS partition_date, source_iso3, target_iso3, relation_type, is_domestic,
                                  facts, stories, sources, articles FROM dyad_daily) v
            FULL JOIN relation_daily t USING (partition_date, source_iso3, target_iso3, relation_type)
            WHERE (v.is_domestic, v.facts, v.stories, v.sources, v.articles)
                  IS DISTINCT FROM (t.is_domestic, t.facts, t.stories, t.sources, t.articles)""").fetchall()
        rows = con.execute("SELECT count(*) FROM dyad_daily").fetchone()[0]
    finally:
        con.close()
    assert rows > 0 and differences == []


def test_dyads_pair_countries_and_mark_domestic_events(sample_warehouse):
    con = lake.connect(settings_of(sample_warehouse), read_only=True)
    try:
        pairs = con.execute("""SELECT dyad, relation_type, is_domestic FROM dyad_daily
                               WHERE day = '2024-11-15' ORDER BY ALL""").fetchall()
        kept_as_facts = con.execute("""SELECT count(*) FROM fact_evidence WHERE article_id = 'a9'""").fetchone()[0]
    finally:
        con.close()
    # The police detaining protesters is South Korea's domestic event; "Ukrainian drones ...
    # inside Russia" miscoded UKR -> UKR and the UN's accusation (not a country) are no pairs,
    # and neither are the joint AGREE's members with themselves.
    assert pairs == [
        ("JPN → KOR", "AGREE", False), ("JPN → PRK", "ACCUSE", False), ("JPN → USA", "AGREE", False),
        ("KOR (domestic)", "COERCE", True),
        ("KOR → JPN", "AGREE", False), ("KOR → PRK", "ACCUSE", False), ("KOR → USA", "AGREE", False),
        ("USA → JPN", "AGREE", False), ("USA → KOR", "AGREE", False), ("USA → PRK", "ACCUSE", False),
    ]
    assert kept_as_facts == 3


def test_weekly_counts_a_story_once_across_days(sample_warehouse):
    con = lake.connect(settings_of(sample_warehouse), read_only=True)
    try:
        row = con.execute("""SELECT stories, facts, active_days FROM dyad_weekly
                             WHERE dyad = 'KOR → PRK' AND relation_type = 'ACCUSE'""").fetchone()
    finally:
        con.close()
    # Story s1 on the 13th, syndicated story s5 (three copies) on the 15th.
    assert row == (2, 4, 2)


def test_top_story_of_the_day_is_the_syndicated_one_with_its_evidence(sample_warehouse):
    con = lake.connect(settings_of(sample_warehouse), read_only=True)
    try:
        top = con.execute("SELECT story_id, outlets, articles, events FROM top_stories_daily "
                          "WHERE day = ? AND rank = 1", [dt.date(2024, 11, 15)]).fetchone()
        evidence = con.execute("SELECT evidence, evidence_outlet, outlets FROM story_events "
                               "WHERE story_id = 's5' AND relation_type = 'ACCUSE'").fetchone()
        hypothetical = con.execute("SELECT count(*) FROM story_events WHERE story_id = 's2' "
                                   "AND relation_type = 'AGREE'").fetchone()[0]
    finally:
        con.close()
    assert top == ("s5", 3, 3, 2)
    assert evidence == ("The leaders condemned North Korea for sending troops to Russia.", "keystone-wire", 3)
    assert hypothetical == 0  # "Seoul could agree ..." is evidence of nothing


def test_source_health_flags_the_dead_feed(sample_warehouse):
    con = lake.connect(settings_of(sample_warehouse), read_only=True)
    try:
        rows = con.execute("SELECT feed_name, last_status, ok_rate_last_24, needs_attention "
                           "FROM source_health ORDER BY feed_name").fetchall()
    finally:
        con.close()
    assert ("dead-feed", 404, 0.0, True) in rows
    assert all(not attention for name, _, _, attention in rows if name != "dead-feed")
