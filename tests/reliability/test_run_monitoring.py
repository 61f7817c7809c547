"""A run whose process is killed is marked failed by Dagster's run monitoring, which frees the
writer slot every later run waits for. The instance config written by `etl` turns monitoring on
(also in an older data folder's config); the health check is exercised through Dagster's own
monitoring step against a real run in a real process, alive and then SIGKILLed."""

from __future__ import annotations

import logging
import signal
import subprocess
import sys

import dagster as dg
import pytest
import yaml
from dagster._daemon.monitoring.run_monitoring import monitor_started_run

from etl.cli.dagster_runs import DAGSTER_YAML, ensure_dagster_home
from etl.cli.run_launcher import ProcessCheckingRunLauncher
from tests.conftest import REPO_ROOT, settings_of


@pytest.fixture
def settings(tmp_path):
    return settings_of(tmp_path / "data")


@pytest.fixture
def dagster_home(settings):
    return settings.dagster_home


def test_instance_config_turns_run_monitoring_on(settings, dagster_home):
    ensure_dagster_home(settings)
    with dg.DagsterInstance.from_config(str(dagster_home)) as instance:
        assert instance.run_monitoring_enabled
        assert isinstance(instance.run_launcher, ProcessCheckingRunLauncher)
        assert instance.run_launcher.supports_check_run_worker_health
        assert instance.run_monitoring_settings["max_resume_run_attempts"] == 0


def test_older_config_gets_monitoring_and_an_own_setting_is_kept(settings, dagster_home):
    dagster_home.mkdir(parents=True)
    (dagster_home / "dagster.yaml").write_text(DAGSTER_YAML)   # as written before monitoring existed
    ensure_dagster_home(settings)
    config = yaml.safe_load((dagster_home / "dagster.yaml").read_text())
    assert config["run_monitoring"]["enabled"] is True
    assert config["concurrency"]["runs"]["tag_concurrency_limits"][0]["key"] == "etl/writer"

    own = "run_monitoring:\n  enabled: false\n"
    (dagster_home / "dagster.yaml").write_text(own)
    ensure_dagster_home(settings)
    assert (dagster_home / "dagster.yaml").read_text() == own


# A writing job executed in process the way `etl derive` runs one, blocked in its step; the data
# folder is its argument.
SLEEPER = """
import sys
import time
import dagster as dg
from etl.cli.dagster_runs import ensure_dagster_home
from etl.cli.run_launcher import run_worker_tags
from etl.settings import build_settings

@dg.op
def wait():
    print("running", flush=True)
    time.sleep(300)

@dg.job(tags={"etl/writer": "true"})
def sleeper():
    wait()

home = ensure_dagster_home(build_settings(data_dir=sys.argv[1]))
with dg.DagsterInstance.from_config(str(home)) as instance:
    sleeper.execute_in_process(instance=instance, tags=run_worker_tags())
"""


def _only_run(instance: dg.DagsterInstance) -> dg.RunRecord:
    (record,) = instance.get_run_records()
    return record


def test_killed_run_is_marked_failed_by_run_monitoring(settings, dagster_home):
    ensure_dagster_home(settings)
    worker = subprocess.Popen([sys.executable, "-c", SLEEPER, str(settings.data_dir)], cwd=REPO_ROOT,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert worker.stdout.readline().strip() == "running", worker.stderr.read()[-2000:]
        logger = logging.getLogger("run_monitoring_test")
        with dg.DagsterInstance.from_config(str(dagster_home)) as instance:
            monitor_started_run(instance, None, _only_run(instance), logger)
            assert _only_run(instance).dagster_run.status == dg.DagsterRunStatus.STARTED   # alive: left alone
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=30)
            assert _only_run(instance).dagster_run.status == dg.DagsterRunStatus.STARTED   # nobody noticed yet
            monitor_started_run(instance, None, _only_run(instance), logger)
            record = _only_run(instance)
            assert record.dagster_run.status == dg.DagsterRunStatus.FAILURE
            failure = [e for e in instance.all_logs(record.dagster_run.run_id)
                       if e.dagster_event and e.dagster_event.event_type == dg.DagsterEventType.RUN_FAILURE]
            assert failure and "is gone" in failure[0].dagster_event.message
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
