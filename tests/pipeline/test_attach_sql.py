"""sql/attach.sql attaches the warehouse read-only in the plain DuckDB CLI (the duckdb-cli
package, same version as the library), with the analyst views."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT

DUCKDB_CLI = Path(sys.executable).parent / "duckdb"


def _cli(data_parent: Path, sql: str) -> subprocess.CompletedProcess:
    # attach.sql names ./data, as a user running it from the repository root has it.
    return subprocess.run([str(DUCKDB_CLI), "-init", str(REPO_ROOT / "sql" / "attach.sql"), "-csv", "-c", sql],
                          cwd=data_parent, capture_output=True, text=True, timeout=120)


def test_plain_duckdb_cli_reads_tables_and_views(demo_data_dir):
    done = _cli(demo_data_dir.parent, "SELECT (SELECT count(*) FROM relation_facts) > 0 AS facts, "
                                       "(SELECT count(*) FROM dyad_daily) > 0 AS views")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "true,true"


def test_plain_duckdb_cli_cannot_write(demo_data_dir):
    done = _cli(demo_data_dir.parent, "DELETE FROM relation_facts")
    assert done.returncode != 0 and "read-only" in done.stderr
