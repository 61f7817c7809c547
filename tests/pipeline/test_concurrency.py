"""A reader in another process queries while derive runs write: neither fails, and the reader
never sees a half-replaced partition (re-deriving is deterministic, so every count it sees must
equal the count before the run)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from etl.cli.dagster_runs import run_derive
from etl.demo.server import DEMO_DAYS
from tests.conftest import REPO_ROOT
from tests.pipeline.reader_loop import QUERY
from etl.warehouse import lake


def test_reader_never_sees_a_partial_partition(demo_copy):
    con = lake.connect(read_only=True)
    expected = {f"{t}/{d}": int(n) for t, d, n in con.execute(QUERY).fetchall()}
    con.close()
    assert len(expected) >= 4 * len(DEMO_DAYS)

    reader = subprocess.Popen(
        [sys.executable, "-m", "tests.pipeline.reader_loop", "600"],
        cwd=REPO_ROOT, env=dict(os.environ), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        assert json.loads(reader.stdout.readline()) == {"ready": True}
        started = time.monotonic()
        for _ in range(2):
            run_derive(DEMO_DAYS[0], DEMO_DAYS[-1])
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
