"""Writers that do not fail on readers or on each other, on a real DuckLake with a SQLite catalog
and real processes: a long read transaction does not hold up a partition replacement, a commit
that meets a locked catalog is retried (and the retry really happens), writers of the same day
take turns, and a killed writer never leaves its day locked."""

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
from tests.reliability.held_reader import start_held_reader

DAY, OTHER_DAY = dt.date(2024, 11, 14), dt.date(2024, 11, 15)
# How long the reader holds its transaction; the bench measures the same with 60 s.
READER_SECONDS = 6.0


@pytest.fixture
def warehouse(tmp_path):
    settings = settings_of(tmp_path / "data")
    con = lake.connect(settings)
    con.execute("CREATE TABLE day_values (partition_date DATE, writer VARCHAR, n INTEGER)")
    lake.write(con, [("day_values", _rows(DAY, "setup"), [DAY])], settings.locks_dir)
    con.close()
    return settings.data_dir


def _rows(day: dt.date, writer: str, count: int = 50) -> pl.DataFrame:
    return pl.DataFrame({"partition_date": [day] * count, "writer": [writer] * count, "n": list(range(count))})


def _child(code: str, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=REPO_ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_long_reader_does_not_hold_up_the_writer(warehouse):
    reader = start_held_reader(warehouse, "day_values", READER_SECONDS, REPO_ROOT)
    started = time.monotonic()
    settings = settings_of(warehouse)
    con = lake.connect(settings)
    lake.write(con, [("day_values", _rows(DAY, "writer"), [DAY])], settings.locks_dir)
    con.close()
    writing = time.monotonic() - started
    _, err = reader.communicate(timeout=60)
    assert reader.returncode == 0, err          # the reader kept its snapshot to the end
    assert writing < READER_SECONDS - 2, writing  # and the writer did not wait for it


LOCK_HOLDER = """
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
con.execute("ROLLBACK")
"""


def test_commit_meeting_a_locked_catalog_is_retried(warehouse, monkeypatch):
    """Another process holds the catalog's write lock past the busy timeout: the COMMIT fails,
    and the write is retried (no ROLLBACK after the failed COMMIT) until it succeeds. (SQLite
    locks are per process: a holder in this process would not block DuckDB's own SQLite.)"""
    monkeypatch.setattr(lake, "CATALOG_BUSY_TIMEOUT_MS", 200)
    settings = settings_of(warehouse)
    con = lake.connect(settings)
    holder = _child(LOCK_HOLDER, str(warehouse / "lake" / "catalog.sqlite"), "1.5")
    assert holder.stdout.readline().strip() == "locked", holder.stderr.read()
    started = time.monotonic()
    written = lake.write(con, [("day_values", _rows(DAY, "retried"), [DAY])], settings.locks_dir)
    assert written == {"day_values": 50}
    assert time.monotonic() - started > 1.0   # it did meet the lock
    assert holder.wait(timeout=30) == 0
    assert con.execute("SELECT DISTINCT writer FROM day_values").fetchall() == [("retried",)]
    con.close()


HOLDER = """
import sys, time
from pathlib import Path
import datetime as dt
from etl.warehouse import lake
with lake.partition_locks(Path(sys.argv[1]), [dt.date.fromisoformat(sys.argv[2])]):
    print("locked", flush=True)
    time.sleep(float(sys.argv[3]))
"""


def _hold(lock_dir, day: dt.date, seconds: float) -> subprocess.Popen:
    holder = _child(HOLDER, str(lock_dir), day.isoformat(), str(seconds))
    assert holder.stdout.readline().strip() == "locked", holder.stderr.read()
    return holder


def _timed_write(data_dir, day: dt.date, writer: str) -> float:
    settings = settings_of(data_dir)
    con = lake.connect(settings)
    started = time.monotonic()
    lake.write(con, [("day_values", _rows(day, writer), [day])], settings.locks_dir)
    con.close()
    return time.monotonic() - started


def test_writers_of_one_day_take_turns_and_a_killed_one_frees_it(warehouse):
    lock_dir = warehouse / "locks"
    holder = _hold(lock_dir, DAY, 2.0)
    assert _timed_write(warehouse, DAY, "second") > 1.0        # waited for the day's writer
    holder.wait(timeout=30)
    holder = _hold(lock_dir, DAY, 60.0)
    assert _timed_write(warehouse, OTHER_DAY, "other") < 1.5   # another day does not wait
    with pytest.raises(TimeoutError, match="being written by another process"):
        with lake.partition_locks(lock_dir, [DAY], timeout=0.3):
            pass
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    assert _timed_write(warehouse, DAY, "after-kill") < 1.5    # the kernel released the dead writer's lock


WRITER = """
import sys, datetime as dt
import polars as pl
from etl.settings import build_settings
from etl.warehouse import lake
day = dt.date.fromisoformat(sys.argv[1])
settings = build_settings(data_dir=sys.argv[3])
con = lake.connect(settings)
rows = pl.DataFrame({"partition_date": [day] * 500, "writer": [sys.argv[2]] * 500, "n": list(range(500))})
for _ in range(5):
    lake.write(con, [("day_values", rows, [day])], settings.locks_dir)
print("ok", flush=True)
"""


def test_two_processes_replacing_one_day_both_succeed(warehouse):
    writers = [_child(WRITER, DAY.isoformat(), name, str(warehouse)) for name in ("a", "b")]
    outcomes = [w.communicate(timeout=300) for w in writers]
    for writer, (out, err) in zip(writers, outcomes):
        assert writer.returncode == 0 and out.strip() == "ok", err[-2000:]
    con = lake.connect(settings_of(warehouse), read_only=True)
    (count, writers_seen), = con.execute("SELECT count(*), count(DISTINCT writer) FROM day_values "
                                         "WHERE partition_date = ?", [DAY]).fetchall()
    con.close()
    assert (count, writers_seen) == (500, 1)   # one whole replacement, never a mix


def test_a_list_parameter_keeps_exactly_the_listed_rows(tmp_path):
    # Keys with the characters a hand-made list literal would trip on; and an empty list, which
    # keeps nothing (a re-derive with no carried rows replaces the whole day).
    settings = settings_of(tmp_path / "data")
    con = lake.connect(settings)
    odd = ['plain', 'quote"d', "it's", "comma,and]bracket", "line\nbreak", "back\\slash", "Zürich 北京", ""]
    con.execute("CREATE TABLE keyed (partition_date DATE, key VARCHAR)")
    rows = pl.DataFrame({"partition_date": [DAY] * (len(odd) + 2), "key": [*odd, "dropped", "also dropped"]})
    lake.write(con, [("keyed", rows, lake.NO_ROWS)])
    not_kept = f"partition_date = ? AND key NOT IN (SELECT unnest({lake.LIST_PARAM}))"
    lake.write(con, [("keyed", rows.head(0), (not_kept, [DAY, lake.list_param(odd)]))])
    assert sorted(r[0] for r in con.execute("SELECT key FROM keyed").fetchall()) == sorted(odd)
    lake.write(con, [("keyed", rows.head(0), (not_kept, [DAY, lake.list_param([])]))])
    assert con.execute("SELECT count(*) FROM keyed").fetchone()[0] == 0
    con.close()
