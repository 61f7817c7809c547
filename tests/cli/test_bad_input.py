"""Bad input to the writing and exporting commands: one line on stderr, exit code 2, nothing done."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import cli_environment

ETL = Path(sys.executable).with_name("etl")


def run_etl(args: list[str], cwd: Path, data_dir: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(ETL), *args], cwd=cwd, env=cli_environment(data_dir), capture_output=True, text=True,
                          timeout=300)


def assert_one_line_refusal(result: subprocess.CompletedProcess, command: str, words: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"etl {command}: ") and words in lines[0], lines[0]
    assert "Traceback" not in result.stderr


TOMORROW_PLUS = (dt.datetime.now(dt.timezone.utc).date() + dt.timedelta(days=2)).isoformat()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["derive", "2024-11-15", "2024-11-13"], "the range is reversed: 2024-11-15 is after 2024-11-13"),
        (["derive", "2023-12-31"], "2023-12-31 is before the first daily partition, 2024-01-01"),
        (["derive", TOMORROW_PLUS], f"{TOMORROW_PLUS} is after the last daily partition"),
        (["derive", "2024-13-01"], "'2024-13-01' is not a day; write YYYY-MM-DD"),
        (["sql", "SELECT 1", "--format", "parquet"], "--format parquet needs --output FILE"),
        (["export", "out.duckdb", "--start", "2024-11-15", "--end", "2024-11-13"], "the range is reversed"),
        (["import-warc", "missing.warc.gz"], "no such file: missing.warc.gz"),
    ],
)
def test_bad_input_needs_no_warehouse_and_creates_none(tmp_path, args, words):
    result = run_etl(args, cwd=tmp_path)
    assert_one_line_refusal(result, args[0], words)
    assert list(tmp_path.iterdir()) == []


def test_unknown_export_table_is_named(demo_data_dir, tmp_path):
    result = run_etl(["export", str(tmp_path / "out.duckdb"), "--tables", "articles,nope"], tmp_path, demo_data_dir)
    assert_one_line_refusal(result, "export", "no table nope in the warehouse; tables: actors, articles")
    assert not (tmp_path / "out.duckdb").exists()


def test_debug_shows_the_traceback(tmp_path):
    result = run_etl(["derive", "2023-12-31", "--debug"], cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" in result.stderr and "BadInput: 2023-12-31 is before the first daily partition" in result.stderr


@pytest.mark.parametrize("args", [["sql", "SELECT 1"], ["derive", "2024-11-15"], ["search", "water"],
                                  ["export", "out.duckdb"]])
def test_commands_outside_a_data_folder_create_nothing(tmp_path, args):
    result = run_etl(args, cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"etl {args[0]}: no warehouse at {tmp_path / 'data/lake/catalog.sqlite'}: run `etl demo` "
        + ("or `etl capture` first" if args[0] == "derive" else "or a capture+derive first") + " (or set ETL_DATA_DIR)"
    ]
    assert list(tmp_path.iterdir()) == []


def test_a_failed_run_is_one_line_naming_the_failed_check_and_why(demo_copy, tmp_path):
    # The demo's feeds are on 127.0.0.1, which capture refuses without ETL_ALLOW_NETWORKS: every feed fails.
    result = run_etl(["capture"], tmp_path, demo_copy)
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("etl capture: capture_job failed: check feed_fetches:feeds_answering ERROR: "
                           "no feed answered, 7 failing: keystone-wire-world: blocked_address"), line
    assert "not in ETL_ALLOW_NETWORKS" in line and "/runs/" in line
    debug = run_etl(["capture", "--debug"], tmp_path, demo_copy)
    assert debug.returncode == 1 and "Traceback" in debug.stderr and "feeds_answering" in debug.stderr


def test_a_folder_only_captured_into_has_the_analyst_views(tmp_path):
    import socket

    from etl.analyst.dictionary import relations
    from tests.conftest import settings_of

    with socket.socket() as probe:  # a port nothing listens on: the one feed fails
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    data = tmp_path / "data"
    data.mkdir()
    (data / "sources.yaml").write_text(f"sources:\n  - name: closed\n    url: http://127.0.0.1:{closed}/rss.xml\n")
    result = subprocess.run([str(ETL), "capture"], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                            env=cli_environment(data, ETL_ALLOW_NETWORKS="127.0.0.0/8"))
    assert result.returncode == 1 and "connect_error" in result.stderr
    from etl.warehouse import lake

    con = lake.connect(settings_of(data), read_only=True)
    try:
        views = {r[0] for r in con.execute("SELECT view_name FROM duckdb_views() "
                                           "WHERE database_name = 'lake' AND NOT internal").fetchall()}
        assert con.execute("SELECT count(*) FROM source_health").fetchone()[0] == 1
    finally:
        con.close()
    assert views == {r.name for r in relations().values() if r.kind == "view"}
