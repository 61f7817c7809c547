"""`etl sql` is read-only for real, not only against accidents: the known ways around a read-only
attachment (detach and re-attach writable, COPY TO, reading other files, installing or loading
extensions, the SQLite scanner, switching the settings back) are each refused with a clear
message, and the warehouse is unchanged afterwards. The data folder's path holds a quote, as
some real ones do, which every statement carrying a path must survive."""

from __future__ import annotations

import sqlite3

import duckdb
import pytest

from etl.cli.main import main
from etl.cli.sql_shell import open_analyst_session
from tests.conftest import settings_of
from tests.reliability.test_warc_bounds import _page, write_warc

REFUSED = "refused: "


@pytest.fixture
def warehouse(tmp_path, capsys, command_environment):
    """A warehouse under a path with a quote in it, holding two imported pages."""
    data_dir = tmp_path / "o'brien" / "data"
    command_environment(data_dir)
    warc = write_warc(tmp_path / "pages.warc.gz", [("https://a.example/1", _page("One")),
                                                    ("https://a.example/2", _page("Two"))])
    assert main(["import-warc", str(warc), "--no-derive"]) == 0
    capsys.readouterr()
    return data_dir


def _captures(capsys) -> str:
    assert main(["sql", "SELECT count(*) AS n FROM captures", "--format", "csv"]) == 0
    return capsys.readouterr().out


def test_every_way_around_read_only_is_refused(warehouse, tmp_path, capsys):
    settings = settings_of(warehouse)
    secret = tmp_path / "secret.txt"
    secret.write_text("not for analysts")
    other_db = tmp_path / "other.sqlite"
    with sqlite3.connect(other_db) as con:
        con.execute("CREATE TABLE t AS SELECT 'private' AS v")
    copy_target = tmp_path / "copied.csv"
    catalog = str(settings.catalog_path).replace("'", "''")
    data = str(settings.lake_data_path).replace("'", "''")
    attempts = {
        "re-attach writable": f"USE memory; DETACH lake; ATTACH 'ducklake:sqlite:{catalog}' AS w "
                              f"(DATA_PATH '{data}/', OVERRIDE_DATA_PATH true); DELETE FROM w.captures",
        "detach": "DETACH lake",
        "copy to": f"COPY (SELECT * FROM captures) TO '{copy_target}'",
        "read a file": f"SELECT * FROM read_text('{secret}')",
        "read /etc": "SELECT * FROM read_text('/etc/passwd')",
        "read csv": f"SELECT * FROM read_csv('{secret}')",
        "install": "INSTALL httpfs",
        "load": "LOAD httpfs",
        "sqlite scanner": f"SELECT * FROM sqlite_scan('{other_db}', 't')",
        "attach sqlite": f"ATTACH '{other_db}' AS o (TYPE sqlite)",
        "settings": "SET enable_external_access = true",
        "statement in a string": "SELECT * FROM query('DELETE FROM captures')",
        "write": "DELETE FROM captures",
        "maintenance": "SELECT * FROM ducklake_expire_snapshots('lake', older_than => now())",
    }
    before = _captures(capsys)
    assert before == "n\n2\n"
    for name, sql in attempts.items():
        assert main(["sql", sql]) == 1, name
        err = capsys.readouterr().err
        assert err.startswith(REFUSED), (name, err)
    assert not copy_target.exists()
    assert _captures(capsys) == before


def test_duckdb_itself_is_sealed_too(warehouse):
    """Below the statement check, the session's own settings refuse other files and are locked."""
    con = open_analyst_session(settings_of(warehouse))
    try:
        assert con.execute("SELECT count(*) FROM captures").fetchone()[0] == 2
        with pytest.raises(duckdb.PermissionException):
            con.execute("SELECT * FROM read_text('/etc/passwd')")
        with pytest.raises(duckdb.Error, match="locked"):
            con.execute("SET enable_external_access = true")
        with pytest.raises(duckdb.Error, match="locked"):
            con.execute("SET allowed_directories = ['/']")
        with pytest.raises(duckdb.Error):
            con.execute("INSERT INTO captures (capture_id) VALUES ('x')")
    finally:
        con.close()


def test_queries_analysts_need_still_work(warehouse, capsys):
    for sql in ["SELECT url FROM captures ORDER BY url", "DESCRIBE captures", "SHOW TABLES",
                "SELECT count(*) FROM ducklake_snapshots('lake')", "SUMMARIZE captures",
                "WITH c AS (SELECT * FROM captures) SELECT count(*) FROM c"]:
        assert main(["sql", sql, "--format", "csv"]) == 0, (sql, capsys.readouterr().err)
        capsys.readouterr()
    assert main(["sql", "SELECT max(snapshot_id) AS s FROM ducklake_snapshots('lake')", "--format", "csv"]) == 0
    latest = int(capsys.readouterr().out.split()[1])
    assert main(["sql", f"SELECT count(*) AS n FROM captures AT (VERSION => {latest})", "--format", "csv"]) == 0
    assert capsys.readouterr().out == "n\n2\n"
