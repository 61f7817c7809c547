"""Every query the documentation shows runs on the demo warehouse and answers something.

Covered: every file in sql/queries/ (through `etl sql`), every ```sql block in README.md and
docs/ (in a plain DuckDB session opened by sql/attach.sql, as the docs say), and every `etl`
command line in their ```bash blocks: `etl sql`, `etl search` and `etl export` run here, the
other commands are named with the tests that run them, so a new command in the docs cannot go
untested unnoticed.
"""

from __future__ import annotations

import re
import shlex
import shutil
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
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)


def fenced_blocks(path: Path, language: str) -> list[str]:
    return [body for lang, body in _FENCE.findall(path.read_text(encoding="utf-8")) if lang == language]


def etl_command_lines(path: Path) -> list[list[str]]:
    """Argument lists of the `etl` commands in a file's bash blocks (continuations joined,
    comments dropped)."""
    commands = []
    for block in fenced_blocks(path, "bash"):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line, comments=True)
            if words and words[0] in ("etl", ".venv/bin/etl"):
                commands.append(words[1:])
    return commands


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
    assert not unknown, f"commands in the docs no test runs: {unknown}"


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
