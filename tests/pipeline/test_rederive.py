"""Re-running partitions, from Python and from the dagster CLI, leaves identical tables."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from etl.cli.dagster_runs import run_derive
from etl.demo.server import DEMO_DAYS
from etl.cli.dagster_runs import ensure_dagster_home
from tests.conftest import REPO_ROOT, cli_environment, settings_of, settings_resource
from tests.pipeline.tables import assert_same_tables, snapshot


def test_rederiving_a_day_gives_identical_tables(demo_copy):
    before = snapshot(demo_copy)
    run_derive(settings_resource(demo_copy), DEMO_DAYS[1], DEMO_DAYS[1])
    assert_same_tables(before, snapshot(demo_copy))


# Every derive asset: a step writing several tables (articles with site_templates, say) runs whole.
DERIVED_ASSETS = "group:derive"
SPAN = f"{DEMO_DAYS[0].isoformat()}...{DEMO_DAYS[-1].isoformat()}"
# The same backfills through both command lines Dagster ships: `dagster asset materialize`
# and `dg launch`.
BIN = Path(sys.executable).parent
COMMANDS = {
    "dagster": [str(BIN / "dagster"), "asset", "materialize", "-m", "etl.definitions", "--select", DERIVED_ASSETS],
    "dg": [str(BIN / "dg"), "launch", "-m", "etl.definitions", "--assets", DERIVED_ASSETS],
}


@pytest.mark.parametrize("cli", sorted(COMMANDS))
def test_command_line_materializes_a_partition_and_a_range(demo_copy, cli):
    base = COMMANDS[cli]
    before = snapshot(demo_copy)
    home = ensure_dagster_home(settings_of(demo_copy))
    for partition_args in (["--partition", DEMO_DAYS[0].isoformat()], ["--partition-range", SPAN]):
        done = subprocess.run([*base, *partition_args], cwd=REPO_ROOT, env=cli_environment(demo_copy, DAGSTER_HOME=str(home)),
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-3000:]
        assert "RUN_SUCCESS" in done.stderr + done.stdout
    assert_same_tables(before, snapshot(demo_copy))
