"""A reader in another process queries while derive runs write: neither fails, and the reader
never sees a half-replaced partition (re-deriving is deterministic, so every count it sees must
equal the count before the run)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from etl.cli.dagster_runs import run_derive
from etl.demo.server import DEMO_DAYS
from tests.conftest import REPO_ROOT, cli_environment, settings_of, settings_resource
from tests.pipeline.reader_loop import QUERY
from tests.reliability.held_reader import start_held_reader
from etl.warehouse import lake


def test_reader_never_sees_a_partial_partition(demo_copy):
    con = lake.connect(settings_of(demo_copy), read_only=True)
    expected = {f"{t}/{d}": int(n) for t, d, n in con.execute(QUERY).fetchall()}
    con.close()
    assert len(expected) >= 4 * len(DEMO_DAYS)

    reader = subprocess.Popen(
        [sys.executable, "-m", "tests.pipeline.reader_loop", str(demo_copy), "600"],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert json.loads(reader.stdout.readline()) == {"ready": True}
        started = time.monotonic()
        for _ in range(2):
            run_derive(settings_resource(demo_copy), DEMO_DAYS[0], DEMO_DAYS[-1])
        writing_seconds = time.monotonic() - started
    finally:
        reader.terminate()
        out, err = reader.communicate(timeout=30)
    observations = [json.loads(line) for line in out.splitlines() if line.strip()]
    errors = [o["error"] for o in observations if "error" in o]
    counts = [o["counts"] for o in observations if "counts" in o]
    assert not errors, errors[:5]
    # The reader must actually have overlapped the writes for the test to mean anything.
    assert len(counts) >= 10, (len(counts), writing_seconds, err[-2000:])
    for seen in counts:
        assert seen == expected, {k: (seen.get(k), v) for k, v in expected.items() if seen.get(k) != v}


# A reader holding one transaction open (an analyst's BEGIN, or a long query) for this long while
# a derive runs; bench/writer_reader_bench.py measures the same with a 60 s reader, 10 trials.
HELD_READ_SECONDS = 25.0
ETL = [sys.executable, "-m", "etl.cli.main"]


def test_long_held_reader_and_derive_both_succeed(demo_copy):
    reader = start_held_reader(demo_copy, "articles", HELD_READ_SECONDS, REPO_ROOT)
    derive = subprocess.run([*ETL, "derive", DEMO_DAYS[1].isoformat()], cwd=REPO_ROOT, env=cli_environment(demo_copy),
                            capture_output=True, text=True, timeout=600)
    _, reader_err = reader.communicate(timeout=120)
    assert derive.returncode == 0, derive.stderr[-3000:]
    assert reader.returncode == 0, reader_err[-3000:]


def test_two_derives_of_one_day_both_succeed(demo_copy):
    con = lake.connect(settings_of(demo_copy), read_only=True)
    expected = sorted(con.execute(QUERY).fetchall())
    con.close()
    derives = [subprocess.Popen([*ETL, "derive", DEMO_DAYS[1].isoformat()], cwd=REPO_ROOT, env=cli_environment(demo_copy),
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outcomes = [d.communicate(timeout=600) for d in derives]
    for derive, (_, err) in zip(derives, outcomes):
        assert derive.returncode == 0, err[-3000:]
    con = lake.connect(settings_of(demo_copy), read_only=True)
    assert sorted(con.execute(QUERY).fetchall()) == expected   # deterministic: the same rows, whoever won
    con.close()
