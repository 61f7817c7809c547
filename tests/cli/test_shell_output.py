"""`etl sql`'s shell sends results to a file with .output FILE (until .output) and .once FILE."""

from __future__ import annotations

import subprocess

from tests.cli.test_bad_input import ETL


def run_shell(data_dir, cwd, script: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(ETL), "sql"], input=script, capture_output=True, text=True, timeout=120,
                          cwd=cwd, env={"ETL_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin"})


def test_output_and_once_send_whole_results_to_files(demo_data_dir, tmp_path):
    every, once = tmp_path / "every.csv", tmp_path / "once.json"
    every.write_text("stale content\n")
    result = run_shell(demo_data_dir, tmp_path, "\n".join([
        ".format csv",
        f".output {every}",
        "SELECT count(*) AS articles FROM articles;",
        "SELECT 'second' AS label;",
        ".output",
        "SELECT 'to the screen' AS label;",
        ".format json",
        f".once {once}",
        "SELECT 7 AS seven;",
        "SELECT 'after once' AS label;",
        f".output {tmp_path / 'missing' / 'dir' / 'x.csv'}",
        "",
    ]))
    assert result.returncode == 0, result.stderr
    written = every.read_text()
    assert "stale content" not in written  # opening truncates, as in the DuckDB CLI
    assert written.startswith("articles\n") and "second" in written and "to the screen" not in written
    assert "to the screen" in result.stdout and "second" not in result.stdout
    assert '"seven": 7' in once.read_text() and "after once" in result.stdout
    assert "cannot write" in result.stdout and "Traceback" not in result.stdout + result.stderr
