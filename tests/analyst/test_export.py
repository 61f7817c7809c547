"""`etl export`: standalone .duckdb and Parquet folder, filtered by table, day and snapshot."""

from __future__ import annotations

import duckdb

from etl.cli.main import main
from etl.warehouse import lake
from tests.conftest import settings_of


def test_duckdb_export_of_chosen_tables_and_days(sample_warehouse, tmp_path, capsys):
    target = tmp_path / "share.duckdb"
    args = ["export", str(target), "--tables", "articles,stories,relation_facts",
            "--start", "2024-11-14", "--end", "2024-11-15"]
    assert main(args) == 0
    assert "wrote" in capsys.readouterr().out
    con = duckdb.connect(str(target), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        days = con.execute("SELECT DISTINCT partition_date::VARCHAR FROM articles ORDER BY 1").fetchall()
        top = con.execute("SELECT story_id, outlets FROM top_stories_daily WHERE rank = 1 ORDER BY day").fetchall()
        views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
    finally:
        con.close()
    # actors come along: the country-pair views read them (over every exported day).
    assert tables == {"articles", "stories", "relation_facts", "actors"}
    assert days == [("2024-11-14",), ("2024-11-15",)]
    assert top == [("s4", 1), ("s5", 3)]  # the views work in the file, on the exported days only
    assert "source_health" not in views  # the capture log is never added for a view
    assert {"fact_evidence", "dyad_weekly", "story_events"} <= views
    assert main(args) == 2 and "exists" in capsys.readouterr().err


def test_chosen_tables_keep_the_views_they_support(sample_warehouse, tmp_path, capsys):
    target = tmp_path / "facts.duckdb"
    assert main(["export", str(target), "--tables", "relation_facts,articles"]) == 0
    out = capsys.readouterr().out
    assert "stories" in out and "(read by the views)" in out
    con = duckdb.connect(str(target), read_only=True)
    try:
        views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() WHERE NOT internal").fetchall()}
        kor_jpn = con.execute("SELECT sum(facts) FROM dyad_daily WHERE dyad = 'KOR → JPN'").fetchone()[0]
    finally:
        con.close()
    assert {"fact_evidence", "fact_country_pairs", "dyad_daily", "top_stories_daily"} <= views
    assert kor_jpn > 0


def test_parquet_export_opens_with_load_sql(sample_warehouse, tmp_path, monkeypatch, capsys):
    target = tmp_path / "share"
    assert main(["export", str(target), "--format", "parquet", "--start", "2024-11-15"]) == 0
    assert (target / "feed_fetches.parquet").exists() and (target / "load.sql").exists()
    monkeypatch.chdir(target)  # load.sql uses paths relative to its folder
    con = duckdb.connect()
    try:
        con.execute((target / "load.sql").read_text())
        fetch_days = con.execute("SELECT DISTINCT requested_at::DATE::VARCHAR FROM feed_fetches").fetchall()
        dead = con.execute("SELECT needs_attention FROM source_health WHERE feed_name = 'dead-feed'").fetchone()
    finally:
        con.close()
    assert fetch_days == [("2024-11-15",)] and dead == (True,)


def test_export_as_of_an_earlier_snapshot(sample_warehouse, tmp_path, capsys):
    con = lake.connect(settings_of(sample_warehouse), read_only=True)
    try:
        # The commit that inserted the facts, before relation_daily was written.
        before_daily = con.execute(
            "SELECT max(snapshot_id) FROM ducklake_snapshots('lake') s, "
            "(SELECT min(snapshot_id) AS first FROM ducklake_snapshots('lake') "
            " WHERE changes::VARCHAR LIKE '%tables_inserted_into%') f WHERE snapshot_id = f.first"
        ).fetchone()[0]
    finally:
        con.close()
    target = tmp_path / "then.duckdb"
    assert main(["export", str(target), "--tables", "relation_daily,relation_facts",
                 "--snapshot", str(before_daily)]) == 0
    con = duckdb.connect(str(target), read_only=True)
    try:
        counts = con.execute("SELECT (SELECT count(*) FROM relation_facts), (SELECT count(*) FROM relation_daily)").fetchone()
    finally:
        con.close()
    assert counts == (17, 0)
    assert main(["export", str(tmp_path / "x.duckdb"), "--tables", "nope"]) == 2
    assert "no table nope" in capsys.readouterr().err
