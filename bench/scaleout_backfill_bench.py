"""A 7-day backfill on one machine (SQLite catalog, local folders) and scaled out (PostgreSQL
catalog and Dagster instance, Parquet and WARC files in a local S3-compatible store, two run
workers at once), then every derived table compared row for row.

The web is the real-web job bench's (real pages of ../shared/datasets/extraction, read at run
time, behind generated feeds on local 127.0.0.1 servers), its publication times spread over 7
days. Each deployment captures it with the real `etl capture`; then

* single machine: one `etl derive FIRST LAST` (the baseline);
* scaled out: two workers started at once, each an `etl derive` over half of the days in its own
  empty data folder (all they share is the configuration), with the writer pools at their
  default (one step at a time); the same on a second fresh deployment with the pools raised to
  2 as on a cluster (`dagster instance concurrency set`: the same step of both runs at once,
  writes of one day taking turns in the catalog); then one `etl derive FIRST LAST` on a third
  worker (the same backfill re-run sequentially on the scaled-out deployment).

Printed: wall and CPU time of each, exit codes, and per derived table its rows and whether the
scaled-out tables equal the single-machine ones (capture ids, fresh per capture, and the
articles' input_key made from them left out).

usage: python bench/scaleout_backfill_bench.py [--pages 160] [--seed 5] [--datasets PATH]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from http.server import ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import real_web_job_bench as web_bench  # noqa: E402
from etl.definitions.environment import ENVIRONMENT_VARIABLES  # noqa: E402
from etl.definitions.pools import WRITER_POOLS  # noqa: E402
from etl.settings import build_settings  # noqa: E402
from tests.pipeline.postgres_server import postgres_database  # noqa: E402
from tests.scaleout.lake_tables import differences, every_table  # noqa: E402
from tests.scaleout.s3_server import s3_server  # noqa: E402

DAYS = 7
DERIVED = ("articles", "site_templates", "stories", "story_bands", "relation_facts", "coded_articles", "actors",
           "relation_daily")
# Fresh per capture: the capture id, and the articles' input_key, a hash over it.
RUN_SPECIFIC = {"articles": ("capture_id", "input_key")}


def etl(args: list[str], env: dict) -> subprocess.Popen:
    return subprocess.Popen([str(web_bench.ETL), *args], env=env, cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def finish(label: str, procs: list[subprocess.Popen], started: float, cpu_before) -> bool:
    outputs = [p.communicate() for p in procs]
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - cpu_before.ru_utime) + (after.ru_stime - cpu_before.ru_stime)
    codes = [p.returncode for p in procs]
    print(f"{label}: exit {codes}, {wall:.1f} s wall, {cpu:.1f} s CPU")
    for proc, (_, err) in zip(procs, outputs):
        if proc.returncode:
            print("  " + "\n  ".join(err.strip().splitlines()[-8:]))
    return all(code == 0 for code in codes)


def run(label: str, commands: list[tuple[list[str], dict]]) -> bool:
    """Start every command at once and wait for all of them."""
    before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.monotonic()
    return finish(label, [etl(args, env) for args, env in commands], started, before)


def variables(values: dict[str, str]) -> dict[str, str]:
    return {ENVIRONMENT_VARIABLES[field]: value for field, value in values.items()}


def compare(reference: dict, scaled: dict) -> int:
    identical = 0
    for table in DERIVED:
        found = differences({table: reference[table]}, {table: scaled[table]})
        identical += not found
        print(f"  {table:<16} {reference[table].height:>6} rows single machine, {scaled[table].height:>6} "
              f"scaled out: {'DIFFERENT (' + found[0] + ')' if found else 'identical'}")
    return identical


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=160)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--datasets", type=Path, default=web_bench.DEFAULT_DATASETS)
    args = parser.parse_args()
    if not (args.datasets / "extraction").is_dir():
        print(f"scaleout_backfill_bench: no labelled pages at {args.datasets}/extraction", file=sys.stderr)
        return 2
    warnings.filterwarnings("ignore")
    web_bench.HOURS_SPREAD = DAYS * 24 - 1   # publication times over the last 7 days
    rng = random.Random(args.seed)
    pages = web_bench.pick_pages(args.datasets, args.pages, rng)
    servers = []
    for _ in range(web_bench.OUTLETS):
        server = ThreadingHTTPServer(("127.0.0.1", 0), web_bench.Handler)
        server.daemon_threads = True
        servers.append(server)
    outlets = [web_bench.Outlet(n, f"outlet-{n:02d}", "rss" if n % 2 == 0 else "atom", s)
               for n, s in enumerate(servers)]
    for outlet in outlets:
        outlet.server.outlet = outlet
    dead = socket.socket()
    dead.bind(("127.0.0.1", 0))
    web_bench.assign_outlets(pages, outlets)
    web = web_bench.build_web(pages, outlets, dead.getsockname()[1], dt.datetime.now(dt.timezone.utc), rng)
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    days = sorted({p.published.date() for p in pages})[-DAYS:]
    halves = [days[: DAYS // 2 + 1], days[DAYS // 2 + 1:]]
    root = Path(tempfile.mkdtemp(prefix="scaleout-bench-"))
    sources = root / "sources.yaml"
    sources.write_text(web_bench.sources_yaml(outlets, web))
    base = {k: v for k, v in os.environ.items() if not k.startswith(("ETL_", "DAGSTER_"))}
    common = {"sources_file": str(sources), "allow_networks": "127.0.0.0/8", "capture_commit_seconds": "10"}
    if (args.datasets / "lexicons").is_dir():
        common["lexicons"] = str(args.datasets / "lexicons")
    print(f"{len(pages)} real pages on {len(outlets)} outlets, days {days[0]} .. {days[-1]}; "
          f"workers: {halves[0][0]}..{halves[0][-1]} and {halves[1][0]}..{halves[1][-1]}")
    try:
        single = {**common, "data_dir": str(root / "single")}
        env = {**base, **variables(single)}
        ok = run("single machine: etl capture", [(["capture"], env)])
        ok &= run("single machine: etl derive (7 days, one run)", [(["derive", str(days[0]), str(days[-1])], env)])
        reference = every_table(build_settings(**single), RUN_SPECIFIC)
        with postgres_database() as dsn, s3_server() as store:
            import psycopg2

            parts = dict(part.split("=", 1) for part in dsn.split())

            def deployment(name: str) -> dict[str, str]:
                """A scaled-out deployment of its own: catalog and instance databases, store prefix."""
                server = psycopg2.connect(dsn)
                server.autocommit = True
                for database in (f"{name}_lake", f"{name}_dagster"):
                    server.cursor().execute(f"CREATE DATABASE {database}")
                server.close()
                return {**common, **store, "catalog": f"postgres:{dsn.replace('dbname=lake', f'dbname={name}_lake')}",
                        "lake_data": f"s3://newsfacts/{name}/lake/", "raw_store": f"s3://newsfacts/{name}/raw",
                        "dagster_pg_url": f"postgresql://{parts['user']}@/{name}_dagster?host={parts['host']}&port={parts['port']}"}

            def worker(shared: dict, name: str) -> dict[str, str]:
                return {**base, **variables({**shared, "data_dir": str(root / name)})}

            identical = {}
            # Each from a fresh lake (a re-derive of derived days skips unchanged pages): the pools at
            # their default, one step at a time, then raised to 2 as an operator of a cluster would
            # (`dagster instance concurrency set`, from any machine sharing the instance).
            for name, limit in (("default", None), ("raised", 2)):
                shared = deployment(name)
                ok &= run(f"scaled out ({name}): etl capture", [(["capture"], worker(shared, f"{name}-capture"))])
                for pool in WRITER_POOLS if limit else ():
                    subprocess.run([str(Path(sys.executable).with_name("dagster")), "instance", "concurrency", "set",
                                    pool, str(limit)], env={**worker(shared, f"{name}-capture"),
                                                            "DAGSTER_HOME": str(root / f"{name}-capture" / "dagster_home")},
                                   check=True, capture_output=True)
                ok &= run(f"scaled out: 2 workers at once, etl derive over half the days each, pools at {limit or 1}",
                          [(["derive", str(h[0]), str(h[-1])], worker(shared, f"{name}-worker-{n}"))
                           for n, h in enumerate(halves)])
                print(f"two concurrent workers (pools at {limit or 1}) vs the single machine:")
                settings = build_settings(**{**shared, "data_dir": str(root / "reader")})
                identical[name] = compare(reference, every_table(settings, RUN_SPECIFIC))
                local = [p for p in root.glob(f"{name}-worker-*") if (p / "raw").exists() or (p / "lake").exists()]
                print(f"data kept on the workers' own disks: {local or 'none'}")
            ok &= run("scaled out (raised): one worker, etl derive (7 days, one run)",
                      [(["derive", str(days[0]), str(days[-1])], worker(shared, "raised-worker-2"))])
            print("sequential backfill on the scaled-out deployment vs the single machine:")
            sequential_identical = compare(reference, every_table(settings, RUN_SPECIFIC))
        print(f"\nall runs succeeded: {ok}; derived tables identical: two workers {identical['default']}/{len(DERIVED)}, "
              f"two workers with pools raised {identical['raised']}/{len(DERIVED)}, "
              f"sequential {sequential_identical}/{len(DERIVED)}")
        return 0 if ok else 1
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
        dead.close()
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
