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
    message = str(error)
    if "read-only" in message or "read only" in message:
        return f"refused: {READ_ONLY_HINT}\n  ({message.splitlines()[0]})"
    if "does not exist" in message and "Table" in message:
        return f"{message.splitlines()[0]}\n  hint: `.tables` (or SHOW TABLES) lists the warehouse tables"
    return message


def render(frame: pl.DataFrame, fmt: str, output: Path | None = None) -> str | None:
    """Render a result; returns text for stdout, or None when written to ``output``."""
    if fmt == "parquet":
        if output is None:
            raise ValueError("--format parquet needs --output FILE")
        frame.write_parquet(output)
        return None
    if fmt == "csv":
        text = frame.write_csv()
    elif fmt == "json":
        text = json.dumps(frame.to_dicts(), default=str, ensure_ascii=False, indent=1) + "\n"
    else:
        with pl.Config(tbl_rows=200, tbl_cols=30, fmt_str_lengths=80, tbl_hide_dataframe_shape=False):
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


SHELL_HELP = """Commands: .tables  .schema TABLE  .help  .quit   (end SQL statements with ;)"""


def interactive_shell() -> int:
    """A small REPL with history; statements end with ';'."""
    import readline

    settings = get_settings()
    history = settings.data_dir / ".etl_sql_history"
    try:
        readline.read_history_file(history)
    except OSError:
        pass
    con = lake.connect(settings, read_only=True)
    print(f"warehouse {settings.catalog_path} (read-only). {SHELL_HELP}")
    buffer = ""
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
                print(render(con.execute(sql).pl(), "table"), end="")
            except duckdb.Error as error:
                print(friendly_error(error))
    finally:
        readline.write_history_file(history)
        con.close()
    return 0


def _dot_command(command: str) -> str | None:
    name, _, arg = command.partition(" ")
    if name == ".tables":
        return "SHOW TABLES"
    if name == ".schema" and arg:
        return f"DESCRIBE {arg.strip()}"
    return None
