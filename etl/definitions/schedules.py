"""Schedules: hourly capture + look-back re-derive, and a daily finalize of yesterday."""


import datetime as dt

import dagster as dg

from etl.definitions.jobs import derive_job, refresh_job
from etl.definitions.resources import SettingsResource

PARTITION_RANGE_START = "dagster/asset_partition_range_start"
PARTITION_RANGE_END = "dagster/asset_partition_range_end"


def lookback_range(when: dt.datetime, days: int) -> tuple[dt.date, dt.date]:
    """The partition days re-derived at ``when``: today (UTC) and the ``days - 1`` before it."""
    today = when.astimezone(dt.timezone.utc).date()
    return today - dt.timedelta(days=days - 1), today


@dg.schedule(
    job=refresh_job,
    cron_schedule="5 * * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Every hour: poll the sources, then re-derive today and the previous days "
    "(ETL lookback, default 3 days) in one run, since late articles make recent days stale. "
    "Skips a data folder made by `etl demo`: its feeds live only while the demo runs.",
)
def hourly_refresh_schedule(context: dg.ScheduleEvaluationContext, settings: SettingsResource) -> dg.RunRequest | dg.SkipReason:
    config = settings.get()
    if config.is_offline_demo:
        return dg.SkipReason(
            f"{config.data_dir} was made by `etl demo`: its sources ({config.sources_file}) are "
            "the demo's local server, which runs only during `etl demo`. Set ETL_DATA_DIR to another "
            "folder (and ETL_SOURCES to your feeds) for scheduled captures.")
    start, end = lookback_range(context.scheduled_execution_time, config.lookback_days)
    return dg.RunRequest(
        run_key=context.scheduled_execution_time.isoformat(),
        tags={PARTITION_RANGE_START: start.isoformat(), PARTITION_RANGE_END: end.isoformat()},
    )


@dg.schedule(
    job=derive_job,
    cron_schedule="30 2 * * *",
    execution_timezone="UTC",
    default_status=dg.DefaultScheduleStatus.RUNNING,
    description="Daily at 02:30 UTC: final re-derive of yesterday's partition, now complete.",
)
def daily_finalize_schedule(context: dg.ScheduleEvaluationContext) -> dg.RunRequest:
    # Not build_schedule_from_partitioned_job: with today as a partition (end_offset=1) that
    # would target today. Every request names its partition, so no run starts without one.
    yesterday = context.scheduled_execution_time.astimezone(dt.timezone.utc).date() - dt.timedelta(days=1)
    return dg.RunRequest(run_key=yesterday.isoformat(), partition_key=yesterday.isoformat())


SCHEDULES = [hourly_refresh_schedule, daily_finalize_schedule]
