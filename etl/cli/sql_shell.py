"""`etl sql`: queries against the warehouse opened read-only, one-off or interactive."""

from __future__ import annotations

import json
import shutil
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from typing import TextIO
from pathlib import Path

import duckdb
import polars as pl

from etl.settings import REPO_SQL_DIR, Settings
from etl.warehouse import lake

FORMATS = ("table", "csv", "json", "parquet")
DEFAULT_MAX_ROWS = 40  # rows a result shows on the screen, as in the DuckDB CLI
FILE_TABLE_WIDTH = 100_000  # characters: a table written to a file keeps every column
READ_ONLY_HINT = (
    "the warehouse is attached read-only here; tables are written only by the pipeline "
    "(etl capture / etl derive / Dagster runs)"
)
# Queries only: SELECT, FROM, WITH, DESCRIBE, SHOW, SUMMARIZE and PRAGMA listings all parse as
# SELECT. Everything else (ATTACH/DETACH, USE, COPY, INSTALL/LOAD, SET, CALL, BEGIN, DDL, DML)
# could step around the read-only attachment.
_QUERY_STATEMENTS = {duckdb.StatementType.SELECT}
# Table functions a SELECT could use to reach outside the warehouse or to change it: the SQLite
# scanner opens any SQLite file without asking DuckDB's file-access settings, query() runs a
# statement from a string (invisible to the check below), and the DuckLake maintenance
# functions rewrite or delete files.
_REFUSED_FUNCTION_PREFIXES = ("sqlite_", "postgres_")
_REFUSED_FUNCTIONS = {
    "query", "query_table", "ducklake_add_data_files", "ducklake_cleanup_old_files",
    "ducklake_delete_orphaned_files", "ducklake_expire_snapshots", "ducklake_flush_inlined_data",
    "ducklake_merge_adjacent_files", "ducklake_rewrite_data_files", "ducklake_set_commit_message",
    "ducklake_set_option",
}


class QueryRefused(Exception):
    """A statement `etl sql` does not run, with the reason to show."""


def open_analyst_session(settings: Settings) -> duckdb.DuckDBPyConnection:
    """The warehouse attached read-only, then sealed: no file outside the lake data can be read
    or written, no extension installed or loaded, and the settings locked so none of this can
    be switched back on from SQL."""
    con = lake.connect(settings, read_only=True)
    # DuckLake reads its Parquet files through DuckDB's file system; the catalog it already
    # holds open. Nothing else is reachable.
    con.execute(f"SET allowed_directories = [{lake.sql_literal(settings.lake_data)}]")
    con.execute("SET enable_external_access = false")
    con.execute("SET lock_configuration = true")
    return con


def _function_names(node) -> Iterator[str]:
    if isinstance(node, dict):
        if isinstance(node.get("function_name"), str):
            yield node["function_name"].lower()
        for value in node.values():
            yield from _function_names(value)
    elif isinstance(node, list):
        for value in node:
            yield from _function_names(value)


