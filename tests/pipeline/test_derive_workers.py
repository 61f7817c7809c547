"""A day's articles, stories and facts are the same rows whatever the number of worker processes
that extract and code them and whatever the size of the batches their texts are read and their
rows spilled in; the spilled rows replace the day through the one write transaction."""

from __future__ import annotations

import polars as pl
import pytest

from etl.derive.articles import derive_articles
from etl.derive.facts import derive_facts
from etl.derive.stories import derive_stories
from etl.rawstore.store import RawStore
from etl.relations import petrarch
from etl.warehouse import lake
from tests.conftest import settings_of


def test_rows_are_the_same_whatever_the_workers_and_batch_size(demo_copy):
    settings = settings_of(demo_copy)
    store = RawStore.from_settings(settings)
    petrarch.use_lexicon_folder(settings.lexicons_dir)
    con = lake.connect(settings, read_only=True)
    try:
        day = con.execute("SELECT partition_date FROM articles WHERE status = 'ok' "
                          "GROUP BY ALL ORDER BY count(*) DESC, partition_date LIMIT 1").fetchone()[0]
        articles_alone, templates_alone = derive_articles(con, day, store, workers=1)
        # One item per worker and per batch: the pool is used however small the demo's day, and
        # every row goes through a spill file of its own.
        articles_pooled, templates_pooled = derive_articles(con, day, store, workers=2, items_per_worker=1, batch_items=1)
        facts_alone, actors_alone = derive_facts(con, day, workers=1)
        facts_pooled, actors_pooled = derive_facts(con, day, workers=2, items_per_worker=1, batch_items=1)
        stories_whole, bands_whole = derive_stories(con, day, settings.spill_dir)
        stories_batched, bands_batched = derive_stories(con, day, settings.spill_dir, batch_docs=1)
    finally:
        con.close()
    assert len(articles_pooled.files) == articles_pooled.height > len(articles_alone.files) == 1
    articles = articles_alone.collect()
    assert articles.filter(articles["status"] == "ok").height >= 2
    assert articles_pooled.collect().equals(articles) and templates_pooled.equals(templates_alone)
    assert facts_alone.height >= 1 and len(facts_pooled.files) > 1
    # Texts are read in no particular order: the same facts, in whatever row order.
    assert facts_pooled.collect().sort("fact_id").equals(facts_alone.collect().sort("fact_id"))
    assert actors_pooled.equals(actors_alone)
    assert stories_whole.get_column("story_id").n_unique() < stories_whole.height  # the demo's copies joined
    assert stories_batched.equals(stories_whole) and bands_batched.collect().equals(bands_whole.collect())

    con = lake.connect(settings)
    try:
        assert lake.write(con, [("articles", articles_pooled, [day])], settings.locks_dir) == {"articles": articles.height}
        stored = con.execute("SELECT * FROM articles WHERE partition_date = ?", [day]).pl()
    finally:
        con.close()
    # DuckDB names the UTC zone Etc/UTC: the same instants.
    assert stored.select(articles.columns).cast(dict(articles.schema)).sort("article_id").equals(articles.sort("article_id"))
    files = articles_pooled.folder
    articles_pooled.discard()
    assert not files.exists()


def test_spilled_rows_that_do_not_match_the_table_are_refused_and_change_nothing(demo_copy):
    settings = settings_of(demo_copy)
    con = lake.connect(settings)
    try:
        day, before = con.execute("SELECT partition_date, count(*) FROM articles GROUP BY 1 ORDER BY 1 LIMIT 1").fetchone()
        rows = lake.SpilledRows({"article_id": pl.String, "partition_date": pl.Date, "headline": pl.String},
                                settings.spill_dir)
        rows.append(pl.DataFrame({"article_id": ["x"], "partition_date": [day], "headline": ["no such column"]}))
        with pytest.raises(ValueError, match=r"unknown \['headline'\]"):
            lake.write(con, [("articles", rows, [day])], settings.locks_dir)
        assert con.execute("SELECT count(*) FROM articles WHERE partition_date = ?", [day]).fetchone()[0] == before
    finally:
        con.close()
