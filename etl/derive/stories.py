"""stories (and story_bands): the day's articles assigned to story clusters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import duckdb
import polars as pl

from etl.dedup import DEDUP_VERSION, STORY_WINDOW_DAYS, DedupDoc, assign_stories
from etl.dedup.assign import BANDS_SCHEMA, BATCH_DOCS, StoredKeys, StoredWindow
from etl.dedup.params import FINGERPRINT_BAND, LINE_BAND, SAMPLE_BAND, TEXT_KEY_BAND
from etl.warehouse.lake import LIST_PARAM, SpilledRows, list_param, query

# The day's articles without their texts, which are read a batch at a time (_DAY_TEXTS).
_DAY_ARTICLES = """
SELECT article_id, canonical_url, source, published_at
FROM articles WHERE partition_date = ? AND status = 'ok' ORDER BY article_id
"""
# In no particular order: stories do not depend on it, and ORDER BY would make DuckDB hold
# every text of the day to sort them before the first batch.
_DAY_TEXTS = """
SELECT article_id, text FROM articles WHERE partition_date = ? AND status = 'ok'
"""
# The window's stored band rows, read on demand (see etl.dedup.assign.StoredWindow).
_WINDOW_DAYS = "partition_date BETWEEN ? AND ?"
_IN_WINDOW = f"{_WINDOW_DAYS} AND dedup_version = ?"
_WINDOW_ARTICLES = f"SELECT DISTINCT partition_date, article_id, story_id FROM story_bands WHERE {_IN_WINDOW}"
_WINDOW_SAMPLES = f"""
SELECT article_id, count(DISTINCT band_key) AS samples FROM story_bands
WHERE {_IN_WINDOW} AND band = {SAMPLE_BAND} GROUP BY article_id
"""
_WINDOW_ROWS_WITH_KEYS = f"""
SELECT s.partition_date, s.article_id, s.story_id, s.band, s.band_key
FROM story_bands s SEMI JOIN _wanted_keys w ON s.band = w.band AND s.band_key = w.band_key
WHERE {_IN_WINDOW}
"""
# The day's own rows from its previous derive (see etl.dedup.assign.StoredKeys): the keys of an
# article whose text key is unchanged are reused instead of hashing its text again.
_IN_DAY = "partition_date = ? AND dedup_version = ?"
_DAY_TEXT_KEYS = f"SELECT article_id, band_key AS text_key FROM story_bands WHERE {_IN_DAY} AND band = {TEXT_KEY_BAND}"
_DAY_STORED_KEYS = f"""
SELECT article_id, band, band_key FROM story_bands
WHERE {_IN_DAY} AND band NOT IN ({LINE_BAND}, {TEXT_KEY_BAND}) AND article_id IN (SELECT unnest({LIST_PARAM}))
"""
# The window's fingerprints of the earlier articles whose text key is unchanged (StoredWindow).
_WINDOW_FINGERPRINTS = f"""
SELECT s.article_id, s.band, s.band_key FROM story_bands s
SEMI JOIN (SELECT k.partition_date, k.article_id FROM story_bands k
           JOIN _asked_keys t ON k.article_id = t.article_id AND k.band_key = t.text_key
           WHERE k.{_IN_WINDOW} AND k.band = {TEXT_KEY_BAND}) k USING (partition_date, article_id)
WHERE s.{_IN_WINDOW} AND s.band = {FINGERPRINT_BAND}
"""
# Texts of the window's articles, by id: only the window's days are read.
_WINDOW_TEXTS = f"""
SELECT article_id, text FROM articles
WHERE {_WINDOW_DAYS} AND article_id IN (SELECT unnest({LIST_PARAM}))
"""
STORY_BANDS_SCHEMA = {**BANDS_SCHEMA, "partition_date": pl.Date, "dedup_version": pl.String}


def derive_stories(con: duckdb.DuckDBPyConnection, day: dt.date, spill_dir: Path | None = None,
                   batch_docs: int = BATCH_DOCS) -> tuple[pl.DataFrame, SpilledRows]:
    """Returns (stories rows, story_bands rows) for ``day``: the day's texts are read
    ``batch_docs`` at a time and the band rows spilled to Parquet in ``spill_dir``. The keys
    the day's previous derive stored for an article whose text is unchanged are reused."""
    docs = [
        DedupDoc(r["article_id"], r["canonical_url"], "", r["published_at"], r["source"])
        for r in query(con, _DAY_ARTICLES, [day]).iter_rows(named=True)
    ]
    window_days = [day - dt.timedelta(days=STORY_WINDOW_DAYS), day - dt.timedelta(days=1)]
    in_window = [*window_days, DEDUP_VERSION]

    def query_with(name: str, frame: pl.DataFrame, sql: str, parameters: list) -> pl.DataFrame:
        con.register(name, frame)
        try:
            return query(con, sql, parameters)
        finally:
            con.unregister(name)

    prior = StoredWindow(query(con, _WINDOW_ARTICLES, in_window), query(con, _WINDOW_SAMPLES, in_window),
                         lambda wanted: query_with("_wanted_keys", wanted, _WINDOW_ROWS_WITH_KEYS, in_window),
                         lambda asked: query_with("_asked_keys", asked, _WINDOW_FINGERPRINTS, in_window * 2))

    def day_texts() -> Iterator[list[tuple[str, str]]]:
        for batch in con.execute(_DAY_TEXTS, [day]).to_arrow_reader(batch_docs):
            yield list(zip(batch.column("article_id").to_pylist(), batch.column("text").to_pylist()))

    def load_prior_texts(article_ids: list[str]) -> dict[str, str]:
        return dict(query(con, _WINDOW_TEXTS, [*window_days, list_param(article_ids)]).iter_rows())

    in_day = [day, DEDUP_VERSION]
    stored = StoredKeys(query(con, _DAY_TEXT_KEYS, in_day), lambda ids: query(con, _DAY_STORED_KEYS, [*in_day, list_param(ids)]))
    day_columns = (pl.lit(day).alias("partition_date"), pl.lit(DEDUP_VERSION).alias("dedup_version"))
    bands = SpilledRows(STORY_BANDS_SCHEMA, spill_dir)
    assigned = assign_stories(docs, prior, load_prior_texts, day_texts,
                              lambda rows: bands.append(rows.with_columns(*day_columns)), spill_dir, batch_docs,
                              stored)
    return assigned.stories.with_columns(*day_columns), bands
