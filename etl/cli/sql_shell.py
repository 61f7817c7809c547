"""`etl sql`: queries against the warehouse opened read-only, one-off or interactive."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import duckdb
import polars as pl

from etl.settings import get_settings
from etl.warehouse import lake

FORMATS = ("table", "csv", "json", "parquet")
READ_ONLY_HINT = (
    "the warehouse is attached read-only here; tables are written only by the pipeline "
    "(etl capture / etl derive / Dagster runs)"
)


def friendly_error(error: duckdb.Error) -> str:
    """DuckDB's message, with what to do next for the errors analysts hit most."""
    message = str(error)
    first_line = message.splitlines()[0]
    if "read-only" in message or "read only" in message:
        return f"refused: {READ_ONLY_HINT}\n  ({first_line})"
    if isinstance(error, duckdb.CatalogException) and "does not exist" in message:
        return f"{message}\n  hint: `.tables` lists the tables and `.views` the analyst views (sql/views/)"
    if isinstance(error, duckdb.ParserException):
        return f"{message}\n  hint: statements end with ';' in the shell; quote text with single quotes"
    if "AT clause" in message or "at version" in message:
        return f"{message}\n  hint: time travel works on tables (not views); `.snapshots` lists snapshot ids"
    return message


def flatten_nested(frame: pl.DataFrame) -> pl.DataFrame:
    """Lists, structs and maps as JSON text: CSV has no nested values (polars refuses them)."""
    nested = [name for name, dtype in frame.schema.items() if dtype.is_nested()]
    return frame.with_columns(
        pl.Series(name, [None if v is None else json.dumps(v, default=str, ensure_ascii=False)
                         for v in frame[name].to_list()], dtype=pl.String)
        for name in nested
    )


def render(frame: pl.DataFrame, fmt: str, output: Path | None = None) -> str | None:
    """Render a result; returns text for stdout, or None when written to ``output``."""
    if fmt == "parquet":
        if output is None:
            raise ValueError("--format parquet needs --output FILE")
        frame.write_parquet(output)
        return None
    if fmt == "csv":
        text = flatten_nested(frame).write_csv()
    elif fmt == "json":
        text = json.dumps(frame.to_dicts(), default=str, ensure_ascii=False, indent=1) + "\n"
    else:
        # A fixed width rather than the terminal's: piped output and CI logs stay readable.
        with pl.Config(tbl_rows=200, tbl_cols=30, fmt_str_lengths=60, tbl_width_chars=180,
                       tbl_hide_column_data_types=True, tbl_hide_dataframe_shape=False):
            text = str(frame) + "\n"
    if output is not None:
        output.write_text(text)
        return None
    return text


def run_query(sql: str, fmt: str = "table", output: Path | None = None) -> int:
    con = lake.connect(get_settings(), read_only=True)
    try:
        frame = con.execute(sql).pl()
    except duckdb.Error as error:
        print(friendly_error(error), file=sys.stderr)
        return 1
    finally:
        con.close()
    text = render(frame, fmt, output)
    if text is not None:
        sys.stdout.write(text)
    return 0


SHELL_HELP = """Commands (SQL statements end with ';'):
  .tables              tables with row counts        .views        analyst views and what they show
  .schema NAME         columns of a table or view    .snapshots    latest snapshots (for time travel)
  .format FMT          table | csv | json            .help  .quit"""

# Catalog listings shown by the dot commands.
_TABLES_SQL = """
SELECT table_name, estimated_size AS approx_rows, column_count
FROM duckdb_tables() WHERE database_name = current_database() ORDER BY table_name
"""
_VIEWS_SQL = """
SELECT view_name, regexp_replace(coalesce(comment, ''), ' \\[sql sha256 [0-9a-f]+\\]$', '') AS shows
FROM duckdb_views() WHERE database_name = current_database() AND NOT internal ORDER BY view_name
"""
_SNAPSHOTS_SQL = (
    "SELECT snapshot_id, snapshot_time, changes FROM ducklake_snapshots('lake') ORDER BY snapshot_id DESC LIMIT 10"
)
HISTORY_LINES = 5000


def interactive_shell() -> int:
    """A small REPL: readline history kept in the data directory, tab completion of names."""
    import readline

    settings = get_settings()
    history = settings.data_dir / ".etl_sql_history"
    try:
        readline.read_history_file(history)
    except OSError:
        pass
    readline.set_history_length(HISTORY_LINES)
    con = lake.connect(settings, read_only=True)
    _enable_completion(readline, con)
    print(f"warehouse {settings.catalog} (read-only).\n{SHELL_HELP}")
    fmt, buffer = "table", ""
    try:
        while True:
            try:
                line = input("etl> " if not buffer else "...> ")
            except EOFError:
                print()
                break
            stripped = line.strip()
            if not buffer and stripped.startswith("."):
                if stripped in (".quit", ".exit"):
                    break
                if stripped.startswith(".format"):
                    fmt = _choose_format(stripped, fmt)
                    continue
                sql = _dot_command(stripped)
                if sql is None:
                    print(SHELL_HELP)
                    continue
            else:
                buffer += line + "\n"
                if not stripped.endswith(";"):
                    continue
                sql, buffer = buffer, ""
            try:
                print(render(con.execute(sql).pl(), fmt), end="")
            except duckdb.Error as error:
                print(friendly_error(error))
    finally:
        readline.write_history_file(history)
        con.close()
    return 0


def _choose_format(command: str, current: str) -> str:
    wanted = command.partition(" ")[2].strip()
    if wanted in ("table", "csv", "json"):
        return wanted
    print(f"formats: table, csv, json (now {current}); Parquet: etl sql QUERY --format parquet --output FILE")
    return current


def _dot_command(command: str) -> str | None:
    name, _, arg = command.partition(" ")
    if name == ".tables":
        return _TABLES_SQL
    if name == ".views":
        return _VIEWS_SQL
    if name == ".snapshots":
        return _SNAPSHOTS_SQL
    if name == ".schema" and arg:
        return f"DESCRIBE {arg.strip()}"
    return None


def _enable_completion(readline, con: duckdb.DuckDBPyConnection) -> None:
    """Tab-complete table, view and column names and the dot commands."""
    names = {r[0] for r in con.execute(
        "SELECT DISTINCT table_name FROM information_schema.columns WHERE table_catalog = current_database() "
        "UNION SELECT DISTINCT column_name FROM information_schema.columns WHERE table_catalog = current_database()"
    ).fetchall()}
    names |= {".tables", ".views", ".schema", ".snapshots", ".format", ".help", ".quit"}
    candidates = sorted(names)

    def complete(text: str, state: int) -> str | None:
        matches = [n for n in candidates if n.startswith(text)]
        return matches[state] if state < len(matches) else None

    readline.set_completer(complete)
    readline.set_completer_delims(" \t\n,()=<>;")
    readline.parse_and_bind("tab: complete")
