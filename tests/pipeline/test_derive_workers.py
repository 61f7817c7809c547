"""A day's articles and facts are the same rows whatever the number of worker processes that
extract and code them."""

from __future__ import annotations

from etl.derive.articles import derive_articles
from etl.derive.facts import derive_facts
from etl.rawstore.store import RawStore
from etl.relations import petrarch
from etl.warehouse import lake
from tests.conftest import settings_of


def test_rows_are_the_same_whatever_the_number_of_workers(demo_copy):
    settings = settings_of(demo_copy)
    store = RawStore.from_settings(settings)
    petrarch.use_lexicon_folder(settings.lexicons_dir)
    con = lake.connect(settings, read_only=True)
    try:
        day = con.execute("SELECT partition_date FROM articles WHERE status = 'ok' "
                          "GROUP BY ALL ORDER BY count(*) DESC, partition_date LIMIT 1").fetchone()[0]
        articles_alone, templates_alone = derive_articles(con, day, store, workers=1)
        # One item per worker: the pool is used however small the demo's day.
        articles_pooled, templates_pooled = derive_articles(con, day, store, workers=2, items_per_worker=1)
        facts_alone, actors_alone = derive_facts(con, day, workers=1)
        facts_pooled, actors_pooled = derive_facts(con, day, workers=2, items_per_worker=1)
    finally:
        con.close()
    assert articles_alone.filter(articles_alone["status"] == "ok").height >= 2
    assert articles_pooled.equals(articles_alone) and templates_pooled.equals(templates_alone)
    assert facts_alone.height >= 1
    assert facts_pooled.equals(facts_alone) and actors_pooled.equals(actors_alone)
