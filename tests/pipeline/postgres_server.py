"""A throwaway PostgreSQL server for tests: initdb in a temporary folder, a Unix socket only
(no TCP listener), stopped and deleted afterwards. Run as the `postgres` user when the tests
run as root, since PostgreSQL refuses to run as root."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path


def postgres_bin() -> Path | None:
    """The folder holding initdb/pg_ctl (Debian keeps them under /usr/lib/postgresql/N/bin)."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.insert(0, str(Path(on_path).resolve().parent))
    tools = ("initdb", "pg_ctl", "createdb")
    return next((Path(c) for c in candidates if all((Path(c) / t).exists() for t in tools)), None)


def _as_server_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def postgres_database(name: str = "lake"):
    """Yields a libpq connection string for a fresh database ``name``."""
    bindir = postgres_bin()
    if bindir is None:
        raise RuntimeError("PostgreSQL server binaries not found: apt-get install -y postgresql")
    root = Path(tempfile.mkdtemp(prefix="etl-pg-"))
    data, socket_dir = root / "data", root / "sock"
    socket_dir.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(socket_dir, "postgres")
    run = lambda *cmd: subprocess.run(_as_server_user([str(bindir / cmd[0]), *cmd[1:]]),  # noqa: E731
                                      check=True, capture_output=True, text=True, timeout=120)
    run("initdb", "-D", str(data), "-A", "trust", "-U", "postgres")
    run("pg_ctl", "-D", str(data), "-w", "-l", str(root / "server.log"),
        "-o", f"-k {socket_dir} -c listen_addresses='' -p 5433", "start")
    try:
        run("createdb", "-h", str(socket_dir), "-p", "5433", "-U", "postgres", name)
        yield f"dbname={name} host={socket_dir} port=5433 user=postgres"
    finally:
        run("pg_ctl", "-D", str(data), "-w", "-m", "fast", "stop")
        shutil.rmtree(root, ignore_errors=True)
