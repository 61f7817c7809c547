"""Report group: what analysts open rather than query, rebuilt after each derive.

* ``daily_briefing``: a static HTML page per day under ``data_dir/reports/`` (charts inline, top
  stories with their facts and evidence sentences), linked from the materialization.
* ``search_index``: the full-text index file behind ``etl search`` (see etl.analyst.search_index).

The daily briefing reads the analyst views, so it opens the warehouse with them brought up to
date (``connect(views=True)``: only a view whose SQL changed is rewritten).
"""


import time

import dagster as dg
import polars as pl

from etl.analyst.briefing import write_briefing
from etl.analyst.search_index import build_search_index
from etl.definitions.metadata import table_metadata
from etl.definitions.partitions import daily_partitions, partition_days
from etl.definitions.resources import WarehouseResource
from etl.settings import get_settings

REPORT = dict(
    partitions_def=daily_partitions,
    group_name="report",
    backfill_policy=dg.BackfillPolicy.single_run(),
)


@dg.asset(
    deps=["relation_daily", "relation_facts", "stories", "feed_fetches"],
    kinds={"html", "duckdb"},
    description="Daily briefing page per partition day: the day in figures, event-type mix, actor "
    "network, dyad trends (inline SVG, offline) and the top stories with their coded facts, "
    "evidence sentences and links. Written to data_dir/reports/briefing-YYYY-MM-DD.html.",
    **REPORT,
)
def daily_briefing(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    started, days = time.perf_counter(), partition_days(context)
    reports_dir = get_settings().reports_dir
    pages, stories = [], []
    with warehouse.connect(views=True) as con:
        for day in days:
            path, briefing = write_briefing(con, day, reports_dir)
            pages.append(path)
            stories.append(briefing.top_stories.select("rank", "title", "outlets", "events", "url")
                           .with_columns(day=pl.lit(day)))
    top = pl.concat(stories) if stories else pl.DataFrame()
    latest = pages[-1]
    return dg.MaterializeResult(
        metadata=table_metadata(
            top,
            briefing=dg.MetadataValue.path(str(latest)),
            open_briefing=dg.MetadataValue.url(latest.as_uri()),
            pages=dg.MetadataValue.md("\n".join(f"* [{p.name}]({p.as_uri()})" for p in pages)),
            partitions=", ".join(d.isoformat() for d in days),
            seconds=round(time.perf_counter() - started, 3),
        )
    )


@dg.asset(
    deps=["articles", "stories"],
    kinds={"duckdb"},
    description="Full-text search index (DuckDB fts, BM25, Porter stems) over the text and title "
    "of every article, used by `etl search`. A separate DuckDB file beside the lake, rebuilt "
    "whole from the lake and swapped in atomically; any partition's run refreshes all days.",
    **REPORT,
)
def search_index(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    started = time.perf_counter()
    with warehouse.connect() as con:
        info = build_search_index(con, get_settings())
    context.log.info(f"indexed {info.documents} articles at lake snapshot {info.lake_snapshot}")
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": info.documents,
            "index_file": dg.MetadataValue.path(str(info.path)),
            "lake_snapshot": info.lake_snapshot,
            "size_kib": round(info.path.stat().st_size / 1024, 1),
            "partitions": ", ".join(context.partition_keys),
            "seconds": round(time.perf_counter() - started, 3),
        }
    )


REPORT_ASSETS = [daily_briefing, search_index]
