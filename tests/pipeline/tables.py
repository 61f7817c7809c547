"""Helpers to snapshot derived tables for comparisons between runs."""

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
