"""Backfilling any history: copies of one report imported from many sites are one story; pages
from years before the partitions' default first day import and derive once ETL_PARTITIONS_START
reaches back, and without it are stored with nothing derived; the story chain between days is
declared to Dagster."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import dagster as dg

from etl.cli.capture_commands import import_warc_files
from etl.dedup import STORY_WINDOW_DAYS
from etl.warehouse import lake
from tests.conftest import REPO_ROOT, cli_environment, settings_of, settings_resource
from tests.pipeline.imported_pages import REPORTS, copy_url, write_warc

UTC = dt.timezone.utc
COPIES = 10
ETL = [sys.executable, "-m", "etl.cli.main"]


def _stories_of_day(data_dir: Path, day: dt.date) -> list[dict]:
    con = lake.connect(settings_of(data_dir), read_only=True)
    try:
        return lake.query(con, """
            SELECT a.url, a.source, a.status, s.story_id FROM articles a JOIN stories s USING (article_id, partition_date)
            WHERE a.partition_date = ? ORDER BY a.url""", [day]).to_dicts()
    finally:
        con.close()


def test_copies_of_a_report_on_many_sites_are_one_story(demo_copy, tmp_path):
    published = dt.datetime(2024, 10, 5, 9, 0, tzinfo=UTC)
    warc = tmp_path / "copies.warc.gz"
    write_warc(warc, [(report, site, published) for site in range(COPIES) for report in REPORTS])
    assert import_warc_files(settings_resource(demo_copy), [warc]) == 0
    rows = _stories_of_day(demo_copy, published.date())
    assert len(rows) == COPIES * len(REPORTS) and {row["status"] for row in rows} == {"ok"}
    # Each page's outlet is its own site, never one label shared by every imported page.
    assert {row["source"] for row in rows} == {f"courier{site}.example" for site in range(COPIES)}
    story_of = {row["url"]: row["story_id"] for row in rows}
    stories = [{story_of[copy_url(report, site, published)] for site in range(COPIES)} for report in REPORTS]
    assert all(len(ids) == 1 for ids in stories), stories
    assert len(set().union(*stories)) == len(REPORTS)


# Pages of 2016 to 2019: scattered days, two of them consecutive (one derive run for both).
HISTORY = [
    dt.datetime(2016, 3, 2, 8, 15, tzinfo=UTC),
    dt.datetime(2017, 7, 14, 12, 0, tzinfo=UTC),
    dt.datetime(2018, 2, 15, 6, 30, tzinfo=UTC),
    dt.datetime(2018, 2, 16, 18, 45, tzinfo=UTC),
    dt.datetime(2019, 11, 30, 10, 5, tzinfo=UTC),
]
HISTORY_COPIES = 3


def _history_warc(path: Path) -> Path:
    write_warc(path, [(REPORTS[n % len(REPORTS)], site, published)
                      for n, published in enumerate(HISTORY) for site in range(HISTORY_COPIES)])
    return path


def _import(data_dir: Path, warc: Path, **variables: str) -> subprocess.CompletedProcess:
    return subprocess.run([*ETL, "import-warc", str(warc)], cwd=REPO_ROOT, env=cli_environment(data_dir, **variables),
                          capture_output=True, text=True, timeout=900)


def _count(data_dir: Path, sql: str) -> int:
    con = lake.connect(settings_of(data_dir), read_only=True)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def test_pages_from_2016_to_2019_import_and_derive_with_the_partitions_reaching_back(tmp_path):
    data_dir = tmp_path / "data"
    done = _import(data_dir, _history_warc(tmp_path / "history.warc.gz"), ETL_PARTITIONS_START="2016-01-01")
    assert done.returncode == 0, done.stderr[-3000:]
    assert f"derived {len(HISTORY)} day(s) in {len(HISTORY) - 1} run(s)" in done.stdout
    for published in HISTORY:
        rows = _stories_of_day(data_dir, published.date())
        assert len(rows) == HISTORY_COPIES and {row["status"] for row in rows} == {"ok"}
        assert len({row["story_id"] for row in rows}) == 1


def test_pages_before_the_partitions_are_stored_and_nothing_is_derived(tmp_path):
    data_dir = tmp_path / "data"
    done = _import(data_dir, _history_warc(tmp_path / "history.warc.gz"))
    assert done.returncode == 2
    (message,) = done.stderr.strip().splitlines()
    first, last = HISTORY[0].date(), HISTORY[-1].date()
    assert "nothing derived" in message and f"ETL_PARTITIONS_START={first}" in message
    assert f"etl derive {first} {last}" in message
    assert _count(data_dir, "SELECT count(*) FROM captures WHERE origin = 'import'") == len(HISTORY) * HISTORY_COPIES
    assert _count(data_dir, "SELECT count(*) FROM articles") == 0


def test_a_days_stories_depend_on_the_previous_days_stories():
    from etl.definitions import defs

    graph = defs.resolve_asset_graph()
    for table in ("stories", "story_bands"):
        key = dg.AssetKey(table)
        mapping = graph.get(key).partition_mappings[key]
        assert isinstance(mapping, dg.TimeWindowPartitionMapping)
        assert (mapping.start_offset, mapping.end_offset) == (-STORY_WINDOW_DAYS, -1)
    # Articles and relation facts of one day need nothing of other days: a backfill need not chain them.
    for table in ("articles", "relation_facts"):
        key = dg.AssetKey(table)
        assert key not in graph.get(key).parent_keys


def _first_partition(data_dir: Path, **variables: str) -> str:
    done = subprocess.run([sys.executable, "-c", "from etl.definitions.partitions import daily_partitions; "
                           "print(daily_partitions.get_first_partition_key())"],
                          cwd=REPO_ROOT, env=cli_environment(data_dir, **variables), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


def test_the_demo_folder_partitions_begin_at_its_first_day(demo_data_dir, tmp_path):
    from etl.demo.server import DEMO_DAYS

    assert _first_partition(demo_data_dir) == DEMO_DAYS[0].isoformat()
    # The setting wins over the folder's own day; a folder without one keeps the packaged default.
    assert _first_partition(demo_data_dir, ETL_PARTITIONS_START="2016-01-01") == "2016-01-01"
    assert _first_partition(tmp_path) == "2024-01-01"
