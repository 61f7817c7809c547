"""Derive group: daily partitions rebuilt from the raw store, one transaction per day.

Every derived table is an asset. A step that writes several tables in one transaction (articles
with the site templates used to extract them, stories with their MinHash band keys, relation
facts with the actors learned from them) is one multi-asset, so no day is ever half written.
Each step is thin: for every day of the run (one partition, or a whole range in a single run
under BackfillPolicy.single_run()), in date order, it calls a derive step from ``etl.derive``
and commits that day's rows of all its tables in one transaction. Re-running a day gives the
same rows, and extracts or codes again only what changed (see etl.derive.articles and facts).
"""

import datetime as dt
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl

from etl.analyst.dictionary import ALSO_READS, relations
from etl.capture.sources import load_sources, outlet_countries
from etl.definitions.metadata import PREVIEW_ROWS, schema_metadata, table_metadata, table_rows
from etl.definitions.partitions import PREVIOUS_STORY_DAYS, daily_partitions, partition_days
from etl.definitions.pools import writer_pool
from etl.definitions.resources import WarehouseResource
from etl.derive.articles import articles_writes
from etl.derive.daily import derive_relation_daily
from etl.derive.facts import facts_writes
from etl.derive.stories import derive_stories
from etl.relations import petrarch
from etl.rawstore.store import RawStore
from etl.warehouse import lake

DERIVE = dict(
    partitions_def=daily_partitions,
    backfill_policy=dg.BackfillPolicy.single_run(),
    op_tags={"etl/writer": "derive"},
)
# A day's write operations: (table, rows, what they replace), as etl.warehouse.lake.write takes.
DayWrites = Callable[[duckdb.DuckDBPyConnection, dt.date], list[tuple]]
# Per table: metadata name -> summary of the rows the run wrote to it, computed in the lake
# from the connection and the run's days (a run's rows are never gathered in memory).
Summary = Callable[[duckdb.DuckDBPyConnection, list[dt.date]], object]
Summaries = dict[str, dict[str, Summary]]


def run_summary(sql: str, shape: Callable[[list[tuple]], object]) -> Summary:
    """A summary: ``sql`` run in the lake with the run's days as ``{days}``, its rows shaped."""
    return lambda con, days: shape(con.execute(sql.format(days="(SELECT unnest(?::DATE[]))"), [days]).fetchall())


def rows_on_days(table: str) -> Summary:
    """Rows of ``table`` on the run's days: beside the rows the run wrote, what it carried over."""
    return run_summary(f"SELECT count(*) FROM {table} WHERE partition_date IN {{days}}", lambda rows: rows[0][0])


def counts_by(table: str, column: str) -> Summary:
    """Rows per value of ``column`` on the run's days, as text ("{value: rows}")."""
    return run_summary(f"SELECT {column}, count(*) FROM {table} WHERE partition_date IN {{days}} "
                       "GROUP BY 1 ORDER BY 1 NULLS FIRST", lambda rows: str(dict(rows)))


def table_spec(table: str, deps: list[str | dg.AssetDep], kinds: frozenset[str] = frozenset({"python", "duckdb"}),
               also_reads: tuple[str, ...] = ()) -> dg.AssetSpec:
    """A derived table as an asset: its data dictionary description and column schema.
    ``also_reads``: tables its step reads that already come before it through ``deps``, named in
    its metadata (``ALSO_READS``) rather than as edges of the asset graph."""
    metadata = schema_metadata(table) | ({ALSO_READS: list(also_reads)} if also_reads else {})
    return dg.AssetSpec(table, deps=deps, description=relations()[table].description, group_name="derive",
                        kinds=set(kinds), metadata=metadata)


def materialize_days(context: dg.AssetExecutionContext, warehouse: WarehouseResource, day_writes: DayWrites,
                     summaries: Summaries | None = None) -> Iterator[dg.MaterializeResult]:
    """Commit ``day_writes`` for each day of the run in date order (a day's near-duplicates and
    learned actors are found against the days before it), then describe the rows of each table
    written: one materialization per table, in the order of the step's writes. The step's time
    is recorded once, on its first table, so the tables' times add up to the run's."""
    started, days = time.perf_counter(), partition_days(context)
    written: dict[str, int] = {}
    previews: dict[str, pl.DataFrame] = {}
    locks_dir = warehouse.settings.get().locks_dir
    with warehouse.connect() as con:
        for day in days:
            operations = day_writes(con, day)
            counts = lake.write(con, operations, locks_dir)
            for table, rows, _ in operations:
                written[table] = written.get(table, 0)
                if table not in previews or previews[table].is_empty():
                    previews[table] = rows.head(PREVIEW_ROWS)
                if isinstance(rows, lake.SpilledRows):
                    rows.discard()
            for table, count in counts.items():
                written[table] += count
        described = {table: {"rows_in_table": table_rows(con, table),
                             **{name: summarize(con, days) for name, summarize in (summaries or {}).get(table, {}).items()}}
                     for table in written}
    seconds = {"seconds": round(time.perf_counter() - started, 3)}
    for table, count in written.items():
        yield dg.MaterializeResult(
            asset_key=table,
            metadata=table_metadata(
                previews[table], table, rows_written=count,
                partitions=", ".join(d.isoformat() for d in days),
                **seconds,
                **described[table],
            ),
        )
        seconds = {}


