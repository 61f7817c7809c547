"""The hourly refresh run (capture + look-back derive in one run, as the schedule launches it)
succeeds against the demo sites, and with nothing new captured leaves the derived tables as
they were."""

from __future__ import annotations

from etl.cli.dagster_runs import execute_job
from etl.definitions.schedules import PARTITION_RANGE_END, PARTITION_RANGE_START
from etl.demo.server import DEMO_DAYS, DemoServer, capture_clocks
from tests.conftest import demo_port, settings_resource
from tests.pipeline.tables import assert_same_tables, snapshot


def test_refresh_job_captures_then_rederives_the_range(demo_copy):
    before = snapshot(demo_copy)
    # The port the demo ran on: the same URLs as the captures already in the warehouse.
    with DemoServer(demo_port(demo_copy)) as server:
        last_clock = capture_clocks()[-1]
        server.set_clock(last_clock)
        sources = server.write_sources_yaml(demo_copy / "demo_sources.yaml")
        result = execute_job(
            "refresh_job", settings_resource(demo_copy, sources_file=str(sources)),
            run_config={"ops": {"capture": {"config": {"now": last_clock.isoformat()}}}},
            tags={PARTITION_RANGE_START: DEMO_DAYS[0].isoformat(), PARTITION_RANGE_END: DEMO_DAYS[-1].isoformat()},
        )
    done = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    assert {"feed_fetches", "captures", "articles", "stories", "relation_facts", "relation_daily"} <= done
    assert_same_tables(before, snapshot(demo_copy))
