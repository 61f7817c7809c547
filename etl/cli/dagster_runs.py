"""Running the Dagster jobs from the command line against the persistent instance.

Runs launched here land in the same DAGSTER_HOME the webserver and daemon read, so `etl demo`
and `etl derive` show up in the UI's run history.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import shutil
import sys
import threading
import time
import uuid
from pathlib import Path

import dagster as dg
import yaml

from etl.cli.errors import BadInput
from etl.cli.run_launcher import release_dead_runs, run_worker_tags
from etl.definitions.pools import ensure_writer_pools
from etl.definitions.resources import SettingsResource
from etl.settings import Settings

# Writers are serialised: two runs replacing the same partitions would only retry each other.
DAGSTER_YAML = """\
# Written by etl (etl/cli/dagster_runs.py); safe to edit.
telemetry:
  enabled: false
concurrency:
  runs:
    tag_concurrency_limits:
      - key: "etl/writer"
        limit: 1
"""
# Run monitoring (in the daemon): a run whose process died is marked failed at the next poll,
# which frees its writer slot; without it a killed run holds the slot and every later run of a
# writing job stays queued. The launcher is Dagster's default one with a process health check.
RUN_MONITORING_YAML = """\
run_launcher:
  module: etl.cli.run_launcher
  class: ProcessCheckingRunLauncher
run_monitoring:
  enabled: true
  poll_interval_seconds: 30
  start_timeout_seconds: 300
  max_resume_run_attempts: 0
  free_slots_after_run_end_seconds: 30
