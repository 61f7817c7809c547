"""A throwaway S3-compatible server for tests: moto in server mode, in its own process, on a free
port of 127.0.0.1, with one empty bucket. Real HTTP: DuckDB's httpfs and s3fs talk to it as they
would to any S3-compatible store."""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

from etl.definitions.environment import ENVIRONMENT_VARIABLES

# moto accepts any credentials; these only have to be the same on every client.
KEY_ID, SECRET = "etl-test-key", "etl-test-secret"
REGION = "us-east-1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def s3_server(bucket: str = "newsfacts"):
    """Yields the object-store settings (settings fields) of a fresh server holding an empty
    ``bucket``."""
    port = free_port()
    endpoint = f"http://127.0.0.1:{port}"
    # The server logs every request: to a file, since an unread pipe fills up and stops it.
    log = tempfile.TemporaryFile(mode="w+")
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.1", "-p", str(port)],
        stdout=log, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.put(f"{endpoint}/{bucket}", timeout=5).raise_for_status()
                break
            except httpx.TransportError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError(f"moto_server did not start: {log.read()[-2000:]}") from None
                time.sleep(0.2)
        yield {"s3_endpoint": endpoint, "s3_key_id": KEY_ID, "s3_secret": SECRET, "s3_region": REGION,
               "s3_url_style": "path"}
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:  # werkzeug may sit in a request thread: stop it
            server.kill()
            server.wait(timeout=10)
        log.close()


def as_variables(values: dict[str, str]) -> dict[str, str]:
    """Settings fields as the environment variables of an `etl` command started as a process."""
    return {ENVIRONMENT_VARIABLES[field]: str(value) for field, value in values.items()}
