"""Writers on different machines take turns on a day through the PostgreSQL catalog they share,
not through lock files (which one machine's processes share only): real processes, each with a
data folder of its own, on a real PostgreSQL server and DuckLake."""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import sys
import time

import polars as pl
import pytest

from etl.warehouse import lake
from tests.conftest import REPO_ROOT, settings_of
from tests.pipeline.postgres_server import postgres_database

DAY, OTHER_DAY = dt.date(2024, 11, 14), dt.date(2024, 11, 15)

# Another machine's writer holding a day: its own empty data folder, the catalog its only link.
HOLDER = """
import sys, time
import datetime as dt
import duckdb
from etl.settings import build_settings
from etl.warehouse import lake
settings = build_settings(data_dir=sys.argv[1], catalog=sys.argv[2], lake_data=sys.argv[3])
con = lake.connect(settings)
with lake.day_locks(con, settings.locks_dir, [dt.date.fromisoformat(sys.argv[4])]):
    print("locked", flush=True)
    time.sleep(float(sys.argv[5]))
"""


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    """(catalog setting, lake data folder) of a lake on a fresh PostgreSQL catalog."""
    with postgres_database() as dsn:
        values = {"catalog": f"postgres:{dsn}", "lake_data": str(tmp_path_factory.mktemp("lake-data")) + "/"}
        settings = settings_of(tmp_path_factory.mktemp("setup"), **values)
        con = lake.connect(settings)
        con.execute("CREATE TABLE day_values (partition_date DATE, writer VARCHAR)")
        con.close()
        yield values


def _hold(tmp_path, values: dict, day: dt.date, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path / "holder"), values["catalog"], values["lake_data"],
         day.isoformat(), str(seconds)],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked", holder.stderr.read()
    return holder


def _timed_write(data_dir, values: dict, day: dt.date, writer: str) -> float:
    settings = settings_of(data_dir, **values)
    con = lake.connect(settings)
    started = time.monotonic()
    lake.write(con, [("day_values", pl.DataFrame({"partition_date": [day], "writer": [writer]}), [day])],
               settings.locks_dir)
    con.close()
    return time.monotonic() - started


def test_writers_of_one_day_on_two_machines_take_turns_in_the_catalog(catalog, tmp_path):
    holder = _hold(tmp_path, catalog, DAY, 3.0)
    # This writer's lock folder is not the holder's: only the catalog can make it wait.
    assert _timed_write(tmp_path / "writer", catalog, DAY, "second") > 2.0
    assert holder.wait(timeout=30) == 0
    holder = _hold(tmp_path, catalog, DAY, 60.0)
    assert _timed_write(tmp_path / "writer", catalog, OTHER_DAY, "other") < 2.0   # another day does not wait
    con = lake.connect(settings_of(tmp_path / "writer", **catalog))
    with pytest.raises(TimeoutError, match=r"partition 2024-11-14 is being written .*catalog database"):
        with lake.day_locks(con, None, [DAY], timeout=0.3):
            pass
    con.close()
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    # The killed writer's session ended with it, and PostgreSQL released its lock.
    assert _timed_write(tmp_path / "writer", catalog, DAY, "after-kill") < 5.0
    con = lake.connect(settings_of(tmp_path / "writer", **catalog), read_only=True)
    assert con.execute("SELECT partition_date, writer FROM day_values ORDER BY 1").fetchall() == [
        (DAY, "after-kill"), (OTHER_DAY, "other")]
    con.close()
