"""The reports follow the derived tables whatever materialised them.

After `dagster asset materialize` of the derive assets for one demo day, the report assets'
automation condition requests that day's briefing and search index (and nothing else); once a run
has rebuilt them they are current and nothing is requested; a derive through `etl derive`, whose
run rebuilds the reports itself, requests nothing more, and neither does a capture run (it
changes no day's derived rows).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import dagster as dg

from etl.cli.dagster_runs import ensure_dagster_home, run_capture, run_derive
from etl.definitions.jobs import REPORT
from etl.demo.server import DEMO_DAYS, DemoServer, capture_clocks
from etl.warehouse import lake
from tests.conftest import REPO_ROOT, cli_environment, demo_port, settings_of, settings_resource

DAY = DEMO_DAYS[1]
REPORT_KEYS = [dg.AssetKey("daily_briefing"), dg.AssetKey("search_index")]
DAGSTER = str(Path(sys.executable).parent / "dagster")


def _materialize(data_dir: Path, home: Path, selection: str) -> None:
    done = subprocess.run(
        [DAGSTER, "asset", "materialize", "-m", "etl.definitions", "--select", selection, "--partition", DAY.isoformat()],
        cwd=REPO_ROOT, env=cli_environment(data_dir, DAGSTER_HOME=str(home)), capture_output=True, text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]


def _requested(result: dg.EvaluateAutomationConditionsResult) -> dict[str, list[str]]:
    return {key.to_user_string(): sorted(result.get_requested_partitions(key)) for key in REPORT_KEYS}


def _latest(instance: dg.DagsterInstance, key: dg.AssetKey) -> dg.EventLogRecord:
    return instance.fetch_materializations(
        dg.AssetRecordsFilter(asset_key=key, asset_partitions=[DAY.isoformat()]), limit=1).records[0]


def test_reports_follow_a_derive_from_any_command(demo_copy):
    from etl.definitions import defs

    home = ensure_dagster_home(settings_of(demo_copy))
    with dg.DagsterInstance.from_config(str(home)) as instance:
        def tick(previous: dg.EvaluateAutomationConditionsResult | None) -> dg.EvaluateAutomationConditionsResult:
            return dg.evaluate_automation_conditions(defs, instance, asset_selection=REPORT,
                                                     cursor=previous.cursor if previous else None)

        # The sensor's first tick only takes stock.
        ticked = tick(None)
        assert ticked.total_requested == 0

        _materialize(demo_copy, home, "group:derive")
        derived_at = _latest(instance, dg.AssetKey("articles")).timestamp
        ticked = tick(ticked)
        assert _requested(ticked) == {"daily_briefing": [DAY.isoformat()], "search_index": [DAY.isoformat()]}
        ticked = tick(ticked)
        assert ticked.total_requested == 0, "requested again with nothing changed"

        # What the sensor launches for that request: the report assets of the day.
        _materialize(demo_copy, home, "group:report")
        assert all(_latest(instance, key).timestamp > derived_at for key in REPORT_KEYS)
        briefing = demo_copy / "reports" / f"briefing-{DAY.isoformat()}.html"
        assert briefing.stat().st_mtime > derived_at
        indexed = _latest(instance, dg.AssetKey("search_index")).asset_materialization.metadata["lake_snapshot"].value
        con = lake.connect(settings_of(demo_copy), read_only=True)
        try:
            assert indexed == lake.current_snapshot(con)
        finally:
            con.close()
        ticked = tick(ticked)
        assert ticked.total_requested == 0, "the reports just rebuilt were requested again"

        # `etl derive` rebuilds the reports in its own run: nothing is left to request.
        run_derive(settings_resource(demo_copy), DAY, DAY)
        ticked = tick(ticked)
        assert ticked.total_requested == 0

        # The port the demo ran on: the same URLs as the captures already in the warehouse.
        with DemoServer(demo_port(demo_copy)) as server:
            clock = capture_clocks()[-1]
            server.set_clock(clock)
            run_capture(settings_resource(demo_copy), now=clock,
                        sources_file=server.write_sources_yaml(demo_copy / "demo_sources.yaml"))
        assert _latest_capture(instance) > derived_at
        ticked = tick(ticked)
        assert ticked.total_requested == 0, "a capture run requested reports"


def _latest_capture(instance: dg.DagsterInstance) -> float:
    return instance.fetch_materializations(dg.AssetKey("feed_fetches"), limit=1).records[0].timestamp
