"""Helpers to write an article the facts step can code, and to snapshot derived tables for
comparisons between runs."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from etl.warehouse import lake
from tests.conftest import settings_of

DERIVED_TABLES = ["articles", "site_templates", "stories", "story_bands", "relation_facts", "coded_articles", "relation_daily",
                  "actors"]


def snapshot(data_dir: Path, tables=DERIVED_TABLES, **settings) -> dict[str, pl.DataFrame]:
    """Every row of each table in the warehouse of ``data_dir`` (and ``settings``, see
    tests.conftest.settings_of), sorted on all columns so that row order does not matter."""
    con = lake.connect(settings_of(data_dir, **settings), read_only=True)
    try:
        out = {}
        for table in tables:
            frame = con.execute(f"SELECT * FROM {table}").pl()
            out[table] = frame.sort(by=[c for c, t in frame.schema.items() if not isinstance(t, pl.List)])
        return out
    finally:
        con.close()


def assert_same_tables(before: dict[str, pl.DataFrame], after: dict[str, pl.DataFrame]) -> None:
    for table, frame in before.items():
        assert frame.height > 0, f"{table} is empty: the comparison would prove nothing"
        assert frame.equals(after[table]), f"{table} differs between runs"


def insert_coded_input(con, article_id: str, day, url: str, source: str, text: str, language: str | None) -> None:
    """An extracted article and its one-article story: what the facts step reads for ``day``."""
    con.execute("""INSERT INTO articles (article_id, partition_date, url, canonical_url, source, text, language,
                   capture_id, versions, status, extractor_version)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, 'ok', 'test')""",
                [article_id, day, url, url, source, text, language, f"c-{article_id}"])
    con.execute("""INSERT INTO stories (story_id, article_id, partition_date, is_representative, method, dedup_version)
                   VALUES (?, ?, ?, true, 'self', 'test')""", [article_id, article_id, day])
