"""`etl sql`: output formats, read-only enforcement and helpful errors, through the real CLI."""

from __future__ import annotations

import csv
import io
import json

import polars as pl

from etl.cli.main import main

QUERY = "SELECT feed_name, count(*) AS fetches FROM feed_fetches GROUP BY ALL ORDER BY feed_name"
EXPECTED = [("dead-feed", 3), ("harbour-times", 3), ("keystone-wire", 3), ("meridian-post", 3)]


def test_table_csv_and_json_formats(sample_warehouse, capsys):
    assert main(["sql", QUERY]) == 0
    table = capsys.readouterr().out
    assert "feed_name" in table and "harbour-times" in table and table.count("│       3 │") == 4

    assert main(["sql", QUERY, "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == ["feed_name", "fetches"]
    assert [(r[0], int(r[1])) for r in rows[1:]] == EXPECTED

    assert main(["sql", QUERY, "--format", "json"]) == 0
    records = json.loads(capsys.readouterr().out)
    assert [(r["feed_name"], r["fetches"]) for r in records] == EXPECTED


def test_parquet_output_and_query_from_file(sample_warehouse, tmp_path, capsys):
    query_file = tmp_path / "q.sql"
    query_file.write_text(QUERY)
    out = tmp_path / "fetches.parquet"
    assert main(["sql", f"@{query_file}", "--format", "parquet", "--output", str(out)]) == 0
    assert capsys.readouterr().out == ""
    assert list(pl.read_parquet(out).iter_rows()) == EXPECTED


def test_writes_are_refused_with_a_clear_message(sample_warehouse, capsys):
    for statement in ["DELETE FROM articles", "CREATE TABLE lake.x AS SELECT 1", "DROP VIEW dyad_daily"]:
        assert main(["sql", statement]) == 1
        err = capsys.readouterr().err
        assert err.startswith("refused: the warehouse is attached read-only here"), err
    assert main(["sql", "SELECT count(*) AS n FROM articles", "--format", "csv"]) == 0
    assert capsys.readouterr().out == "n\n9\n"  # nothing was deleted


def test_unknown_table_suggests_the_listing(sample_warehouse, capsys):
    assert main(["sql", "SELECT * FROM artcles"]) == 1
    err = capsys.readouterr().err
    assert 'Did you mean "articles"' in err and "`.tables`" in err


def test_example_queries_answer_on_the_sample(sample_warehouse, capsys):
    from etl.settings import REPO_SQL_DIR

    assert main(["sql", f"@{REPO_SQL_DIR / 'queries' / 'who_accused_north_korea.sql'}", "--format", "json"]) == 0
    accusers = [r["accuser"] for r in json.loads(capsys.readouterr().out)]
    assert accusers == ["United States, South Korea, Japan", "Japan", "South Korea"]
    for path in sorted((REPO_SQL_DIR / "queries").glob("*.sql")):
        assert main(["sql", f"@{path}", "--format", "csv"]) == 0, path.name
        assert len(capsys.readouterr().out.splitlines()) > 1, f"{path.name} returned no rows"
