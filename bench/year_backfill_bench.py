"""A year of backfill three ways, compared table by table.

One data folder gets a year of small days (2 pages a day: copies of the reports of
tests/pipeline/imported_pages.py and of one naming countries, on different sites, each day
sharing a report with the day before, so every day's stories continue the previous days'
stories), imported from one WARC with `etl import-warc --no-derive`. Three copies of the folder are then derived over the whole range:

  (a) `etl derive START END` (its job builds the report group after the derive group);
  (b) `dagster asset materialize -m etl.definitions --select group:derive --partition-range START...END`;
  (c) the UI's way: `dagster-webserver` and `dagster-daemon run` on 127.0.0.1 over the copy's
      Dagster home, the location's schedules and sensors stopped through the webserver's GraphQL
      first (they would capture or derive on their own), then the GraphQL mutation the UI's
      "Materialize" dialog sends for a partition range (launchPartitionBackfill: the derive group's
      assets, every day of the range), run by the daemon.

Printed: wall and CPU of each (for (c), CPU of the webserver and daemon process trees, idle
polling included, and the backfill's runs with their partition ranges and duration), the
derive pool's workers for a day of this size and for a day of 1,000 pages, whether each copy's
story days were committed in date order (the DuckLake catalog's snapshot of each `stories`
data file against its partition day), how many articles joined a story begun on an earlier day,
and per derived table IDENTICAL or DIFFERENT against (a), every column compared, rows in any order.

usage: python bench/year_backfill_bench.py [--days 365] [--start 2025-01-01] [--keep]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import cli_environment  # noqa: E402
from tests.pipeline.imported_pages import REPORTS, Report, write_warc  # noqa: E402

BIN = Path(sys.executable).parent
DERIVED = ("articles", "site_templates", "stories", "story_bands", "relation_facts", "coded_articles", "actors",
           "relation_daily")
SITES = 7
# The test pages' reports name no countries; this one gives every way facts and dyad counts to compare.
DIPLOMACY = Report("week-of-diplomacy", "Leaders meet, accuse and warn in a busy week of diplomacy", (
    "French President Emmanuel Macron met German Chancellor Olaf Scholz in Berlin on Tuesday to discuss energy "
    "prices and the cost of the new defence fund.",
    "Russia accused Ukraine of shelling a border village on Monday, a charge Kyiv denied. Officials on both "
    "sides gave different figures for the damage.",
    "Japan and South Korea signed an agreement on Wednesday to share military intelligence, their first such "
    "pact in almost a decade.",
    "China warned the Philippines on Thursday against further patrols near the disputed shoal, after coast "
    "guard ships from both countries came within metres of each other.",
))
YEAR_REPORTS = (*REPORTS, DIPLOMACY)
LOCATION = {"repositoryName": "__repository__", "repositoryLocationName": "newsfacts"}

INSTIGATORS = """
query ($selector: RepositorySelector!) { repositoryOrError(repositorySelector: $selector) {
  ... on Repository { sensors { name sensorState { id status } } schedules { name scheduleState { id status } } }
  ... on PythonError { message } } }
"""
STOP_SENSOR = "mutation ($id: String) { stopSensor(id: $id) { __typename } }"
STOP_SCHEDULE = "mutation ($id: String) { stopRunningSchedule(id: $id) { __typename } }"
LAUNCH_BACKFILL = """
mutation ($params: LaunchBackfillParams!) { launchPartitionBackfill(backfillParams: $params) {
  __typename ... on LaunchBackfillSuccess { backfillId } ... on PythonError { message stack }
  ... on InvalidSubsetError { message } ... on PartitionSetNotFoundError { message } } }
"""
BACKFILL = """
query ($id: String!) { partitionBackfillOrError(backfillId: $id) {
  ... on PartitionBackfill { status error { message } } ... on PythonError { message } } }
"""
BACKFILL_RUNS = """
query ($id: String!) { runsOrError(filter: {tags: [{key: "dagster/backfill", value: $id}]}) {
  ... on Runs { results { runId status startTime endTime assetSelection { path } tags { key value } } } } }
