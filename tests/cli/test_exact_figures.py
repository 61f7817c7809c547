"""Figures the commands show are exact and say what they count."""

from __future__ import annotations

import re
import subprocess

from etl.warehouse import lake
from tests.cli.test_bad_input import ETL, run_etl
from tests.conftest import settings_of


def exact_counts(data_dir) -> dict[str, int]:
    con = lake.connect(settings_of(data_dir), read_only=True)
    try:
        names = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() "
                                           "WHERE database_name = current_database()").fetchall()]
        return {name: con.execute(f"SELECT count(*) FROM {name}").fetchone()[0] for name in names}
    finally:
        con.close()


def test_derive_summary_gives_rows_written_and_rows_in_the_table(demo_copy, tmp_path):
    result = run_etl(["derive", "2024-11-15"], tmp_path, demo_copy)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("derive: run ") and lines[0].endswith(" succeeded")
    run_id = lines[0].split()[2]
    figures = {m[1]: (int(m[2]), m[3] and int(m[3])) for line in lines
               if (m := re.match(r"\s+(\w+)\s+(\d+) rows written(?:, (\d+) in the table)?$", line))}
    counts = exact_counts(demo_copy)
    assert {"articles", "stories", "relation_facts", "relation_daily"} <= set(figures)
    for name, (written, in_table) in figures.items():
        assert in_table is None or in_table == counts[name], name
    # Rows this run wrote (one day of three, and only what changed) are not the table's rows.
    assert figures["articles"][0] <= 16 < counts["articles"]
    assert figures["relation_daily"][0] < counts["relation_daily"]
    assert lines[-1].startswith(f"  event log: http://127.0.0.1:3000/runs/{run_id}")
    # Not a terminal: no progress line redrawn into the captured output.
    assert "\r" not in result.stdout


def test_shell_tables_shows_exact_row_counts(demo_data_dir, tmp_path):
    counts = exact_counts(demo_data_dir)
    result = subprocess.run([str(ETL), "sql"], input=".tables\n", capture_output=True, text=True, timeout=120,
                            cwd=tmp_path, env={"ETL_DATA_DIR": str(demo_data_dir), "PATH": "/usr/bin:/bin"})
    shown = {m[1]: int(m[2]) for m in re.finditer(r"│ (\w+)\s+│\s+(\d+) │\s+\d+ │", result.stdout)}
    assert shown == counts


def test_the_ui_row_count_is_the_table_and_rows_written_are_named_apart(demo_data_dir):
    """What the Dagster UI shows as "Row count" on each table's latest materialization is the
    table's rows (captures showed 0, the rows its last run wrote, while holding 47)."""
    import dagster as dg

    from etl.definitions.metadata import ROWS_WRITTEN

    counts = exact_counts(demo_data_dir)
    with dg.DagsterInstance.from_config(str(demo_data_dir / "dagster_home")) as instance:
        for table in ("feed_fetches", "feed_entries", "captures", "articles", "stories", "relation_facts",
                      "relation_daily"):
            metadata = instance.get_latest_materialization_event(dg.AssetKey(table)).asset_materialization.metadata
            assert metadata["dagster/row_count"].value == counts[table], table
            assert ROWS_WRITTEN in metadata, table
