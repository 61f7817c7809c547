"""`etl sql`'s shell on a real terminal: Ctrl-C drops the typed line or cancels the running query."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import time

from tests.cli.test_bad_input import ETL

LONG_QUERY = "SELECT count(*) FROM range(100000000000) a WHERE a.range % 7 = 3;\r"


def read_until(fd: int, marker: bytes, seen: bytearray, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while marker not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                seen += os.read(fd, 4096)
            except OSError:
                break
    return marker in seen


def test_ctrl_c_cancels_the_query_and_the_line_not_the_shell(demo_data_dir, tmp_path):
    leader, follower = pty.openpty()
    shell = subprocess.Popen([str(ETL), "sql"], stdin=follower, stdout=follower, stderr=follower, cwd=tmp_path,
                             env={"ETL_DATA_DIR": str(demo_data_dir), "PATH": "/usr/bin:/bin", "TERM": "dumb"},
                             start_new_session=True)
    os.close(follower)
    seen = bytearray()
    try:
        assert read_until(leader, b"etl> ", seen, 60), seen.decode(errors="replace")
        os.write(leader, b"SELECT 'half a line")
        time.sleep(0.3)
        os.kill(shell.pid, signal.SIGINT)  # what the terminal sends on Ctrl-C
        del seen[:]
        assert read_until(leader, b"etl> ", seen, 10), seen.decode(errors="replace")
        os.write(leader, b".timer on\r" + LONG_QUERY.encode())
        time.sleep(2)
        started = time.monotonic()
        os.kill(shell.pid, signal.SIGINT)
        del seen[:]
        assert read_until(leader, b"interrupted", seen, 10), seen.decode(errors="replace")
        cancelled_after = time.monotonic() - started
        assert read_until(leader, b"Run Time: ", seen, 5)
        os.write(leader, b"SELECT 40 + 2 AS answer;\r")
        assert read_until(leader, b"42", seen, 10), seen.decode(errors="replace")
        os.write(leader, b".quit\r")
        assert shell.wait(10) == 0
        assert b"Traceback" not in seen
        assert cancelled_after < 5
    finally:
        if shell.poll() is None:
            shell.kill()
        os.close(leader)


def test_results_fit_the_terminal():
    import polars as pl

    from etl.cli.sql_shell import terminal_table

    frame = pl.DataFrame({"n": range(100), **{f"column_{i}": ["word " * 12] * 100 for i in range(8)}})
    text = terminal_table(frame, max_rows=6, width=100)
    lines = text.splitlines()
    assert all(len(line) <= 100 for line in lines), max(map(len, lines))
    assert "100 rows (6 shown)" in text and "9 columns (4 shown)" in text
    assert "column_0" in lines[1]  # names stay whole on one line, not wrapped


def test_ctrl_c_during_a_one_off_query_exits_130_in_one_line(demo_data_dir, tmp_path):
    query = subprocess.Popen([str(ETL), "sql", LONG_QUERY.rstrip(";\r")], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             cwd=tmp_path, env={"ETL_DATA_DIR": str(demo_data_dir), "PATH": "/usr/bin:/bin"})
    try:
        time.sleep(8)  # past start-up, into the query
        assert query.poll() is None, query.communicate()
        query.send_signal(signal.SIGINT)
        out, err = query.communicate(timeout=15)
    finally:
        if query.poll() is None:
            query.kill()
    assert query.returncode == 130, err.decode()
    assert err.decode().strip() == "etl sql: interrupted"
