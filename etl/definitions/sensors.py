"""Sensor: re-derive older days when captures or imports land for them.

The hourly schedule covers the look-back window; a page published earlier than that (a late
feed item, an imported WARC) would otherwise never reach the warehouse. The cursor is the latest
capture time already handled, so each capture triggers its day once; a day whose last derive
started after its newest capture had landed is left alone (a first evaluation, with no cursor,
would otherwise re-derive every day ever captured, e.g. the whole demo).
"""


import datetime as dt

import dagster as dg

from etl.definitions.jobs import derive_job
from etl.definitions.resources import SettingsResource
from etl.definitions.schedules import lookback_range
from etl.warehouse import lake

_LATE_DAYS = """
SELECT partition_date, max(fetched_at) AS newest
FROM captures
WHERE fetched_at > ? AND partition_date < ?
GROUP BY partition_date ORDER BY partition_date
"""
_EPOCH = "1970-01-01T00:00:00+00:00"
# The derive step that reads the captures: its materialization of a day says when the day was read.
DERIVE_READS_CAPTURES = dg.AssetKey("articles")


def late_partitions(con, cursor: dt.datetime, now: dt.datetime, lookback_days: int) -> tuple[dict[dt.date, dt.datetime], dt.datetime]:
    """Days before the look-back window with captures newer than ``cursor`` (each with its newest
    capture time), and the new cursor."""
    window_start, _ = lookback_range(now, lookback_days)
    rows = lake.query(con, _LATE_DAYS, [cursor, window_start])
    if rows.is_empty():
        return {}, cursor
    newest = dict(zip(rows["partition_date"].to_list(), rows["newest"].to_list()))
    return newest, max(newest.values())


def derived_after(instance: dg.DagsterInstance, newest: dict[dt.date, dt.datetime], margin_seconds: float) -> set[dt.date]:
    """The days whose latest derive run started after their newest capture had surely landed
    (a capture commits what it fetched within ``margin_seconds``): nothing new for them."""
    done = set()
    for day, captured in newest.items():
        latest = instance.fetch_materializations(
            dg.AssetRecordsFilter(asset_key=DERIVE_READS_CAPTURES, asset_partitions=[day.isoformat()]), limit=1).records
        run = instance.get_run_record_by_id(latest[0].run_id) if latest else None
        if run is not None and run.start_time is not None and run.start_time >= captured.timestamp() + margin_seconds:
            done.add(day)
    return done


@dg.sensor(
    job=derive_job,
    minimum_interval_seconds=300,
    default_status=dg.DefaultSensorStatus.RUNNING,
    description="Requests derive runs for days older than the look-back window whose captures "
    "(late feed items, WARC imports) arrived since the last evaluation.",
)
def late_captures_sensor(context: dg.SensorEvaluationContext, settings: SettingsResource):
    config = settings.get()
    if not lake.warehouse_exists(config):
        return dg.SkipReason("no warehouse yet")
    cursor = dt.datetime.fromisoformat(context.cursor or _EPOCH)
    con = lake.connect(config, read_only=True)
    try:
        days, new_cursor = late_partitions(con, cursor, dt.datetime.now(dt.timezone.utc), config.lookback_days)
    finally:
        con.close()
    if not days:
        return dg.SkipReason("no late captures")
    context.update_cursor(new_cursor.isoformat())
    stale = sorted(days.keys() - derived_after(context.instance, days, config.commit_interval))
    if not stale:
        return dg.SkipReason(f"{len(days)} day(s) with captures older than the look-back window, "
                             "each derived since its captures landed")
    return [dg.RunRequest(run_key=f"{day}:{new_cursor.isoformat()}", partition_key=day.isoformat()) for day in stale]


SENSORS = [late_captures_sensor]
