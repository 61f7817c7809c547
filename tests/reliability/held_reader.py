"""A reader process holding one read transaction open, as an analyst's `BEGIN` or a long query does.

Run as ``python -m tests.reliability.held_reader DATA_DIR TABLE SECONDS``: prints ``ready`` once its
snapshot is taken, holds it for SECONDS, and exits non-zero if the table's row count changed
inside the transaction (a reader must keep its snapshot however the writer gets on).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from etl.warehouse import lake
from tests.conftest import settings_of


def start_held_reader(data_dir: Path, table: str, seconds: float, cwd) -> subprocess.Popen:
    """Start the reader of ``data_dir``'s warehouse and wait until it holds its snapshot."""
    reader = subprocess.Popen([sys.executable, "-m", "tests.reliability.held_reader", str(data_dir), table, str(seconds)],
                              cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert reader.stdout.readline().strip() == "ready", reader.stderr.read()
    return reader


def main(data_dir: Path, table: str, seconds: float) -> None:
    con = lake.connect(settings_of(data_dir), read_only=True)
    con.execute("BEGIN")
    first = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    print("ready", flush=True)
    time.sleep(seconds)
    assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == first
    con.execute("COMMIT")


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2], float(sys.argv[3]))
