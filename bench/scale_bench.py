"""A day of N articles from real pages: import, derive, and what it costs in CPU, wall and memory.

    python bench/scale_bench.py [--sizes 500,2000] [--full] [--workers-sizes 2000]

The distinct pages are the real pages of ../shared/datasets/extraction (msv_chaos and
trafilatura_eval, ~1,300 pages from ~900 sites). A day of N articles holds copy k = 0, 1, ... of
every page in turn until N pages are written, copy k of a page on host ``c{k}.<its own host>``:
distinct hosts, each real site's pages together on its copies' hosts, as an outlet's day looks.
Every record carries one WARC-Date; the pages' own date metadata would still spread them over
many days, so after `import` the bench files the imported captures (and their entries) under the
one day of the WARC-Date with an UPDATE of the warehouse: one day of N pages, everything else as
the import left it.

The import runs as `etl import-warc --no-derive` does (etl.capture.warc_import into the
warehouse); the derive of the day runs every derive step of the pipeline (articles, stories,
relation facts, relation_daily) each committed through etl.warehouse.lake.write, in a child
process whose CPU time is read with os.wait4 (its own and its pool workers') and whose memory is
sampled from /proc: the derive process's own peak RSS (after each step too), its largest worker's,
and the largest sum of all of them. Rows are spilled to Parquet as they are made, so the peaks
should not grow with N.
Baseline in the same run: trafilatura.extract alone (default settings) on each distinct page
once, in a child process, measured before the first derive and again after each one; CPU per
article of a derive is compared with the mean of the measures right before and after it (the
shared machine's speed drifts by 10-20% between measures minutes apart).
With --workers-sizes a size is derived with ETL_DERIVE_WORKERS=1 and =2 and the wall times are
compared: as measured (on a shared machine they depend on what else runs; the load average is
printed), and as they would be on two free cores: the derive process's own CPU is serial, the
workers' CPU is shared by the two cores.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

EXTRACTION = ROOT.parent / "shared" / "datasets" / "extraction"
PAGE_SETS = ("msv_chaos", "trafilatura_eval")
LEXICONS = ROOT.parent / "shared" / "datasets" / "lexicons"
DAY = dt.date(2024, 6, 1)
CRAWLED = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.timezone.utc)


def real_pages() -> list[tuple[str, bytes]]:
    """(url, html) of every page with an http(s) URL, in the sets' gold order."""
    pages = []
    for name in PAGE_SETS:
        folder = EXTRACTION / name
        for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            path = folder / "html" / f"{record['id']}.html.gz"
            if urlsplit(record.get("url") or "").scheme in ("http", "https") and path.is_file():
                pages.append((record["url"], gzip.decompress(path.read_bytes())))
    return pages


def copy_url(url: str, copy: int) -> str:
    parts = urlsplit(url)
    return f"https://c{copy}.{parts.hostname}{parts.path or '/'}" + (f"?{parts.query}" if parts.query else "")


def write_day(path: Path, pages: list[tuple[str, bytes]], size: int) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        # Uncompressed: etl.rawstore.warc_check does not finish on a gzip WARC of these pages
        # (msv_chaos's fortune.com page then the newscientist.com one: 2 records spin with
        # memory growing), so the import is measured on the plain WARC it reads the same way.
        writer = WARCWriter(out, gzip=False)
        for n in range(size):
            url, html = pages[n % len(pages)]
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                copy_url(url, n // len(pages)), "response", payload=io.BytesIO(html), http_headers=headers,
                warc_headers_dict={"WARC-Date": CRAWLED.strftime("%Y-%m-%dT%H:%M:%SZ")}))


def bench_settings(folder: Path, workers: int | None = None):
    from etl.definitions.environment import environment_settings

    extra = {"lexicons": str(LEXICONS)} if LEXICONS.is_dir() else {}
    if workers is not None:
        extra["derive_workers"] = workers
    return environment_settings(data_dir=str(folder / "data"), raw_store="", catalog="", lake_data="", **extra)


def import_day(folder: Path, pages: list[tuple[str, bytes]], size: int) -> float:
    """Write and import the WARC of ``size`` pages, filed under DAY; returns the import's seconds."""
    from etl.capture.capture_state import load_capture_state
    from etl.capture.warc_import import import_warc
    from etl.rawstore.store import RawStore
    from etl.warehouse import lake

    warc = folder / "day.warc"
    write_day(warc, pages, size)
    settings = bench_settings(folder)
    started = time.perf_counter()
    con = lake.connect(settings)
    try:
        lake.apply_schema(con)
        result = import_warc([warc], RawStore.from_settings(settings), settings, load_capture_state(con))
        lake.append_rows(con, {"feed_entries": result.entries, "captures": result.captures})
        con.execute("BEGIN TRANSACTION")
        for table in ("captures", "feed_entries"):
            con.execute(f"UPDATE {table} SET partition_date = ?", [DAY])
        con.execute("COMMIT")
    finally:
        con.close()
    warc.unlink()
    return time.perf_counter() - started


