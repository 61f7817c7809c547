"""`etl duckdb`: the DuckDB CLI of the bundled duckdb-cli package, with the warehouse attached.

The package's own ``duckdb`` command is a Python wrapper around the binary: Ctrl-C reaches both,
the wrapper dies on KeyboardInterrupt and takes the binary with it, leaving the terminal in raw
mode. Here the binary is started with SIGINT at its default (DuckDB installs its own handler and
cancels the running query, as users expect) while this process ignores it and only waits, then
removes the private init file (it may hold object-store keys) when the shell ends.
"""

from __future__ import annotations

import signal
import subprocess
from importlib.util import find_spec
from pathlib import Path

from etl.settings import Settings
from etl.warehouse import lake


def duckdb_binary() -> Path:
    """The DuckDB CLI binary the duckdb-cli package ships (same version as the Python API)."""
    spec = find_spec("duckdb_cli")
    binary = Path(spec.origin).parent / "duckdb" if spec and spec.origin else None
    if binary is None or not binary.is_file():
        raise FileNotFoundError("the DuckDB CLI is not installed: pip install the duckdb-cli version in requirements.lock")
    return binary


def init_script(settings: Settings) -> str:
    """What the shell runs first: offline extensions, the lake attached read-only and selected."""
    statements = [
        f"SET extension_directory = {lake.sql_literal(str(lake.extension_dir(settings)))}",
        "SET autoinstall_known_extensions = false",
        *lake.session_statements(settings, read_only=True),
    ]
    return "".join(f"{statement};\n" for statement in statements)


def run_duckdb_shell(settings: Settings, args: list[str]) -> int:
    """Run the DuckDB CLI on the warehouse (``args`` go to it unchanged); returns its exit code."""
    lake.require_warehouse(settings)
    binary = duckdb_binary()
    script = lake.process_temp_dir() / "attach.sql"
    script.touch(mode=0o600)
    script.write_text(init_script(settings), encoding="utf-8")
    ignored = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        return subprocess.call([str(binary), "-init", str(script), *args],
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    finally:
        signal.signal(signal.SIGINT, ignored)
        script.unlink(missing_ok=True)
