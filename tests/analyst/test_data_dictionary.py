"""The data dictionary is complete, current and the same everywhere: in the lake's comments,
in Dagster's column schemas and on docs/data-dictionary.md."""

from __future__ import annotations

import dagster as dg
import pytest

from etl.analyst import dictionary
from etl.analyst.dictionary import PAGE, DictionaryError, lineage, relations, render_page


def test_every_table_view_and_column_is_described():
    described = relations()
    assert sum(r.kind == "table" for r in described.values()) == 12
    assert sum(r.kind == "view" for r in described.values()) == 12
    assert all(r.description for r in described.values())
    assert all(c.description for r in described.values() for c in r.columns)


def test_a_missing_or_stale_description_is_refused(tmp_path, monkeypatch):
    text = dictionary.DICTIONARY_FILE.read_text()
    broken = tmp_path / "dictionary.yaml"
    broken.write_text(text.replace("      byline: Author line.\n", "      bylines: Author line.\n"))
    monkeypatch.setattr(dictionary, "DICTIONARY_FILE", broken)
    relations.cache_clear()
    try:
        with pytest.raises(DictionaryError) as raised:
            relations()
    finally:
        relations.cache_clear()
    assert "articles.byline has no description" in str(raised.value)
    assert "articles.bylines is described but does not exist" in str(raised.value)


def test_the_page_is_current():
    from etl.definitions import defs

    assert PAGE.read_text(encoding="utf-8") == render_page(lineage(defs)), \
        "docs/data-dictionary.md is out of date: run python -m etl.cli.data_dictionary"


def test_dagster_shows_the_same_descriptions_and_the_views():
    from etl.definitions import defs

    graph = defs.resolve_asset_graph()
    for relation in relations().values():
        node = graph.get(dg.AssetKey(relation.name))
        schema = node.metadata["dagster/column_schema"]
        assert [(c.name, c.description) for c in schema.columns] == \
            [(c.name, c.description) for c in relation.columns], relation.name
        if relation.kind == "view":
            assert node.group_name == "views" and not node.is_materializable
    assert graph.get(dg.AssetKey("dyad_weekly")).parent_keys == {dg.AssetKey("dyad_periods")}
    # Every table is an asset, those written in one step with another (actors with the facts) too.
    assert graph.get(dg.AssetKey("fact_country_pairs")).parent_keys == {dg.AssetKey("actors"), dg.AssetKey("fact_evidence")}


def test_the_demo_lake_carries_the_descriptions_and_reapplying_adds_no_snapshot(demo_copy):
    from etl.definitions.resources import WarehouseResource
    from etl.warehouse.lake import current_snapshot, query
    from tests.conftest import settings_resource

    warehouse = WarehouseResource(settings=settings_resource(demo_copy))

    with warehouse.connect() as con:
        before = current_snapshot(con)
        tables = dict(query(con, "SELECT table_name, comment FROM duckdb_tables() WHERE database_name = 'lake'").rows())
        views = dict(query(con, "SELECT view_name, comment FROM duckdb_views() WHERE database_name = 'lake' "
                                "AND NOT internal").rows())
        columns = {(t, c): text for t, c, text in query(
            con, "SELECT table_name, column_name, comment FROM duckdb_columns() WHERE database_name = 'lake'").rows()}
    with warehouse.connect() as con:
        assert current_snapshot(con) == before
    for relation in relations().values():
        if relation.kind == "table":
            assert tables[relation.name] == relation.description
            for column in relation.columns:
                assert columns[relation.name, column.name] == column.description, (relation.name, column.name)
        else:
            assert views[relation.name].startswith(relation.description)


def test_what_the_dictionary_says_of_imported_records_is_what_an_import_writes(tmp_path):
    import datetime as dt

    from etl.capture.state import CaptureState
    from etl.capture.warc_import import import_warc
    from etl.rawstore.store import RawStore
    from tests.conftest import settings_of
    from tests.pipeline.imported_pages import REPORTS, write_warc

    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, [(REPORTS[0], 0, dt.datetime(2024, 10, 1, 6, tzinfo=dt.timezone.utc))])
    settings = settings_of(tmp_path / "data")
    result = import_warc([warc], RawStore.from_settings(settings), settings, CaptureState.empty())
    (capture,), (entry,) = result.captures.to_dicts(), result.entries.to_dicts()
    described = relations()
    says = {(table, column): text for table in ("captures", "feed_entries")
            for column, text in ((c.name, c.description) for c in described[table].columns)}
    for table, row in (("captures", capture), ("feed_entries", entry)):
        assert row["feed_name"] and f"'{row['feed_name']}'" in says[table, "feed_name"], (table, row["feed_name"])
        assert row["entry_key"] and "NULL" not in says[table, "entry_key"]
    assert capture["entry_key"] == entry["entry_key"]
