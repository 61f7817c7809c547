"""The hourly refresh: a 3-day window of N real pages a day, derived whole, then 1% new captures
added and the window derived again. What does the refresh cost against the full derive, and
does it leave the tables a full re-derive leaves?

    python bench/refresh_bench.py [--pages-per-day 500,1000]

Pages are the real pages of ../shared/datasets/extraction (see scale_bench.py): page n of the
sequence is copy n // P of real page n % P on host ``c{copy}.<its host>``, each day its own
stretch of the sequence, so every URL is distinct. The refresh adds, per day, 1% as many
captures: half new pages (the next stretch of the sequence), half new versions of pages of that
day (the same URL, a paragraph added, crawled later). Each import runs as `etl import-warc
--no-derive` does and files its captures under their day.

Three derives of the window, each in a child process (every derive step of the pipeline, step by
step over the days in date order as a backfill run does, one worker, without Dagster's run
overhead), CPU from os.wait4:
  full     the window before the refresh, derived from nothing;
  refresh  the same warehouse after the refresh captures landed: only new or changed pages are
           extracted and only new or changed articles coded;
  rebuild  a copy of the refreshed warehouse with its derived rows removed (site templates kept,
           as every re-derive reuses them), derived again from nothing: the reference result.
Baseline in the same run: the CPU of a child that starts, imports and opens the warehouse but
derives nothing (the fixed cost every run pays).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scale_bench import bench_settings, copy_url, real_pages  # noqa: E402

DAYS = [dt.date(2024, 6, 1) + dt.timedelta(days=n) for n in range(3)]
REFRESH_SHARE = 0.01
# Derived rows a rebuild removes; site templates stay (a re-derive reuses them) and so do seed actors.
DERIVED = ("articles", "coded_articles", "stories", "story_bands", "relation_facts", "relation_daily")
COMPARED = ("articles", "site_templates", "stories", "story_bands", "relation_facts", "coded_articles",
            "relation_daily", "actors")
UPDATE = b"<p>Update: this report was revised after publication with comment from the officials named above.</p>"


def sequence_page(pages: list[tuple[str, bytes]], n: int) -> tuple[str, bytes]:
    url, html = pages[n % len(pages)]
    return copy_url(url, n // len(pages)), html


def revised(html: bytes) -> bytes:
    """The page with a paragraph added before its body ends (a new version of the same page)."""
    at = html.lower().rfind(b"</body>")
    return html[:at] + UPDATE + html[at:] if at >= 0 else html + UPDATE


def import_day(folder: Path, day: dt.date, records: list[tuple[str, bytes]], crawled: dt.datetime) -> int:
    """Import ``records`` (url, html) crawled at ``crawled``, filed under ``day``; returns captures."""
    import polars as pl
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from etl.capture.capture_state import load_capture_state
    from etl.capture.warc_import import import_warc
    from etl.rawstore.store import RawStore
    from etl.warehouse import lake

    warc = folder / f"import-{day}-{crawled:%H%M}.warc"
    with open(warc, "wb") as out:
        # Uncompressed, as scale_bench.py writes its day (see there why).
        writer = WARCWriter(out, gzip=False)
        for url, html in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html), http_headers=headers,
                                                          warc_headers_dict={"WARC-Date": crawled.strftime("%Y-%m-%dT%H:%M:%SZ")}))
    settings = bench_settings(folder)
    con = lake.connect(settings)
    try:
        lake.apply_schema(con)
        result = import_warc([warc], RawStore.from_settings(settings), settings, load_capture_state(con))
        # The pages' own dates would spread them over many days: file them under the day.
        on_day = pl.lit(day, dtype=pl.Date).alias("partition_date")
        written = lake.append_rows(con, {"feed_entries": result.entries.with_columns(on_day),
                                         "captures": result.captures.with_columns(on_day)})
    finally:
        con.close()
    warc.unlink()
    return written["captures"]


def derive_child(folder: Path) -> dict:
    """Derive every day of the window with every step, as the derive assets do; seconds of CPU per step."""
    from etl.derive.articles import articles_writes
    from etl.derive.daily import derive_relation_daily
    from etl.derive.facts import facts_writes
    from etl.derive.stories import derive_stories
    from etl.rawstore.store import RawStore
    from etl.relations import petrarch
    from etl.warehouse import lake

    settings = bench_settings(folder, workers=1)
    store = RawStore.from_settings(settings)
    petrarch.use_lexicon_folder(settings.lexicons_dir)

    def stories(con, day):
        rows, bands = derive_stories(con, day)
        return [("stories", rows, [day]), ("story_bands", bands, [day])]

    steps = {"articles": lambda con, day: articles_writes(con, day, store, 1),
             "stories": stories,
             "facts": lambda con, day: facts_writes(con, day, 1),
             "daily": lambda con, day: [("relation_daily", derive_relation_daily(con, day), [day])]}
    cpu = {}
    con = lake.connect(settings)
    try:
        lake.apply_schema(con)
        for name, writes in steps.items():
            started = time.process_time()
            for day in DAYS:
                lake.write(con, writes(con, day), settings.locks_dir)
            cpu[name] = round(time.process_time() - started, 2)
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    finally:
        con.close()
    return {"cpu_by_step": cpu, "articles": articles}


def idle_child(folder: Path) -> dict:
    """Start, import what a derive imports, open the warehouse and build the coder's tables (one
    sentence coded): the fixed cost of a run, whatever it derives."""
    import etl.derive.articles  # noqa: F401
    import etl.derive.stories  # noqa: F401
    from etl.relations import code_article, petrarch
    from etl.warehouse import lake

    settings = bench_settings(folder, workers=1)
    lake.connect(settings).close()
    petrarch.use_lexicon_folder(settings.lexicons_dir)
    code_article("The foreign minister met his counterpart in the capital on Monday.")
    return {}


def measured(args: list[str]) -> tuple[dict, float]:
    """Run this script as a child with ``args``: (its JSON, CPU seconds of it and its children)."""
    child = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True)
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    if status:
        raise SystemExit(f"child {args} failed ({status})")
    return json.loads(out.strip().splitlines()[-1]), usage.ru_utime + usage.ru_stime


def tables(folder: Path) -> dict:
    from etl.warehouse import lake

    con = lake.connect(bench_settings(folder), read_only=True)
    try:
        out = {}
        for table in COMPARED:
            frame = con.execute(f"SELECT * FROM {table}").pl()
            out[table] = frame.sort([c for c, t in frame.schema.items() if not t.is_nested()])
        return out
    finally:
        con.close()


def remove_derived_rows(folder: Path) -> None:
    from etl.warehouse import lake

    con = lake.connect(bench_settings(folder))
    try:
        for table in DERIVED:
            con.execute(f"DELETE FROM {table}")
        con.execute("DELETE FROM actors WHERE origin = 'learned'")
    finally:
        con.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages-per-day", default="500,1000", help="pages a day, comma separated; "
                        "two or more sizes also give the marginal cost of a page a day")
    parser.add_argument("--derive-child", help=argparse.SUPPRESS)
    parser.add_argument("--idle-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.derive_child or args.idle_child:
        child = derive_child if args.derive_child else idle_child
        print(json.dumps(child(Path(args.derive_child or args.idle_child))))
        return

    pages = real_pages()
    sizes = [int(size) for size in args.pages_per_day.split(",")]
    cpu = {}
    for size in sizes:
        cpu[size] = run_window(pages, size)
    if len(sizes) > 1:
        # What each further page a day costs: the fixed costs of a run (start-up, warm-ups, the
        # coder's tables) cancel out, leaving the ratio a much larger day tends to.
        small, large = min(sizes), max(sizes)
        marginal = (cpu[large]["refresh"] - cpu[small]["refresh"]) / (cpu[large]["full"] - cpu[small]["full"])
        print(f"marginal cost of a page a day, {small} -> {large} pages a day: refresh / full derive {marginal:.1%}")


def run_window(pages: list[tuple[str, bytes]], size: int) -> dict[str, float]:
    """Build, derive, refresh and rebuild a window of ``size`` pages a day; print what it cost."""
    added = max(2, round(size * REFRESH_SHARE))
    with tempfile.TemporaryDirectory() as tmp:
        folder, rebuild = Path(tmp) / "window", Path(tmp) / "rebuild"
        folder.mkdir()
        for d, day in enumerate(DAYS):
            first = d * size
            import_day(folder, day, [sequence_page(pages, n) for n in range(first, first + size)],
                       dt.datetime.combine(day, dt.time(12), dt.timezone.utc))
        _, idle_cpu = measured(["--idle-child", str(folder)])
        full, full_cpu = measured(["--derive-child", str(folder)])
        # The refresh: per day, new pages after the window's stretch and new versions of the day's pages.
        new_pages = len(DAYS) * size
        for d, day in enumerate(DAYS):
            fresh = [sequence_page(pages, new_pages + d * added + k) for k in range(added // 2)]
            edits = [(url, revised(html)) for url, html in
                     (sequence_page(pages, d * size + k * (size // added)) for k in range(added - added // 2))]
            import_day(folder, day, fresh + edits, dt.datetime.combine(day, dt.time(18), dt.timezone.utc))
        refresh, refresh_cpu = measured(["--derive-child", str(folder)])
        shutil.copytree(folder, rebuild, symlinks=True)
        remove_derived_rows(rebuild)
        rebuilt, rebuild_cpu = measured(["--derive-child", str(rebuild)])
        refreshed, reference = tables(folder), tables(rebuild)

    print(f"{len(pages)} distinct real pages; window {DAYS[0]}..{DAYS[-1]}, {size} pages a day; "
          f"refresh adds {added} captures a day ({added // 2} new pages, {added - added // 2} new versions)")
    print(f"{'derive':>8} {'articles':>8} {'CPU s':>7}  CPU s by step")
    for name, result, seconds in (("full", full, full_cpu), ("refresh", refresh, refresh_cpu), ("rebuild", rebuilt, rebuild_cpu)):
        print(f"{name:>8} {result['articles']:>8} {seconds:>7.1f}  {result['cpu_by_step']}")
    print(f"fixed cost of a run (start, imports, open the warehouse, build the coder's tables): {idle_cpu:.1f} s CPU")
    print(f"refresh / full derive: {refresh_cpu / full_cpu:.1%} of CPU; "
          f"without the fixed cost of a run: {(refresh_cpu - idle_cpu) / (full_cpu - idle_cpu):.1%}")
    differing = [t for t in COMPARED if not refreshed[t].equals(reference[t])]
    print("refreshed tables equal a full re-derive:",
          "yes, all of " + ", ".join(COMPARED) if not differing else "NO: " + ", ".join(differing), flush=True)
    return {"full": full_cpu, "refresh": refresh_cpu}

if __name__ == "__main__":
    main()
