"""Entry point of the `etl` console script."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import warnings
from pathlib import Path

import duckdb

from etl.analyst.export import EXPORT_FORMATS
from etl.capture.sources import SourcesError
from etl.cli.sql_shell import FORMATS
from etl.demo.server import DEMO_PORT


def _date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="etl", description="News feeds -> relation-fact warehouse.")
    sub = parser.add_subparsers(dest="command", required=True)

    demo = sub.add_parser("demo", help="run capture + derive on the bundled offline demo and print what landed")
    demo.add_argument("--data-dir", type=Path, help="where to put the warehouse (default: ETL_DATA_DIR or ./data)")
    demo.add_argument("--port", type=int, default=DEMO_PORT,
                      help=f"port of the local demo server on 127.0.0.1 (default {DEMO_PORT}; it and "
                      "the next port must be free)")

    sub.add_parser("capture", help="poll every configured source once (ETL_SOURCES or the packaged list)")

    derive = sub.add_parser("derive", help="re-derive a day or a range of days (inclusive)")
    derive.add_argument("start", type=_date, help="first day, YYYY-MM-DD")
    derive.add_argument("end", type=_date, nargs="?", help="last day (default: start)")

    sql = sub.add_parser("sql", help="query the warehouse read-only; no query opens a shell")
    sql.add_argument("query", nargs="?", help="SQL text, or @file.sql")
    sql.add_argument("--format", choices=FORMATS, default="table")
    sql.add_argument("--output", type=Path, help="write the result here instead of stdout")

    search = sub.add_parser("search", help="full-text search over articles (BM25, one result per story)")
    search.add_argument("query", help='words to look for, e.g. "missile launch"')
    search.add_argument("--since", type=_date, help="first publication day, YYYY-MM-DD")
    search.add_argument("--until", type=_date, help="last publication day, YYYY-MM-DD")
    search.add_argument("--source", help="only this feed/outlet")
    search.add_argument("--limit", type=int, default=10)
    search.add_argument("--format", choices=("table", "csv", "json"), default="table")

    export = sub.add_parser("export", help="write chosen tables and days to a .duckdb file or a Parquet folder")
    export.add_argument("target", type=Path, help="the .duckdb file, or the folder for --format parquet")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="duckdb")
    export.add_argument("--tables", help="comma-separated table names (default: every table)")
    export.add_argument("--start", type=_date, help="first day (partition_date) to include")
    export.add_argument("--end", type=_date, help="last day to include")
    export.add_argument("--snapshot", type=int, help="export the warehouse as of this DuckLake snapshot id")

    imp = sub.add_parser("import-warc", help="import WARC files (e.g. CC-NEWS) into the raw store")
    imp.add_argument("files", nargs="+", type=Path)
    imp.add_argument("--no-derive", action="store_true",
                     help="only archive and index; leave the days to the late-captures sensor")

    sources = sub.add_parser("sources", help="inspect the configured sources")
    sources.add_argument("action", choices=["check"])
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # Dagster and its dependencies warn at import about their own beta, preview and deprecated
    # APIs; a CLI user can do nothing about them, and they would bury the output.
    warnings.filterwarnings("ignore", message=".*(beta|preview|deprecated|superseded).*")
    try:
        return dispatch(args)
    except (RuntimeError, FileNotFoundError, SourcesError) as error:
        # Failed runs, missing warehouses, unusable source lists: the message says what
        # happened; the full event log of a failed run is in the Dagster UI.
        print(f"etl {args.command}: {error}", file=sys.stderr)
        return 1
    except duckdb.Error as error:
        # E.g. a catalog (ETL_CATALOG) that cannot be opened: DuckDB's message names it.
        print(f"etl {args.command}: warehouse error: {str(error).splitlines()[0]}", file=sys.stderr)
        return 1


def dispatch(args: argparse.Namespace) -> int:
    if args.command == "demo":
        from etl.cli.demo import run_demo

        run_demo(args.data_dir, port=args.port)
        return 0
    if args.command == "capture":
        from etl.capture.sources import load_sources
        from etl.cli.dagster_runs import run_capture
        from etl.settings import get_settings

        load_sources(get_settings().sources_file)  # a bad list is refused here, with its own message
        run_capture()
        return 0
    if args.command == "derive":
        from etl.cli.dagster_runs import run_derive

        run_derive(args.start, args.end or args.start)
        return 0
    if args.command == "sql":
        from etl.cli.sql_shell import interactive_shell, run_query

        if args.query is None:
            return interactive_shell()
        query = Path(args.query[1:]).read_text() if args.query.startswith("@") else args.query
        return run_query(query, args.format, args.output)
    if args.command == "search":
        from etl.analyst.commands import run_search

        return run_search(args)
    if args.command == "export":
        from etl.analyst.commands import run_export

        return run_export(args)
    if args.command == "import-warc":
        from etl.cli.capture_commands import import_warc_files

        return import_warc_files(args.files, derive=not args.no_derive)
    if args.command == "sources":
        from etl.cli.capture_commands import check_configured_sources

        return check_configured_sources()
    return 2


if __name__ == "__main__":
    sys.exit(main())
