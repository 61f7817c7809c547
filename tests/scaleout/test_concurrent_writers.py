"""Several workers writing one lake at once, as run pods or machines would: separate `etl derive`
processes, each with its own empty data folder, sharing only the configuration (PostgreSQL
catalog, object store, and a Dagster instance in PostgreSQL for the writer pools).

Four workers on four different days all succeed, with the pools raised as on a cluster (a step
of every run at once); two on the same day both succeed, their writing steps taking turns
through the instance's pools (one at a time, the default); and re-deriving being deterministic,
the lake holds the same rows afterwards."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys
from contextlib import contextmanager

import dagster as dg

from etl.cli.dagster_runs import ensure_dagster_home
from etl.definitions.pools import DERIVE_STEPS, WRITER_LIMIT, WRITER_POOLS, writer_pool
from etl.demo.server import DEMO_DAYS
from tests.conftest import REPO_ROOT, cli_environment, settings_of
from tests.scaleout.lake_tables import differences, every_table
from tests.scaleout.s3_server import as_variables
from tests.scaleout.test_object_store import RUN_SPECIFIC

# The demo's days and the day after them (nothing published: its writer replaces an empty day).
FOUR_DAYS = [*DEMO_DAYS, DEMO_DAYS[-1] + dt.timedelta(days=1)]


def _derive_at_once(workers_root, values: dict, instance_url: str, days: list[dt.date]) -> list[str]:
    """Start one `etl derive DAY` per day at the same moment; returns the run ids they printed."""
    variables = as_variables({**values, "dagster_pg_url": instance_url})
    workers = [
        subprocess.Popen([sys.executable, "-m", "etl.cli.main", "derive", day.isoformat()], cwd=REPO_ROOT,
                         env=cli_environment(workers_root / f"worker-{n}", **variables),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for n, day in enumerate(days)
    ]
    outcomes = [worker.communicate(timeout=900) for worker in workers]
    for day, worker, (_, err) in zip(days, workers, outcomes):
        assert worker.returncode == 0, f"derive {day}: {err[-3000:]}"
    return [line.split(" run ", 1)[1].split()[0] for out, _ in outcomes for line in out.splitlines()
            if " run " in line and "succeeded" in line]


def _step_spans(instance: dg.DagsterInstance, run_id: str, step: str) -> tuple[float, float]:
    """When ``step`` of a run started and ended (instance event timestamps)."""
    records = instance.get_records_for_run(run_id).records
    times = {r.event_log_entry.dagster_event.event_type_value: r.event_log_entry.timestamp for r in records
             if r.event_log_entry.dagster_event and r.event_log_entry.step_key == step
             and r.event_log_entry.dagster_event.event_type_value in ("STEP_START", "STEP_SUCCESS")}
    return times["STEP_START"], times["STEP_SUCCESS"]


@contextmanager
def _shared_instance(home_root, instance_url: str):
    """The instance the workers share, opened from a Dagster home of its own."""
    home = ensure_dagster_home(settings_of(home_root / "operator", dagster_pg_url=instance_url))
    with dg.DagsterInstance.from_config(str(home)) as instance:
        yield instance


def test_four_workers_on_different_days_all_succeed(scaled_out, tmp_path):
    data_dir, values, instance_url = scaled_out
    settings = settings_of(data_dir, **values)
    before = every_table(settings, RUN_SPECIFIC)
    # As an operator of a cluster would (`dagster instance concurrency set POOL 4`): each run in
    # its own pod, every step of the four runs may go at once; only writes of one day take turns.
    with _shared_instance(tmp_path, instance_url) as instance:
        for pool in WRITER_POOLS:
            instance.event_log_storage.set_concurrency_slots(pool, len(FOUR_DAYS))
        try:
            run_ids = _derive_at_once(tmp_path, values, instance_url, FOUR_DAYS)
            assert len(run_ids) == 4
            assert differences(before, every_table(settings, RUN_SPECIFIC)) == []
            # The raised limit took effect: some step ran in two runs at once.
            overlapping = [step for step in DERIVE_STEPS for a, b in itertools.combinations(run_ids, 2)
                           if _overlap(_step_spans(instance, a, step), _step_spans(instance, b, step))]
            assert overlapping, "no step of two runs overlapped: the runs were serialised"
        finally:
            for pool in WRITER_POOLS:
                instance.event_log_storage.set_concurrency_slots(pool, WRITER_LIMIT)


def _overlap(span_a: tuple[float, float], span_b: tuple[float, float]) -> bool:
    return span_a[0] < span_b[1] and span_b[0] < span_a[1]


def test_two_workers_on_one_day_take_turns_and_both_succeed(scaled_out, tmp_path):
    data_dir, values, instance_url = scaled_out
    settings = settings_of(data_dir, **values)
    before = every_table(settings, RUN_SPECIFIC)
    run_ids = _derive_at_once(tmp_path, values, instance_url, [DEMO_DAYS[1], DEMO_DAYS[1]])
    assert differences(before, every_table(settings, RUN_SPECIFIC)) == []

    # Both runs are in the one shared instance, and their writing steps never overlapped.
    with _shared_instance(tmp_path, instance_url) as instance:
        assert {run.run_id for run in instance.get_runs()} >= set(run_ids)
        for step in DERIVE_STEPS:
            assert instance.event_log_storage.get_concurrency_info(writer_pool(step)).slot_count == WRITER_LIMIT
            assert not _overlap(*(_step_spans(instance, run_id, step) for run_id in run_ids)), (
                f"{step} ran in both runs at once")
