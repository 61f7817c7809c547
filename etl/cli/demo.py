"""`etl demo`: the whole job offline, against the bundled demo sites served on 127.0.0.1."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from etl.cli import dagster_runs
from etl.cli.sql_shell import render
from etl.demo.server import DEMO_DAYS, DEMO_PORT, DemoServer, capture_clocks
from etl.settings import OFFLINE_DEMO_KEY, REPO_SQL_DIR, Settings
from etl.warehouse import lake

if TYPE_CHECKING:
    from etl.definitions.resources import SettingsResource

CORE_TABLES = ["feed_fetches", "feed_entries", "captures", "articles", "stories", "actors",
               "relation_facts", "relation_daily"]
EXAMPLE_QUERIES = ["feed_health.sql", "top_dyads.sql", "syndicated_stories.sql"]
# The demo's sites are served on 127.0.0.1, which capture refuses unless allowed.
DEMO_NETWORKS = "127.0.0.0/8"


def remember_demo_sources(server: DemoServer, settings: Settings) -> Path:
    """Write the demo's feeds as the data folder's own sources, marked as the offline demo's.

    Every later command and the Dagster schedules on this folder then use these loopback feeds,
    never the packaged real ones, and the hourly schedule knows to skip (the demo server only
    lives while `etl demo` runs)."""
    path = server.write_sources_yaml(settings.folder_sources_file)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"{OFFLINE_DEMO_KEY}: true\n")
    return path


def run_demo(settings: SettingsResource, quiet: bool = False, port: int = DEMO_PORT) -> dict[str, float]:
    """Capture the demo sites at each demo clock, derive the demo days; returns stage timings.
    ``settings`` place the data (loopback is allowed whatever they say)."""
    settings = settings.replaced(allow_networks=DEMO_NETWORKS)
    timings: dict[str, float] = {}
    with DemoServer(port) as server:
        sources_file = remember_demo_sources(server, settings.get())
        # The folder's partitions begin at the demo's first day, so the UI shows its days filled
        # (not three demo days among years of missing partitions).
        settings.get().folder_partitions_start_file.write_text(DEMO_DAYS[0].isoformat() + "\n", encoding="utf-8")
        started = time.perf_counter()
        for clock in capture_clocks():
            server.set_clock(clock)
            dagster_runs.run_capture(settings, now=clock, sources_file=sources_file)
        timings["capture"] = time.perf_counter() - started
    started = time.perf_counter()
    result = dagster_runs.run_derive(settings, DEMO_DAYS[0], DEMO_DAYS[-1])
    timings["derive"] = time.perf_counter() - started
    for event in result.get_asset_materialization_events():
        key = event.asset_key.to_user_string()
        seconds = event.materialization.metadata.get("seconds")
        if seconds is not None:
            timings[f"  {key}"] = float(seconds.value)
    if not quiet:
        print_summary(settings.get(), timings)
    return timings


def print_summary(settings: Settings, timings: dict[str, float]) -> None:
    con = lake.connect(settings, read_only=True)
    try:
        print(f"\nWarehouse: {settings.catalog}  (data: {settings.lake_data})")
        counts = con.execute(
            " UNION ALL ".join(f"SELECT '{t}' AS table_name, count(*) AS rows FROM {t}" for t in CORE_TABLES)
        ).pl()
        print(render(counts, "table"), end="")
        print("Stage timings (s): " + ", ".join(f"{k} {v:.2f}" for k, v in timings.items()))
        for name in EXAMPLE_QUERIES:
            path = REPO_SQL_DIR / "queries" / name
            sql = path.read_text()
            print(f"\n-- {path.relative_to(REPO_SQL_DIR.parent)}")
            print(render(con.execute(sql).pl(), "table"), end="")
    finally:
        con.close()
    print(
        "\nTry:  etl sql \"SELECT relation_type, count(*) FROM relation_facts GROUP BY ALL\"\n"
        "      etl sql            (interactive shell)\n"
        "      .venv/bin/etl duckdb   (the plain DuckDB shell, installed with the project)"
    )
