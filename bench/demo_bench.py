"""End-to-end timing of `etl demo`, with the cost per stage per article.

Baseline, measured in the same run on the same pages: the "pile of scrapers" approach, i.e.
fetch every demo feed and page with httpx, parse feeds with feedparser and extract each page
with plain trafilatura, keeping nothing (no archive, no warehouse, no dedup, no coding).
The ratio says what the whole pipeline costs on top of fetching and extracting.

    .venv/bin/python bench/demo_bench.py
"""

from __future__ import annotations

import io
import tempfile
import time
from pathlib import Path

import feedparser
import httpx
import trafilatura

from etl.cli.demo import run_demo
from etl.definitions.resources import settings_resource
from etl.demo.server import DemoServer, capture_clocks
from etl.warehouse import lake


def scraper_baseline() -> tuple[float, int]:
    """Fetch + parse + extract every demo page once at the last clock; returns (seconds, pages)."""
    with DemoServer() as server:
        server.set_clock(capture_clocks()[-1])
        started = time.perf_counter()
        pages = 0
        with httpx.Client(timeout=10) as client:
            for source in server.sources():
                try:
                    body = client.get(source["url"]).content
                except httpx.HTTPError:
                    continue
                for entry in feedparser.parse(io.BytesIO(body)).entries:
                    html = client.get(entry.link).text
                    trafilatura.extract(html)
                    pages += 1
        return time.perf_counter() - started, pages


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        settings = settings_resource(data_dir=str(data_dir), dagster_home="")
        started = time.perf_counter()
        timings = run_demo(settings, quiet=True)
        total = time.perf_counter() - started
        con = lake.connect(settings.get(), read_only=True)
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        captures = con.execute("SELECT count(*) FROM captures").fetchone()[0]
        con.close()
    baseline, baseline_pages = scraper_baseline()
    print(f"etl demo end to end: {total:.2f} s for {articles} articles ({captures} captures, "
          f"{len(capture_clocks())} capture rounds)")
    print(f"{'stage':28s} {'seconds':>8s} {'ms/article':>11s}")
    for stage, seconds in timings.items():
        print(f"{stage:28s} {seconds:8.2f} {1000 * seconds / max(articles, 1):11.1f}")
    print(f"{'total (incl. Dagster start)':28s} {total:8.2f} {1000 * total / max(articles, 1):11.1f}")
    print(f"baseline fetch+feedparser+trafilatura, {baseline_pages} pages once: {baseline:.2f} s "
          f"({1000 * baseline / max(baseline_pages, 1):.1f} ms/page)")
    print(f"pipeline / baseline per article: {(total / max(articles, 1)) / (baseline / max(baseline_pages, 1)):.1f}x")


if __name__ == "__main__":
    main()
