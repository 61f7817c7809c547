"""A derive run killed with SIGKILL mid-write, then re-run, leaves the same tables as an
uninterrupted run: every partition replacement is one transaction, so the kill leaves the
previous snapshot, and the re-run rebuilds from the raw store. The killed run held the lake
writers' pool slots: the re-run ends it as failed and frees them instead of waiting for good."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import dagster as dg

from etl.cli.dagster_runs import run_derive
from etl.demo.server import DEMO_DAYS
from etl.warehouse import lake
from tests.conftest import REPO_ROOT, cli_environment, settings_of, settings_resource
from tests.pipeline.tables import DERIVED_TABLES, assert_same_tables, snapshot

# The etl command's own derive of every demo day, in a process of its own.
DERIVE_ALL = [sys.executable, "-m", "etl.cli.main", "derive", DEMO_DAYS[0].isoformat(), DEMO_DAYS[-1].isoformat()]


def _snapshot_id(data_dir) -> int:
    con = lake.connect(settings_of(data_dir), read_only=True)
    try:
        return lake.current_snapshot(con)
    finally:
        con.close()


def test_sigkill_mid_derive_then_rerun_matches_uninterrupted(demo_copy):
    reference = snapshot(demo_copy)
    # Wipe the derived days first so the killed run is really writing new rows.
    con = lake.connect(settings_of(demo_copy))
    # Every partitioned derived table (actors keeps seed rows and is not partitioned).
    for table in (t for t in DERIVED_TABLES if t != "actors"):
        con.execute(f"DELETE FROM {table}")
    con.close()
    start_snapshot = _snapshot_id(demo_copy)

    victim = subprocess.Popen(DERIVE_ALL, cwd=REPO_ROOT, env=cli_environment(demo_copy),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    # Kill as soon as the run has committed something but cannot have finished.
    while _snapshot_id(demo_copy) == start_snapshot and time.monotonic() < deadline and victim.poll() is None:
        time.sleep(0.05)
    assert victim.poll() is None, "the derive run finished before it could be killed"
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait(timeout=30)
    assert victim.returncode == -signal.SIGKILL

    partial = snapshot(demo_copy)
    assert any(not partial[t].equals(reference[t]) for t in reference), "kill came too late to test anything"

    run_derive(settings_resource(demo_copy), DEMO_DAYS[0], DEMO_DAYS[-1])
    assert_same_tables(reference, snapshot(demo_copy))
    with dg.DagsterInstance.from_config(str(settings_of(demo_copy).dagster_home)) as instance:
        ended = instance.get_runs(dg.RunsFilter(statuses=[dg.DagsterRunStatus.FAILURE],
                                                tags={"etl/pid": str(victim.pid)}))
        assert len(ended) == 1, "the killed run is not shown as failed"
        assert instance.event_log_storage.get_concurrency_run_ids() == set()
