"""Dagster resources: the warehouse connection, kept apart from the assets that use it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
import duckdb

from etl.settings import get_settings
from etl.warehouse import lake


class WarehouseResource(dg.ConfigurableResource):
    """Opens the DuckLake warehouse configured by ETL_DATA_DIR (schema applied on open)."""

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = lake.connect(get_settings())
        try:
            lake.apply_schema(con)
            yield con
        finally:
            con.close()
