"""An analyst who may read the data folder but not write it (another account, a read-only share)
can still query and search: the catalog is read from a private copy (SQLite's WAL mode cannot be
read in place without write access), and a stale search index is rebuilt in a temporary folder.
Nothing is written into the data folder. Run as the `nobody` account when the tests run as root
(root ignores file modes), else with the folder's write bits removed."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from etl.cli.main import main
from tests.conftest import cli_environment
from tests.reliability.test_warc_bounds import _page, write_warc

ETL = Path(sys.executable).parent / "etl"


def _listing(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_size for p in folder.rglob("*") if p.is_file()}


# As root the reader runs as `nobody` (root ignores file modes).
AS_NOBODY = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]


def _as_reader(args: list[str], data_dir: Path) -> subprocess.CompletedProcess:
    env = cli_environment(data_dir, HOME="/nonexistent")
    command = [str(ETL), *args]
    if os.geteuid() == 0:
        command = [*AS_NOBODY, *command]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def readonly_data_dir(capsys, command_environment):
    if os.geteuid() == 0 and subprocess.run([*AS_NOBODY, str(ETL), "--help"], capture_output=True, timeout=120).returncode:
        # A checkout inside a folder only root may enter (a 0700 temporary folder) hides the
        # interpreter from every other account: there is no reader to run as.
        pytest.skip("the nobody account cannot run this checkout's etl (a parent folder is private)")
    # Outside pytest's own temporary folders, which other accounts cannot enter.
    base = Path(tempfile.mkdtemp(prefix="etl-readonly-"))
    base.chmod(0o755)
    data_dir = base / "data"
    command_environment(data_dir)
    warc = write_warc(base / "pages.warc.gz", [("https://a.example/1", _page("Fisheries talks resume"))])
    assert main(["import-warc", str(warc)]) == 0     # archive, index and derive the day
    capsys.readouterr()
    shutil.rmtree(data_dir / "search")                  # the index must be rebuilt by the reader
    modes = {}
    for path in [data_dir, *data_dir.rglob("*")]:
        if path.is_symlink():
            continue
        modes[path] = mode = path.stat().st_mode
        readable = mode | stat.S_IRGRP | stat.S_IROTH | (stat.S_IXGRP | stat.S_IXOTH if path.is_dir() else 0)
        # As root the reader is `nobody`, who may not write what root owns; otherwise drop the write bits.
        path.chmod(readable if os.geteuid() == 0 else readable & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        yield data_dir
    finally:
        for path, mode in modes.items():
            path.chmod(mode | stat.S_IWUSR)
        shutil.rmtree(base)


def test_search_and_sql_on_a_folder_the_reader_cannot_write(readonly_data_dir):
    before = _listing(readonly_data_dir)
    searched = _as_reader(["search", "fisheries", "--format", "csv"], readonly_data_dir)
    assert searched.returncode == 0, searched.stderr[-2000:]
    assert "https://a.example/1" in searched.stdout
    assert "read-only, so it was built in a temporary folder" in searched.stderr
    queried = _as_reader(["sql", "SELECT count(*) AS n FROM articles WHERE status = 'ok'", "--format", "csv"],
                         readonly_data_dir)
    assert queried.returncode == 0, queried.stderr[-2000:]
    assert queried.stdout == "n\n1\n"
    assert _listing(readonly_data_dir) == before