def _status_mb(pid: int | str, field: str) -> float:
    """A memory figure of /proc/PID/status (VmRSS, VmHWM) in MB; 0 once the process is gone."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _descendants(pid: int) -> list[int]:
    found = []
    for children in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            pids = [int(child) for child in children.read_text().split()]
        except OSError:
            continue
        for child in pids:
            found += [child, *_descendants(child)]
    return found


class MemoryPeaks(threading.Thread):
    """This process's and its workers' memory, sampled: each one's own high-water mark (VmHWM,
    which starts afresh at exec; ru_maxrss does not: a child inherits the peak of the process
    that forked it, here the bench holding every page) and the largest sum of their resident sets."""

    def __init__(self, interval: float = 0.2):
        super().__init__(daemon=True)
        self.interval, self.worker_peaks, self.total = interval, {}, 0.0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(self.interval):
            workers = _descendants(os.getpid())
            for pid in workers:
                self.worker_peaks[pid] = max(self.worker_peaks.get(pid, 0.0), _status_mb(pid, "VmHWM"))
            self.total = max(self.total, _status_mb("self", "VmRSS") + sum(_status_mb(pid, "VmRSS") for pid in workers))

    def result(self) -> dict:
        self.done.set()
        self.join()
        return {"main_mb": round(_status_mb("self", "VmHWM")), "worker_mb": round(max(self.worker_peaks.values(), default=0)),
                "total_mb": round(max(self.total, _status_mb("self", "VmHWM")))}


def derive_child(folder: Path, workers: int | None) -> dict:
    """Derive DAY with every step, each committed; runs in the measured child process."""
    from etl.derive.articles import articles_writes
    from etl.derive.daily import derive_relation_daily
    from etl.derive.facts import facts_writes
    from etl.derive.stories import derive_stories
    from etl.rawstore.store import RawStore
    from etl.relations import petrarch
    from etl.warehouse import lake

    settings = bench_settings(folder, workers)
    store = RawStore.from_settings(settings)
    petrarch.use_lexicon_folder(settings.lexicons_dir)

    def stories(con, day):
        rows, bands = derive_stories(con, day, settings.spill_dir)
        return [("stories", rows, [day]), ("story_bands", bands, [day])]

    # The derive assets' steps, without Dagster's run overhead.
    day_steps = {"articles": lambda con, day: articles_writes(con, day, store, settings.derive_workers, settings.spill_dir),
                 "stories": stories,
                 "facts": lambda con, day: facts_writes(con, day, settings.derive_workers, settings.spill_dir),
                 "daily": lambda con, day: [("relation_daily", derive_relation_daily(con, day), [day])]}
    memory = MemoryPeaks()
    memory.start()
    con = lake.connect(settings)
    steps, own_cpu, peaks = {}, {}, {"start": round(_status_mb("self", "VmHWM"))}
    try:
        for name, writes in day_steps.items():
            started, cpu = time.perf_counter(), time.process_time()
            lake.write(con, writes(con, DAY), settings.locks_dir)
            steps[name] = round(time.perf_counter() - started, 2)
            # This process's own CPU (workers not included): the part no worker can take over.
            own_cpu[name] = round(time.process_time() - cpu, 1)
            # The process's own peak so far (workers not included): which step raises it.
            peaks[name] = round(_status_mb("self", "VmHWM"))
        articles = con.execute("SELECT count(*), count(*) FILTER (status = 'ok') FROM articles").fetchone()
        facts = con.execute("SELECT count(*) FROM relation_facts").fetchone()[0]
        stories = con.execute("SELECT count(DISTINCT story_id) FROM stories").fetchone()[0]
    finally:
        con.close()
    workers_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)  # the pools' workers, all ended
    return {"steps": steps, "own_cpu": own_cpu, "workers_cpu": workers_cpu.ru_utime + workers_cpu.ru_stime,
            "peak_mb": peaks, **memory.result(), "articles": articles[0], "ok": articles[1], "stories": stories, "facts": facts}


def trafilatura_child(limit: int) -> dict:
    import trafilatura

    pages = real_pages()[:limit]
    for url, html in pages:
        trafilatura.extract(html, url=url)
    return {"pages": len(pages)}


def measured(args: list[str]) -> tuple[dict, float, float]:
    """Run this script as a child with ``args``: (its JSON, wall s, CPU s)."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, __file__, *args], stdout=subprocess.PIPE, text=True)
    out = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    if status:
        raise SystemExit(f"child {args} failed ({status})")
    return (json.loads(out.strip().splitlines()[-1]), time.perf_counter() - started,
            usage.ru_utime + usage.ru_stime)