def check_query(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """Raise QueryRefused unless every statement in ``sql`` is a plain query."""
    for statement in con.extract_statements(sql):
        if statement.type not in _QUERY_STATEMENTS:
            kind = statement.type.name
            raise QueryRefused(f"refused: {READ_ONLY_HINT}\n  ({kind} statements do not run in `etl sql`, "
                               "only queries: SELECT, FROM, WITH, DESCRIBE, SHOW, SUMMARIZE)")
        tree = json.loads(con.execute("SELECT json_serialize_sql(?)", [statement.query]).fetchone()[0])
        for name in _function_names(tree):
            if name in _REFUSED_FUNCTIONS or name.startswith(_REFUSED_FUNCTION_PREFIXES):
                raise QueryRefused(f"refused: {READ_ONLY_HINT}\n  ({name}() reaches outside the warehouse "
                                   "or changes it)")


def execute_query(con: duckdb.DuckDBPyConnection, sql: str) -> pl.DataFrame:
    """Check, then run ``sql``; the result of its last statement."""
    check_query(con, sql)
    statements = con.extract_statements(sql)
    for statement in statements[:-1]:
        con.execute(statement)
    return con.execute(statements[-1]).pl() if statements else pl.DataFrame()


def friendly_error(error: duckdb.Error) -> str:
    """DuckDB's message, with what to do next for the errors analysts hit most."""
    message = str(error)
    first_line = message.splitlines()[0]
    if isinstance(error, duckdb.PermissionException):
        return (f"refused: `etl sql` reads the warehouse only, no other files, extensions or settings\n"
                f"  ({first_line})")
    if "read-only" in message or "read only" in message:
        return f"refused: {READ_ONLY_HINT}\n  ({first_line})"
    if isinstance(error, duckdb.CatalogException) and "does not exist" in message:
        return f"{message}\n  hint: `.tables` lists the tables and `.views` the analyst views"
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
    elif output is not None:
        # A file gets every row and column: nothing is trimmed to fit a screen.
        text = terminal_table(frame, max(frame.height, 1), FILE_TABLE_WIDTH)
    else:
        # As the shell and the DuckDB CLI show it: fitted to the terminal (80 columns when
        # the output is not one), the first and last rows of a long result, and a footer
        # saying how many rows and columns were left out.
        text = terminal_table(frame, DEFAULT_MAX_ROWS, shutil.get_terminal_size().columns)
    if output is not None:
        output.write_text(text)
        return None
    return text


def run_query(settings: Settings, sql: str, fmt: str = "table", output: Path | None = None) -> int:
    con = open_analyst_session(settings)
    try:
        frame = interruptible_query(con, sql)
    except QueryRefused as refusal:
        print(refusal, file=sys.stderr)
        return 1
    except duckdb.InterruptException:
        raise  # Ctrl-C: the command ends as interrupted (130), not as a failed query
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
  .tables          tables with their exact row counts
  .views           analyst views and what each shows
  .schema NAME     columns of a table or view
  .snapshots       the latest snapshots and what they changed (for time travel)
  .format FMT      table | csv | json
  .maxrows N       rows shown on the screen (first and last ones; default 40)
  .timer on|off    time each query
  .output FILE     every result to FILE, whole, until .output alone
  .once FILE       the next result only to FILE
  Ctrl-C           cancels the running query (or drops the line being typed)
  .help  .quit"""

# Catalog listings shown by the dot commands.
_TABLE_NAMES_SQL = """
SELECT table_name, column_count
FROM duckdb_tables() WHERE database_name = current_database() ORDER BY table_name
"""
_VIEWS_SQL = """
SELECT view_name, regexp_replace(coalesce(comment, ''), ' \\[sql sha256 [0-9a-f]+\\]$', '') AS shows
FROM duckdb_views() WHERE database_name = current_database() AND NOT internal ORDER BY view_name
"""
# The example query lists the latest snapshots with the names of the tables they changed.
SNAPSHOTS_QUERY = REPO_SQL_DIR / "queries" / "time_travel.sql"
# Dot commands whose last column is prose (what a view shows, what a snapshot changed): listed
# with that column in full under each row, never cut to fit a table cell.
_LISTING_COMMANDS = {".views", ".snapshots"}
HISTORY_LINES = 5000


def interactive_shell(settings: Settings) -> int:
    """A small REPL: readline history kept in the data directory, tab completion of names."""
    import readline

    history = settings.data_dir / ".etl_sql_history"
    try:
        readline.read_history_file(history)
    except OSError:
        pass
    readline.set_history_length(HISTORY_LINES)
    con = open_analyst_session(settings)
    _enable_completion(readline, con)
    print(f"warehouse {settings.catalog} (read-only).\n{SHELL_HELP}")
    fmt, buffer, timer, max_rows = "table", "", False, DEFAULT_MAX_ROWS
    sink = ResultSink()
    try:
        while True:
            try:
                line = input("etl> " if not buffer else "...> ")
            except EOFError:
                print()
                break
            except KeyboardInterrupt:
                # As in the DuckDB CLI: Ctrl-C drops the line (and a statement being typed).
                print()
                buffer = ""
                continue
            stripped = line.strip()
            if not buffer and stripped.startswith("."):
                if stripped in (".quit", ".exit"):
                    break
                if stripped.startswith(".format"):
                    fmt = _choose_format(stripped, fmt)
                    continue
                if stripped.startswith(".maxrows"):
                    max_rows = _choose_max_rows(stripped, max_rows)
                    continue
                if stripped.startswith(".timer"):
                    timer = _choose_timer(stripped, timer)
                    continue
                if stripped.split()[0] in (".output", ".once"):
                    sink.choose(stripped)
                    continue
                sql = _dot_command(stripped, con)
                if sql is None:
                    print(SHELL_HELP)
                    continue
                as_listing = stripped.split()[0] in _LISTING_COMMANDS
            else:
                as_listing = False
                buffer += line + "\n"
                if not stripped.endswith(";"):
                    continue
                sql, buffer = buffer, ""
            started = time.perf_counter()
            try:
                frame = interruptible_query(con, sql)
                if sink.file is not None:
                    sink.write(render(frame, fmt))
                elif as_listing and fmt == "table":
                    print(listing(frame, shutil.get_terminal_size().columns), end="")
                else:
                    print(terminal_table(frame, max_rows, shutil.get_terminal_size().columns)
                          if fmt == "table" else render(frame, fmt), end="")
            except QueryRefused as refusal:
                print(refusal)
            except duckdb.InterruptException:
                print("interrupted")
            except duckdb.Error as error:
                print(friendly_error(error))
            if timer:
                print(f"Run Time: {time.perf_counter() - started:.3f} s")
    finally:
        try:
            readline.write_history_file(history)
        except OSError:  # a data folder this user may only read: the session just keeps no history
            pass
        sink.close()
        con.close()
    return 0




class ResultSink:
    """Where results go, as the DuckDB CLI's ``.output FILE`` (every result until ``.output``
    alone) and ``.once FILE`` (the next result only): whole results in the chosen format, not
    trimmed to a terminal. Opening a file truncates it, as the DuckDB CLI does."""

    def __init__(self) -> None:
        self.file: TextIO | None = None
        self.once = False

    def choose(self, command: str) -> None:
        name, _, target = command.partition(" ")
        self.close()
        target = target.strip()
        if not target:
            if name == ".once":
                print("usage: .once FILE   (.output FILE for every result, .output alone for the screen)")
            return
        try:
            self.file = open(Path(target).expanduser(), "w", encoding="utf-8")
        except OSError as error:
            print(f"cannot write {target}: {error.strerror or error}")
            return
        self.once = name == ".once"

    def write(self, text: str) -> None:
        self.file.write(text)
        self.file.flush()
        if self.once:
            self.close()

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
        self.file, self.once = None, False


def terminal_table(frame: pl.DataFrame, max_rows: int, width: int) -> str:
    """The result in DuckDB's own box rendering, trimmed to ``max_rows`` rows (first and last
    ones kept) and to ``width`` characters (columns left out are named in the footer)."""
    import contextlib
    import io

    shown = io.StringIO()
    with contextlib.redirect_stdout(shown):
        duckdb.connect().from_arrow(frame.to_arrow()).show(max_rows=max_rows, max_width=width)
    return shown.getvalue()


def listing(frame: pl.DataFrame, width: int) -> str:
    """Rows as text: the first columns on a line, the last one in full below, wrapped to
    ``width`` and indented."""
    lines = []
    for *head, text in frame.iter_rows():
        lines.append("  ".join(str(value) for value in head))
        lines.extend(textwrap.wrap(str(text or "-"), width=max(width, 24), initial_indent="    ",
                                   subsequent_indent="    "))
    return "\n".join(lines) + "\n"


def interruptible_query(con: duckdb.DuckDBPyConnection, sql: str) -> pl.DataFrame:
    """``execute_query`` that Ctrl-C cancels: the query runs in a worker thread while this one
    waits; Python delivers SIGINT to this thread only, which then interrupts DuckDB."""
    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["frame"] = execute_query(con, sql)
        except BaseException as error:  # handed to the waiting thread, raised there
            outcome["error"] = error

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.1)
    except KeyboardInterrupt:
        con.interrupt()
        worker.join()
        raise duckdb.InterruptException("interrupted") from None
    if "error" in outcome:
        raise outcome["error"]
    return outcome["frame"]


def _choose_max_rows(command: str, current: int) -> int:
    wanted = command.partition(" ")[2].strip()
    if wanted.isdigit() and int(wanted) > 0:
        return int(wanted)
    print(f"usage: .maxrows N (now {current})")
    return current


def _choose_timer(command: str, current: bool) -> bool:
    wanted = command.partition(" ")[2].strip()
    if wanted in ("on", "off"):
        return wanted == "on"
    print(f"usage: .timer on|off (now {'on' if current else 'off'})")
    return current


def _choose_format(command: str, current: str) -> str:
    wanted = command.partition(" ")[2].strip()
    if wanted in ("table", "csv", "json"):
        return wanted
    print(f"formats: table, csv, json (now {current}); Parquet: etl sql QUERY --format parquet --output FILE")
    return current


def tables_sql(con: duckdb.DuckDBPyConnection) -> str:
    """Every table with its exact row count: DuckDB's estimated_size still counts the rows
    DuckLake has deleted, so it overstates tables that days were re-derived into."""
    return "\nUNION ALL ".join(
        f"SELECT {lake.sql_literal(name)} AS table_name, count(*) AS rows, {columns} AS columns FROM {name}"
        for name, columns in con.execute(_TABLE_NAMES_SQL).fetchall()
    ) + "\nORDER BY table_name"


def _dot_command(command: str, con: duckdb.DuckDBPyConnection) -> str | None:
    name, _, arg = command.partition(" ")
    if name == ".tables":
        return tables_sql(con)
    if name == ".views":
        return _VIEWS_SQL
    if name == ".snapshots":
        return SNAPSHOTS_QUERY.read_text()
    if name == ".schema" and arg:
        return f"DESCRIBE {arg.strip()}"
    return None


def _enable_completion(readline, con: duckdb.DuckDBPyConnection) -> None:
    """Tab-complete table, view and column names and the dot commands."""
    names = {r[0] for r in con.execute(
        "SELECT DISTINCT table_name FROM information_schema.columns WHERE table_catalog = current_database() "
        "UNION SELECT DISTINCT column_name FROM information_schema.columns WHERE table_catalog = current_database()"
    ).fetchall()}
    names |= {".tables", ".views", ".schema", ".snapshots", ".format", ".maxrows", ".timer", ".output", ".once", ".help", ".quit"}
    candidates = sorted(names)

    def complete(text: str, state: int) -> str | None:
        matches = [n for n in candidates if n.startswith(text)]
        return matches[state] if state < len(matches) else None

    readline.set_completer(complete)
    readline.set_completer_delims(" \t\n,()=<>;")
    readline.parse_and_bind("tab: complete")
