"""The schedules' ticks at fixed times request the right partitions; the sensor finds late days."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import dagster as dg
import pytest

from etl.definitions import build_definitions
from etl.definitions.schedules import PARTITION_RANGE_END, PARTITION_RANGE_START
from tests.conftest import REPO_ROOT, cli_environment, settings_of, settings_resource

UTC = dt.timezone.utc


@pytest.fixture(scope="module")
def defs(tmp_path_factory) -> dg.Definitions:
    """The code location configured for a folder with no remembered sources: `./data` may be the
    demo's, whose hourly schedule skips."""
    return build_definitions(settings_resource(tmp_path_factory.mktemp("fresh") / "data"))


def _tick(defs: dg.Definitions, schedule_name: str, when: dt.datetime) -> list[dg.RunRequest]:
    schedule = defs.get_schedule_def(schedule_name)
    with dg.build_schedule_context(scheduled_execution_time=when, repository_def=defs.get_repository_def(),
                                   resources=defs.resources) as context:
        return schedule.evaluate_tick(context).run_requests


@pytest.mark.parametrize(
    "when, start, end",
    [
        (dt.datetime(2026, 11, 28, 5, 5, tzinfo=UTC), "2026-11-26", "2026-11-28"),
        # Just after midnight UTC the new day is already in the window.
        (dt.datetime(2026, 3, 1, 0, 5, tzinfo=UTC), "2026-02-27", "2026-03-01"),
        # 08:05 in Seoul on New Year's Day is still 2025-12-31 in UTC: the window follows the UTC day.
        (dt.datetime(2026, 1, 1, 8, 5, tzinfo=dt.timezone(dt.timedelta(hours=9))), "2025-12-29", "2025-12-31"),
    ],
)
def test_hourly_refresh_requests_the_lookback_range(defs, when, start, end):
    (request,) = _tick(defs, "hourly_refresh_schedule", when)
    assert request.tags[PARTITION_RANGE_START] == start
    assert request.tags[PARTITION_RANGE_END] == end
    assert request.run_key == when.isoformat()
    assert defs.get_schedule_def("hourly_refresh_schedule").job_name == "refresh_job"


def test_hourly_refresh_fires_every_hour(defs):
    schedule = defs.get_schedule_def("hourly_refresh_schedule")
    assert schedule.cron_schedule == "5 * * * *"
    assert schedule.execution_timezone == "UTC"


@pytest.mark.parametrize(
    "when, partition",
    [
        (dt.datetime(2026, 11, 28, 2, 30, tzinfo=UTC), "2026-11-27"),
        (dt.datetime(2024, 3, 1, 2, 30, tzinfo=UTC), "2024-02-29"),
    ],
)
def test_daily_finalize_targets_yesterday(defs, when, partition):
    (request,) = _tick(defs, "daily_finalize_schedule", when)
    assert request.partition_key == partition
    assert defs.get_schedule_def("daily_finalize_schedule").job_name == "derive_job"


def test_every_derive_asset_runs_a_range_in_one_run(defs):
    graph = defs.resolve_asset_graph()
    for key in ("articles", "stories", "relation_facts", "relation_daily"):
        node = graph.get(dg.AssetKey(key))
        assert node.backfill_policy == dg.BackfillPolicy.single_run(), key
        assert node.partitions_def is not None, key


def test_late_capture_sensor_requests_days_before_the_window(demo_copy, demo_data_dir):
    from etl.definitions.sensors import late_captures_sensor, late_partitions
    from etl.warehouse import lake

    con = lake.connect(settings_of(demo_copy), read_only=True)
    epoch = dt.datetime(1970, 1, 1, tzinfo=UTC)
    lookback = settings_of(demo_copy).lookback_days
    captured = lake.query(con, "SELECT DISTINCT partition_date FROM captures ORDER BY 1")["partition_date"].to_list()
    days, cursor = late_partitions(con, epoch, dt.datetime(2026, 11, 28, tzinfo=UTC), lookback)
    assert list(days) == captured and cursor > epoch
    # Nothing new since the cursor: nothing requested.
    assert late_partitions(con, cursor, dt.datetime(2026, 11, 28, tzinfo=UTC), lookback)[0] == {}
    # Days inside the look-back window are the schedule's job, not the sensor's.
    last = captured[-1]
    inside, _ = late_partitions(con, epoch, dt.datetime.combine(last, dt.time(12), UTC), lookback)
    assert last not in inside
    con.close()

    # Days never derived (an instance without runs) are requested.
    with dg.instance_for_test() as fresh, dg.build_sensor_context(cursor=None, instance=fresh) as context:
        requests = late_captures_sensor(context, settings=settings_resource(demo_copy))
    assert sorted(r.partition_key for r in requests) == [d.isoformat() for d in captured]
    # The demo folder with its own instance (read only here): each day was derived after its
    # captures landed, so the daemon's first evaluation there re-derives none of them.
    with dg.DagsterInstance.from_config(str(demo_data_dir / "dagster_home")) as instance, \
            dg.build_sensor_context(cursor=None, instance=instance) as context:
        skipped = late_captures_sensor(context, settings=settings_resource(demo_data_dir))
    assert isinstance(skipped, dg.SkipReason) and "derived since" in skipped.skip_message


def test_workspace_yaml_loads_the_code_location(tmp_path):
    """What `dagster dev -w workspace.yaml` and the daemon load: one location, named."""
    env = cli_environment(DAGSTER_HOME=str(tmp_path))
    done = subprocess.run([str(Path(sys.executable).parent / "dagster"), "definitions", "validate", "-w", "workspace.yaml"],
                          cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Validation successful for code location newsfacts" in done.stderr + done.stdout
