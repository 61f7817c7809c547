"""Running the Dagster jobs from the command line against the persistent instance.

Runs launched here land in the same DAGSTER_HOME the webserver and daemon read, so `etl demo`
and `etl derive` show up in the UI's run history.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
from pathlib import Path

import dagster as dg
import yaml

from etl.cli.run_launcher import run_worker_tags
from etl.settings import Settings, get_settings

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
"""


def ensure_dagster_home(settings: Settings | None = None) -> Path:
    """Create the project-local DAGSTER_HOME (unless one is set) and export it.

    An instance config written by an earlier version gets run monitoring added, unless it
    already sets its own run monitoring or run launcher.
    """
    settings = settings or get_settings()
    home = Path(os.environ.get("DAGSTER_HOME") or settings.dagster_home)
    home.mkdir(parents=True, exist_ok=True)
    config = home / "dagster.yaml"
    if not config.exists():
        config.write_text(DAGSTER_YAML + RUN_MONITORING_YAML)
    else:
        current = yaml.safe_load(config.read_text()) or {}
        if "run_monitoring" not in current and "run_launcher" not in current:
            with open(config, "a") as handle:
                handle.write("\n" + RUN_MONITORING_YAML)
    os.environ["DAGSTER_HOME"] = str(home)
    _create_instance_storage(home)
    return home


def _create_instance_storage(home: Path) -> None:
    """Open the instance once under a lock file in its home. Its SQLite storages create their
    tables on first open, and two commands starting at once on a new home (two `etl derive`
    of a fresh data folder) would both try: the loser fails with "table ... already exists"."""
    with open(home / "storage-init.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with dg.DagsterInstance.get() as instance:
            instance.run_storage, instance.event_log_storage, instance.schedule_storage


# The terminal gets warnings and failures; the full event log is in the Dagster UI.
CONSOLE_LOGGING = {"loggers": {"console": {"config": {"log_level": "WARNING"}}}}


def execute_job(job_name: str, run_config: dict | None = None, **kwargs) -> dg.ExecuteInProcessResult:
    ensure_dagster_home()
    from etl.definitions import defs  # imported late: loading Dagster definitions takes seconds

    # Where this run's process is, so the daemon's run monitoring can tell when it has died.
    tags = {**kwargs.pop("tags", {}), **run_worker_tags()}
    with dg.DagsterInstance.get() as instance:
        result = defs.resolve_job_def(job_name).execute_in_process(
            instance=instance, raise_on_error=False, run_config={**CONSOLE_LOGGING, **(run_config or {})},
            tags=tags, **kwargs
        )
    if not result.success:
        failures = [e.message for e in result.all_events if e.is_failure]
        raise RuntimeError(f"{job_name} failed: " + "; ".join(failures))
    return result


def run_capture(now: dt.datetime | None = None, sources_file: Path | None = None) -> dg.ExecuteInProcessResult:
    config = {k: v for k, v in {"now": now.isoformat() if now else None,
                                "sources_file": str(sources_file) if sources_file else None}.items() if v}
    return execute_job("capture_job", run_config={"ops": {"capture": {"config": config}}})


def run_derive(start: dt.date, end: dt.date) -> dg.ExecuteInProcessResult:
    """Derive every day from ``start`` to ``end`` (inclusive) in one run, days in order."""
    return execute_job(
        "derive_job",
        tags={
            "dagster/asset_partition_range_start": start.isoformat(),
            "dagster/asset_partition_range_end": end.isoformat(),
        },
    )
