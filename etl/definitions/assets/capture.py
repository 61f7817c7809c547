"""Capture group: the only assets that touch the network.

One multi-asset because a single pass over the sources produces all four tables. The pass
commits as it goes, each batch one transaction holding every table's rows recorded since the
last one (an entry never without its fetch, a capture never without its entry), so a killed or
failed run keeps what it finished.
"""


import datetime as dt

import dagster as dg

from etl.capture.outcomes import DEFERRED, OK, SUCCESS
from etl.capture.sources import load_sources
from etl.definitions.capture_health import FAILING_SHARE_WARN, capture_health
from etl.analyst.dictionary import relations
from etl.definitions.metadata import markdown_preview, schema_metadata, table_metadata, table_rows
from etl.definitions.resources import WarehouseResource
from etl.capture.capture_state import capture_into
from etl.warehouse.lake import query

CAPTURE_TABLES = ["feed_fetches", "feed_state", "feed_entries", "captures"]
FEEDS_ANSWERING = "feeds_answering"
# When the warehouse last received something new: the freshness checks judge these, so a run
# that polled but found nothing (every feed failing, say) does not count as fresh.
_NEWEST = {
    "feed_entries": "SELECT max(first_seen_at) AS newest FROM feed_entries",
    "captures": f"SELECT max(fetched_at) AS newest FROM captures WHERE outcome = '{OK}'",
}


class CaptureConfig(dg.Config):
    sources_file: str | None = None  # defaults to ETL_SOURCES / the packaged sources.yaml
    # Pretend the capture happens at this ISO time (aware). Used by the offline demo to replay
    # several days; never needed in production.
    now: str | None = None


@dg.multi_asset(
    specs=[
        dg.AssetSpec(name, description=relations()[name].description, group_name="capture",
                     kinds={"python", "duckdb"}, metadata=schema_metadata(name))
        for name in CAPTURE_TABLES
    ],
    check_specs=[dg.AssetCheckSpec(
        FEEDS_ANSWERING, asset="feed_fetches", blocking=True,
        description="Fails (ERROR, and with it the run) when no listed feed answered at its latest "
        f"fetch; warns when more than {FAILING_SHARE_WARN:.0%} of them failed. Names each failing "
        "feed with its outcome and reason.",
    )],
    op_tags={"etl/writer": "capture"},
)
def capture(context: dg.AssetExecutionContext, config: CaptureConfig, warehouse: WarehouseResource):
    settings = warehouse.settings.get()
    sources = load_sources(config.sources_file or settings.sources_file)
    now = dt.datetime.fromisoformat(config.now) if config.now else None
    # The analyst views too: a folder that has only been captured into so far is queried with
    # the same views as any other (they read empty derived tables until the first derive).
    with warehouse.connect(views=True) as con:
        result, written = capture_into(con, sources, settings, now=now)
        newest = {table: query(con, sql)["newest"][0] for table, sql in _NEWEST.items()}
        in_table = {table: table_rows(con, table) for table in CAPTURE_TABLES}
    health = capture_health(result.feed_state, result.fetches, [s.name for s in sources if s.enabled])
    outcomes = result.fetches.group_by("outcome").len().sort("outcome")
    page_outcomes = result.captures.group_by("outcome").len().sort("outcome")
    failed = result.fetches.filter(~result.fetches["outcome"].is_in(list(SUCCESS)))
    listed = {source.name for source in sources}
    inactive = sorted(set(result.feed_state["feed_name"]) - listed)
    context.log.info(f"committed {written}; feed outcomes {dict(outcomes.iter_rows())}; "
                     f"page outcomes {dict(page_outcomes.iter_rows())}")
    for row in failed.iter_rows(named=True):
        context.log.warning(f"feed {row['feed_name']}: {row['outcome']}: {row['error']}")
    if health.severity is not None:
        (context.log.error if health.severity == dg.AssetCheckSeverity.ERROR else context.log.warning)(
            f"capture health: {health.summary()}")
    deferred = result.captures.filter(result.captures["outcome"] == DEFERRED).height
    if deferred:
        context.log.warning(f"{deferred} pages deferred to the next run (page or time budget used up)")
    if inactive:
        context.log.info(f"{len(inactive)} feeds with a state are not in the sources list (kept, "
                         f"not polled): {', '.join(inactive[:20])}")
    yield dg.MaterializeResult(
        asset_key="feed_fetches",
        metadata=table_metadata(
            result.fetches, "feed_fetches", in_table["feed_fetches"],
            sources=len(sources),
            outcomes=markdown_preview(outcomes, rows=50),
            failed_feeds=failed.height,
            failing_feeds=markdown_preview(health.failing, rows=50),
        ),
    )
    yield dg.MaterializeResult(asset_key="feed_state",
                               metadata=table_metadata(result.feed_state, "feed_state", in_table["feed_state"], inactive_feeds=len(inactive)))
    yield dg.MaterializeResult(asset_key="feed_entries",
                               metadata=table_metadata(result.entries, "feed_entries", in_table["feed_entries"], **_last_updated(newest["feed_entries"])))
    yield dg.MaterializeResult(
        asset_key="captures",
        metadata=table_metadata(result.captures, "captures", in_table["captures"], outcomes=markdown_preview(page_outcomes, rows=50),
                                deferred_pages=deferred, **_last_updated(newest["captures"])),
    )
    yield dg.AssetCheckResult(
        asset_key="feed_fetches", check_name=FEEDS_ANSWERING, passed=health.severity is None,
        severity=health.severity or dg.AssetCheckSeverity.WARN,
        description=health.summary(),
        metadata={"listed_feeds": health.listed, "answering_feeds": health.answering,
                  "failing_share": round(health.failing_share, 3),
                  "failing_feeds": markdown_preview(health.failing, rows=50)},
    )


def _last_updated(newest: dt.datetime | None) -> dict:
    """Dagster's freshness checks read this key in place of the materialization's own time;
    a table that never received anything is as stale as can be (the epoch)."""
    return {"dagster/last_updated_timestamp": dg.MetadataValue.timestamp(newest.timestamp() if newest else 0.0)}
