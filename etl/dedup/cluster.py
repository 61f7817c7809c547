"""Story labels for a plain list of texts: the notebook entry point, on the stories asset's code."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from etl.dedup.assign import assign_stories
from etl.dedup.docs import DedupDoc


def cluster_texts(texts: Sequence[str], sources: Sequence[str] | None = None) -> list[str]:
    """One story label per text; texts with equal labels tell the same story.

    ``sources`` (optional, one per text: the outlet) lets lines an outlet repeats across its
    texts be recognised as boilerplate and ignored.

    A label is the position (zero-padded) of the story's first text in the input. Texts that
    are None, empty or not text are stories of their own. Never raises on bad input.
    """
    try:
        items = list(texts)
    except TypeError:
        return []
    width = len(str(len(items)))
    ids = [str(i).zfill(width) for i in range(len(items))]
    try:
        outlets = list(sources) if sources is not None else []
    except TypeError:
        outlets = []
    outlets += [""] * (len(items) - len(outlets))
    docs = [
        DedupDoc(article_id=i, canonical_url="", text=t, published_at=None, source=s)
        for i, t, s in zip(ids, items, outlets)
    ]
    stories = assign_stories(docs, pl.DataFrame(), lambda _ids: {}).stories
    story_of = dict(zip(stories.get_column("article_id").to_list(), stories.get_column("story_id").to_list()))
    return [story_of[i] for i in ids]
