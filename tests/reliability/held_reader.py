"""A reader process holding one read transaction open, as an analyst's `BEGIN` or a long query does.

Run as ``python -m tests.reliability.held_reader TABLE SECONDS``: prints ``ready`` once its
snapshot is taken, holds it for SECONDS, and exits non-zero if the table's row count changed
inside the transaction (a reader must keep its snapshot however the writer gets on).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from etl.warehouse import lake


def start_held_reader(table: str, seconds: float, cwd) -> subprocess.Popen:
    """Start the reader and wait until it holds its snapshot."""
    reader = subprocess.Popen([sys.executable, "-m", "tests.reliability.held_reader", table, str(seconds)], cwd=cwd,
                              env=dict(os.environ), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert reader.stdout.readline().strip() == "ready", reader.stderr.read()
    return reader


def main(table: str, seconds: float) -> None:
    con = lake.connect(read_only=True)
    con.execute("BEGIN")
    first = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    print("ready", flush=True)
    time.sleep(seconds)
    assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == first
    con.execute("COMMIT")


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]))
