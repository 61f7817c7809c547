"""`etl export`: chosen tables and days of the warehouse as a file anyone with DuckDB can open.

Two targets: one standalone ``.duckdb`` file (tables plus the analyst views that apply to them),
or a folder of Parquet files with a ``load.sql`` that recreates the same tables as views. The
derived tables the analyst views over the chosen tables also read (stories and actors for the
fact views, say) come along, over the same days, so the views work in the export; the capture
log tables come only when chosen.
Reads through a read-only lake attachment, optionally as of an earlier snapshot, so an export
never blocks or disturbs the scheduled writer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb

from etl.analyst.dictionary import view_dependencies
from etl.analyst.views import view_files
from etl.warehouse import lake

# How a table's rows are selected by day. Partitioned tables use partition_date; the fetch log
# has no partition, its day is the request time; anything else (feed_state, actors) is exported
# whole because it is the state every day refers to.
_DAY_EXPRESSIONS = {"feed_fetches": "CAST(requested_at AS DATE)"}
EXPORT_FORMATS = ("duckdb", "parquet")
EXPORT_DB = "export_db"
# The capture log: never added to an export for a view's sake (source_health reads it).
_CAPTURE_LOG = frozenset({"feed_fetches", "feed_state", "feed_entries", "captures"})


@dataclass(frozen=True)
class ExportRequest:
    target: Path
    fmt: str = "duckdb"
    tables: tuple[str, ...] = ()          # empty: every base table
    start: dt.date | None = None
    end: dt.date | None = None
    snapshot: int | None = None           # DuckLake snapshot id; None = latest


@dataclass(frozen=True)
class ExportResult:
    target: Path
    rows: dict[str, int]
    views: list[str]
    added: tuple[str, ...] = ()           # tables exported because views over the chosen ones read them


def view_tables() -> dict[str, set[str]]:
    """Each analyst view's base tables, through the views it reads (layer order)."""
    found: dict[str, set[str]] = {}
    for view, reads in view_dependencies().items():
        found[view] = set().union(*(found.get(name, {name}) for name in reads)) if reads else set()
    return found


def tables_for_views(chosen: list[str], available: list[str]) -> list[str]:
    """Tables not chosen that views over the chosen tables read, the capture log left out."""
    needed = set()
    for tables in view_tables().values():
        if tables & set(chosen):
            needed |= tables
    return sorted((needed - set(chosen) - _CAPTURE_LOG) & set(available))


def base_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_catalog = ? AND table_type = 'BASE TABLE' ORDER BY 1",
        [lake.LAKE_ALIAS],
    ).fetchall()
    return [r[0] for r in rows]


def _day_expression(con: duckdb.DuckDBPyConnection, table: str) -> str | None:
    if table in _DAY_EXPRESSIONS:
        return _DAY_EXPRESSIONS[table]
    return lake.PARTITION_COLUMN if lake.PARTITION_COLUMN in lake.table_columns(con, table) else None


def select_sql(con: duckdb.DuckDBPyConnection, table: str, request: ExportRequest) -> str:
    """The SELECT that reads ``table``'s exported rows (dates are validated, so inlined)."""
    source = f"{lake.LAKE_ALIAS}.{table}"
    if request.snapshot is not None:
        source += f" AT (VERSION => {int(request.snapshot)})"
    conditions = []
    day = _day_expression(con, table)
    if day is not None and request.start is not None:
        conditions.append(f"{day} >= DATE '{request.start.isoformat()}'")
    if day is not None and request.end is not None:
        conditions.append(f"{day} <= DATE '{request.end.isoformat()}'")
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    return f"SELECT * FROM {source}{where}"


def export_warehouse(con: duckdb.DuckDBPyConnection, request: ExportRequest) -> ExportResult:
    """Write the export; ``con`` is a (read-only) lake connection. Refuses to overwrite."""
    if request.fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {request.fmt!r}; use one of {EXPORT_FORMATS}")
    if request.target.exists():
        raise FileExistsError(f"{request.target} exists; remove it or choose another path")
    # A typo in the folder part of the path should not quietly create a tree of folders
    # somewhere unexpected: the export goes into a folder that is already there.
    if not request.target.parent.is_dir():
        raise FileNotFoundError(f"folder {request.target.parent} does not exist; create it first or choose another path")
    available = base_tables(con)
    unknown = sorted(set(request.tables) - set(available))
    if unknown:
        raise ValueError(f"no table {', '.join(unknown)} in the warehouse; tables: {', '.join(available)}")
    tables = list(request.tables) or available
    added = tables_for_views(tables, available)
    export = _export_duckdb if request.fmt == "duckdb" else _export_parquet
    result = export(con, tables + added, request)
    return ExportResult(result.target, result.rows, result.views, tuple(added))


def _export_duckdb(con: duckdb.DuckDBPyConnection, tables: list[str], request: ExportRequest) -> ExportResult:
    con.execute(f"ATTACH {lake.sql_literal(request.target)} AS {EXPORT_DB}")
    try:
        rows = {}
        for table in tables:
            con.execute(f"CREATE TABLE {EXPORT_DB}.main.{table} AS {select_sql(con, table, request)}")
            rows[table] = con.execute(f"SELECT count(*) FROM {EXPORT_DB}.main.{table}").fetchone()[0]
        con.execute(f"USE {EXPORT_DB}")
        views = _create_applicable_views(con)
    finally:
        con.execute(f"USE {lake.LAKE_ALIAS}")
        con.execute(f"DETACH {EXPORT_DB}")
    return ExportResult(request.target, rows, views)


def _create_applicable_views(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Create, in the current database, each analyst view whose tables were exported.

    Views come in layers (file order), so a view over a skipped one is skipped in turn.
    """
    created = []
    for view in view_files():
        try:
            con.execute(view.sql)
        except duckdb.CatalogException:
            continue
        created.append(view.name)
    return created


def _export_parquet(con: duckdb.DuckDBPyConnection, tables: list[str], request: ExportRequest) -> ExportResult:
    request.target.mkdir()
    rows = {}
    for table in tables:
        path = request.target / f"{table}.parquet"
        con.execute(f"COPY ({select_sql(con, table, request)}) TO {lake.sql_literal(path)} (FORMAT parquet, COMPRESSION zstd)")
        rows[table] = con.execute("SELECT count(*) FROM read_parquet(?)", [str(path)]).fetchone()[0]
    # load.sql recreates the tables as views over the files, then the analyst views that apply.
    lines = [
        "-- Open with:  cd <this folder> && duckdb -init load.sql",
        *(f"CREATE OR REPLACE VIEW {t} AS SELECT * FROM read_parquet('{t}.parquet');" for t in tables),
    ]
    probe = duckdb.connect()
    try:
        for table in tables:
            probe.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet({lake.sql_literal(request.target / f'{table}.parquet')})")
        views = _create_applicable_views(probe)
    finally:
        probe.close()
    lines += [v.sql.strip() for v in view_files() if v.name in views]
    (request.target / "load.sql").write_text("\n".join(lines) + "\n")
    return ExportResult(request.target, rows, views)
