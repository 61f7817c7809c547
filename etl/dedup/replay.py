"""Day-by-day story assignment over many days, as the stories asset does it one partition at a
time: each day sees the window's stored band keys and reads earlier texts on demand. Used to
evaluate the window and to rebuild a range in a notebook."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import polars as pl

from etl.dedup.assign import STORIES_SCHEMA, assign_stories
from etl.dedup.docs import DedupDoc, clean_docs
from etl.dedup.params import STORY_WINDOW_DAYS


def assign_by_day(docs: Sequence[DedupDoc], window_days: int = STORY_WINDOW_DAYS) -> pl.DataFrame:
    """Stories rows (plus partition_date) for ``docs`` partitioned by UTC publication day, days
    processed in date order; undated documents are left out (they have no partition)."""
    dated = [doc for doc in clean_docs(docs) if doc.published_at is not None]
    texts = {doc.article_id: doc.text for doc in dated}
    by_day: dict = {}
    for doc in dated:
        by_day.setdefault(doc.published_at.date(), []).append(doc)  # type: ignore[union-attr]
    stored: list[pl.DataFrame] = []
    stories: list[pl.DataFrame] = []
    for day in sorted(by_day):
        window = [b for b in stored if day - timedelta(days=window_days) <= b.item(0, "partition_date") < day]
        prior = pl.concat(window) if window else pl.DataFrame()
        result = assign_stories(by_day[day], prior, lambda ids: {i: texts[i] for i in ids if i in texts})
        day_column = pl.lit(day).alias("partition_date")
        stories.append(result.stories.with_columns(day_column))
        if not result.bands.is_empty():
            stored.append(result.bands.with_columns(day_column))
    if not stories:
        return pl.DataFrame(schema={**STORIES_SCHEMA, "partition_date": pl.Date})
    return pl.concat(stories)
