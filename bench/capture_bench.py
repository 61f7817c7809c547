"""Capture throughput: 500 feeds x 20 entries and 5,000 article pages from local hosts with latency.

Hosts are 127.0.0.1 ... 127.0.0.N (all loopback on Linux, each its own politeness key), served
from a separate process so the CPU figure is the capture process alone. Every response waits
50-200 ms. The politeness bound allows each host one request start per --min-interval, so the
run cannot be faster than (requests on the busiest host) x min-interval: that lower bound is
measured in the same run and the wall time is printed against it.

    python bench/capture_bench.py [--feeds 500] [--entries 20] [--pages 5000] [--hosts 50]
"""

from __future__ import annotations

import argparse
import ipaddress
import multiprocessing
import random
import tempfile
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

from etl.capture.run import run_capture
from etl.web.urls import host_key
from etl.capture.sources import Source
from etl.capture.state import CaptureState
from etl.definitions.environment import environment_settings

PAGE_FILLER = " ".join(f"Paragraph {i} of the report, with enough words to look like news." for i in range(60))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    entries = 20
    pages = 5000

    def log_message(self, *args):
        pass

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        time.sleep(random.uniform(0.05, 0.2))  # injected latency
        host = self.server.server_address[0]
        port = self.server.server_address[1]
        if self.path.startswith("/feed/"):
            feed = int(self.path.split("/")[2].split(".")[0])
            items = []
            for i in range(self.entries):
                page = (feed * self.entries + i) % self.pages
                items.append(f"<item><title>Story {page}</title><guid>story-{page}</guid>"
                             f"<link>{self.server.page_url(page)}</link>"
                             f"<pubDate>Tue, 07 May 2024 {i % 24:02d}:00:00 GMT</pubDate>"
                             f"<description>Summary of story {page}</description></item>")
            body = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {feed}</title>'
                    f"<link>http://{host}:{port}/</link>{''.join(items)}</channel></rss>").encode()
            self._send(200, body, "application/rss+xml")
        elif self.path.startswith("/page/"):
            page = self.path.split("/")[2].split(".")[0]
            body = (f"<!doctype html><html><head><title>Story {page}</title>"
                    f'<meta property="article:published_time" content="2024-05-07T08:00:00Z"></head>'
                    f"<body><article><h1>Story {page}</h1><p>{PAGE_FILLER}</p></article></body></html>").encode()
            self._send(200, body, "text/html; charset=utf-8")
        else:
            self._send(404, b"not found", "text/plain")


def _serve(hosts: int, entries: int, pages: int, ready) -> None:
    _Handler.entries, _Handler.pages = entries, pages
    servers = []
    for k in range(hosts):
        server = ThreadingHTTPServer((f"127.0.0.{k + 1}", 0), _Handler)
        server.daemon_threads = True
        server.request_queue_size = 128
        servers.append(server)
    addresses = [s.server_address[:2] for s in servers]

    def page_url(page: int) -> str:
        address, port = addresses[page % hosts]
        return f"http://{address}:{port}/page/{page}.html"

    for server in servers:
        server.page_url = page_url
        Thread(target=server.serve_forever, daemon=True).start()
    ready.put(addresses)
    while True:
        time.sleep(3600)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--entries", type=int, default=20)
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--min-interval", type=float, default=0.25, help="seconds between request starts per host")
    parser.add_argument("--concurrency", type=int, default=2, help="requests in flight per host")
    parser.add_argument("--workers", type=int, default=None, help="capture threads (default: settings)")
    args = parser.parse_args()

    ready = multiprocessing.Queue()
    server = multiprocessing.Process(target=_serve, args=(args.hosts, args.entries, args.pages, ready), daemon=True)
    server.start()
    addresses = ready.get(timeout=30)
    sources = [Source(f"feed-{f}", f"http://{addresses[f % args.hosts][0]}:{addresses[f % args.hosts][1]}/feed/{f}.xml")
               for f in range(args.feeds)]
    base = environment_settings()
    settings = base.__class__(**{
        **base.__dict__, "allow_networks": (ipaddress.ip_network("127.0.0.0/8"),),
        "per_host_min_interval": args.min_interval, "per_host_concurrency": args.concurrency,
        "capture_workers": args.workers or base.capture_workers,
    })
    with tempfile.TemporaryDirectory() as tmp:
        cpu0, wall0 = time.process_time(), time.perf_counter()
        result = run_capture(sources, CaptureState.empty(), Path(tmp) / "raw", settings)
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        state = CaptureState.from_frames(result.feed_state, result.entries, result.captures)
        cpu1, wall1 = time.process_time(), time.perf_counter()
        again = run_capture(sources, state, Path(tmp) / "raw", settings)
        poll_wall, poll_cpu = time.perf_counter() - wall1, time.process_time() - cpu1
    server.terminate()

    requests = Counter(host_key(u) for u in result.fetches["requested_url"])
    requests.update(host_key(u) for u in result.captures["url"])
    requests.update({host: 1 for host in requests})  # one robots.txt per host
    busiest = max(requests.values())
    bound = (busiest - 1) * args.min_interval
    pages = result.captures.filter(result.captures["outcome"] == "ok").height
    print(f"feeds {args.feeds} x {args.entries} entries over {args.hosts} hosts; latency 50-200 ms; "
          f"politeness {args.concurrency} in flight and {args.min_interval} s between starts per host; "
          f"{settings.capture_workers} workers")
    print(f"fetches: {dict(Counter(result.fetches['outcome']))}; entries {result.entries.height}; "
          f"pages archived {pages} of {result.captures.height}")
    print(f"first run: wall {wall:.1f} s vs politeness lower bound {bound:.1f} s "
          f"(busiest host {busiest} requests x {args.min_interval} s): ratio {wall / bound:.2f}")
    print(f"first run: CPU {cpu:.1f} s = {1000 * cpu / max(pages, 1):.1f} ms CPU per page (feed parsing, "
          f"page metadata, WARC writing included); {cpu / wall:.2f} cores busy on average")
    print(f"second run (all feeds unchanged): wall {poll_wall:.1f} s, CPU {poll_cpu:.1f} s, "
          f"outcomes {dict(Counter(again.fetches['outcome']))}")
    hour_share = cpu / (2 * 3600)
    print(f"hourly budget: this load costs {cpu:.0f} CPU-s = {100 * hour_share:.2f}% of 2 cores for an hour")


if __name__ == "__main__":
    main()