"""


def year_pages(start: dt.date, days: int) -> list:
    """Two copies a day: day n carries report n and report n+1 (mod the reports), so each day
    shares a report with the day before; each copy on its own site."""
    pages = []
    for n in range(days):
        day = start + dt.timedelta(days=n)
        morning = dt.datetime.combine(day, dt.time(9), dt.timezone.utc)
        pages.append((YEAR_REPORTS[n % len(YEAR_REPORTS)], n % SITES, morning))
        pages.append((YEAR_REPORTS[(n + 1) % len(YEAR_REPORTS)], (n + 3) % SITES, morning + dt.timedelta(hours=6)))
    return pages


def timed(label: str, command: list[str], env: dict) -> bool:
    before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.monotonic()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    wall, after = time.monotonic() - started, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    print(f"{label}: exit {done.returncode}, {wall:.1f} s wall, {cpu:.1f} s CPU")
    if done.returncode:
        print("  " + "\n  ".join((done.stderr or done.stdout).strip().splitlines()[-12:]))
    return done.returncode == 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop_group(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def session_cpu(sessions: set[int], seen: dict[int, float]) -> None:
    """Record in ``seen`` the CPU seconds so far of every live process of ``sessions``: the runs
    the daemon launches are not our children, so their time is read from /proc while they live
    (a process living less than the sampling interval is missed)."""
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        # After the name: state ppid pgrp session ... utime(12) stime(13).
        if int(fields[3]) in sessions:
            seen[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick


def ui_backfill(env: dict, start: dt.date, days: int) -> bool:
    """(c): the daemon runs the backfill the webserver's GraphQL API launched, as from the UI."""
    import httpx

    port = free_port()
    url = f"http://127.0.0.1:{port}/graphql"

    def graphql(query: str, **variables) -> dict:
        answer = httpx.post(url, json={"query": query, "variables": variables}, timeout=120)
        body = answer.json() if answer.headers.get("content-type", "").startswith("application/json") else {}
        if answer.is_error or "errors" in body:
            raise RuntimeError(body.get("errors") or f"HTTP {answer.status_code}: {answer.text[:500]}")
        return body["data"]

    started = time.monotonic()
    spawn = dict(cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    webserver = subprocess.Popen([str(BIN / "dagster-webserver"), "-w", "workspace.yaml", "-h", "127.0.0.1",
                                  "-p", str(port)], **spawn)
    daemon, cpu_seen = None, {}
    try:
        deadline, repository = time.monotonic() + 600, None
        while repository is None:
            if time.monotonic() > deadline:
                raise RuntimeError("the webserver never served the code location")
            time.sleep(3)
            try:
                repository = graphql(INSTIGATORS, selector=LOCATION)["repositoryOrError"]
                if "sensors" not in repository:
                    repository = None  # the location is still loading
            except (httpx.HTTPError, RuntimeError):
                continue
        stopped = 0
        for sensor in repository["sensors"]:
            if sensor["sensorState"]["status"] == "RUNNING":
                graphql(STOP_SENSOR, id=sensor["sensorState"]["id"])
                stopped += 1
        for schedule in repository["schedules"]:
            if schedule["scheduleState"]["status"] == "RUNNING":
                graphql(STOP_SCHEDULE, id=schedule["scheduleState"]["id"])
                stopped += 1
        daemon = subprocess.Popen([str(BIN / "dagster-daemon"), "run", "-w", "workspace.yaml"], **spawn)
        submitted = time.monotonic()
        partitions = [(start + dt.timedelta(days=n)).isoformat() for n in range(days)]
        launched = graphql(LAUNCH_BACKFILL, params={"assetSelection": [{"path": [t]} for t in DERIVED],
                                                    "partitionNames": partitions})["launchPartitionBackfill"]
        if "backfillId" not in launched:
            raise RuntimeError(f"backfill not launched: {launched}")
        backfill_id, status = launched["backfillId"], "REQUESTED"
        while status in ("REQUESTED", "CANCELING"):
            for _ in range(5):
                time.sleep(1)
                session_cpu({webserver.pid, daemon.pid}, cpu_seen)
            state = graphql(BACKFILL, id=backfill_id)["partitionBackfillOrError"]
            status = state.get("status", state.get("message"))
        waited = time.monotonic() - submitted
        runs = graphql(BACKFILL_RUNS, id=backfill_id)["runsOrError"]["results"]
        session_cpu({webserver.pid, daemon.pid}, cpu_seen)
    finally:
        for process in (daemon, webserver):
            if process is not None:
                stop_group(process)
    wall, cpu = time.monotonic() - started, sum(cpu_seen.values())
    print(f"(c) UI backfill (GraphQL launchPartitionBackfill, dagster-daemon): {status}, {wall:.1f} s wall "
          f"(webserver start to stop; {waited:.1f} s from submission to the backfill's end), {cpu:.1f} s CPU of the "
          f"webserver and daemon process trees, runs included; {stopped} schedules/sensors stopped first")
    for run in sorted(runs, key=lambda r: r["startTime"] or 0):
        tags = {tag["key"]: tag["value"] for tag in run["tags"]}
        span = (f"{tags.get('dagster/asset_partition_range_start')}...{tags.get('dagster/asset_partition_range_end')}"
                if "dagster/asset_partition_range_start" in tags else tags.get("dagster/partition", "?"))
        seconds = (run["endTime"] or 0) - (run["startTime"] or 0)
        assets = ",".join("/".join(key["path"]) for key in run["assetSelection"] or [])
        print(f"  run {run['runId'][:8]} {run['status']}: {assets} partitions {span}, {seconds:.1f} s")
    return status == "COMPLETED_SUCCESS" and all(run["status"] == "SUCCESS" for run in runs)


def story_commit_order(data: Path) -> tuple[int, bool]:
    """(days of stories in the lake, whether the snapshots that wrote them rise with the day), read
    from the DuckLake catalog: small days are inlined in the catalog, larger ones are Parquet
    files; a day written out of date order shows as a later day committed first."""
    con = sqlite3.connect(f"file:{data / 'lake' / 'catalog.sqlite'}?mode=ro", uri=True)
    try:
        (table_id,) = con.execute("SELECT table_id FROM ducklake_table WHERE table_name = 'stories' "
                                  "AND end_snapshot IS NULL").fetchone()
        first_write: dict[str, int] = {}
        rows = con.execute("""
            SELECT v.partition_value, f.begin_snapshot FROM ducklake_data_file f
            JOIN ducklake_file_partition_value v ON v.data_file_id = f.data_file_id
            WHERE f.table_id = ? AND f.end_snapshot IS NULL""", [table_id]).fetchall()
        for (inlined,) in con.execute("SELECT table_name FROM ducklake_inlined_data_tables WHERE table_id = ?", [table_id]):
            rows += con.execute(f'SELECT partition_date, begin_snapshot FROM "{inlined}" WHERE end_snapshot IS NULL').fetchall()
        for day, snapshot in rows:
            first_write[str(day)] = min(snapshot, first_write.get(str(day), snapshot))
    finally:
        con.close()
    snapshots = [first_write[day] for day in sorted(first_write, key=_day)]
    return len(snapshots), snapshots == sorted(snapshots)


def _day(value: str) -> dt.date:
    """A partition value as the catalog holds it: an ISO day, or days since 1970."""
    return dt.date.fromisoformat(value) if "-" in value else dt.date(1970, 1, 1) + dt.timedelta(days=int(value))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--start", type=dt.date.fromisoformat, default=dt.date(2025, 1, 1))
    parser.add_argument("--keep", action="store_true", help="keep the data folders")
    args = parser.parse_args()
    end = args.start + dt.timedelta(days=args.days - 1)
    root = Path(tempfile.mkdtemp(prefix="year-backfill-"))
    try:
        return run(args.start, end, args.days, root)
    finally:
        if args.keep:
            print(f"data folders kept in {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)


def run(start: dt.date, end: dt.date, days: int, root: Path) -> int:
    import polars as pl

    from etl.cli.dagster_runs import ensure_dagster_home
    from etl.derive.pool import worker_count
    from etl.settings import build_settings
    from tests.scaleout.lake_tables import differences, every_table

    def env_of(folder: Path) -> dict:
        return cli_environment(folder / "data", ETL_PARTITIONS_START=start.isoformat(),
                               DAGSTER_HOME=str(folder / "data" / "dagster_home"))

    pages = year_pages(start, days)
    warc = root / "year.warc.gz"
    write_warc(warc, pages)
    base = root / "base"
    print(f"{len(pages)} pages over {days} days, {start} .. {end}, one WARC")
    if not timed("etl import-warc --no-derive", [str(BIN / "etl"), "import-warc", "--no-derive", str(warc)],
                 env_of(base)):
        return 1
    ways = {"a": root / "a", "b": root / "b", "c": root / "c"}
    for folder in ways.values():
        shutil.copytree(base, folder, symlinks=True)
        # The instance each way records its runs in, with the lake writers' pools, as `etl` makes it.
        ensure_dagster_home(build_settings(data_dir=str(folder / "data")))
    setting = build_settings(data_dir=str(base / "data")).derive_workers
    print(f"derive pool (ETL_DERIVE_WORKERS={setting or 'cores'}, {os.cpu_count()} cores): "
          f"{worker_count(setting, len(pages) // days)} worker(s) for a day of {len(pages) // days} pages, "
          f"{worker_count(setting, 1000)} for a day of 1,000")
    ok = timed(f"(a) etl derive {start} {end}", [str(BIN / "etl"), "derive", start.isoformat(), end.isoformat()],
               env_of(ways["a"]))
    ok &= timed("(b) dagster asset materialize --partition-range",
                [str(BIN / "dagster"), "asset", "materialize", "-m", "etl.definitions", "--select", "group:derive",
                 "--partition-range", f"{start}...{end}"], env_of(ways["b"]))
    ok &= ui_backfill(env_of(ways["c"]), start, days)

    tables = {way: every_table(build_settings(data_dir=str(folder / "data")), {}) for way, folder in ways.items()}
    for way, folder in ways.items():
        committed, in_order = story_commit_order(folder / "data")
        stories = tables[way]["stories"]
        began = stories.group_by("story_id").agg(pl.col("partition_date").min().alias("began"))
        later = stories.join(began, on="story_id").filter(pl.col("partition_date") > pl.col("began")).height
        print(f"({way}) stories: {stories.height} articles in {began.height} stories; {later} joined a story "
              f"begun on an earlier day; story days committed: {committed}, in date order: "
              f"{'yes' if in_order else 'NO'}")
    for way in ("b", "c"):
        found = differences(tables["a"], tables[way])
        print(f"({way}) against (a):")
        for table in DERIVED:
            same = not any(line.startswith(f"{table}:") for line in found)
            print(f"  {table:<16} {tables['a'][table].height:>6} rows (a), {tables[way][table].height:>6} ({way}): "
                  f"{'IDENTICAL' if same else 'DIFFERENT'}")
        ok &= not found
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
