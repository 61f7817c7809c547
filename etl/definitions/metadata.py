"""Materialization metadata helpers: previews and column schemas for the Dagster UI."""

from __future__ import annotations

import dagster as dg
import polars as pl

from etl.analyst.dictionary import relations

PREVIEW_ROWS = 10
# Rows a materialization wrote in its run; "dagster/row_count" (the UI's "Row count") is the
# rows the whole table holds after it.
ROWS_WRITTEN = "rows_written_by_this_run"
_CELL_CHARS = 80


def _cell(value) -> str:
    text = "" if value is None else str(value)
    text = text.replace("|", "\\|").replace("\n", " ")
    return text if len(text) <= _CELL_CHARS else text[: _CELL_CHARS - 1] + "…"


def markdown_preview(frame: pl.DataFrame, rows: int = PREVIEW_ROWS) -> dg.MetadataValue:
    """A markdown table of the first rows (long cells shortened), shown on the asset page."""
    if frame.is_empty():
        return dg.MetadataValue.md("_no rows_")
    head = frame.head(rows)
    lines = ["| " + " | ".join(head.columns) + " |", "|" + "---|" * len(head.columns)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in head.iter_rows()]
    return dg.MetadataValue.md("\n".join(lines))


def dictionary_schema(name: str) -> dg.TableSchema:
    """The warehouse's own columns of a table or view, typed, with the data dictionary's words."""
    return dg.TableSchema(columns=[dg.TableColumn(c.name, c.type, description=c.description)
                                   for c in relations()[name].columns])


def schema_metadata(name: str) -> dict:
    """Definition metadata of a table or view asset: its described column schema."""
    return {"dagster/column_schema": dictionary_schema(name)}


def column_schema(frame: pl.DataFrame, table: str | None = None) -> dg.TableSchema:
    """The frame's columns; those of ``table`` described as in the data dictionary."""
    described = {c.name: c.description for c in relations()[table].columns} if table else {}
    return dg.TableSchema(columns=[dg.TableColumn(name, str(dtype), description=described.get(name))
                                   for name, dtype in frame.schema.items()])


def table_rows(con, table: str) -> int:
    """Exact rows the table holds now (DuckDB's estimated size still counts deleted rows)."""
    return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def table_metadata(frame: pl.DataFrame, table: str | None = None, rows_in_table: int | None = None,
                   rows_written: int | None = None, **extra) -> dict:
    """Rows written, column schema and a preview: what every materialization records; with
    ``rows_in_table`` also the table's own size, the UI's "Row count". With ``rows_written``,
    ``frame`` is only the first rows of those written (a large run's rows are never collected)."""
    in_table = {} if rows_in_table is None else {"dagster/row_count": rows_in_table}
    return {
        ROWS_WRITTEN: frame.height if rows_written is None else rows_written,
        **in_table,
        "dagster/column_schema": column_schema(frame, table),
        "preview": markdown_preview(frame),
        **extra,
    }
