"""A real HTTP server on 127.0.0.1 that serves the demo outlets, so capture runs unmodified.

Usage::

    with DemoServer() as server:
        server.set_clock(capture_clocks()[0])
        server.write_sources_yaml(tmp / "sources.yaml")
        ...  # run capture with ETL_SOURCES pointing there and ETL_ALLOW_NETWORKS=127.0.0.0/8

The dead feed points at a port the server holds bound but never listens on: no other process can
take the port meanwhile, and connecting to it is refused, like a decommissioned feed host.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import socket
import threading
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

from etl.demo.site import DemoSite, Document
from etl.demo.timeline import DEMO_DAYS, capture_clocks

__all__ = ["DEMO_DAYS", "DEMO_PORT", "DemoServer", "capture_clocks"]

HOST = "127.0.0.1"
# `etl demo` serves on a fixed port: page URLs (and so article keys) then stay the same from one
# demo run to the next, and re-running the demo on the same data directory adds no duplicates.
DEMO_PORT = 8617
# The demo host is this process: no one to be gentle with, and the demo should run in seconds.
# Capture still goes through its per-host scheduler, only with these limits for the demo host.
DEMO_POLITENESS = {"min_interval": 0.0, "concurrency": 4}
# Small bodies are not worth compressing; real front ends use a similar floor.
GZIP_MIN_BYTES = 1024


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _not_modified(headers, etag: str, last_modified: dt.datetime | None) -> bool:
    """RFC 9110: If-None-Match wins when present; otherwise If-Modified-Since is compared."""
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:
        return etag in {tag.strip() for tag in if_none_match.split(",")} or if_none_match.strip() == "*"
    since = headers.get("If-Modified-Since")
    if since and last_modified is not None:
        try:
            return last_modified.replace(microsecond=0) <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


class _Handler(BaseHTTPRequestHandler):
    server_version = "DemoNewsServer/1.0"
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - name fixed by BaseHTTPRequestHandler
        self._answer(send_body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        demo: DemoServer = self.server.demo
        doc = demo.site.respond(self.path, demo.base_url, demo.clock)
        etag = _etag(doc.body)
        if doc.status == 200 and _not_modified(self.headers, etag, doc.last_modified):
            self._send(304, doc, b"", etag, send_body)
            return
        body, encoded = doc.body, False
        if "gzip" in self.headers.get("Accept-Encoding", "") and len(body) >= GZIP_MIN_BYTES:
            # mtime=0 keeps the compressed bytes a function of the content alone.
            body, encoded = gzip.compress(body, mtime=0), True
        self._send(doc.status, doc, body, etag, send_body, encoded)

    def _send(self, status: int, doc: Document, body: bytes, etag: str, send_body: bool,
              gzipped: bool = False) -> None:
        self.send_response(status)
        self.send_header("Content-Type", doc.content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        if doc.status == 200:
            self.send_header("ETag", etag)
            self.send_header("Cache-Control", "public, max-age=300")
            if doc.last_modified is not None:
                self.send_header("Last-Modified", format_datetime(doc.last_modified, usegmt=True))
        self.end_headers()
        if send_body and body:
            self.wfile.write(body)
        self.server.demo.record(self.command, self.path, status)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - signature fixed upstream
        # Requests are kept in DemoServer.requests instead of being printed to stderr.
        return


class DemoServer:
    """The demo outlets on http://127.0.0.1:PORT, answering as of a settable clock."""

    def __init__(self, port: int = 0, site: DemoSite | None = None) -> None:
        self.site = site or DemoSite()
        self._port = port
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._dead_socket: socket.socket | None = None
        # Until told otherwise the server shows the final state: everything published.
        self._clock = capture_clocks()[-1]
        self._log_lock = threading.Lock()
        self.requests: list[tuple[dt.datetime, str, str, int]] = []

    # -- lifecycle -------------------------------------------------------------------------------
    def start(self) -> DemoServer:
        if self._httpd is not None:
            return self
        httpd = ThreadingHTTPServer((HOST, self._port), _Handler)
        httpd.daemon_threads = True
        httpd.demo = self
        dead = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        # Bound, never listen(): connections to it are refused. Next to a fixed port it is fixed
        # too, so the dead feed's URL is stable across demo runs.
        dead.bind((HOST, self._port + 1 if self._port else 0))
        self._httpd, self._dead_socket = httpd, dead
        self._thread = threading.Thread(target=httpd.serve_forever, name="demo-news-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is None:
            return
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()
        self._dead_socket.close()
        self._httpd = self._thread = self._dead_socket = None

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    # -- addresses -------------------------------------------------------------------------------
    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("DemoServer is not started")
        return f"http://{HOST}:{self._httpd.server_address[1]}"

    @property
    def dead_url_base(self) -> str:
        if self._dead_socket is None:
            raise RuntimeError("DemoServer is not started")
        return f"http://{HOST}:{self._dead_socket.getsockname()[1]}"

    # -- clock -----------------------------------------------------------------------------------
    @property
    def clock(self) -> dt.datetime:
        return self._clock

    def set_clock(self, now: dt.datetime) -> None:
        """Serve the outlets as they were at `now` (aware): feeds list what was listed by then,
        unpublished pages are 404, and an edited page shows the version live at that time."""
        if now.tzinfo is None:
            raise ValueError("set_clock needs an aware datetime")
        self._clock = now.astimezone(dt.timezone.utc)

    # -- sources ---------------------------------------------------------------------------------
    def sources(self) -> list[dict]:
        """Every demo feed as a sources.yaml entry, the malformed and the dead one included."""
        out = []
        for outlet in self.site.outlets:
            for feed in outlet.feeds:
                base = self.dead_url_base if feed.kind == "dead" else self.base_url
                out.append({
                    "name": feed.name,
                    "url": f"{base}{outlet.prefix}{feed.path}",
                    "language": outlet.language,
                    "tags": ["demo", outlet.template],
                    "politeness": dict(DEMO_POLITENESS),
                })
        return out

    def write_sources_yaml(self, path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        header = f"# Demo feeds served by etl.demo.DemoServer at {self.base_url}; valid while it runs.\n"
        body = yaml.safe_dump({"sources": self.sources()}, sort_keys=False, allow_unicode=True)
        path.write_text(header + body, encoding="utf-8")
        return path

    # -- request log -----------------------------------------------------------------------------
    def record(self, method: str, target: str, status: int) -> None:
        with self._log_lock:
            self.requests.append((self._clock, method, target, status))
