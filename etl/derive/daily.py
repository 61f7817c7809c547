"""relation_daily: dyad counts for a day, computed in SQL from relation_facts."""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl

from etl.settings import REPO_SQL_DIR
from etl.warehouse.lake import query

RELATION_DAILY_SQL = REPO_SQL_DIR / "transforms" / "relation_daily.sql"


def derive_relation_daily(con: duckdb.DuckDBPyConnection, day: dt.date) -> pl.DataFrame:
    return query(con, RELATION_DAILY_SQL.read_text(), [day])
