"""How facts become dyads (sql/views/030_fact_country_pairs.sql, which relation_daily uses):
compound actors expand per member; a joint CONSULT/AGREE/COOPERATE with no other recipient
pairs its members both ways; other recipient-less events stay '' ; unasserted facts drop out."""

from __future__ import annotations

import datetime as dt

import polars as pl

from etl.analyst.views import install_views
from etl.derive.daily import derive_relation_daily
from etl.derive.facts import FACT_SCHEMA
from etl.warehouse import lake
from tests.conftest import use_data_dir

DAY = dt.date(2024, 11, 15)


def _fact(fact_id, relation_type, sources, targets, negated=False):
    return {"fact_id": fact_id, "partition_date": DAY, "article_id": "a1", "story_id": "s1",
            "relation_type": relation_type, "mode": None, "source_actors": sources, "source_iso3": sources,
            "source_sectors": ["GOV"] * len(sources), "target_actors": targets, "target_iso3": targets,
            "target_sectors": ["GOV"] * len(targets), "location": None, "event_date": DAY,
            "sentence": "s", "sentence_start": 0, "sentence_end": 1, "trigger": "t", "negated": negated,
            "hypothetical": False, "confidence": 0.9, "rule_id": "test", "coder_version": "test"}


def test_dyads_from_compound_and_joint_events(tmp_path):
    use_data_dir(tmp_path / "data")
    con = lake.connect()
    lake.apply_schema(con)
    install_views(con)
    con.execute("""INSERT INTO articles (article_id, partition_date, url, canonical_url, source, text,
                   capture_id, versions, status, extractor_version)
                   VALUES ('a1', DATE '2024-11-15', 'u', 'u', 'wire', 's', 'c1', 1, 'ok', 'test')""")
    facts = pl.DataFrame([
        _fact("f1", "CONSULT", ["KOR", "JPN"], []),          # "Yoon and Kishida met"
        _fact("f2", "ACCUSE", ["KOR", "NZL"], ["PRK"]),      # "Yoon and Luxon condemned North Korea"
        _fact("f3", "REJECT", ["RUS", "CHN"], []),           # a joint veto has no partner in itself
        _fact("f4", "ASSAULT", ["ISR"], ["LBN"], negated=True),
    ], schema=FACT_SCHEMA)
    lake.replace_partitions(con, {"relation_facts": facts}, [DAY])
    daily = derive_relation_daily(con, DAY)
    con.close()
    dyads = {(r["source_iso3"], r["target_iso3"], r["relation_type"]) for r in daily.iter_rows(named=True)}
    assert dyads == {
        ("KOR", "JPN", "CONSULT"), ("JPN", "KOR", "CONSULT"),
        ("KOR", "PRK", "ACCUSE"), ("NZL", "PRK", "ACCUSE"),
        ("RUS", "", "REJECT"), ("CHN", "", "REJECT"),
    }
    assert set(daily["stories"]) == {1}
