"""Derive group: daily partitions rebuilt from the raw store, one transaction per day.

Each asset is thin: for every day of the run (one partition, or a whole range in a single run
under BackfillPolicy.single_run()), in date order, it calls a derive step from ``etl.derive``
and commits that day's rows in one transaction. Re-running a day gives the same rows.
"""

import datetime as dt
import time
from collections.abc import Callable

import dagster as dg
import duckdb
import polars as pl

from etl.definitions.metadata import schema_metadata, table_metadata, table_rows
from etl.definitions.partitions import daily_partitions, partition_days
from etl.definitions.resources import WarehouseResource
from etl.derive.articles import derive_articles
from etl.derive.daily import derive_relation_daily
from etl.derive.facts import facts_writes
from etl.derive.stories import derive_stories
from etl.settings import get_settings
from etl.warehouse import lake

DERIVE = dict(
    partitions_def=daily_partitions,
    group_name="derive",
    backfill_policy=dg.BackfillPolicy.single_run(),
    op_tags={"etl/writer": "derive"},
    kinds={"python", "duckdb"},
)
# A day's write operations: (table, rows, what they replace), as etl.warehouse.lake.write takes.
DayWrites = Callable[[duckdb.DuckDBPyConnection, dt.date], list[tuple]]


def materialize_days(context: dg.AssetExecutionContext, warehouse: WarehouseResource, day_writes: DayWrites,
                     **extra_metadata) -> dg.MaterializeResult:
    """Commit ``day_writes`` for each day of the run in date order (a day's near-duplicates and
    learned actors are found against the days before it) and describe the asset's own rows."""
    started, days = time.perf_counter(), partition_days(context)
    own_rows, table = [], context.asset_key.to_user_string()
    with warehouse.connect() as con:
        for day in days:
            operations = day_writes(con, day)
            lake.write(con, operations)
            own_rows.append(operations[0][1])
        rows_in_table = table_rows(con, table)
    rows = pl.concat(own_rows, how="vertical_relaxed")
    return dg.MaterializeResult(
        metadata=table_metadata(
            rows, table, rows_in_table,
            partitions=", ".join(d.isoformat() for d in days),
            seconds=round(time.perf_counter() - started, 3),
            **{name: summarize(rows) for name, summarize in extra_metadata.items()},
        )
    )


def _articles_writes(con, day):
    articles_rows, templates = derive_articles(con, day, get_settings().raw_dir)
    return [("articles", articles_rows, [day]), ("site_templates", templates, [day])]


def _stories_writes(con, day):
    story_rows, band_rows = derive_stories(con, day)
    return [("stories", story_rows, [day]), ("story_bands", band_rows, [day])]


@dg.asset(
    deps=["captures", "feed_entries"],
    description="Clean article text extracted from each page's latest captured version, with its "
    "title, byline, publication date, language and the extractor version; status says why a page "
    "yielded no text. Also writes `site_templates`, the per-host templates used.",
    metadata=schema_metadata("articles"),
    **DERIVE,
)
def articles(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    return materialize_days(
        context, warehouse, _articles_writes,
        statuses=lambda rows: str(dict(rows.group_by("status").len().sort("status").iter_rows())),
    )


@dg.asset(
    deps=["articles"],
    description="Story cluster of every article (URL, exact and near-duplicate layers over a "
    "sliding window of days), with a representative article per story. Also writes "
    "`story_bands`, the MinHash keys later days are matched against.",
    metadata=schema_metadata("stories"),
    **DERIVE,
)
def stories(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    return materialize_days(context, warehouse, _stories_writes, stories=lambda rows: rows["story_id"].n_unique())


@dg.asset(
    deps=["stories"],
    description="PLOVER relation facts coded from each article's sentences: who did what to "
    "whom, where and when, with the evidence sentence and its offsets. Also keeps `actors` "
    "(seed actors and actors learned from title patterns).",
    metadata=schema_metadata("relation_facts"),
    **DERIVE,
)
def relation_facts(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    return materialize_days(
        context, warehouse, facts_writes,
        relation_types=lambda rows: str(dict(rows.group_by("relation_type").len().sort("relation_type").iter_rows())),
    )


@dg.asset(
    deps=["relation_facts"],
    description="Daily dyad counts per PLOVER type: facts, distinct stories, distinct sources and "
    "distinct articles (asserted facts only).",
    metadata=schema_metadata("relation_daily"),
    **{**DERIVE, "kinds": {"sql", "duckdb"}},
)
def relation_daily(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    return materialize_days(context, warehouse, lambda con, day: [("relation_daily", derive_relation_daily(con, day), [day])])


DERIVE_ASSETS = [articles, stories, relation_facts, relation_daily]
