"""What `etl sql` and `etl sources check` print fits the terminal and hides nothing that matters:
long results are trimmed as DuckDB trims them, files get them whole (.output FILE until .output,
.once FILE), and prose (view descriptions, snapshot changes, fetch errors) is shown in full."""

from __future__ import annotations

import re
import subprocess

from etl.cli.sql_shell import DEFAULT_MAX_ROWS
from etl.warehouse import lake
from tests.cli.test_bad_input import ETL
from tests.conftest import cli_environment, settings_of


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


def _screen(data_dir, cwd, args: list[str], script: str | None = None, columns: int = 80) -> subprocess.CompletedProcess:
    """`etl ARGS` as on a terminal ``columns`` wide (COLUMNS is what the size lookup falls back to)."""
    return subprocess.run([str(ETL), *args], input=script, capture_output=True, text=True, timeout=120, cwd=cwd,
                          env=cli_environment(data_dir, COLUMNS=str(columns)))


def test_a_wide_long_result_fits_the_terminal_and_a_file_gets_it_whole(demo_data_dir, tmp_path):
    facts = [r[0] for r in _query(demo_data_dir, "SELECT fact_id FROM relation_facts")]
    assert len(facts) > 2 * DEFAULT_MAX_ROWS
    shown = _screen(demo_data_dir, tmp_path, ["sql", "SELECT * FROM relation_facts"], columns=100)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.rstrip().splitlines()
    assert max(map(len, lines)) <= 100 and len(lines) <= DEFAULT_MAX_ROWS + 10
    assert f"{len(facts)} rows" in lines[-1] and "shown" in lines[-1]  # DuckDB's footer: what was left out
    assert "fact_id" in lines[1]  # column names whole, not wrapped to a few letters
    whole = tmp_path / "facts.txt"
    written = _screen(demo_data_dir, tmp_path, ["sql", "SELECT * FROM relation_facts", "--output", str(whole)])
    assert written.returncode == 0 and written.stdout == ""
    text = whole.read_text()
    assert all(fact in text for fact in facts) and "coder_version" in text


def test_views_and_snapshots_are_listed_in_full_with_names(demo_data_dir, tmp_path):
    described = _query(demo_data_dir, "SELECT view_name, comment FROM duckdb_views() "
                                      "WHERE database_name = 'lake' AND NOT internal")
    result = _screen(demo_data_dir, tmp_path, ["sql"], ".views\n.snapshots\n")
    assert result.returncode == 0, result.stderr
    # The greeting (bar the warehouse's path) and the listings fit the terminal.
    assert max(map(len, result.stdout.splitlines()[1:])) <= 80
    words = " ".join(result.stdout.split())
    for name, comment in described:
        shows = " ".join(re.sub(r" \[sql sha256 [0-9a-f]+\]$", "", comment).split())
        assert f"{name} {shows}" in words, name
    snapshots = result.stdout.split("etl> ")[2]  # the prompt before each command's output
    assert "tables_inserted_into: " in snapshots
    # Tables and views by name, never DuckLake's ids.
    assert not re.search(r"(tables|views)_\w+: \d", snapshots), snapshots


def test_sources_check_shows_each_failure_whole(demo_data_dir, tmp_path):
    # The demo's feeds are on 127.0.0.1, refused without ETL_ALLOW_NETWORKS (no request is made).
    result = _screen(demo_data_dir, tmp_path, ["sources", "check"])
    assert result.returncode == 0, result.stderr
    # Every line fits, bar a URL longer than the terminal.
    assert all(len(line) <= 80 or "http://" in line for line in result.stdout.splitlines())
    assert "blocked_address" in result.stdout
    assert " ".join(result.stdout.split()).count("not a public address and not in ETL_ALLOW_NETWORKS") == 7


def _query(data_dir, sql: str) -> list[tuple]:
    con = lake.connect(settings_of(data_dir), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()
