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
from etl.cli.errors import BadInput
from etl.cli.sql_shell import FORMATS
from etl.demo.server import DEMO_PORT


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day; write YYYY-MM-DD") from None


class OneLineParser(argparse.ArgumentParser):
    """Usage mistakes as one line naming the command (exit 2); `--help` still shows the usage."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


# After the subcommand too (`etl derive DAY --debug`); SUPPRESS keeps a subcommand's parser from
# overwriting a --debug given before it.
_DEBUG = dict(action="store_true", default=argparse.SUPPRESS, help="show the full traceback of a failure")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="etl", description="News feeds -> relation-fact warehouse.")
    parser.add_argument("--debug", action="store_true", help="show the full traceback of a failure")
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

    duck = sub.add_parser("duckdb", help="the DuckDB CLI (bundled, same version) with the warehouse attached read-only")
    duck.add_argument("duckdb_args", nargs="*", metavar="ARG", help="passed to duckdb unchanged, e.g. -c \"SELECT 42\"")

    sources = sub.add_parser("sources", help="inspect the configured sources")
    sources.add_argument("action", choices=["check"])
    for command in sub.choices.values():
        command.add_argument("--debug", **_DEBUG)
    return parser


def check_arguments(args: argparse.Namespace) -> None:
    """Refuse argument combinations argparse cannot express, before any work starts."""
    if getattr(args, "format", None) == "parquet" and args.command == "sql" and args.output is None:
        raise BadInput("--format parquet needs --output FILE (Parquet is not written to a terminal)")
    start, end = getattr(args, "start", None), getattr(args, "end", None)
    if isinstance(start, dt.date) and isinstance(end, dt.date) and start > end:
        raise BadInput(f"the range is reversed: {start} is after {end} (give the first day first)")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    # Everything after `etl duckdb` belongs to the DuckDB CLI, its options included.
    command_at = 1 if argv[:1] == ["--debug"] else 0
    passthrough = argv[command_at + 1:] if argv[command_at:command_at + 1] == ["duckdb"] else []
    args = build_parser().parse_args(argv[:len(argv) - len(passthrough)])
    if args.command == "duckdb":
        args.duckdb_args = passthrough
    # Dagster and its dependencies warn at import about their own beta, preview and deprecated
    # APIs; a CLI user can do nothing about them, and they would bury the output.
    warnings.filterwarnings("ignore", message=".*(beta|preview|deprecated|superseded).*")
    try:
        check_arguments(args)
        return dispatch(args)
    except (KeyboardInterrupt, duckdb.InterruptException):
        # DuckDB turns a Ctrl-C during a query into its own exception: it is still the user's
        # interrupt, and shells expect 130 for it.
        print(f"etl {args.command}: interrupted", file=sys.stderr)
        return 130
    except Exception as error:
        if getattr(args, "debug", False):
            raise
        print(f"etl {args.command}: {describe_failure(error)}", file=sys.stderr)
        return 2 if isinstance(error, BadInput) else 1


def describe_failure(error: Exception) -> str:
    """One line for a failure: its message, or its kind when it is not one of ours."""
    first_line = (str(error).strip().splitlines() or [""])[0]
    if isinstance(error, (BadInput, RuntimeError, FileNotFoundError, FileExistsError, SourcesError)):
        # Bad input, failed runs, missing warehouses, unusable source lists: the message says
        # what happened; the full event log of a failed run is in the Dagster UI.
        return first_line
    if isinstance(error, duckdb.Error):
        # E.g. a catalog (ETL_CATALOG) that cannot be opened: DuckDB's message names it.
        return f"warehouse error: {first_line}"
    return f"unexpected {type(error).__name__}: {first_line} (run again with --debug for the traceback)"


def dispatch(args: argparse.Namespace) -> int:
    # The settings come from the environment (etl.definitions.environment); commands that start
    # Dagster runs build the code location's settings resource from it, the others plain settings.
    from etl.definitions.environment import environment_settings

    if args.command == "demo":
        from etl.cli.demo import run_demo
        from etl.definitions.resources import settings_resource

        run_demo(settings_resource(**({"data_dir": str(args.data_dir)} if args.data_dir else {})), port=args.port)
        return 0
    if args.command == "capture":
        from etl.capture.sources import load_sources
        from etl.cli.dagster_runs import print_run_summary, run_capture
        from etl.definitions.resources import settings_resource

        resource = settings_resource()
        load_sources(resource.get().sources_file)  # a bad list is refused here, with its own message
        print_run_summary(run_capture(resource, dagster_log=args.debug), "capture")
        return 0
    if args.command == "derive":
        from etl.cli.dagster_runs import check_derive_days, print_run_summary, run_derive
        from etl.definitions.resources import settings_resource
        from etl.warehouse import lake

        check_derive_days(args.start, args.end or args.start)
        resource = settings_resource()
        settings = resource.get()
        if not lake.warehouse_exists(settings):
            # Deriving reads captures: with no warehouse there is nothing to derive, and an
            # empty one must not appear wherever the command happens to run.
            raise FileNotFoundError(f"no warehouse at {settings.catalog_path}: run `etl demo` or "
                                    "`etl capture` first (or set ETL_DATA_DIR)")
        print_run_summary(run_derive(resource, args.start, args.end or args.start, dagster_log=args.debug), "derive")
        return 0
    if args.command == "sql":
        from etl.cli.sql_shell import interactive_shell, run_query

        if args.query is None:
            return interactive_shell(environment_settings())
        query = Path(args.query[1:]).read_text() if args.query.startswith("@") else args.query
        return run_query(environment_settings(), query, args.format, args.output)
    if args.command == "search":
        from etl.cli.analyst_commands import run_search

        return run_search(args, environment_settings())
    if args.command == "export":
        from etl.cli.analyst_commands import run_export

        return run_export(args, environment_settings())
    if args.command == "import-warc":
        from etl.cli.capture_commands import import_warc_files
        from etl.definitions.resources import settings_resource

        missing = [str(path) for path in args.files if not path.is_file()]
        if missing:
            raise BadInput(f"no such file: {', '.join(missing)}")
        return import_warc_files(settings_resource(), args.files, derive=not args.no_derive)
    if args.command == "duckdb":
        from etl.cli.duckdb_shell import run_duckdb_shell

        return run_duckdb_shell(environment_settings(), args.duckdb_args)
    if args.command == "sources":
        from etl.cli.capture_commands import check_configured_sources

        return check_configured_sources(environment_settings())
    return 2


if __name__ == "__main__":
    sys.exit(main())