"""


def ensure_dagster_home(settings: Settings) -> Path:
    """Create the instance folder (DAGSTER_HOME, by default in the data folder) with its config.

    An instance config written by an earlier version gets run monitoring added, unless it
    already sets its own run monitoring or run launcher.
    """
    home = settings.dagster_home
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(DAGSTER_YAML + RUN_MONITORING_YAML)
    else:
        current = yaml.safe_load(config.read_text()) or {}
        if "run_monitoring" not in current and "run_launcher" not in current:
            with open(config, "a") as handle:
                handle.write("\n" + RUN_MONITORING_YAML)
    _configure_storage(config, settings.dagster_pg_url)
    _create_instance_storage(home)
    return home


def _configure_storage(config: Path, postgres_url: str) -> None:
    """With ETL_DAGSTER_PG_URL set, the instance's storage is that PostgreSQL database (runs, event
    log, schedules and pool slots shared by every machine using it); without it the config's own
    storage stays (Dagster's SQLite files in the home unless edited). The URL may hold a
    password, so a config naming it is readable by its owner only."""
    wanted = {"postgres": {"postgres_url": _with_psycopg2_driver(postgres_url)}}
    current = yaml.safe_load(config.read_text()) or {}
    if not postgres_url or current.get("storage") == wanted:
        return
    current["storage"] = wanted
    config.chmod(0o600)
    config.write_text("# Written by etl (etl/cli/dagster_runs.py); safe to edit.\n"
                      + yaml.safe_dump(current, sort_keys=False))


def _with_psycopg2_driver(url: str) -> str:
    """``url`` naming the psycopg2 driver. dagster-postgres installs psycopg2, but SQLAlchemy 2.1
    reads a bare ``postgresql://`` URL as psycopg 3 ("No module named 'psycopg'")."""
    for bare in ("postgresql://", "postgres://"):
        if url.startswith(bare):
            return "postgresql+psycopg2://" + url[len(bare):]
    return url


def _create_instance_storage(home: Path) -> None:
    """Open the instance once under a lock file in its home. Its SQLite storages create their
    tables on first open, and two commands starting at once on a new home (two `etl derive`
    of a fresh data folder) would both try: the loser fails with "table ... already exists".
    The lake writers' pools get their limits here too."""
    with open(home / "storage-init.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with dg.DagsterInstance.from_config(str(home)) as instance:
            instance.run_storage, instance.event_log_storage, instance.schedule_storage
            ensure_writer_pools(instance)


def console_logging(dagster_log: bool) -> dict:
    """Run config of Dagster's console logger: its warnings and failures (stack traces included)
    with ``dagster_log`` (`--debug`), else nothing: the command itself ends with one summary or
    one line naming what failed, and the full event log is in the Dagster UI."""
    return {"loggers": {"console": {"config": {"log_level": "WARNING" if dagster_log else "CRITICAL"}}}}


# Where a run's page is when `dagster dev` (or dagster-webserver) serves this DAGSTER_HOME.
DAGSTER_UI_URL = os.environ.get("ETL_DAGSTER_UI", "http://127.0.0.1:3000")
_PROGRESS_SECONDS = 0.5
_STEP_EVENTS = {"STEP_START", "STEP_SUCCESS", "STEP_FAILURE", "STEP_SKIPPED"}


def run_url(run_id: str) -> str:
    return f"{DAGSTER_UI_URL}/runs/{run_id}"


class StageProgress:
    """Live step counts of a run, redrawn on one terminal line while the run executes.

    The run executes in this process; a watcher thread reads its step events back from the
    instance's event log, which the run writes as it goes.
    """

    def __init__(self, instance: dg.DagsterInstance, run_id: str, job_name: str, steps: int):
        self._instance, self._run_id, self._job_name, self._steps = instance, run_id, job_name, steps
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._started = time.monotonic()

    def __enter__(self) -> StageProgress:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        sys.stdout.write("\r\033[K")
        sys.stdout.flush()

    def line(self) -> str:
        from dagster._core.events import DagsterEventType

        kinds = {DagsterEventType(name) for name in _STEP_EVENTS}
        running: dict[str, bool] = {}
        for record in self._instance.all_logs(self._run_id, of_type=kinds):
            event = record.dagster_event
            running[event.step_key] = event.event_type_value == "STEP_START"
        done = sum(not active for active in running.values())
        active = ", ".join(step for step, is_running in running.items() if is_running)
        elapsed = time.monotonic() - self._started
        return f"{self._job_name}: {done}/{self._steps} steps done{'; running ' + active if active else ''} ({elapsed:.0f} s)"

    def _watch(self) -> None:
        while not self._stop.wait(_PROGRESS_SECONDS):
            # Cut to the terminal's width: a wrapped line could not be redrawn in place.
            width = shutil.get_terminal_size().columns - 1
            sys.stdout.write("\r\033[K" + self.line()[:width])
            sys.stdout.flush()


def execute_job(job_name: str, settings: SettingsResource, run_config: dict | None = None,
                dagster_log: bool = False, **kwargs) -> dg.ExecuteInProcessResult:
    """Run a job of the code location, configured by ``settings``, in this process, recorded in
    the instance of the settings' Dagster home. A failed run raises RuntimeError naming the
    failed checks (with their reasons) or steps."""
    home = ensure_dagster_home(settings.get())
    from etl.definitions import build_definitions  # imported late: loading Dagster definitions takes seconds

    # Where this run's process is, so the daemon's run monitoring can tell when it has died.
    tags = {**kwargs.pop("tags", {}), **run_worker_tags()}
    job = build_definitions(settings).resolve_job_def(job_name)
    run_id = str(uuid.uuid4())
    with dg.DagsterInstance.from_config(str(home)) as instance:
        for dead in release_dead_runs(instance):
            print(f"run {dead} had died (its process is gone): marked failed, its slots freed ({run_url(dead)})",
                  file=sys.stderr)

        def execute() -> dg.ExecuteInProcessResult:
            return job.execute_in_process(
                instance=instance, raise_on_error=False, run_config={**console_logging(dagster_log), **(run_config or {})},
                tags=tags, run_id=run_id, **kwargs
            )

        if sys.stdout.isatty():
            with StageProgress(instance, run_id, job_name, len(job.graph.nodes)):
                result = execute()
        else:
            result = execute()
    if not result.success:
        # A blocking check's reason (e.g. which feeds failed and why) says more than "step failed".
        failures = [line for line, severity in failed_checks(result) if severity == dg.AssetCheckSeverity.ERROR] \
            or [e.message for e in result.all_events if e.is_failure]
        raise RuntimeError(f"{job_name} failed: " + "; ".join(failures) + f" (run {run_id}: {run_url(run_id)})")
    return result


def failed_checks(result: dg.ExecuteInProcessResult) -> list[tuple[str, dg.AssetCheckSeverity]]:
    """Each asset check the run evaluated that did not pass: a line naming it and its reason."""
    return [(f"check {e.asset_check_key.asset_key.to_user_string()}:{e.asset_check_key.name} "
             f"{e.severity.value}: {e.description or 'failed'}", e.severity)
            for e in result.get_asset_check_evaluations() if not e.passed]


def rows_written(result: dg.ExecuteInProcessResult) -> dict[str, tuple[int, int | None]]:
    """Per asset: rows written by this run, and rows its table holds after it (None for an asset
    that is no table). A range run records the same figures on every day's materialization."""
    from etl.definitions.metadata import ROWS_WRITTEN

    written: dict[str, tuple[int, int | None]] = {}
    for event in result.get_asset_materialization_events():
        metadata = event.step_materialization_data.materialization.metadata
        if ROWS_WRITTEN in metadata:
            in_table = metadata.get("dagster/row_count")
            written[event.asset_key.to_user_string()] = (
                int(metadata[ROWS_WRITTEN].value), None if in_table is None else int(in_table.value))
    return written


def print_run_summary(result: dg.ExecuteInProcessResult, what: str) -> None:
    """What a run wrote, per table, and where its full event log is."""
    print(f"{what}: run {result.run_id} succeeded")
    for name, (written, in_table) in rows_written(result).items():
        print(f"  {name:<16} {written:>8} rows written" + ("" if in_table is None else f", {in_table} in the table"))
    for line, _ in failed_checks(result):
        print(f"  {line}")
    print(f"  event log: {run_url(result.run_id)} (when `dagster dev` runs)")


def check_derive_days(start: dt.date, end: dt.date) -> None:
    """Refuse a range that is reversed or reaches outside the daily partitions."""
    from etl.definitions.partitions import daily_partitions

    first = dt.date.fromisoformat(daily_partitions.get_first_partition_key())
    last = dt.date.fromisoformat(daily_partitions.get_last_partition_key())
    if start > end:
        raise BadInput(f"the range is reversed: {start} is after {end} (give the first day first)")
    if start < first:
        raise BadInput(f"{start} is before the first daily partition, {first}: set ETL_PARTITIONS_START={start} "
                       "(or earlier; a running Dagster code location reads it when reloaded)")
    if end > last:
        raise BadInput(f"{end} is after the last daily partition, {last} (today, UTC)")


def run_capture(settings: SettingsResource, now: dt.datetime | None = None,
                sources_file: Path | None = None, dagster_log: bool = False) -> dg.ExecuteInProcessResult:
    config = {k: v for k, v in {"now": now.isoformat() if now else None,
                                "sources_file": str(sources_file) if sources_file else None}.items() if v}
    return execute_job("capture_job", settings, run_config={"ops": {"capture": {"config": config}}},
                       dagster_log=dagster_log)


def run_derive(settings: SettingsResource, start: dt.date, end: dt.date,
               dagster_log: bool = False) -> dg.ExecuteInProcessResult:
    """Derive every day from ``start`` to ``end`` (inclusive) in one run, days in order."""
    check_derive_days(start, end)
    return execute_job(
        "derive_job", settings, dagster_log=dagster_log,
        tags={
            "dagster/asset_partition_range_start": start.isoformat(),
            "dagster/asset_partition_range_end": end.isoformat(),
        },
    )
