"""Capture under hostile and long runs: the request deadline and commits as the run goes.

1. Slowloris: a server sends its status line and then one header byte a second. Our fetcher
   (default settings: 60 s request deadline) against a plain httpx client with the same connect
   and read timeouts, which only bound single socket reads: how long each is held.
2. SIGKILL: `etl capture` against local hosts paced by the default politeness (one request a
   second per host) with more pages than fit in --kill-after seconds, killed then. Rows kept in
   the warehouse, against the same run with commits only at the end (as capture worked before
   committing as it goes): pages fetched before the kill, and how many of them are stored.

Both cases run side by side with their baselines, so the wall time is about max(--slowloris,
--kill-after) plus start-up.

    python bench/capture_reliability_bench.py [--slowloris 90] [--kill-after 180] [--hosts 4]
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from etl.capture.fetch import Fetcher  # noqa: E402
from etl.definitions.environment import environment_settings  # noqa: E402
from etl.warehouse import lake  # noqa: E402
from tests.capture.conftest import LOOPBACK, article, make_settings, rss  # noqa: E402
from tests.capture.localserver import LocalServer, response  # noqa: E402


def slowloris_case(seconds: int) -> None:
    def trickle(request):
        yield b"HTTP/1.1 200 OK\r\n"
        for _ in range(seconds):
            yield b"X"
            yield 1.0

    settings = environment_settings()
    held: dict[str, float] = {}
    outcome: dict[str, str] = {}
    with LocalServer() as server:
        server.routes["/feed"] = trickle
        url = server.url("/feed")

        def ours():
            started = time.monotonic()
            with Fetcher(replace(settings, allow_networks=LOOPBACK)) as fetcher:  # default timeouts
                result = fetcher.get(url)
            held["ours"], outcome["ours"] = time.monotonic() - started, result.outcome

        def plain():
            timeout = httpx.Timeout(connect=settings.connect_timeout, read=settings.read_timeout,
                                    write=settings.read_timeout, pool=settings.total_timeout)
            started = time.monotonic()
            try:
                with httpx.Client(timeout=timeout) as client:
                    client.get(url)
                outcome["plain"] = "ok"
            except httpx.HTTPError as exc:
                outcome["plain"] = type(exc).__name__
            held["plain"] = time.monotonic() - started

        threads = [threading.Thread(target=ours), threading.Thread(target=plain)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    print(f"slowloris (1 header byte/s for {seconds} s): ours held {held['ours']:.1f} s -> {outcome['ours']} "
          f"(deadline {settings.total_timeout:g} s); plain httpx with the same per-read timeouts "
          f"held {held['plain']:.1f} s -> {outcome['plain']}")


def _site(server: LocalServer, feeds: int, entries: int) -> None:
    now = datetime.now(timezone.utc)
    for f in range(feeds):
        items = [{"title": f"story {f}-{i}", "link": server.url(f"/p/{f}/{i}"), "guid": f"{f}-{i}",
                  "pubDate": format_datetime(now - timedelta(minutes=i))} for i in range(entries)]
        body = rss(items)
        server.routes[f"/feed/{f}"] = lambda r, body=body: response(200, body, {"Content-Type": "application/rss+xml"})
    server.routes["/robots.txt"] = lambda r: response(200, b"User-agent: *\nAllow: /\n")
    server.fallback = lambda r: response(200, article(r.path), {"Content-Type": "text/html"})


def _kill_run(folder: Path, servers: list[LocalServer], commit_seconds: float, kill_after: float) -> dict:
    lines = ["sources:"]
    for s, server in enumerate(servers):
        for route in sorted(r for r in server.routes if r.startswith("/feed/")):
            lines += [f"  - name: h{s}{route.replace('/', '-')}", f"    url: {server.url(route)}"]
    (folder / "sources.yaml").write_text("\n".join(lines) + "\n")
    data = folder / "data"
    env = {**os.environ, "ETL_DATA_DIR": str(data), "ETL_SOURCES": str(folder / "sources.yaml"),
           "ETL_ALLOW_NETWORKS": "127.0.0.0/8", "ETL_CAPTURE_COMMIT_SECONDS": str(int(commit_seconds)),
           "DAGSTER_HOME": str(data / "dagster_home")}
    process = subprocess.Popen([sys.executable, "-m", "etl.cli.main", "capture"], env=env, cwd=ROOT,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(kill_after)
    process.send_signal(signal.SIGKILL)
    process.wait()
    return sum(1 for server in servers for r in server.requests if r.path.startswith("/p/"))


def _kept(data: Path) -> tuple[int, int, int]:
    """Stored pages, entries and feed fetches in the warehouse of ``data``."""
    con = lake.connect(make_settings(data), read_only=True)
    try:
        return con.execute("SELECT (SELECT count(*) FROM captures WHERE outcome = 'ok'), "
                           "(SELECT count(*) FROM feed_entries), (SELECT count(*) FROM feed_fetches)").fetchone()
    finally:
        con.close()


def kill_case(kill_after: float, hosts: int, feeds: int, entries: int) -> None:
    fetched = {}
    with tempfile.TemporaryDirectory() as tmp:
        runs = {"as it goes (30 s)": 30.0, "only at the end": 1e9}
        servers = {name: [LocalServer() for _ in range(hosts)] for name in runs}
        for group in servers.values():
            for server in group:
                server.__enter__()
                _site(server, feeds, entries)
        try:
            def go(name: str, commit_seconds: float) -> None:
                folder = Path(tmp) / name.split()[0]
                folder.mkdir()
                fetched[name] = _kill_run(folder, servers[name], commit_seconds, kill_after)

            threads = [threading.Thread(target=go, args=item) for item in runs.items()]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        finally:
            for group in servers.values():
                for server in group:
                    server.__exit__()
        total = hosts * feeds * entries
        for name in runs:
            pages, entries_kept, fetches = _kept(Path(tmp) / name.split()[0] / "data")
            print(f"SIGKILL after {kill_after:g} s ({total} pages on {hosts} hosts, 1 request/s each), "
                  f"commits {name}: {fetched[name]} pages fetched, {pages} stored rows kept, "
                  f"{entries_kept} entries, {fetches} feed fetches")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slowloris", type=int, default=90, help="seconds the slow server keeps sending")
    parser.add_argument("--kill-after", type=float, default=180.0)
    parser.add_argument("--hosts", type=int, default=4)
    parser.add_argument("--feeds", type=int, default=10, help="feeds per host")
    parser.add_argument("--entries", type=int, default=40, help="entries per feed")
    args = parser.parse_args()
    threads = [threading.Thread(target=slowloris_case, args=(args.slowloris,)),
               threading.Thread(target=kill_case, args=(args.kill_after, args.hosts, args.feeds, args.entries))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


if __name__ == "__main__":
    main()
