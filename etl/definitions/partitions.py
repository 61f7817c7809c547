"""The daily partitioning shared by every derived asset: the article's UTC publication day."""

from __future__ import annotations

import datetime as dt

import dagster as dg

from etl.settings import PARTITIONS_START

# end_offset=1 makes today a partition while it is still in progress: the hourly schedule
# re-derives it as articles arrive.
daily_partitions = dg.DailyPartitionsDefinition(start_date=PARTITIONS_START, end_offset=1, timezone="UTC")


def partition_days(context: dg.AssetExecutionContext) -> list[dt.date]:
    """The days a run covers: one partition, or a range under BackfillPolicy.single_run()."""
    return [dt.date.fromisoformat(key) for key in context.partition_keys]
