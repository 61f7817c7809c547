"""The run launcher of the project's Dagster instance: Dagster's default one, plus the health check
its run monitoring needs to notice a dead run.

Dagster's DefaultRunLauncher cannot tell whether a run's process still lives, so with it run
monitoring only ends runs after ``max_runtime_seconds``. A run killed outright (SIGKILL, OOM
killer, a reboot) then stays STARTED, and since every writing job carries the ``etl/writer`` tag
limited to one run at a time, every later scheduled or sensor run waits QUEUED behind it for good.
With this check the daemon's run monitoring marks such a run failed at its next poll, which
frees the slot.

Where the run's process is: runs launched by the daemon or the UI record it in their "Started
process for run (pid: N)" event; runs executed in process by the ``etl`` command carry it in
their tags (see etl.cli.dagster_runs).
"""

from __future__ import annotations

import os
import socket

import dagster as dg
from dagster._core.events import DagsterEventType
from dagster._core.launcher import CheckRunHealthResult, DefaultRunLauncher, WorkerStatus

# Tags of runs executed in process: the process and the machine it runs on.
PID_TAG = "etl/pid"
HOST_TAG = "etl/host"
# A process that started this long after the run did is not its worker (its pid was reused).
_START_SLACK_SECONDS = 5.0


def run_worker_tags() -> dict[str, str]:
    """Tags naming this process as the worker of a run it executes in process."""
    return {PID_TAG: str(os.getpid()), HOST_TAG: socket.gethostname()}


def _boot_time() -> float:
    with open("/proc/stat") as stat:
        for line in stat:
            if line.startswith("btime "):
                return float(line.split()[1])
    raise OSError("no btime in /proc/stat")


def process_started_at(pid: int) -> float | None:
    """Start time (epoch seconds) of a living process, or None when it is gone or a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            fields = stat.read().rpartition(")")[2].split()
    except (FileNotFoundError, ProcessLookupError):
        return None
    # After the command name: state is the first field, start time (clock ticks since boot) the 20th.
    if fields[0] in ("Z", "X"):
        return None
    return _boot_time() + int(fields[19]) / os.sysconf("SC_CLK_TCK")


def run_worker(instance: dg.DagsterInstance, run: dg.DagsterRun) -> tuple[int | None, str | None]:
    """(pid, host) of the process executing ``run``; host None means this machine's launcher."""
    if PID_TAG in run.tags:
        return int(run.tags[PID_TAG]), run.tags.get(HOST_TAG)
    for record in reversed(instance.all_logs(run.run_id, of_type=DagsterEventType.ENGINE_EVENT)):
        metadata = record.dagster_event.engine_event_data.metadata if record.dagster_event else {}
        if "pid" in metadata:
            return int(metadata["pid"].value), None
    return None, None


class ProcessCheckingRunLauncher(DefaultRunLauncher):
    """DefaultRunLauncher whose run workers' health run monitoring can check (this machine only)."""

    @property
    def supports_check_run_worker_health(self) -> bool:
        return True

    def check_run_worker_health(self, run: dg.DagsterRun) -> CheckRunHealthResult:
        gone = worker_gone(self._instance, run)
        if gone is None:
            # Alive, or not visible from here: a run we cannot see is not failed;
            # max_runtime_seconds, if set, still bounds it.
            return CheckRunHealthResult(WorkerStatus.RUNNING, "run worker alive or not visible from this machine")
        return CheckRunHealthResult(WorkerStatus.FAILED, gone)


def worker_gone(instance: dg.DagsterInstance, run: dg.DagsterRun) -> str | None:
    """Why ``run``'s worker process is known to be gone, or None when it lives or is on another
    machine (nothing to check from here)."""
    pid, host = run_worker(instance, run)
    if pid is None or (host is not None and host != socket.gethostname()):
        return None
    started_at = process_started_at(pid)
    record = instance.get_run_record_by_id(run.run_id)
    run_started = record.start_time if record is not None else None
    if started_at is None or (run_started is not None and started_at > run_started + _START_SLACK_SECONDS):
        return f"run worker process {pid} is gone (killed or crashed)"
    return None


def release_dead_runs(instance: dg.DagsterInstance) -> list[str]:
    """End the runs whose worker on this machine died; returns their ids.

    A run killed outright stays STARTED, and keeps its lake-writer pool slots when it held any:
    the step that would free them never finishes, so an in-process run (`etl derive`) waiting for
    a slot would wait for good, with no daemon around to notice. Such a run is marked failed,
    with the reason, shown in the UI, and its slots are freed; a finished run's leftover slots
    are freed too. Runs alive, or on another machine, are left alone."""
    storage = instance.event_log_storage
    running = instance.get_runs(dg.RunsFilter(statuses=[
        dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.CANCELING]))
    released = []
    for run in running:
        gone = worker_gone(instance, run)
        if gone is not None:
            instance.report_run_failed(run, f"{gone}; its lake-writer slots, if any, are freed")
            released.append(run.run_id)
    if storage.supports_global_concurrency_limits:
        for run_id in storage.get_concurrency_run_ids():
            run = instance.get_run_by_id(run_id)
            if run is None or run.is_finished:
                storage.free_concurrency_slots_for_run(run_id)
    return released
