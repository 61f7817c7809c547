"""The `etl search` and `etl export` commands: argument handling and printing only."""

from __future__ import annotations

import argparse
import sys
import textwrap

import duckdb
import polars as pl

from etl.analyst.export import ExportRequest, export_warehouse
from etl.analyst.search import SearchFilters, search_articles
from etl.analyst.search_index import ensure_search_index, index_path
from etl.cli.errors import BadInput
from etl.cli.sql_shell import render
from etl.settings import Settings
from etl.warehouse import lake

_WRAP = 100


def format_results(results: pl.DataFrame) -> str:
    """Search results as a readable list: rank, score, day, outlet, title, snippet, link."""
    if results.is_empty():
        return "no matches\n"
    blocks = []
    for row in results.iter_rows(named=True):
        also = f" (+{row['outlets'] - 1} more outlets)" if row["outlets"] > 1 else ""
        head = f"{row['rank']:>2}. {row['title']}  [{row['day']} {row['source']}{also}, score {row['score']}]"
        body = textwrap.fill(row["snippet"], _WRAP, initial_indent="    ", subsequent_indent="    ")
        blocks.append(f"{head}\n{body}\n    {row['url']}")
    return "\n\n".join(blocks) + "\n"


def run_search(args: argparse.Namespace, settings: Settings) -> int:
    con = lake.connect(settings, read_only=True)
    try:
        info, rebuilt = ensure_search_index(con, settings)
    finally:
        con.close()
    if rebuilt is not None:
        where = "" if info.path == index_path(settings) else (
            f"; {index_path(settings).parent} is read-only, so it was built in a temporary folder for this search")
        print(f"search index rebuilt: {info.documents} articles in {rebuilt:.2f} s "
              f"(lake snapshot {info.lake_snapshot}){where}", file=sys.stderr)
    filters = SearchFilters(since=args.since, until=args.until, source=args.source, limit=args.limit)
    try:
        results = search_articles(settings, info.path, args.query, filters, highlight=args.format == "table")
    except duckdb.Error as error:
        print(f"search failed: {error}", file=sys.stderr)
        return 1
    sys.stdout.write(format_results(results) if args.format == "table" else render(results, args.format))
    return 0


def run_export(args: argparse.Namespace, settings: Settings) -> int:
    request = ExportRequest(
        target=args.target,
        fmt=args.format,
        tables=tuple(t.strip() for t in (args.tables or "").split(",") if t.strip()),
        start=args.start,
        end=args.end,
        snapshot=args.snapshot,
    )
    con = lake.connect(settings, read_only=True)
    try:
        result = export_warehouse(con, request)
    except (FileExistsError, FileNotFoundError, ValueError) as error:
        # A target that exists, a missing folder, an unknown table: nothing was written.
        raise BadInput(f"export refused: {error}") from error
    finally:
        con.close()
    for table, rows in result.rows.items():
        print(f"{table:<16} {rows:>8} rows" + ("  (read by the views)" if table in result.added else ""))
    print(f"views: {', '.join(result.views) or '(none apply)'}")
    print(f"wrote {result.target}")
    return 0
