"""relation_daily: dyad counts for a day, computed in SQL (the relation_daily mart of sql/models)."""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl

from etl.warehouse.lake import query
from etl.warehouse.models import mart_query


def derive_relation_daily(con: duckdb.DuckDBPyConnection, day: dt.date) -> pl.DataFrame:
    return query(con, mart_query("relation_daily"), [day])
