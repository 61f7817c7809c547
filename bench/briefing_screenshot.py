"""Render a day's briefing with headless Chromium to a PNG, and time both steps.

    python bench/briefing_screenshot.py --data-dir data --day 2024-11-15 --output briefing.png

The briefing is (re)written from the warehouse first (read-only), then Chromium loads it from
disk with networking irrelevant (the page has no external resources) and saves a full-page
screenshot. Needs `/usr/bin/chromium` (Debian: `apt-get install -y chromium`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
WINDOW = "1280,1900"


def find_chromium() -> str:
    for name in CHROMIUM_CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    sys.exit("no Chromium found: apt-get install -y chromium")


def screenshot(page: Path, output: Path, window: str = WINDOW) -> float:
    """Full-window PNG of ``page``; returns the seconds Chromium took."""
    started = time.perf_counter()
    subprocess.run(
        [find_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         f"--window-size={window}", f"--screenshot={output}", page.resolve().as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path(os.environ.get("ETL_DATA_DIR", "data")))
    parser.add_argument("--day", type=dt.date.fromisoformat, help="default: the latest day with stories")
    parser.add_argument("--output", type=Path, default=Path("briefing.png"))
    args = parser.parse_args()

    from etl.analyst.briefing import write_briefing
    from etl.definitions.environment import environment_settings
    from etl.warehouse import lake

    settings = environment_settings(data_dir=str(args.data_dir))
    con = lake.connect(settings, read_only=True)
    try:
        day = args.day or con.execute("SELECT max(partition_date) FROM stories").fetchone()[0]
        started = time.perf_counter()
        page, briefing = write_briefing(con, day, settings.reports_dir)
        render_seconds = time.perf_counter() - started
    finally:
        con.close()
    chromium_seconds = screenshot(page, args.output)
    print(f"briefing {day}: {briefing.top_stories.height} top stories, {briefing.network.height} network edges, "
          f"{briefing.event_mix.height} event types; {page.stat().st_size / 1024:.1f} KiB HTML in {render_seconds:.2f} s")
    print(f"screenshot {args.output} ({args.output.stat().st_size / 1024:.1f} KiB) in {chromium_seconds:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