def trafilatura_ms(pages: list[tuple[str, bytes]]) -> float:
    """CPU ms a page of trafilatura.extract alone on the distinct pages, in a child, its start-up
    (interpreter and imports, measured in a child that extracts nothing) taken off."""
    _, _, idle_cpu = measured(["--trafilatura-child", "0"])
    base, _, base_cpu = measured(["--trafilatura-child", str(len(pages))])
    return (base_cpu - idle_cpu) / base["pages"] * 1000


def run_size(pages, size: int, workers: int | None) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        imported = import_day(Path(folder), pages, size)
        load = os.getloadavg()[0]
        derived, wall, cpu = measured(["--derive-child", folder] + (["--workers", str(workers)] if workers else []))
    return {**derived, "import_s": imported, "wall": wall, "cpu": cpu, "load": (load, os.getloadavg()[0])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,2000", help="articles per day, comma separated")
    parser.add_argument("--full", action="store_true", help="also 20,000 and 100,000 articles")
    parser.add_argument("--workers-sizes", default="", help="sizes also derived with workers=1 and 2")
    parser.add_argument("--derive-child", help=argparse.SUPPRESS)
    parser.add_argument("--trafilatura-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.derive_child:
        print(json.dumps(derive_child(Path(args.derive_child), args.workers)))
        return
    if args.trafilatura_child is not None:
        print(json.dumps(trafilatura_child(args.trafilatura_child)))
        return

    pages = real_pages()
    sizes = [int(s) for s in args.sizes.split(",") if s] + ([20_000, 100_000] if args.full else [])
    before = trafilatura_ms(pages)
    print(f"{len(pages)} distinct real pages; trafilatura.extract alone: {before:.1f} ms CPU/page before the "
          "first derive; each derive is compared with the mean of the measures taken right before and after it")
    print(f"{'articles':>9} {'workers':>7} {'ok':>7} {'stories':>7} {'facts':>7} {'wall s':>7} {'CPU s':>7} "
          f"{'ms/art':>7} {'x traf':>6} {'main MB':>7} {'worker':>6} {'sum MB':>6}  steps wall s")
    for size in sizes:
        runs = [None] if str(size) not in args.workers_sizes.split(",") else [1, 2]
        results = {}
        for workers in runs:
            r = results[workers] = run_size(pages, size, workers)
            after = trafilatura_ms(pages)
            baseline, before = (before + after) / 2, after
            per_article = r["cpu"] / r["articles"] * 1000
            print(f"{r['articles']:>9} {workers or 'default':>7} {r['ok']:>7} {r['stories']:>7} {r['facts']:>7} "
                  f"{r['wall']:>7.1f} {r['cpu']:>7.1f} {per_article:>7.1f} {per_article / baseline:>6.2f} "
                  f"{r['main_mb']:>7} {r['worker_mb']:>6} {r['total_mb']:>6}  {r['steps']} (import {r['import_s']:.0f} s; peak MB after each step {r['peak_mb']})", flush=True)
            print(f"{'':>9} CPU s: derive process {r['cpu'] - r['workers_cpu']:.1f} (own CPU per step {r['own_cpu']}), "
                  f"workers {r['workers_cpu']:.1f}; load average {r['load'][0]:.1f} before, {r['load'][1]:.1f} after; "
                  f"trafilatura {baseline:.1f} ms/page (after the derive {after:.1f})", flush=True)
        if len(results) == 2:
            one, two = results[1], results[2]
            # The machine is shared: the wall measured depends on what else runs. On free cores
            # the derive process's own CPU is serial and the workers' CPU is shared by 2 cores.
            serial = two["cpu"] - two["workers_cpu"]
            print(f"{'':>9} wall workers=2 / workers=1: {two['wall'] / one['wall']:.2f} measured; "
                  f"{(serial + two['workers_cpu'] / 2) / one['cpu']:.2f} on 2 free cores (serial {serial:.1f} s "
                  f"+ workers {two['workers_cpu']:.1f} s / 2, against {one['cpu']:.1f} s on one)")


if __name__ == "__main__":
    main()
