"""Every query the documentation shows runs on the demo warehouse and answers something.

Covered: every file in sql/queries/ (through `etl sql`), every ```sql block in README.md and
docs/ (in a plain DuckDB session opened by sql/attach.sql, as the docs say), and every command
line in their ```bash blocks: `etl sql`, `etl search` and `etl export` run here, and so does
`dagster dev` in the demo folder; every other command is named with the test that runs it, so
a new command in the docs cannot go untested unnoticed.
"""

from __future__ import annotations

import itertools
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO_ROOT

DOCS = [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md"))]
QUERIES = sorted((REPO_ROOT / "sql" / "queries").glob("*.sql"))
RUN_HERE = {"sql", "search", "export"}
# Commands the docs show that write the warehouse or start long-lived processes: run elsewhere.
RUN_ELSEWHERE = {
    "demo": "tests/conftest.py (demo_data_dir runs the demo job)",
    "capture": "tests/pipeline/test_capture_health.py, tests/pipeline/test_demo_folder_sources.py",
    "derive": "tests/pipeline/test_rederive.py",
    "import-warc": "tests/pipeline/test_import_warc.py",
    "duckdb": "tests/cli/test_duckdb_shell.py",
}
# Every other program the docs' shell blocks start, with the test that runs it as shown.
PROGRAMS_ELSEWHERE = {
    "python3": ".ci/run (README command 1: the venv and its install, in a clean clone)",
    "pip": ".ci/run (README command 1: the venv and its install, in a clean clone)",
    "python": ".ci/run (README command 2: the test suite)",
    "export": "sets DAGSTER_HOME for the dagster commands below, as test_dagster_dev_in_the_demo_folder does",
    "dagster asset": "tests/pipeline/test_rederive.py, tests/pipeline/test_report_automation.py",
    "dg launch": "tests/pipeline/test_rederive.py",
    "dagster dev": "test_dagster_dev_in_the_demo_folder below",
    "dagster-daemon run": "test_dagster_dev_in_the_demo_folder below (dagster dev runs the daemon)",
    "dagster-webserver": "test_dagster_dev_in_the_demo_folder below (dagster dev runs the webserver)",
}
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
_ASSIGNMENT = re.compile(r"^[A-Z_][A-Z0-9_]*=")


def fenced_blocks(path: Path, language: str) -> list[str]:
    return [body for lang, body in _FENCE.findall(path.read_text(encoding="utf-8")) if lang == language]


def command_lines(path: Path) -> list[list[str]]:
    """The commands of a file's bash blocks, as argument lists: continuations joined, comments
    and leading variable assignments (`ETL_SOURCES=x etl capture`) dropped, `&&` chains split,
    the program named without its folder."""
    commands = []
    for block in fenced_blocks(path, "bash"):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            while words:
                command = list(itertools.takewhile(lambda word: word not in ("&&", "&"), words))
                words = words[len(command) + 1:]
                while command and _ASSIGNMENT.match(command[0]):
                    command = command[1:]
                if command:
                    commands.append([Path(command[0]).name, *command[1:]])
    return commands


def etl_command_lines(path: Path) -> list[list[str]]:
    """Argument lists of the `etl` commands in a file's bash blocks."""
    return [argv[1:] for argv in command_lines(path) if argv[0] == "etl"]


def sql_statements(block: str) -> list[str]:
    return [s.strip() for s in block.split(";") if s.strip() and not all(
        line.strip().startswith("--") for line in s.strip().splitlines())]


@pytest.fixture(scope="module")
def workdir(demo_data_dir, tmp_path_factory) -> Path:
    """A folder laid out like the repository after `etl demo`: `data/` (a copy of the demo
    warehouse, since search and export write beside it) and `sql/`."""
    root = tmp_path_factory.mktemp("docs")
    shutil.copytree(demo_data_dir, root / "data", symlinks=True)
    (root / "sql").symlink_to(REPO_ROOT / "sql")
    return root


@pytest.fixture
def in_workdir(workdir, tmp_path, monkeypatch, command_environment):
    """A fresh current folder per command (exports write files named in the docs), seeing the
    demo's `data/` and the repository's `sql/`."""
    for name in ("data", "sql"):
        (tmp_path / name).symlink_to(workdir / name)
    monkeypatch.chdir(tmp_path)
    command_environment(tmp_path / "data")
    return tmp_path


def _run_etl(argv: list[str], capsys) -> str:
    from etl.cli.main import main

    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 0, f"etl {' '.join(argv)} exited {code}: {err}"
    return out


@pytest.mark.parametrize("query", QUERIES, ids=lambda p: p.name)
def test_every_example_query_answers_on_the_demo(query, in_workdir, capsys):
    out = _run_etl(["sql", f"@sql/queries/{query.name}", "--format", "csv"], capsys)
    header, *rows = out.splitlines()
    assert rows, f"{query.name} returned no rows on the demo"


DOC_COMMANDS = [(path.name, argv) for path in DOCS for argv in etl_command_lines(path)]


def test_the_docs_show_commands_and_every_one_is_run_somewhere():
    assert len(DOC_COMMANDS) >= 10
    unknown = [argv for _, argv in DOC_COMMANDS if argv[0] not in RUN_HERE | set(RUN_ELSEWHERE)]
    assert not unknown, f"etl commands in the docs no test runs: {unknown}"
    others = [argv for path in DOCS for argv in command_lines(path) if argv[0] != "etl"]
    assert len(others) >= 8
    unknown = [argv for argv in others
               if argv[0] not in PROGRAMS_ELSEWHERE and " ".join(argv[:2]) not in PROGRAMS_ELSEWHERE]
    assert not unknown, f"commands in the docs no test runs (or output lines in a bash block): {unknown}"


@pytest.mark.parametrize("argv", [argv for _, argv in DOC_COMMANDS if argv[0] in RUN_HERE],
                         ids=lambda argv: " ".join(argv)[:60])
def test_every_etl_command_in_the_docs_runs_on_the_demo(argv, in_workdir, capsys):
    if argv == ["sql"]:
        pytest.skip("the interactive shell has its own tests (tests/analyst/test_sql_cli.py)")
    out = _run_etl(argv, capsys)
    output = argv[argv.index("--output") + 1] if "--output" in argv else None
    if argv[0] == "export":
        assert (in_workdir / argv[1]).exists()
    elif output:
        assert (in_workdir / output).stat().st_size > 0
    else:
        assert out.strip(), f"etl {' '.join(argv)} printed nothing"


SQL_BLOCKS = [(path.name, i, block) for path in DOCS for i, block in enumerate(fenced_blocks(path, "sql"))]


def test_the_docs_have_sql_blocks():
    assert len(SQL_BLOCKS) >= 2


@pytest.mark.parametrize("block", [b for *_, b in SQL_BLOCKS], ids=[f"{n}#{i}" for n, i, _ in SQL_BLOCKS])
def test_every_sql_block_in_the_docs_runs_in_duckdb(block, in_workdir):
    con = duckdb.connect()
    try:
        con.execute((REPO_ROOT / "sql" / "attach.sql").read_text())
        for statement in sql_statements(block):
            result = con.execute(statement)
            if statement.lstrip().upper().startswith(("SELECT", "FROM", "WITH")):
                rows = result.fetchall()
                # An answer, not an empty or zero one: a time travel to a snapshot before the
                # table had rows would pass unnoticed otherwise.
                assert rows and rows[0][0] not in (None, 0), f"no answer from: {statement}"
    finally:
        con.close()


def test_schedules_and_sensors_the_docs_name_exist():
    from etl.definitions import defs

    named = {name for path in DOCS for name in re.findall(r"`(\w+_(?:schedule|sensor))`", path.read_text())}
    repository = defs.get_repository_def()
    real = {s.name for s in repository.schedule_defs} | {s.name for s in repository.sensor_defs}
    assert "maintenance_schedule" in named
    assert named <= real, f"named in the docs but not defined: {sorted(named - real)}"


_SENSOR_TICKS = """
query ($name: String!) {
  sensorOrError(sensorSelector: {repositoryName: "__repository__", repositoryLocationName: "newsfacts",
                                 sensorName: $name}) {
    ... on Sensor { sensorState { status ticks(limit: 5) { status runIds } } }
  }
}
"""
_RUNS = "{ runsOrError { ... on Runs { results { runId jobName } } } }"
_SCHEDULE = """
{ scheduleOrError(scheduleSelector: {repositoryName: "__repository__", repositoryLocationName: "newsfacts",
                                     scheduleName: "hourly_refresh_schedule"}) {
    ... on Schedule { scheduleState { status } } } }
"""


def test_dagster_dev_in_the_demo_folder(demo_data_dir, tmp_path):
    """`dagster dev -w workspace.yaml` as the README runs it, in the folder `etl demo` left: the UI
    answers, the schedules and sensors run, and the daemon's first sensor evaluations launch
    nothing (the demo days were derived after their captures; the demo never polls the web)."""
    import httpx

    data = tmp_path / "data"
    shutil.copytree(demo_data_dir, data, symlinks=True)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {key: value for key, value in os.environ.items() if not key.startswith("ETL_")}
    env.update(ETL_DATA_DIR=str(data), DAGSTER_HOME=str(data / "dagster_home"))
    dev = subprocess.Popen([str(Path(sys.executable).with_name("dagster")), "dev", "-w", "workspace.yaml",
                            "-h", "127.0.0.1", "-p", str(port)], cwd=REPO_ROOT, env=env, start_new_session=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def graphql(query: str, **variables) -> dict:
        answer = httpx.post(f"http://127.0.0.1:{port}/graphql", json={"query": query, "variables": variables},
                            timeout=30)
        answer.raise_for_status()
        return answer.json()["data"]

    try:
        deadline, ticks = time.monotonic() + 240, []
        while time.monotonic() < deadline and not ticks:
            time.sleep(3)
            try:
                ticks = graphql(_SENSOR_TICKS, name="late_captures_sensor")["sensorOrError"]["sensorState"]["ticks"]
            except (httpx.HTTPError, KeyError, TypeError):
                continue  # the webserver or the code location is still starting
        assert ticks, "the daemon never evaluated late_captures_sensor"
        assert [tick["runIds"] for tick in ticks] == [[]] * len(ticks) and ticks[0]["status"] == "SKIPPED"
        assert graphql(_SCHEDULE)["scheduleOrError"]["scheduleState"]["status"] == "RUNNING"
        # The demo's own runs, and no new one.
        from dagster import DagsterInstance

        with DagsterInstance.from_config(str(demo_data_dir / "dagster_home")) as demo_instance:
            demo_runs = {record.dagster_run.run_id for record in demo_instance.get_run_records()}
        assert {run["runId"] for run in graphql(_RUNS)["runsOrError"]["results"]} == demo_runs
    finally:
        os.killpg(dev.pid, signal.SIGTERM)
        try:
            dev.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(dev.pid, signal.SIGKILL)
            dev.wait()
