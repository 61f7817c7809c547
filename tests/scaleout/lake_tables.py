"""Every table of the configured lake, row for row, for comparisons between deployments."""

from __future__ import annotations

import polars as pl

from etl.settings import Settings
from etl.warehouse import lake


def every_table(settings: Settings, run_specific: dict[str, tuple[str, ...]]) -> dict[str, pl.DataFrame]:
    """Each base table of the lake, all rows in one total order, without the columns that differ
    from run to run by design (``run_specific``: table -> columns, e.g. fresh capture UUIDs)."""
    con = lake.connect(settings, read_only=True)
    try:
        tables = [name for (name,) in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = ? AND table_type = 'BASE TABLE' "
            "ORDER BY 1", [lake.LAKE_ALIAS]).fetchall()]
        out = {}
        for table in tables:
            dropped = run_specific.get(table, ())
            columns = ", ".join(f'"{c}"' for c in lake.table_columns(con, table) if c not in dropped)
            out[table] = con.execute(f"SELECT {columns} FROM {table} ORDER BY ALL").pl()
        return out
    finally:
        con.close()


def differences(expected: dict[str, pl.DataFrame], actual: dict[str, pl.DataFrame]) -> list[str]:
    """What differs, one line per table; empty when both hold the same tables and rows."""
    found = []
    if expected.keys() != actual.keys():
        found.append(f"tables: {sorted(expected)} != {sorted(actual)}")
    for table in sorted(expected.keys() & actual.keys()):
        want, got = expected[table], actual[table]
        if want.equals(got):
            continue
        if want.height != got.height:
            found.append(f"{table}: {want.height} rows expected, {got.height} found")
        else:
            columns = [c for c in want.columns if c not in got.columns or not want[c].equals(got[c])]
            found.append(f"{table}: other values in {columns}")
    return found
