"""A small HTTP/1.1 server on 127.0.0.1 (real sockets) whose routes can misbehave on purpose.

A route returns either raw response bytes (written as they are, so a test can send a garbage
status line or a body shorter than its Content-Length) or an iterable of byte chunks and float
pauses (for slow and streamed bodies). Every request is logged with its headers.
"""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from dataclasses import dataclass
from email.utils import formatdate
from typing import Callable, Iterable


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]   # lowercased names
    at: float


Route = Callable[[Request], "bytes | Iterable[bytes | float]"]


def response(status: int = 200, body: bytes = b"", headers: dict | None = None, reason: str = "X",
             content_length: int | None = None) -> bytes:
    """Raw bytes of an HTTP/1.1 response; ``content_length`` may lie on purpose."""
    lines = [f"HTTP/1.1 {status} {reason}"]
    all_headers = {"Date": formatdate(usegmt=True), "Connection": "close"}
    all_headers.update(headers or {})
    if "Transfer-Encoding" not in all_headers:
        all_headers.setdefault("Content-Length", str(len(body) if content_length is None else content_length))
    lines += [f"{k}: {v}" for k, v in all_headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class _Handler(socketserver.StreamRequestHandler):
    def handle(self):
        try:
            line = self.rfile.readline(65537).decode("latin-1").strip()
            if not line:
                return
            method, path, _ = (line.split(" ", 2) + ["", ""])[:3]
            headers = {}
            while (header := self.rfile.readline(65537).decode("latin-1").strip()):
                name, _, value = header.partition(":")
                headers[name.strip().lower()] = value.strip()
            request = Request(method, path, headers, time.monotonic())
            server: LocalServer = self.server.owner
            server.log(request)
            route = server.routes.get(path.split("?", 1)[0]) or server.fallback
            output = route(request)
            if isinstance(output, (bytes, bytearray)):
                self.wfile.write(output)
                return
            for piece in output:
                if isinstance(piece, float):
                    time.sleep(piece)
                else:
                    self.wfile.write(piece)
                    self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (size cap, timeout): that is what the test provoked


class _ThreadingServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256


class LocalServer:
    def __init__(self, host: str = "127.0.0.1", routes: dict[str, Route] | None = None):
        self.routes: dict[str, Route] = dict(routes or {})
        self.requests: list[Request] = []
        self._lock = threading.Lock()
        self._server = _ThreadingServer((host, 0), _Handler)
        self._server.owner = self
        self.host, self.port = self._server.server_address[:2]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def fallback(self, request: Request) -> bytes:
        return response(404, b"not here")

    def log(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)

    def requests_to(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path.split("?", 1)[0] == path]

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def __enter__(self) -> "LocalServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()


def refused_port() -> int:
    """A port on 127.0.0.1 that is bound but never listens: connecting to it is refused."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    refused_port.held.append(sock)  # keep it bound so no other process takes it meanwhile
    return sock.getsockname()[1]


refused_port.held = []
