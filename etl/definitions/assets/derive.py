"""Derive group: daily partitions rebuilt from the raw store, one transaction per day and table.

Each asset is thin: for every day of the run (one partition, or a whole range in a single run
under BackfillPolicy.single_run()) it calls a derive step from ``etl.derive`` and replaces that
day's rows. Re-running a day gives the same rows.
"""


import time

import dagster as dg
import polars as pl

from etl.definitions.metadata import table_metadata
from etl.definitions.partitions import daily_partitions, partition_days
from etl.definitions.resources import WarehouseResource
from etl.derive.articles import derive_articles
from etl.derive.daily import derive_relation_daily
from etl.derive.facts import derive_facts, seed_actor_frame
from etl.derive.stories import derive_stories
from etl.settings import get_settings
from etl.warehouse import lake

DERIVE = dict(
    partitions_def=daily_partitions,
    group_name="derive",
    backfill_policy=dg.BackfillPolicy.single_run(),
    op_tags={"etl/writer": "derive"},
)


def _result(frames: list[pl.DataFrame], days, started: float, **extra) -> dg.MaterializeResult:
    combined = pl.concat(frames, how="vertical_relaxed") if frames else pl.DataFrame()
    return dg.MaterializeResult(
        metadata=table_metadata(
            combined,
            partitions=", ".join(d.isoformat() for d in days),
            seconds=round(time.perf_counter() - started, 3),
            **extra,
        )
    )


@dg.asset(
    deps=["captures", "feed_entries"],
    kinds={"python", "duckdb"},
    description="Clean article text extracted from each page's latest captured version, with its "
    "title, byline, publication date, language and the extractor version; status says why a page "
    "yielded no text.",
    **DERIVE,
)
def articles(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    started, days, frames = time.perf_counter(), partition_days(context), []
    raw_root = get_settings().raw_dir
    with warehouse.connect() as con:
        for day in days:
            frame, templates = derive_articles(con, day, raw_root)
            lake.replace_partitions(con, {"articles": frame, "site_templates": templates}, [day])
            frames.append(frame)
    statuses = pl.concat(frames).group_by("status").len() if frames else pl.DataFrame()
    return _result(frames, days, started, statuses=str(dict(statuses.iter_rows())) if statuses.height else "")


@dg.asset(
    deps=["articles"],
    kinds={"python", "duckdb"},
    description="Story cluster of every article (URL, exact and near-duplicate layers over a "
    "sliding window of days), with a representative article per story.",
    **DERIVE,
)
def stories(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    started, days, frames = time.perf_counter(), partition_days(context), []
    # Days in order: a day's near-duplicates are found against the days before it.
    with warehouse.connect() as con:
        for day in days:
            story_rows, band_rows = derive_stories(con, day)
            lake.replace_partitions(con, {"stories": story_rows, "story_bands": band_rows}, [day])
            frames.append(story_rows)
    combined = pl.concat(frames) if frames else pl.DataFrame()
    return _result(
        frames, days, started,
        stories=combined["story_id"].n_unique() if combined.height else 0,
    )


@dg.asset(
    deps=["stories"],
    kinds={"python", "duckdb"},
    description="PLOVER relation facts coded from each article's sentences: who did what to "
    "whom, where and when, with the evidence sentence and its offsets. Also keeps `actors` "
    "(seed actors and actors learned from title patterns).",
    **DERIVE,
)
def relation_facts(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    started, days, frames = time.perf_counter(), partition_days(context), []
    learned_total = 0
    with warehouse.connect() as con:
        for day in days:
            facts, learned = derive_facts(con, day)
            # Keep the earliest sighting of a learned actor whatever order days are derived in.
            known_before = lake.query(
                con, "SELECT actor_id FROM actors WHERE origin = 'seed' OR first_seen_date < ?", [day]
            )["actor_id"]
            learned = learned.filter(~pl.col("actor_id").is_in(known_before.implode()))
            lake.write(
                con,
                [
                    ("relation_facts", facts, [day]),
                    ("actors", seed_actor_frame(), ("origin = 'seed'", [])),
                    (
                        "actors",
                        learned,
                        (
                            "origin = 'learned' AND (first_seen_date = ? OR "
                            "(first_seen_date > ? AND actor_id IN (SELECT unnest(?::VARCHAR[]))))",
                            [day, day, learned["actor_id"].to_list()],
                        ),
                    ),
                ],
            )
            frames.append(facts)
            learned_total += learned.height
    return _result(frames, days, started, learned_actors=learned_total)


@dg.asset(
    deps=["relation_facts"],
    kinds={"sql", "duckdb"},
    description="Daily dyad counts per PLOVER type: facts, distinct stories, distinct sources and "
    "distinct articles (asserted facts only).",
    **DERIVE,
)
def relation_daily(context: dg.AssetExecutionContext, warehouse: WarehouseResource) -> dg.MaterializeResult:
    started, days, frames = time.perf_counter(), partition_days(context), []
    with warehouse.connect() as con:
        for day in days:
            frame = derive_relation_daily(con, day)
            lake.replace_partitions(con, {"relation_daily": frame}, [day])
            frames.append(frame)
    return _result(frames, days, started)


DERIVE_ASSETS = [articles, stories, relation_facts, relation_daily]
