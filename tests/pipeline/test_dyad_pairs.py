"""How facts become dyads (sql/models/intermediate/030_fact_country_pairs.sql, which relation_daily uses):
compound actors expand per member; a joint CONSULT/AGREE/COOPERATE with no other recipient
pairs its members both ways; only countries are paired, a country with itself only in a
domestic event; recipient-less and unasserted facts stay facts but are no pairs."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from etl.analyst.dictionary import apply_comments
from etl.analyst.views import install_views
from etl.derive.daily import derive_relation_daily
from etl.derive.facts import FACT_SCHEMA, derive_facts, seed_actor_frame
from etl.relations import extract_relations
from etl.warehouse import lake
from tests.conftest import settings_of

DAY = dt.date(2024, 11, 15)
# Every relation_daily row and every row of the country dyad views is a pair of two countries
# (states of the actors table), or a country with itself marked domestic.
COUNTRY_PAIR_VIEWS = ["relation_daily", "fact_country_pairs", "dyad_periods", "dyad_daily", "dyad_weekly"]
_NOT_A_COUNTRY_PAIR = """
SELECT source_iso3, target_iso3, is_domestic FROM {view}
WHERE (source_iso3 = target_iso3) IS DISTINCT FROM is_domestic
   OR source_iso3 NOT IN (SELECT country_iso3 FROM actors WHERE kind = 'state')
   OR target_iso3 NOT IN (SELECT country_iso3 FROM actors WHERE kind = 'state')
"""
# Actor pairs (the briefing's network): no missing recipient, no actor acting on itself, two
# actors of one country only in a domestic event.
_NOT_AN_ACTOR_PAIR = """
SELECT source_actor, target_actor FROM {view}
WHERE coalesce(target_actor, '') = '' OR source_actor = target_actor
   OR (source_code = target_code AND source_code <> '' AND NOT is_domestic)
"""


def _fact(fact_id, relation_type, sources, targets, negated=False, sectors=((), ()), domestic=False, names=None):
    """A fact row; actors are named by their codes unless ``names`` (source, target) are given."""
    source_sectors, target_sectors = (list(s) or ["GOV"] * n for s, n in zip(sectors, (len(sources), len(targets))))
    source_names, target_names = names or (sources, targets)
    return {"fact_id": fact_id, "partition_date": DAY, "article_id": "a1", "story_id": "s1",
            "relation_type": relation_type, "mode": None, "source_actors": source_names, "source_iso3": sources,
            "source_sectors": source_sectors, "target_actors": target_names, "target_iso3": targets,
            "target_sectors": target_sectors, "location": None, "event_date": DAY,
            "sentence": "s", "sentence_start": 0, "sentence_end": 1, "trigger": "t", "negated": negated,
            "hypothetical": False, "is_domestic": domestic, "confidence": 0.9, "rule_id": "test",
            "coder_version": "test"}


@pytest.fixture
def con(tmp_path):
    connection = lake.connect(settings_of(tmp_path / "data"))
    lake.apply_schema(connection)
    install_views(connection)
    lake.append_rows(connection, {"actors": seed_actor_frame()})
    connection.execute("""INSERT INTO articles (article_id, partition_date, url, canonical_url, source, text,
                          capture_id, versions, status, extractor_version)
                          VALUES ('a1', DATE '2024-11-15', 'u', 'u', 'wire', 's', 'c1', 1, 'ok', 'test')""")
    yield connection
    connection.close()


def test_dyads_from_compound_joint_and_domestic_events(con, tmp_path):
    facts = pl.DataFrame([
        _fact("f1", "CONSULT", ["KOR", "JPN"], []),          # "Yoon and Kishida met"
        _fact("f2", "ACCUSE", ["KOR", "NZL"], ["PRK"]),      # "Yoon and Luxon condemned North Korea"
        _fact("f3", "REJECT", ["RUS", "CHN"], []),           # a joint veto has no partner in itself
        _fact("f4", "ASSAULT", ["ISR"], ["LBN"], negated=True),
        _fact("f5", "REJECT", ["CHN"], []),                  # no recipient: a fact, not a pair
        _fact("f6", "ASSAULT", ["UKR"], ["UKR"], sectors=([""], [""])),  # "Ukrainian drones ... inside Russia"
        _fact("f7", "AGREE", ["NZL", "JPN"], ["NZL"]),       # a member of the source as its own partner
        _fact("f8", "ACCUSE", ["UN"], ["RUS"]),              # an organisation is an actor, not a country
        _fact("f9", "COERCE", ["IND"], ["IND"], sectors=(["COP"], ["CVL"]), domestic=True,  # police vs protesters
              names=(["Indian police"], ["protesters"])),
    ], schema=FACT_SCHEMA)
    lake.replace_partitions(con, {"relation_facts": facts}, [DAY], tmp_path / "locks")
    daily = derive_relation_daily(con, DAY)
    lake.replace_partitions(con, {"relation_daily": daily}, [DAY], tmp_path / "locks")
    dyads = {(r["source_iso3"], r["target_iso3"], r["relation_type"], r["is_domestic"])
             for r in daily.iter_rows(named=True)}
    assert dyads == {
        ("KOR", "JPN", "CONSULT", False), ("JPN", "KOR", "CONSULT", False),
        ("KOR", "PRK", "ACCUSE", False), ("NZL", "PRK", "ACCUSE", False),
        ("JPN", "NZL", "AGREE", False),
        ("IND", "IND", "COERCE", True),
    }
    assert set(daily["stories"]) == {1}
    for view in COUNTRY_PAIR_VIEWS:
        assert con.execute(_NOT_A_COUNTRY_PAIR.format(view=view)).fetchall() == [], view
    assert con.execute("SELECT DISTINCT dyad FROM fact_country_pairs WHERE is_domestic").fetchall() == [("IND (domestic)",)]
    # Every fact is still there for the analyst to read.
    assert con.execute("SELECT count(*) FROM fact_evidence").fetchone()[0] == facts.height
    edges = {(r[0], r[1], r[2]) for r in con.execute(
        "SELECT source_actor, target_actor, is_domestic FROM actor_edges").fetchall()}
    assert ("UN", "RUS", False) in edges and ("Indian police", "protesters", True) in edges
    assert not {e for e in edges if e[0] in ("UKR", "CHN") or (e[0], e[1]) == ("NZL", "NZL")}
    for view in ("fact_actor_pairs", "actor_edges"):
        assert con.execute(_NOT_AN_ACTOR_PAIR.format(view=view)).fetchall() == [], view


def test_derived_facts_carry_the_coders_domestic_verdict(con, tmp_path):
    """The coder says which facts are domestic; derive stores its verdict, and the dyad count
    takes police against protesters as India's domestic event, not as a pair."""
    text = ("Police arrested 25 protesters in Ahmedabad on Sunday. "
            "Ukrainian drones attacked an oil refinery inside Russia.")
    con.execute("""INSERT INTO articles (article_id, partition_date, url, canonical_url, source, text, published_at,
                   capture_id, versions, status, extractor_version)
                   VALUES ('a2', DATE '2024-11-15', 'v', 'v', 'wire', ?, TIMESTAMPTZ '2024-11-15 09:00:00+00',
                           'c2', 1, 'ok', 'test')""", [text])
    con.execute("""INSERT INTO stories (story_id, article_id, partition_date, is_representative, method, dedup_version)
                   VALUES ('s2', 'a2', DATE '2024-11-15', true, 'self', 'test')""")
    facts, _ = derive_facts(con, DAY)
    facts = facts.collect()
    coded = {(f.relation_type, f.sentence_start): f.is_domestic for f in extract_relations(text, DAY)}
    assert {(r["relation_type"], r["sentence_start"]): r["is_domestic"] for r in facts.iter_rows(named=True)} == coded
    lake.replace_partitions(con, {"relation_facts": facts}, [DAY], tmp_path / "locks")
    daily = {(r["source_iso3"], r["target_iso3"], r["relation_type"], r["is_domestic"])
             for r in derive_relation_daily(con, DAY).iter_rows(named=True)}
    assert ("IND", "IND", "COERCE", True) in daily
    assert not {row for row in daily if row[0] == row[1] and not row[3]}


