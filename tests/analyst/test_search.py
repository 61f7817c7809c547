"""`etl search`: the fts index file, BM25 ranking, one hit per story, snippets and staleness."""

from __future__ import annotations

import json

from etl.analyst.search_index import read_index_info
from etl.cli.main import main
from etl.warehouse import lake
from tests.conftest import settings_of


def _search(capsys, *args: str) -> list[dict]:
    assert main(["search", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_ranked_results_collapse_syndicated_copies(sample_warehouse, capsys):
    results = _search(capsys, "secretariat")
    assert len(results) == 1  # three outlets carried it: one result
    assert results[0]["story_id"] == "s5" and results[0]["outlets"] == 3
    # Plain text in JSON and CSV: the « » marks are for the terminal only.
    assert "secretariat" in results[0]["snippet"] and "«" not in results[0]["snippet"]
    assert main(["search", "secretariat", "--format", "csv"]) == 0
    assert "«" not in capsys.readouterr().out
    assert main(["search", "secretariat"]) == 0
    assert "«secretariat»" in capsys.readouterr().out


def test_results_match_as_many_query_words_as_the_best_one(sample_warehouse, capsys):
    # "missile-warning data" (s4) shares only the stem of "missiles" with the query.
    assert [r["story_id"] for r in _search(capsys, "ballistic missiles")] == ["s1"]
    # With no article holding every word, the best level is kept: here one word of two.
    assert {r["story_id"] for r in _search(capsys, "missiles zebra")} == {"s1", "s4"}


def test_stemming_ranks_and_filters(sample_warehouse, capsys):
    results = _search(capsys, "cooperating with Japan")
    assert [r["story_id"] for r in results][:2] in (["s4", "s2"], ["s2", "s4"])
    assert results[0]["score"] >= results[-1]["score"]
    assert main(["search", "cooperating with Japan", "--limit", "1"]) == 0
    assert "«cooperate»" in capsys.readouterr().out  # "cooperating" matched by its stem
    only_13th = _search(capsys, "cooperating with Japan", "--since", "2024-11-13", "--until", "2024-11-13")
    assert {r["day"] for r in only_13th} == {"2024-11-13"}
    assert _search(capsys, "Korea", "--source", "keystone-wire", "--limit", "1")[0]["source"] == "keystone-wire"
    assert _search(capsys, "zebra") == []


def test_table_output_and_paywalled_pages_are_not_indexed(sample_warehouse, capsys):
    assert main(["search", "subscribers"]) == 0
    assert capsys.readouterr().out == "no matches\n"
    assert main(["search", "North Korea troops", "--limit", "2"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(" 1. ") and "(+2 more outlets" in out and "https://" in out


def test_stale_index_is_rebuilt_after_a_lake_commit(sample_warehouse, capsys):
    _search(capsys, "missiles")
    settings = settings_of(sample_warehouse)
    built = read_index_info(settings)
    con = lake.connect(settings)
    try:
        assert built.lake_snapshot == lake.current_snapshot(con)
        con.execute("UPDATE articles SET title = 'Missile launch condemned' WHERE article_id = 'a3'")
        now = lake.current_snapshot(con)
    finally:
        con.close()
    assert main(["search", "launch condemned", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "search index rebuilt" in captured.err
    assert read_index_info(settings).lake_snapshot == now
    assert json.loads(captured.out)[0]["story_id"] == "s3"  # found by its new title