def _articles_writes(store: RawStore, workers: int, spill_dir: Path) -> DayWrites:
    def writes(con, day):
        return articles_writes(con, day, store, workers, spill_dir)

    return writes


def _stories_writes(spill_dir: Path) -> DayWrites:
    def writes(con, day):
        story_rows, band_rows = derive_stories(con, day, spill_dir)
        return [("stories", story_rows, [day]), ("story_bands", band_rows, [day])]

    return writes


@dg.multi_asset(
    name="extract_articles",
    pool=writer_pool("extract_articles"),
    specs=[table_spec("articles", ["captures", "feed_entries"]), table_spec("site_templates", ["captures"])],
    **DERIVE,
)
def extract_articles(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> Iterator[dg.MaterializeResult]:
    settings = warehouse.settings.get()
    yield from materialize_days(context, warehouse, _articles_writes(RawStore.from_settings(settings), settings.derive_workers,
                                                                     settings.spill_dir),
                                {"articles": {"statuses": counts_by("articles", "status"),
                                              # Rows written are the pages extracted; the others were unchanged.
                                              "rows_on_days": rows_on_days("articles")}})


@dg.multi_asset(
    name="assign_stories",
    pool=writer_pool("assign_stories"),
    # Each table also depends on its own previous days (see PREVIOUS_STORY_DAYS): Dagster runs a
    # backfill's story chain in date order, while articles and facts of different days need not wait.
    specs=[table_spec(table, ["articles", dg.AssetDep(table, partition_mapping=PREVIOUS_STORY_DAYS)])
           for table in ("stories", "story_bands")],
    **DERIVE,
)
def assign_stories(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> Iterator[dg.MaterializeResult]:
    yield from materialize_days(context, warehouse, _stories_writes(warehouse.settings.get().spill_dir), {"stories": {"stories": run_summary(
        "SELECT count(DISTINCT story_id) FROM stories WHERE partition_date IN {days}", lambda rows: rows[0][0])}})


@dg.multi_asset(
    name="code_relation_facts",
    pool=writer_pool("code_relation_facts"),
    # The step reads the day's articles and stories; Dagster is given stories only, which come
    # after articles in every run. With both as upstream paths, Dagster (1.13) builds a backfill's
    # partition subsets of this multi-asset's tables in an order that depends on the process's
    # hash seed, and in most webserver processes the equal subsets compare unequal, so the UI
    # refuses a backfill of the derive group. The articles read stays in each table's metadata.
    specs=[table_spec(table, ["stories"], also_reads=("articles",)) for table in ("relation_facts", "coded_articles", "actors")],
    **DERIVE,
)
def code_relation_facts(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> Iterator[dg.MaterializeResult]:
    settings = warehouse.settings.get()
    petrarch.use_lexicon_folder(settings.lexicons_dir)
    # A sources file that cannot be read stops the step with its own message, as it stops a capture.
    homes = outlet_countries(load_sources(settings.sources_file))
    yield from materialize_days(
        context, warehouse, lambda con, day: facts_writes(con, day, settings.derive_workers, settings.spill_dir, homes), {
            # Rows written are the facts of the articles coded; the others' were carried over.
            "relation_facts": {"relation_types": counts_by("relation_facts", "relation_type"),
                               "rows_on_days": rows_on_days("relation_facts")},
            # A day's learned actors are written with that day as their first sighting.
            "actors": {"learned_actors": run_summary(
                "SELECT count(*) FROM actors WHERE origin = 'learned' AND first_seen_date IN {days}", lambda rows: rows[0][0])},
        })


# Computed in SQL from the fact_country_pairs model: the facts with their articles, stories and
# the actors' countries.
@dg.multi_asset(
    name="count_relation_daily",
    pool=writer_pool("count_relation_daily"),
    specs=[table_spec("relation_daily", ["relation_facts", "actors", "articles", "stories"], frozenset({"sql", "duckdb"}))],
    **DERIVE,
)
def count_relation_daily(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> Iterator[dg.MaterializeResult]:
    yield from materialize_days(context, warehouse, lambda con, day: [("relation_daily", derive_relation_daily(con, day), [day])])


DERIVE_ASSETS = [extract_articles, assign_stories, code_relation_facts, count_relation_daily]
