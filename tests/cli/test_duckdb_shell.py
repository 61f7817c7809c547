"""`etl duckdb`: the bundled DuckDB CLI on the warehouse; Ctrl-C cancels a query, never the shell."""

from __future__ import annotations

import os
import pty
import signal
import subprocess
import termios
import time

from tests.cli.test_bad_input import ETL
from tests.cli.test_shell_interrupt import LONG_QUERY, read_until


def run_duckdb(data_dir, cwd, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(ETL), "duckdb", *args], capture_output=True, text=True, timeout=120, cwd=cwd,
                          env={"ETL_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin"})


def test_the_warehouse_is_attached_read_only(demo_data_dir, tmp_path):
    answer = run_duckdb(demo_data_dir, tmp_path, "-csv", "-c", "SELECT count(*) AS n FROM stories")
    assert answer.returncode == 0, answer.stderr
    assert answer.stdout.splitlines()[-1].isdigit() and int(answer.stdout.splitlines()[-1]) > 0
    refused = run_duckdb(demo_data_dir, tmp_path, "-c", "DELETE FROM stories")
    assert refused.returncode != 0 and "read-only" in refused.stdout + refused.stderr
    missing = run_duckdb(tmp_path / "no-data", tmp_path, "-c", "SELECT 1")
    assert missing.returncode == 1 and "no warehouse" in missing.stderr and "Traceback" not in missing.stderr


def test_ctrl_c_cancels_the_query_and_leaves_the_terminal_as_it_was(demo_data_dir, tmp_path):
    leader, follower = pty.openpty()
    before = termios.tcgetattr(follower)
    shell = subprocess.Popen([str(ETL), "duckdb"], stdin=follower, stdout=follower, stderr=follower, cwd=tmp_path,
                             env={"ETL_DATA_DIR": str(demo_data_dir), "PATH": "/usr/bin:/bin", "TERM": "dumb"},
                             start_new_session=True)
    seen = bytearray()
    try:
        assert read_until(leader, b"D ", seen, 60), seen.decode(errors="replace")
        os.write(leader, LONG_QUERY.encode())
        time.sleep(2)
        os.killpg(shell.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches the whole foreground group
        del seen[:]
        os.write(leader, b"SELECT 40 + 2 AS answer;\r")
        assert read_until(leader, b"42", seen, 15), seen.decode(errors="replace")
        assert shell.poll() is None  # the shell is still there
        os.write(leader, b".quit\r")
        # DuckDB's own CLI ends with 1 after a session with an interrupted query; the package's
        # Python wrapper died of the signal instead (-2), taking the binary with it.
        assert shell.wait(10) in (0, 1)
        assert termios.tcgetattr(follower) == before
        assert b"Traceback" not in seen
    finally:
        if shell.poll() is None:
            shell.kill()
        os.close(follower)
        os.close(leader)
