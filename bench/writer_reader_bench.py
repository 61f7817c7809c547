"""Readers and writers side by side on the SQLite-catalog warehouse, in separate processes.

1. A long reader (a read-only session holding one transaction open for READER_SECONDS, as an
   analyst's `BEGIN` or a long query does) while `etl derive` replaces a day: both must succeed.
   Baseline in the same run: the same trial with the catalog in SQLite's default rollback
   journal, where the reader holds the catalog and the writer waits for it (or fails).
2. Two `etl derive` of the same day started together: both must succeed, one after the other.

    .venv/bin/python bench/writer_reader_bench.py [--trials 10] [--reader-seconds 60]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DAY = "2024-11-14"
# A derive in a child process; the journal mode is the one knob the baseline changes.
DERIVE = ("import sys, etl.warehouse.lake as lake; lake.CATALOG_JOURNAL_MODE = sys.argv[1]; "
          "from etl.cli.main import main; sys.exit(main(['derive', sys.argv[2]]))")
READER = ("import sys, time; from etl.warehouse import lake; con = lake.connect(read_only=True); "
          "con.execute('BEGIN'); n = con.execute('SELECT count(*) FROM articles').fetchone()[0]; "
          "print('ready', flush=True); time.sleep(float(sys.argv[1])); "
          "assert con.execute('SELECT count(*) FROM articles').fetchone()[0] == n; con.execute('COMMIT')")


def environment(data_dir: Path) -> dict[str, str]:
    return {**os.environ, "ETL_DATA_DIR": str(data_dir), "DAGSTER_HOME": str(data_dir / "dagster_home")}


def start_derive(data_dir: Path, journal: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", DERIVE, journal, DAY], cwd=REPO, env=environment(data_dir),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def set_journal(data_dir: Path, journal: str) -> None:
    con = sqlite3.connect(data_dir / "lake" / "catalog.sqlite")
    con.execute(f"PRAGMA journal_mode = {journal}")
    con.close()


def reader_trial(data_dir: Path, journal: str, reader_seconds: float) -> tuple[bool, bool, float, str]:
    """(reader ok, derive ok, derive wall seconds, derive error tail)."""
    set_journal(data_dir, journal)
    reader = subprocess.Popen([sys.executable, "-c", READER, str(reader_seconds)], cwd=REPO,
                              env=environment(data_dir), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert reader.stdout.readline().strip() == "ready"
    started = time.monotonic()
    derive = start_derive(data_dir, journal)
    _, derive_err = derive.communicate()
    derive_seconds = time.monotonic() - started
    _, reader_err = reader.communicate()
    return reader.returncode == 0, derive.returncode == 0, derive_seconds, first_error(derive_err)


def first_error(stderr: str) -> str:
    """The first line naming an error in a failed run's log (the last one only says a step failed)."""
    lines = [line.strip() for line in stderr.splitlines() if "Error" in line or "error" in line]
    return lines[0][:200] if lines else ""


def solo_derive(data_dir: Path) -> float:
    started = time.monotonic()
    derive = start_derive(data_dir, "WAL")
    derive.communicate()
    assert derive.returncode == 0
    return time.monotonic() - started


def twin_trial(data_dir: Path) -> tuple[int, float, set[str]]:
    started = time.monotonic()
    derives = [start_derive(data_dir, "WAL") for _ in range(2)]
    errors = {first_error(derive.communicate()[1]) for derive in derives}
    return sum(d.returncode == 0 for d in derives), time.monotonic() - started, errors - {""}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--baseline-trials", type=int, default=2)
    parser.add_argument("--reader-seconds", type=float, default=60.0)
    parser.add_argument("--twin-trials", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        subprocess.run([sys.executable, "-m", "etl.cli.main", "demo", "--data-dir", str(data_dir), "--port", "0"],
                       cwd=REPO, env=environment(data_dir), check=True, stdout=subprocess.DEVNULL)
        shutil.rmtree(data_dir / "search", ignore_errors=True)
        solo = solo_derive(data_dir)
        print(f"derive of {DAY} alone: {solo:.1f} s")
        for journal, trials in (("DELETE", args.baseline_trials), ("WAL", args.trials)):
            results = [reader_trial(data_dir, journal, args.reader_seconds) for _ in range(trials)]
            both = sum(r and d for r, d, _, _ in results)
            waits = ", ".join(f"{s:.0f}" for _, _, s, _ in results)
            errors = {e for _, d, _, e in results if not d}
            print(f"{args.reader_seconds:.0f} s reader + derive, catalog journal {journal}: both succeeded "
                  f"{both} of {trials}; derive wall s: {waits}" + (f"; errors: {errors}" if errors else ""))
        twins = [twin_trial(data_dir) for _ in range(args.twin_trials)]
        errors = set().union(*(e for _, _, e in twins))
        print(f"two derives of {DAY} at once: both succeeded {sum(ok == 2 for ok, _, _ in twins)} of {len(twins)}; "
              f"wall s {', '.join(f'{s:.0f}' for _, s, _ in twins)} (one alone {solo:.0f} s)"
              + (f"; errors: {errors}" if errors else ""))


if __name__ == "__main__":
    main()
