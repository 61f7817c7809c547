"""stories (and story_bands): the day's articles assigned to story clusters."""

from __future__ import annotations

import datetime as dt

import duckdb
import polars as pl

from etl.dedup import DEDUP_VERSION, STORY_WINDOW_DAYS, DedupDoc, assign_stories
from etl.warehouse.lake import query

_DAY_ARTICLES = """
SELECT article_id, canonical_url, source, published_at, text
FROM articles WHERE partition_date = ? AND status = 'ok' ORDER BY article_id
"""
_PRIOR_BANDS = """
SELECT partition_date, article_id, story_id, band, band_key
FROM story_bands WHERE partition_date BETWEEN ? AND ? AND dedup_version = ?
"""


def derive_stories(con: duckdb.DuckDBPyConnection, day: dt.date) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Returns (stories rows, story_bands rows) for ``day``."""
    docs = [
        DedupDoc(r["article_id"], r["canonical_url"], r["text"], r["published_at"], r["source"])
        for r in query(con, _DAY_ARTICLES, [day]).iter_rows(named=True)
    ]
    prior = query(con, _PRIOR_BANDS, [day - dt.timedelta(days=STORY_WINDOW_DAYS), day - dt.timedelta(days=1), DEDUP_VERSION])

    def load_prior_texts(article_ids: list[str]) -> dict[str, str]:
        found = query(
            con,
            "SELECT article_id, text FROM articles WHERE article_id IN (SELECT unnest(?::VARCHAR[]))",
            [list(article_ids)],
        )
        return dict(found.iter_rows())

    assigned = assign_stories(docs, prior, load_prior_texts)
    stories = assigned.stories.with_columns(
        pl.lit(day).alias("partition_date"), pl.lit(DEDUP_VERSION).alias("dedup_version")
    )
    bands = assigned.bands.with_columns(pl.lit(day).alias("partition_date"), pl.lit(DEDUP_VERSION).alias("dedup_version"))
    return stories, bands
