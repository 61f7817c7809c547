"""Paths and settings reach SQL quoted: a data folder named o'brien works for every command, and a
catalog setting holding SQL cannot run it. `etl export` into a folder that does not exist says
so instead of creating it."""

from __future__ import annotations

from etl.cli.main import main
from tests.reliability.test_warc_bounds import _page, write_warc

IMPORTED_DAY = "2024-10-02"  # the pages' WARC-Date (they carry no date of their own)


def test_a_quote_in_the_data_folder_works_for_every_command(tmp_path, command_environment, capsys):
    data_dir = tmp_path / "o'brien" / "data"
    command_environment(data_dir)
    warc = write_warc(tmp_path / "pages.warc.gz", [("https://a.example/1", _page("Talks resume"))])
    assert main(["import-warc", str(warc)]) == 0, capsys.readouterr().err       # imports, then derives the day
    assert f"derived 1 day(s)" in capsys.readouterr().out
    assert main(["derive", IMPORTED_DAY]) == 0, capsys.readouterr().err
    # The day was derived by the import; deriving it again carries its unchanged article over.
    assert "articles                0 rows written, 1 in the table" in capsys.readouterr().out
    assert main(["sql", "SELECT count(*) AS n FROM articles", "--format", "csv"]) == 0
    assert capsys.readouterr().out == "n\n1\n"
    assert main(["search", "talks", "--format", "csv"]) == 0, capsys.readouterr().err
    assert "https://a.example/1" in capsys.readouterr().out
    export_dir = tmp_path / "exports o'hara"
    export_dir.mkdir()
    assert main(["export", str(export_dir / "share.duckdb"), "--tables", "articles"]) == 0, capsys.readouterr().err
    assert main(["export", str(export_dir / "parquet"), "--format", "parquet", "--tables", "articles"]) == 0
    assert (export_dir / "parquet" / "articles.parquet").exists()
    import duckdb

    con = duckdb.connect(str(export_dir / "share.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
    con.close()


def test_sql_in_the_catalog_setting_is_not_run(tmp_path, command_environment, capsys):
    written = tmp_path / "written-by-injection.csv"
    command_environment(tmp_path / "data", ETL_CATALOG=f"sqlite:{tmp_path}/c.sqlite'; COPY (SELECT 42) TO '{written}'; --")
    warc = write_warc(tmp_path / "pages.warc.gz", [("https://a.example/1", _page("One"))])
    for command in (["import-warc", str(warc), "--no-derive"], ["sql", "SELECT 1"]):
        assert main(command) == 1
        err = capsys.readouterr().err
        assert "warehouse error" in err and "COPY (SELECT 42)" in err, err   # the odd file name, quoted whole
    assert not written.exists()


def test_export_to_a_missing_folder_is_refused(tmp_path, command_environment, capsys):
    command_environment(tmp_path / "data")
    warc = write_warc(tmp_path / "pages.warc.gz", [("https://a.example/1", _page("One"))])
    assert main(["import-warc", str(warc), "--no-derive"]) == 0
    capsys.readouterr()
    for target, fmt in [(tmp_path / "no-such-folder" / "x.duckdb", "duckdb"), (tmp_path / "no-such" / "pq", "parquet")]:
        assert main(["export", str(target), "--format", fmt]) == 2
        err = capsys.readouterr().err
        assert "export refused" in err and f"folder {target.parent} does not exist" in err
        assert not target.parent.exists()
