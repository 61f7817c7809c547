"""Report group: what analysts open rather than query, rebuilt after each derive.

A derive run (``etl derive``, the schedules) rebuilds a day's reports in the same run. Whatever
else updates a derived table of a day (``dagster asset materialize``, the UI, a backfill), the
report assets' automation condition requests that day's reports, and the automation sensor,
running by default, launches them.

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
from etl.definitions.jobs import CAPTURE, REPORT as REPORT_GROUP, WRITER_TAGS
from etl.definitions.metadata import table_metadata
from etl.definitions.partitions import daily_partitions, partition_days
from etl.definitions.resources import WarehouseResource

# Dagster's eager condition (a day whose inputs were updated, or that became missing, once its
# inputs are all there and none is being written), on every day rather than only the latest: a
# backfill re-derives past days. The capture tables are left out: capture runs every hour and
# changes no day's derived rows, so it would re-request every day's reports each time; and a
# Dagster home that never recorded a capture run (derived from imported WARCs, or a new home)
# would count them as missing and never request a report.
REFRESH_WHEN_DERIVED = (
    dg.AutomationCondition.eager()
    .without(dg.AutomationCondition.in_latest_time_window())
    .ignore(CAPTURE)
    .with_label("eager on every day, captures ignored")
)
REPORT = dict(
    partitions_def=daily_partitions,
    group_name="report",
    backfill_policy=dg.BackfillPolicy.single_run(),
    automation_condition=REFRESH_WHEN_DERIVED,
)


@dg.asset(
    # The tables behind the views it reads (fact_evidence, fact_country_pairs, actor_edges,
    # top_stories_daily, story_events, source_health).
    deps=["articles", "stories", "relation_facts", "actors", "feed_fetches", "feed_state"],
    kinds={"html", "duckdb"},
    description="Daily briefing page per partition day: the day in figures, event-type mix, actor "
    "network, dyad trends (inline SVG, offline) and the top stories with their coded facts, "
    "evidence sentences and links. Written to data_dir/reports/briefing-YYYY-MM-DD.html.",
    **REPORT,
)
def daily_briefing(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    started, days = time.perf_counter(), partition_days(context)
    reports_dir = warehouse.settings.get().reports_dir
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
        info = build_search_index(con, warehouse.settings.get())
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

# Runs it launches write the warehouse (a briefing opens it for writing), so they take turns with
# the other writers like every job does.
report_automation_sensor = dg.AutomationConditionSensorDefinition(
    "report_automation_sensor",
    target=REPORT_GROUP,
    default_status=dg.DefaultSensorStatus.RUNNING,
    run_tags=WRITER_TAGS,
    description="Requests the daily briefing and search index of every day whose derived tables "
    "were updated by a run that did not rebuild them (dagster asset materialize, the UI).",
)
