"""After a writing run is SIGKILLed, how long until the next run of a writing job (tagged etl/writer) starts, with the
real Dagster daemon (run queue, sensors, run monitoring) on a demo warehouse.

The scene: `etl derive` is killed mid-run (its run stays STARTED and holds the one `etl/writer`
slot); then the daemon starts, and its late-captures sensor requests derive runs for the demo
days, which queue behind the dead run. Measured from the kill: when the dead run is marked
failed, and when the first queued run starts. Baseline in the same run: the same scene with run
monitoring switched off, watched for --baseline-seconds.

    .venv/bin/python bench/run_monitoring_bench.py [--baseline-seconds 150] [--limit-seconds 420]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import dagster as dg

from etl.cli.dagster_runs import DAGSTER_YAML, RUN_MONITORING_YAML

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
DAY = "2024-11-14"
WRITER_TAG = "etl/writer"
MONITORING_OFF = "run_monitoring:\n  enabled: false\n"


def environment(data_dir: Path) -> dict[str, str]:
    return {**os.environ, "ETL_DATA_DIR": str(data_dir), "DAGSTER_HOME": str(data_dir / "dagster_home")}


def runs(data_dir: Path) -> list[dg.RunRecord]:
    os.environ["DAGSTER_HOME"] = str(data_dir / "dagster_home")
    with dg.DagsterInstance.get() as instance:
        return list(instance.get_run_records())


def kill_a_running_derive(data_dir: Path) -> float:
    derive = subprocess.Popen([str(BIN / "etl"), "derive", DAY], cwd=REPO, env=environment(data_dir),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while not any(r.dagster_run.status == dg.DagsterRunStatus.STARTED for r in runs(data_dir)):
        if derive.poll() is not None:
            raise RuntimeError("the derive ended before it could be killed")
        time.sleep(0.5)
    time.sleep(3)  # well inside its first step
    derive.send_signal(signal.SIGKILL)
    derive.wait()
    return time.monotonic()


def scene(data_dir: Path, watch_seconds: float) -> dict[str, float | int | None]:
    """Kill a derive, start the daemon, watch; seconds from the kill to each event (None: never)."""
    killed_at = kill_a_running_derive(data_dir)
    (dead_run,) = [r.dagster_run for r in runs(data_dir)]
    daemon = subprocess.Popen([str(BIN / "dagster-daemon"), "run", "-w", "workspace.yaml"], cwd=REPO,
                              env=environment(data_dir), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    marked_failed = first_start = None
    queued, statuses = 0, {}
    try:
        while time.monotonic() - killed_at < watch_seconds and first_start is None:
            time.sleep(2)
            current = runs(data_dir)
            status = {r.dagster_run.run_id: r.dagster_run.status for r in current}
            if marked_failed is None and status[dead_run.run_id] == dg.DagsterRunStatus.FAILURE:
                marked_failed = time.monotonic() - killed_at
            # Writing runs only: the freshness-check sensor's runs write nothing and need no slot.
            others = [r for r in current if r.dagster_run.run_id != dead_run.run_id
                      and WRITER_TAG in r.dagster_run.tags]
            queued = max(queued, len(others))
            statuses = sorted(r.dagster_run.status.value for r in others)
            # Started: the run's process began executing (a run refused at launch never starts).
            if any(r.start_time is not None for r in others):
                first_start = time.monotonic() - killed_at
    finally:
        os.killpg(daemon.pid, signal.SIGTERM)
        try:
            daemon.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(daemon.pid, signal.SIGKILL)
            daemon.wait()
    return {"dead_run_failed_s": marked_failed, "first_queued_run_started_s": first_start, "runs_requested": queued,
            "their_statuses": statuses}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--baseline-seconds", type=float, default=150.0)
    parser.add_argument("--limit-seconds", type=float, default=420.0)
    parser.add_argument("--only", choices=("on", "off"), help="run one of the two scenes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "demo"
        subprocess.run([str(BIN / "etl"), "demo", "--data-dir", str(demo), "--port", "0"], cwd=REPO,
                       env=environment(demo), check=True, stdout=subprocess.DEVNULL)
        results = {}
        for name, config, watch in (("monitoring on (etl's dagster.yaml)", RUN_MONITORING_YAML, args.limit_seconds),
                                    ("monitoring off (baseline)", MONITORING_OFF, args.baseline_seconds)):
            data_dir = Path(tmp) / name.split()[1]
            if args.only and args.only != data_dir.name:
                continue
            shutil.copytree(demo, data_dir, symlinks=True)
            shutil.rmtree(data_dir / "dagster_home")
            (data_dir / "dagster_home").mkdir()
            (data_dir / "dagster_home" / "dagster.yaml").write_text(DAGSTER_YAML + config)
            results[name] = scene(data_dir, watch)
            print(f"{name}: {results[name]} (watched up to {watch:.0f} s after the kill)", flush=True)


if __name__ == "__main__":
    main()