def test_schema_migration_adds_is_domestic_to_an_existing_lake_once(tmp_path):
    """A lake made before the column existed gains it (old rows read not domestic) with its
    description, and applying the schema and the descriptions again commits nothing: no new
    snapshot on every run's open."""
    connection = lake.connect(settings_of(tmp_path / "data"))
    try:
        connection.execute(lake.schema_files()[0].read_text())
        connection.execute(lake.schema_files()[1].read_text())
        connection.execute("""INSERT INTO relation_daily VALUES (DATE '2024-11-15', 'KOR', 'JPN', 'AGREE', 1, 1, 1, 1)""")
        lake.apply_schema(connection)
        apply_comments(connection)
        row = connection.execute("SELECT is_domestic FROM relation_daily").fetchall()
        comments = dict(connection.execute(
            "SELECT table_name, comment FROM duckdb_columns() WHERE column_name = 'is_domestic'").fetchall())
        before = lake.current_snapshot(connection)
        lake.apply_schema(connection)
        apply_comments(connection)
        after = lake.current_snapshot(connection)
    finally:
        connection.close()
    assert row == [(False,)]
    assert set(comments) == {"relation_facts", "relation_daily"} and all(comments.values())
    assert after == before


def test_demo_warehouse_pairs_only_countries(demo_data_dir):
    connection = lake.connect(settings_of(demo_data_dir), read_only=True)
    try:
        for view in COUNTRY_PAIR_VIEWS:
            assert connection.execute(f"SELECT count(*) FROM {view}").fetchone()[0] > 0, view
            assert connection.execute(_NOT_A_COUNTRY_PAIR.format(view=view)).fetchall() == [], view
        for view in ("fact_actor_pairs", "actor_edges"):
            assert connection.execute(_NOT_AN_ACTOR_PAIR.format(view=view)).fetchall() == [], view
        # Facts with no recipient are kept as facts, only not counted as pairs.
        assert connection.execute("SELECT count(*) FROM relation_facts WHERE len(target_iso3) = 0").fetchone()[0] > 0
    finally:
        connection.close()
