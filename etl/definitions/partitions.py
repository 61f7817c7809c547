"""The daily partitioning shared by every derived asset: the article's UTC publication day."""

from __future__ import annotations

import datetime as dt
import warnings

import dagster as dg

from etl.dedup import STORY_WINDOW_DAYS
from etl.definitions.environment import partitions_start

# end_offset=1 makes today a partition while it is still in progress: the hourly schedule
# re-derives it as articles arrive. The first day is a setting (ETL_PARTITIONS_START, or the data
# folder's own), so history back to any day can be backfilled.
daily_partitions = dg.DailyPartitionsDefinition(start_date=partitions_start().isoformat(), end_offset=1, timezone="UTC")
# A day's stories are assigned against the stories (their MinHash bands) of the days before it:
# day D reads D-STORY_WINDOW_DAYS..D-1. Declared to Dagster, a backfill runs that chain in date
# order; the window's days before the first partition simply do not exist.
# (The flag is "beta" in Dagster 1.13 and warns at every load: no news for users.)
with warnings.catch_warnings():
    warnings.simplefilter("ignore", dg.BetaWarning)
    PREVIOUS_STORY_DAYS = dg.TimeWindowPartitionMapping(
        start_offset=-STORY_WINDOW_DAYS, end_offset=-1, allow_nonexistent_upstream_partitions=True)


def partition_days(context: dg.AssetExecutionContext) -> list[dt.date]:
    """The days a run covers: one partition, or a range under BackfillPolicy.single_run()."""
    return [dt.date.fromisoformat(key) for key in context.partition_keys]
