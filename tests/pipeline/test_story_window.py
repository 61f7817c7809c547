"""Stories of a day read the window's stored band keys from the lake on demand (only the rows
sharing a key with the day's articles) and the day's texts a batch at a time; the stories are
those of the whole window and the whole day held in memory."""

from __future__ import annotations

import datetime as dt

import polars as pl

from etl.dedup import DedupDoc, assign_stories
from etl.derive.stories import derive_stories
from etl.warehouse import lake
from tests.conftest import settings_of
from tests.dedup.labelled import labelled_docs

FIRST, SECOND = dt.date(2025, 6, 1), dt.date(2025, 6, 2)


def _articles(docs: list[dict], day: dt.date) -> pl.DataFrame:
    return pl.DataFrame({
        "article_id": [d["doc_id"] for d in docs],
        "partition_date": [day] * len(docs),
        "url": [f"https://{d['source']}.example/{d['doc_id']}" for d in docs],
        "canonical_url": [f"https://{d['source']}.example/{d['doc_id']}" for d in docs],
        "source": [d["source"] for d in docs],
        "text": [d["text"] for d in docs],
        "published_at": [dt.datetime.combine(day, dt.time(h % 24), dt.timezone.utc) for h in range(len(docs))],
        "capture_id": [d["doc_id"] for d in docs],
        "versions": [1] * len(docs),
        "status": ["ok"] * len(docs),
        "extractor_version": ["test"] * len(docs),
    })


def test_the_window_read_on_demand_gives_the_stories_of_the_whole_window(tmp_path):
    settings = settings_of(tmp_path / "data")
    docs = sorted(labelled_docs(), key=lambda d: d["doc_id"])
    first, second = _articles(docs[::2], FIRST), _articles(docs[1::2], SECOND)
    con = lake.connect(settings)
    try:
        lake.apply_schema(con)
        con.register("incoming", pl.concat([first, second]))
        con.execute("INSERT INTO articles BY NAME SELECT * FROM incoming")
        for day in (FIRST, SECOND):
            stories, bands = derive_stories(con, day, settings.spill_dir, batch_docs=7)
            lake.write(con, [("stories", stories, [day]), ("story_bands", bands, [day])], settings.locks_dir)
        stored = con.execute("SELECT * FROM stories WHERE partition_date = ? ORDER BY story_id, article_id", [SECOND]).pl()
        window = con.execute("SELECT partition_date, article_id, story_id, band, band_key FROM story_bands "
                             "WHERE partition_date = ?", [FIRST]).pl()
        # Derived again, a batch of 7 texts at a time, the day reuses its stored keys: the same rows.
        stored_bands = con.execute("SELECT * FROM story_bands WHERE partition_date = ?", [SECOND]).pl()
        again, again_bands = derive_stories(con, SECOND, settings.spill_dir, batch_docs=7)
        again_bands = again_bands.collect()
    finally:
        con.close()
    texts = dict(zip(first["article_id"], first["text"]))
    whole = assign_stories(
        [DedupDoc(r["article_id"], r["canonical_url"], r["text"], r["published_at"], r["source"])
         for r in second.iter_rows(named=True)],
        window, lambda ids: {i: texts[i] for i in ids if i in texts},
    ).stories
    assert stored.select(whole.columns).equals(whole)
    assert again.select(stored.columns).sort("story_id", "article_id").equals(stored)
    assert again_bands.select(stored_bands.columns).sort(stored_bands.columns).equals(stored_bands.sort(stored_bands.columns))
    joined = stored.filter(pl.col("story_id").is_in(first["article_id"].implode()))
    assert joined.height >= 5  # articles of the second day joined the first day's stories
