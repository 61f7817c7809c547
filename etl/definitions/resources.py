"""Dagster resources: the warehouse connection, kept apart from the assets that use it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
import duckdb

from etl.analyst.dictionary import apply_comments
from etl.analyst.views import install_views
from etl.settings import get_settings
from etl.warehouse import lake


class WarehouseResource(dg.ConfigurableResource):
    """Opens the DuckLake warehouse configured by ETL_DATA_DIR, with the schema, the views and
    the data dictionary's comments (sql/schema, sql/views, sql/dictionary.yaml) applied on open:
    relation_daily is computed from a view, and unchanged views and comments cost nothing (no
    new snapshot). Read-only sessions (asset checks) attach the
    lake as it is: they can neither change it nor need to prepare it."""

    @contextmanager
    def connect(self, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        con = lake.connect(get_settings(), read_only=read_only)
        try:
            if not read_only:
                lake.apply_schema(con)
                install_views(con)
                apply_comments(con)
            yield con
        finally:
            con.close()
