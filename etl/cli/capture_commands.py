"""`etl import-warc` and `etl sources check`."""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from etl.cli.errors import BadInput
from etl.cli.sql_shell import render
from etl.rawstore.store import RawStore
from etl.settings import Settings
from etl.warehouse import lake
from etl.capture.capture_state import load_capture_state

if TYPE_CHECKING:  # Dagster loads only when a run is started
    from etl.definitions.resources import SettingsResource


def import_warc_files(resource: SettingsResource, paths: list[Path], derive: bool = True) -> int:
    """Import WARC files into the raw store and warehouse, then derive the days they touch.

    Without ``derive`` the days are left to the late-captures sensor, which requests them on its
    next evaluation when the Dagster daemon runs.
    """
    from etl.capture.warc_import import import_warc
    from etl.definitions.resources import WarehouseResource

    settings = resource.get()
    store = RawStore.from_settings(settings)
    # Opened as the pipeline's writers open it: schema, descriptions and the analyst views.
    with WarehouseResource(settings=resource).connect(views=True) as con:
        result = import_warc(paths, store, settings, load_capture_state(con))
        try:
            written = lake.append_rows(con, {"feed_entries": result.entries, "captures": result.captures})
        except BaseException:
            # No row points at the copies made for this import: the raw store keeps none of them.
            for name in result.warc_files:
                store.remove(name)
            raise
    for problem in result.problems:
        print(f"problem: {problem}", file=sys.stderr)
    days = sorted(result.partition_dates)
    print(f"imported {written['captures']} pages ({written['feed_entries']} entries) "
          f"into {len(days)} day(s): {', '.join(d.isoformat() for d in days) or '-'}")
    if derive and days:
        from etl.cli.dagster_runs import check_derive_days, print_run_summary, run_derive

        try:
            check_derive_days(days[0], days[-1])
        except BadInput as outside:
            # All or nothing: a day derived while the ones around it are not would leave its stories
            # assigned without their previous days. The captures are kept for the derive later.
            raise BadInput(f"pages stored, nothing derived: {outside}; then run "
                           f"`etl derive {days[0]} {days[-1]}`") from None
        ranges = consecutive_ranges(days)
        for start, end in ranges:
            print_run_summary(run_derive(resource, start, end), f"derive {start}" + (f"..{end}" if end > start else ""))
        print(f"derived {len(days)} day(s) in {len(ranges)} run(s)")
    # Any refused file or rejected record fails the command, even when other pages landed:
    # an operator must see that part of the input was not imported.
    return 1 if result.problems else 0


def consecutive_ranges(days: list[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Sorted ``days`` as (first, last) runs of consecutive days: one derive run each, so an
    import of a few scattered days never derives the years between them."""
    ranges: list[tuple[dt.date, dt.date]] = []
    for day in days:
        if ranges and day - ranges[-1][1] == dt.timedelta(days=1):
            ranges[-1] = (ranges[-1][0], day)
        else:
            ranges.append((day, day))
    return ranges


def check_configured_sources(settings: Settings) -> int:
    """Fetch every configured feed once (nothing stored) and print status, items, newest age."""
    from etl.capture.check import check_sources
    from etl.capture.sources import load_sources

    report = check_sources(load_sources(settings.sources_file), settings)
    # The table holds what fits a terminal; each failure's reason follows on its own lines,
    # whole: it often says what to change (e.g. the ETL_ALLOW_NETWORKS setting).
    sys.stdout.write(render(report.select("name", "outcome", "http_status", "items", "newest_age_hours"), "table"))
    width = shutil.get_terminal_size().columns
    failures = report.filter(pl.col("error").is_not_null())
    for name, url, error in failures.select("name", "final_url", "error").iter_rows():
        sys.stdout.write(f"{name}:\n" + textwrap.fill(f"{url}: {error}", width, initial_indent="    ",
                                                      subsequent_indent="    ", break_long_words=False,
                                                      break_on_hyphens=False) + "\n")
    return 0
